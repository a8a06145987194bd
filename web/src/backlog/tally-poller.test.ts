import type { Tally } from '@stormline/shared/api/types'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTallyPoller } from './tally-poller.ts'

const tallyOf = (voters: number): Tally => ({
  vote: { round: 1, status: 'open', voters, dots: {} },
  ballots: {},
  silentWriting: { writers: 0, drafts: 0 },
  presentWithoutStickies: 0,
})

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('tally poller', () => {
  it('asks nothing until something wants the counts, then polls every interval', async () => {
    let voters = 0
    const fetchTally = vi.fn(async () => tallyOf(++voters))
    const poller = createTallyPoller({ fetchTally, intervalMs: 2000 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchTally).not.toHaveBeenCalled()

    const release = poller.demand()
    await vi.advanceTimersByTimeAsync(0)
    // At once, not after a whole interval.
    expect(fetchTally).toHaveBeenCalledTimes(1)
    expect(poller.tally.get()?.vote.voters).toBe(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetchTally).toHaveBeenCalledTimes(2)
    expect(poller.tally.get()?.vote.voters).toBe(2)

    release()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchTally).toHaveBeenCalledTimes(2)
    poller.dispose()
  })

  it('shares one poll between several panels and stops when the last lets go', async () => {
    const fetchTally = vi.fn(async () => tallyOf(1))
    const poller = createTallyPoller({ fetchTally, intervalMs: 2000 })
    const first = poller.demand()
    const second = poller.demand()
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetchTally).toHaveBeenCalledTimes(2)
    first()
    // Letting go twice counts once.
    first()
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetchTally).toHaveBeenCalledTimes(3)
    second()
    await vi.advanceTimersByTimeAsync(6000)
    expect(fetchTally).toHaveBeenCalledTimes(3)
    poller.dispose()
  })

  it('never asks again before the previous answer is in', async () => {
    let answer: (tally: Tally) => void = () => {}
    const fetchTally = vi.fn(
      () =>
        new Promise<Tally>((resolve) => {
          answer = resolve
        }),
    )
    const poller = createTallyPoller({ fetchTally, intervalMs: 2000 })
    const release = poller.demand()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fetchTally).toHaveBeenCalledTimes(1)
    answer(tallyOf(3))
    await vi.advanceTimersByTimeAsync(2000)
    expect(fetchTally).toHaveBeenCalledTimes(2)
    release()
    poller.dispose()
  })

  it('drops the counts when the server refuses them, and keeps them through a network error', async () => {
    let outcome: 'ok' | 'refused' | 'offline' = 'ok'
    const refused = new Error('refused')
    const fetchTally = vi.fn(async () => {
      if (outcome === 'refused') throw refused
      if (outcome === 'offline') throw new Error('offline')
      return tallyOf(2)
    })
    const poller = createTallyPoller({
      fetchTally,
      intervalMs: 2000,
      isRefusal: (error) => error === refused,
    })
    const release = poller.demand()
    await vi.advanceTimersByTimeAsync(0)
    expect(poller.tally.get()).not.toBeNull()
    outcome = 'offline'
    await vi.advanceTimersByTimeAsync(2000)
    expect(poller.tally.get()).not.toBeNull()
    outcome = 'refused'
    await vi.advanceTimersByTimeAsync(2000)
    expect(poller.tally.get()).toBeNull()
    release()
    poller.dispose()
  })
})
