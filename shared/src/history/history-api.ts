import type { ApiErrorBody } from '../api/types.ts'

/**
 * Board history (issue #16): checkpoints of a board's shared document, taken automatically
 * during activity or named by a person, viewed read-only, and restored by the facilitator as a
 * new change that everyone sees (never a rewrite of the update log). The HTTP contract lives
 * here once so the server and the web app agree on it.
 *
 * Routes (all under `/api/boards/:id/history`, authorised like the rest of the board API):
 * - `GET    /api/boards/:id/history`                    any role       → 200 CheckpointList
 * - `POST   /api/boards/:id/history` `{ "name" }`        participant+   → 201 CheckpointCreated
 * - `GET    /api/boards/:id/history/:checkpointId`       any role       → 200 CheckpointContent
 * - `POST   /api/boards/:id/history/:checkpointId/restore`  facilitator → 200 RestoreDone
 * - `POST   /api/boards/:id/history/:checkpointId/undo`  facilitator    → 200 UndoDone
 *   (`:checkpointId` is a `before-restore` checkpoint; undoes the restore it precedes)
 * - `DELETE /api/boards/:id/history/:checkpointId`       facilitator    → 204 (named ones only)
 */

/** Why a checkpoint exists. */
export type CheckpointKind =
  /** Taken by the server during activity (retention applies). */
  | 'auto'
  /** Named by a person with `POST /history` (kept until deleted). */
  | 'named'
  /** Taken just before a restore, so the restore can be undone. */
  | 'before-restore'

export interface CheckpointSummary {
  id: string
  kind: CheckpointKind
  /** The person's name for a named checkpoint; a generated label otherwise. */
  name: string
  /** ISO 8601. */
  createdAt: string
  /** Stickies on the board at that moment (a quick sense of size in the list). */
  stickyCount: number
  /** For a `before-restore` checkpoint: the checkpoint that was restored. */
  restoredFrom?: string
  /** For a `before-restore` checkpoint: whether its restore was undone already. */
  undone?: boolean
}

/** 200 of `GET /history`: newest first. */
export interface CheckpointList {
  checkpoints: CheckpointSummary[]
  /** Retention as configured, so the UI can say how long automatic checkpoints are kept. */
  retention: { keepAuto: number; keepDays: number }
}

/** 201 of `POST /history`. */
export interface CheckpointCreated {
  checkpoint: CheckpointSummary
}

/**
 * 200 of `GET /history/:checkpointId`: what the board held, for a read-only view. `records` are
 * tldraw records as JSON keyed by id (what the `records` map held); `clusters` the cluster map.
 */
export interface CheckpointContent {
  checkpoint: CheckpointSummary
  records: Record<string, unknown>
  clusters: Record<string, unknown>
}

/** 200 of `/restore`: `undoCheckpointId` is the `before-restore` checkpoint to pass to `/undo`. */
export interface RestoreDone {
  restored: CheckpointSummary
  undoCheckpointId: string
  /** Records (and clusters) the restore put back, changed or removed. */
  changed: number
}

/** 200 of `/undo`. */
export interface UndoDone {
  /** Records (and clusters) set back to what they were before the restore. */
  changed: number
}

/** Error bodies: 400 bad name, 403 role, 404 unknown checkpoint, 409 nothing to undo. */
export type HistoryRefused = ApiErrorBody

/** Longest checkpoint name accepted (characters, after trimming). */
export const maxCheckpointNameLength = 80
