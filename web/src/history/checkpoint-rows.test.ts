import type { CheckpointSummary } from '@stormline/shared/history/history-api'
import { describe, expect, it } from 'vitest'
import {
  canSaveCheckpoint,
  checkpointKindLabel,
  checkpointRows,
  newestFirst,
  retentionText,
  stickyCountText,
} from './checkpoint-rows.ts'

const now = Date.UTC(2026, 11, 6, 10, 0, 0)
const minute = 60_000
const at = (minutesAgo: number): string => new Date(now - minutesAgo * minute).toISOString()

const named: CheckpointSummary = {
  id: 'c-named',
  kind: 'named',
  name: 'Before clustering',
  createdAt: at(5),
  stickyCount: 4,
}
const auto: CheckpointSummary = {
  id: 'c-auto',
  kind: 'auto',
  name: 'Automatic 09:30',
  createdAt: at(30),
  stickyCount: 1,
}
const beforeRestore: CheckpointSummary = {
  id: 'c-before',
  kind: 'before-restore',
  name: 'Before restoring Before clustering',
  createdAt: at(1),
  stickyCount: 5,
  restoredFrom: 'c-named',
  undone: false,
}

describe('the history list', () => {
  it('shows the newest checkpoint first, whatever order they came in', () => {
    expect(newestFirst([auto, beforeRestore, named]).map((c) => c.id)).toEqual([
      'c-before',
      'c-named',
      'c-auto',
    ])
  })

  it('says why each checkpoint exists, how long ago, and how many stickies it holds', () => {
    const rows = checkpointRows([named, auto, beforeRestore], 'participant', now)
    expect(rows.map((row) => row.details)).toEqual([
      'Before restore · 1 minute ago · 5 stickies',
      'Saved by hand · 5 minutes ago · 4 stickies',
      'Automatic · 30 minutes ago · 1 sticky',
    ])
    expect(Object.values(checkpointKindLabel)).toEqual([
      'Automatic',
      'Saved by hand',
      'Before restore',
    ])
  })

  it('offers restore and undo to the facilitator only', () => {
    for (const role of ['participant', 'viewer'] as const) {
      const rows = checkpointRows([named, beforeRestore], role, now)
      expect(rows.some((row) => row.canRestore || row.canUndoRestore)).toBe(false)
    }
    const rows = checkpointRows([named, beforeRestore], 'facilitator', now)
    expect(rows.map((row) => [row.id, row.canRestore, row.canUndoRestore])).toEqual([
      ['c-before', true, true],
      ['c-named', true, false],
    ])
  })

  it('offers to delete only checkpoints saved by hand, and only to the facilitator', () => {
    for (const role of ['participant', 'viewer'] as const) {
      const rows = checkpointRows([named, auto, beforeRestore], role, now)
      expect(rows.some((row) => row.canDelete)).toBe(false)
    }
    const rows = checkpointRows([named, auto, beforeRestore], 'facilitator', now)
    expect(rows.map((row) => [row.id, row.canDelete])).toEqual([
      ['c-before', false],
      ['c-named', true],
      ['c-auto', false],
    ])
  })

  it('no longer offers to undo a restore that was undone already', () => {
    const rows = checkpointRows([{ ...beforeRestore, undone: true }], 'facilitator', now)
    expect(rows[0]?.canUndoRestore).toBe(false)
  })

  it('still lists a checkpoint whose date it cannot read, without a time', () => {
    const rows = checkpointRows([{ ...named, createdAt: 'not a date' }], 'viewer', now)
    expect(rows[0]?.details).toBe('Saved by hand · 4 stickies')
    expect(rows[0]?.takenAt).toBe('')
  })

  it('lets everyone but viewers save a checkpoint', () => {
    expect(canSaveCheckpoint('facilitator')).toBe(true)
    expect(canSaveCheckpoint('participant')).toBe(true)
    expect(canSaveCheckpoint('viewer')).toBe(false)
  })

  it('counts stickies and states the retention in words', () => {
    expect(stickyCountText(0)).toBe('0 stickies')
    expect(stickyCountText(1)).toBe('1 sticky')
    expect(retentionText({ keepAuto: 50, keepDays: 30 })).toBe(
      'Kept: the newest 50 automatic checkpoints, and those taken before a restore, for up to 30 days; named ones until deleted.',
    )
    expect(retentionText({ keepAuto: 1, keepDays: 1 })).toMatch(
      /newest 1 automatic checkpoint,.* 1 day;/,
    )
  })
})
