import { type BoardContent, contentMaps } from './board-content.ts'
import { type ContentPlan, entryChange, unionIds } from './content-plan.ts'

/**
 * What restoring a checkpoint writes into the board as it is now (ADR 0015): per map of
 * BoardContent, each entry that differs. An entry the checkpoint lacks is deleted, one missing
 * now comes back, and one on both sides is patched from what it is now to what the checkpoint
 * held — field by field when applied, so the restore touches only the fields that differ and a
 * field nobody changed since the checkpoint is not written at all (writing whole records is the
 * trap record-layout.ts exists to avoid: it would wipe a concurrent edit of another field).
 */
export function planRestore(current: BoardContent, checkpoint: BoardContent): ContentPlan {
  const plan: ContentPlan = { records: [], clusters: [], suggestionDecisions: [] }
  for (const map of contentMaps) {
    const now = current[map]
    const then = checkpoint[map]
    for (const id of unionIds(now, then)) {
      const change = entryChange(id, now[id], then[id])
      if (change) plan[map].push(change)
    }
  }
  return plan
}
