import { describe, expect, it } from 'vitest'
import { ManualTimers } from './manual-timers.ts'
import {
  createInboundQueue,
  createTokenBucket,
  type InboundQueueOptions,
  type RateLimit,
  type ThrottleEpisode,
} from './rate-limit.ts'

describe('createTokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0
    const bucket = createTokenBucket({ perSecond: 10, burst: 3 }, () => now)
    const take = (): boolean => bucket.take()
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false])
    expect(bucket.msUntilToken()).toBe(100)
    now = 100 // one token back after 100 ms at 10/s
    expect([take(), take()]).toEqual([true, false])
    now = 10_000 // never more than the burst
    expect([take(), take(), take(), take()]).toEqual([true, true, true, false])
  })
})

function setup(limit: Partial<RateLimit> = {}) {
  const timers = new ManualTimers()
  const delivered: number[] = []
  const events: string[] = []
  const episodes: ThrottleEpisode[] = []
  let overflowed: number | null = null
  const options: InboundQueueOptions = {
    limit: { perSecond: 10, burst: 3, queueBytes: 100, ...limit },
    timers,
    deliver: (message) => delivered.push(message[0] ?? -1),
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
    overflow: (bytes) => {
      overflowed = bytes
    },
    drained: (episode) => episodes.push(episode),
  }
  const queue = createInboundQueue(options)
  const push = (id: number, bytes = 1): void => {
    const message = new Uint8Array(bytes)
    message[0] = id
    queue.push(message)
  }
  return {
    timers,
    delivered,
    events,
    episodes,
    queue,
    push,
    options,
    overflowed: () => overflowed,
  }
}

describe('createInboundQueue (BAD-2)', () => {
  it('delivers within the budget at once, without pausing', () => {
    const { push, delivered, events, timers } = setup()
    push(1)
    push(2)
    push(3)
    expect(delivered).toEqual([1, 2, 3])
    expect(events).toEqual([])
    expect(timers.scheduled).toBe(0)
  })

  it('queues past the budget, pauses the socket, and delivers in order as tokens come back', () => {
    const { push, delivered, events, episodes, timers, queue } = setup()
    for (let id = 1; id <= 8; id++) push(id)
    expect(delivered).toEqual([1, 2, 3])
    expect(events).toEqual(['pause'])
    expect(queue.queuedMessages).toBe(5)

    timers.advance(100) // one token at 10/s
    expect(delivered).toEqual([1, 2, 3, 4])
    timers.advance(250)
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6])
    expect(events).toEqual(['pause'])

    timers.advance(200)
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(events).toEqual(['pause', 'resume'])
    expect(episodes).toEqual([{ queued: 5, peakBytes: 5, ms: 500 }])
    expect(timers.scheduled).toBe(0)
  })

  it('never lets a new message overtake queued ones, even when a token is there', () => {
    const { push, delivered, timers } = setup()
    for (let id = 1; id <= 5; id++) push(id)
    expect(delivered).toEqual([1, 2, 3])
    timers.advance(99)
    push(6)
    expect(delivered).toEqual([1, 2, 3])
    timers.advance(1_000)
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('keeps order when delivering a message makes the peer send another (re-entrant push)', () => {
    const { push, delivered, timers, options } = setup()
    const deliver = options.deliver
    options.deliver = (message) => {
      deliver(message)
      if (message[0] === 4) push(40)
    }
    for (let id = 1; id <= 5; id++) push(id)
    timers.advance(1_000)
    expect(delivered).toEqual([1, 2, 3, 4, 5, 40])
  })

  it('closes (overflow) only when the queued bytes pass the bound, and stops everything', () => {
    const { push, delivered, timers, overflowed, queue } = setup({ queueBytes: 100 })
    for (let id = 1; id <= 3; id++) push(id)
    push(4, 60)
    push(5, 40)
    expect(overflowed()).toBeNull()
    push(6, 1)
    expect(overflowed()).toBe(101)
    expect(queue.queuedBytes).toBe(0)
    push(7)
    timers.advance(10_000)
    expect(delivered).toEqual([1, 2, 3])
    expect(timers.scheduled).toBe(0)
  })

  it('accepts one message larger than the bound: the frame size limit bounds it', () => {
    const { push, delivered, timers, overflowed } = setup({ queueBytes: 100 })
    for (let id = 1; id <= 3; id++) push(id)
    push(4, 500)
    expect(overflowed()).toBeNull()
    timers.advance(100)
    expect(delivered).toEqual([1, 2, 3, 4])
  })

  it('drops what waits and cancels its timer when disposed', () => {
    const { push, delivered, timers, queue, episodes } = setup()
    for (let id = 1; id <= 6; id++) push(id)
    queue.dispose()
    queue.dispose()
    expect(timers.scheduled).toBe(0)
    push(7)
    timers.advance(10_000)
    expect(delivered).toEqual([1, 2, 3])
    expect(episodes).toEqual([])
  })

  it('stops delivering at once when a delivery ends the connection', () => {
    const { push, delivered, timers, queue, options } = setup()
    const deliver = options.deliver
    options.deliver = (message) => {
      deliver(message)
      if (message[0] === 4) queue.dispose()
    }
    for (let id = 1; id <= 6; id++) push(id)
    timers.advance(10_000)
    expect(delivered).toEqual([1, 2, 3, 4])
  })
})
