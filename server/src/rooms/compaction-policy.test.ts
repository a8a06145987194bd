import { describe, expect, it } from 'vitest'
import {
  type CompactionPolicy,
  dueAfterUpdate,
  dueWhenQuiet,
  type LogState,
} from './compaction-policy.ts'

const policy: CompactionPolicy = { everyUpdates: 10_000, minLogBytes: 1_000_000, quietMs: 10_000 }
const log = (updates: number, logBytes: number, snapshotBytes: number): LogState => ({
  updates,
  logBytes,
  snapshotBytes,
})

describe('dueAfterUpdate', () => {
  it.each([
    ['an empty log', log(0, 0, 0), false],
    ['a small log on a new board', log(500, 350_000, 0), false],
    ['a log past the minimum on a small board', log(1_500, 1_000_000, 60_000), true],
    // A 10,000-sticky board (~5.5 MB) is not rewritten after every megabyte of moves.
    ['a big board whose log is smaller than its snapshot', log(3_000, 2_000_000, 5_500_000), false],
    ['a big board whose log reached its snapshot', log(8_000, 5_500_000, 5_500_000), true],
    ['many tiny updates', log(10_000, 200_000, 60_000), true],
  ])('%s → %s', (_name, state, expected) => {
    expect(dueAfterUpdate(state, policy)).toBe(expected)
  })
})

describe('dueWhenQuiet', () => {
  it('folds a room with logged updates once nobody has edited it for the quiet time', () => {
    expect(dueWhenQuiet(log(3, 2_000, 60_000), 10_000, policy)).toBe(true)
    expect(dueWhenQuiet(log(3, 2_000, 60_000), 9_999, policy)).toBe(false)
  })

  it('leaves a room with nothing logged alone', () => {
    expect(dueWhenQuiet(log(0, 0, 60_000), 60_000, policy)).toBe(false)
  })
})
