/**
 * When the server takes an automatic checkpoint of a board (ADR 0015), as pure rules over times
 * in ms; auto-checkpoints.ts runs them on a clock.
 *
 * - A board is "dirty" from the first change after its last checkpoint (`dirtySince`).
 * - While dirty, a checkpoint is due `intervalMs` after `dirtySince`: with steady activity one
 *   every interval, and none at all while nobody changes anything (an idle board is not dirty).
 * - When the last person leaves a dirty board, a checkpoint is due at once.
 * - Several nodes may serve one board (ADR 0014), each seeing every change and each with its own
 *   timer. Before saving, a node reads the board's newest stored checkpoint: if it was taken at or
 *   after `dirtySince` (by another node, or a named one), it holds the changes this node wanted
 *   to keep, and this node saves nothing. Two nodes that both read before either saved both
 *   save: a rare duplicate, which retention counts like any other, never a lost checkpoint.
 */

/** When a dirty board's automatic checkpoint is due (ms). */
export function autoCheckpointDueAt(dirtySince: number, intervalMs: number): number {
  return dirtySince + intervalMs
}

/** Whether the newest stored checkpoint already holds every change since `dirtySince`. */
export function isCoveredByLatest(latestAt: number | null, dirtySince: number): boolean {
  return latestAt !== null && latestAt >= dirtySince
}

/**
 * Where a board stands after a checkpoint attempt that started at `startedAt`: clean, or dirty
 * again from the first change that came in meanwhile (a checkpoint read the board at its start,
 * so what changed later is not in it). A failed attempt leaves the board dirty since its old
 * `dirtySince`, so it is tried again.
 */
export function dirtyAfterAttempt(
  attempt: { ok: boolean; dirtySince: number },
  firstChangeSince: number | null,
): number | null {
  if (!attempt.ok) return Math.min(attempt.dirtySince, firstChangeSince ?? attempt.dirtySince)
  return firstChangeSince
}
