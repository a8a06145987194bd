import type { CheckpointKind } from '@stormline/shared/history/history-api'
import type { CheckpointRecord, StoredCheckpoint } from '../boards/board-store.ts'

/**
 * A stored checkpoint kind as the server knows it. A kind this version does not know (written by
 * a newer one) reads as `named`: kept until someone deletes it, never pruned by a rule it was
 * not written for.
 */
export function toCheckpointKind(stored: string): CheckpointKind {
  return stored === 'auto' || stored === 'before-restore' ? stored : 'named'
}

/** A checkpoint row as both SQL stores read it (their tables differ only in dialect). */
export type CheckpointRow = Omit<CheckpointRecord, 'kind'> & { kind: string }

export function toCheckpointRecord(row: CheckpointRow): CheckpointRecord {
  return {
    id: row.id,
    boardId: row.boardId,
    kind: toCheckpointKind(row.kind),
    name: row.name,
    createdAt: row.createdAt,
    stickyCount: row.stickyCount,
    restoredFrom: row.restoredFrom,
    undone: row.undone,
  }
}

/** A whole row, its states as the driver hands them over (Buffers are Uint8Arrays). */
export function toStoredCheckpoint(
  row: CheckpointRow & { state: Uint8Array; restoredState: Uint8Array | null },
): StoredCheckpoint {
  return {
    ...toCheckpointRecord(row),
    state: new Uint8Array(row.state),
    restoredState: row.restoredState ? new Uint8Array(row.restoredState) : null,
  }
}
