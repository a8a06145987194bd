/**
 * When a room folds its update log into a snapshot (ADR 0003, ADR 0010).
 *
 * Compaction encodes the whole board and rewrites its snapshot, synchronously on the event loop
 * that relays everyone's edits: ~3 ms for a board of 100 stickies, ~100 ms for 10,000
 * (bench/results/before-after.md). Its cost grows with the board, so it must not run after a
 * fixed number of updates: it runs once the log holds as many bytes as the snapshot (so each
 * compaction is paid for by as many logged bytes as it rewrites, and a restart replays at most
 * about twice the board), and otherwise only while the room is quiet.
 */
export interface CompactionPolicy {
  /** Fold after this many logged updates whatever their size (each is replayed separately). */
  everyUpdates: number
  /** Fold once the log holds at least max(this, the snapshot's size) bytes. */
  minLogBytes: number
  /** A room with logged updates and no new one for this long is folded by the housekeeping timer. */
  quietMs: number
}

export const defaultCompactionPolicy: CompactionPolicy = {
  everyUpdates: 10_000,
  minLogBytes: 1024 * 1024,
  quietMs: 10_000,
}

/** How often the housekeeping timer looks for quiet rooms, in ms. */
export const defaultQuietCheckIntervalMs = 5_000

/** What a room knows about its stored log. */
export interface LogState {
  /** Updates logged since the snapshot. */
  updates: number
  /** Their bytes. */
  logBytes: number
  /** Bytes of the snapshot (0 before the first compaction). */
  snapshotBytes: number
}

/** Whether to fold right after logging an update. */
export function dueAfterUpdate(log: LogState, policy: CompactionPolicy): boolean {
  if (log.updates === 0) return false
  return (
    log.updates >= policy.everyUpdates ||
    log.logBytes >= Math.max(policy.minLogBytes, log.snapshotBytes)
  )
}

/** Whether the housekeeping timer should fold a room whose last update was `quietForMs` ago. */
export function dueWhenQuiet(log: LogState, quietForMs: number, policy: CompactionPolicy): boolean {
  return log.updates > 0 && quietForMs >= policy.quietMs
}
