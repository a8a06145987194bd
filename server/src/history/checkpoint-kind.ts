import type { CheckpointKind } from '@stormline/shared/history/history-api'

/**
 * A stored checkpoint kind as the server knows it. A kind this version does not know (written by
 * a newer one) reads as `named`: kept until someone deletes it, never pruned by a rule it was
 * not written for.
 */
export function toCheckpointKind(stored: string): CheckpointKind {
  return stored === 'auto' || stored === 'before-restore' ? stored : 'named'
}
