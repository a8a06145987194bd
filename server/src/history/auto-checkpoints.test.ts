import { describe, expect, it } from 'vitest'
import { BoardNotFoundError } from '../boards/board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import { ManualTimers } from '../rooms/manual-timers.ts'
import { AutoCheckpoints } from './auto-checkpoints.ts'

const minute = 60_000
const interval = 10 * minute

/** Automatic checkpoints on a manual clock; each take is recorded and answered as the test says. */
function setup(answer: (boardId: string) => Promise<unknown> = () => Promise.resolve()) {
  const timers = new ManualTimers()
  const taken: { boardId: string; dirtySince: number; at: number }[] = []
  const auto = new AutoCheckpoints({
    intervalMs: interval,
    timers,
    logger: silentLogger,
    take: (boardId, dirtySince) => {
      taken.push({ boardId, dirtySince, at: timers.now() })
      return answer(boardId)
    },
  })
  return { timers, taken, auto }
}

/** Lets settled takes report back (their answers are promises). */
const flush = () => new Promise((resolve) => setImmediate(resolve))

describe('AutoCheckpoints', () => {
  it('takes none on a board nobody changes', async () => {
    const { timers, taken, auto } = setup()
    auto.idle('b1')
    timers.advance(5 * interval)
    await flush()
    expect(taken).toEqual([])
  })

  it('takes one per interval of steady activity, and none once it stops', async () => {
    const { timers, taken, auto } = setup()
    for (let m = 0; m < 35; m++) {
      auto.changed('b1')
      timers.advance(minute)
      await flush()
    }
    expect(taken.map((t) => [t.dirtySince / minute, t.at / minute])).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
    ])
    // Changes at 30..34 are due at 40; after that, quiet.
    timers.advance(5 * interval)
    await flush()
    expect(taken.map((t) => t.at / minute)).toEqual([10, 20, 30, 40])
  })

  it('takes one when the last person leaves a changed board, and none when it was unchanged', async () => {
    const { timers, taken, auto } = setup()
    auto.changed('b1')
    timers.advance(3 * minute)
    auto.idle('b1')
    await flush()
    expect(taken).toEqual([{ boardId: 'b1', dirtySince: 0, at: 3 * minute }])
    auto.idle('b1')
    timers.advance(2 * interval)
    await flush()
    expect(taken).toHaveLength(1)
    expect(auto.dirtyBoards).toEqual([])
  })

  it('keeps changes made while a checkpoint is being taken for the next one', async () => {
    let release = (): void => {}
    const { timers, taken, auto } = setup(
      () =>
        new Promise((resolve) => {
          release = () => resolve(undefined)
        }),
    )
    auto.changed('b1')
    timers.advance(interval)
    expect(taken).toHaveLength(1)
    timers.advance(minute)
    auto.changed('b1')
    release()
    await flush()
    expect(auto.dirtyBoards).toEqual(['b1'])
    timers.advance(interval)
    await flush()
    expect(taken.map((t) => t.dirtySince / minute)).toEqual([0, 11])
  })

  it('tries a failed checkpoint again an interval later, and forgets a deleted board', async () => {
    const failures = new Map<string, unknown>([
      ['flaky', new Error('store unavailable')],
      ['gone', new BoardNotFoundError('gone')],
    ])
    const { timers, taken, auto } = setup((boardId) => {
      const failure = failures.get(boardId)
      failures.delete(boardId)
      return failure ? Promise.reject(failure) : Promise.resolve()
    })
    auto.changed('flaky')
    auto.changed('gone')
    timers.advance(interval)
    await flush()
    expect(auto.dirtyBoards).toEqual(['flaky'])
    timers.advance(interval - 1)
    await flush()
    expect(taken.map((t) => t.boardId)).toEqual(['flaky', 'gone'])
    timers.advance(1)
    await flush()
    expect(taken.map((t) => t.boardId)).toEqual(['flaky', 'gone', 'flaky'])
    expect(auto.dirtyBoards).toEqual([])
  })

  it('takes none when switched off (interval 0) or closed', async () => {
    const timers = new ManualTimers()
    const taken: string[] = []
    const off = new AutoCheckpoints({
      intervalMs: 0,
      timers,
      logger: silentLogger,
      take: (boardId) => {
        taken.push(boardId)
        return Promise.resolve()
      },
    })
    off.changed('b1')
    off.idle('b1')
    const { auto, timers: clock, taken: closedTaken } = setup()
    auto.changed('b1')
    auto.close()
    clock.advance(2 * interval)
    timers.advance(2 * interval)
    await flush()
    expect([taken, closedTaken, clock.scheduled]).toEqual([[], [], 0])
  })
})
