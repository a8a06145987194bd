import { describe, expect, it } from 'vitest'
import { createAckSchedule } from './ack-schedule.ts'
import { ManualTimers } from './manual-timers.ts'

function setup() {
  const timers = new ManualTimers()
  const sentAt: number[] = []
  const schedule = createAckSchedule({
    intervalMs: 200,
    timers,
    send: () => sentAt.push(timers.now()),
  })
  return { timers, sentAt, schedule }
}

describe('createAckSchedule (ACK-1)', () => {
  it('acknowledges a lone stored update on the next turn', () => {
    const { timers, sentAt, schedule } = setup()
    schedule.stored()
    expect(sentAt).toEqual([])
    timers.advance(0)
    expect(sentAt).toEqual([0])
  })

  it('sends one acknowledgement for a burst stored in one turn', () => {
    const { timers, sentAt, schedule } = setup()
    for (let i = 0; i < 50; i++) schedule.stored()
    timers.advance(1_000)
    expect(sentAt).toEqual([0])
  })

  it('sends at most one per interval while updates keep coming, and always a trailing one', () => {
    const { timers, sentAt, schedule } = setup()
    // A drag: an update stored every 16 ms for one second, the last at 992 ms.
    for (let t = 0; t < 1_000; t += 16) {
      timers.advance(t - timers.now())
      schedule.stored()
    }
    timers.advance(1_000)
    expect(sentAt).toEqual([0, 200, 400, 600, 800, 1_000])
    const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] as number))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200)
    // The last update (992 ms) was stored before the last acknowledgement (1,000 ms).
    expect(sentAt.at(-1)).toBeGreaterThanOrEqual(992)
  })

  it('acknowledges an update stored long after the previous one without waiting', () => {
    const { timers, sentAt, schedule } = setup()
    schedule.stored()
    timers.advance(5_000)
    schedule.stored()
    timers.advance(0)
    expect(sentAt).toEqual([0, 5_000])
  })

  it('waits out the interval for an update stored right after an acknowledgement', () => {
    const { timers, sentAt, schedule } = setup()
    schedule.stored()
    timers.advance(50)
    schedule.stored()
    timers.advance(149)
    expect(sentAt).toEqual([0])
    timers.advance(1)
    expect(sentAt).toEqual([0, 200])
  })

  it('cancels its timer and sends nothing once disposed', () => {
    const { timers, sentAt, schedule } = setup()
    schedule.stored()
    schedule.dispose()
    expect(timers.scheduled).toBe(0)
    schedule.stored()
    timers.advance(1_000)
    expect(sentAt).toEqual([])
    schedule.dispose()
  })
})
