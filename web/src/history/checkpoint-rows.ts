import type { BoardRole } from '@stormline/shared/access/roles'
import type { CheckpointKind, CheckpointSummary } from '@stormline/shared/history/history-api'
import { timeAgo } from '../home/opened-ago.ts'

/**
 * What the History section shows of each checkpoint, and what it offers to whom. The server
 * enforces the roles; the list only leaves out what would be refused.
 */

/** Why a checkpoint exists, said in words. */
export const checkpointKindLabel: Record<CheckpointKind, string> = {
  auto: 'Automatic',
  named: 'Saved by hand',
  'before-restore': 'Before restore',
}

export interface CheckpointRow {
  id: string
  name: string
  kind: CheckpointKind
  /** "Saved by hand · 5 minutes ago · 4 stickies". */
  details: string
  /** The exact time, for a tooltip beside the relative one. */
  takenAt: string
  /** Restoring is the facilitator's. */
  canRestore: boolean
  /** A restore not undone yet can be undone from the checkpoint taken just before it. */
  canUndoRestore: boolean
  /** The facilitator may delete a checkpoint saved by hand; the others go by retention. */
  canDelete: boolean
}

export function stickyCountText(count: number): string {
  return `${count} ${count === 1 ? 'sticky' : 'stickies'}`
}

/** Milliseconds since the epoch, or null for a date the server should never send. */
function timeOf(iso: string): number | null {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? null : time
}

/**
 * Newest first whatever order the list came in (the server already sends it so; a list merged
 * with a just-saved checkpoint may not be). Equal times keep their order.
 */
export function newestFirst(checkpoints: readonly CheckpointSummary[]): CheckpointSummary[] {
  return [...checkpoints].sort((a, b) => (timeOf(b.createdAt) ?? 0) - (timeOf(a.createdAt) ?? 0))
}

export function checkpointRows(
  checkpoints: readonly CheckpointSummary[],
  role: BoardRole,
  now: number,
): CheckpointRow[] {
  const facilitator = role === 'facilitator'
  return newestFirst(checkpoints).map((checkpoint) => {
    const time = timeOf(checkpoint.createdAt)
    return {
      id: checkpoint.id,
      name: checkpoint.name,
      kind: checkpoint.kind,
      details: [
        checkpointKindLabel[checkpoint.kind],
        time === null ? null : timeAgo(time, now),
        stickyCountText(checkpoint.stickyCount),
      ]
        .filter((part) => part !== null)
        .join(' · '),
      takenAt: time === null ? '' : new Date(time).toLocaleString(),
      canRestore: facilitator,
      canUndoRestore:
        facilitator && checkpoint.kind === 'before-restore' && checkpoint.undone !== true,
      canDelete: facilitator && checkpoint.kind === 'named',
    }
  })
}

/** Whether this role may save a named checkpoint (everyone but viewers). */
export function canSaveCheckpoint(role: BoardRole): boolean {
  return role !== 'viewer'
}

/**
 * How long the server keeps checkpoints (the operator's retention): the newest `keepAuto`
 * automatic ones, and automatic and before-restore ones for `keepDays`; named ones until deleted.
 */
export function retentionText(retention: { keepAuto: number; keepDays: number }): string {
  const { keepAuto, keepDays } = retention
  const automatic = `${keepAuto} automatic ${keepAuto === 1 ? 'checkpoint' : 'checkpoints'}`
  const days = `${keepDays} ${keepDays === 1 ? 'day' : 'days'}`
  return `Kept: the newest ${automatic}, and those taken before a restore, for up to ${days}; named ones until deleted.`
}
