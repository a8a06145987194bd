import { validateBoardRecord } from '@stormline/shared/sync/validate-record'
import type { TLRecord, TLSchema } from 'tldraw'

/**
 * A checkpoint's records as a read-only view can show them. The server checkpoints the board's
 * records as stored, in the board schema it migrates every board to on load, which is the schema
 * this app's store is built with (sync/board-schema.test.ts): each record is validated against
 * the view's own schema, as the live board does with what peers write (BIND-1), and one that
 * fails costs that record, not the whole view.
 */
export interface CheckpointView {
  records: TLRecord[]
  /** Records left out, so the view can say something is missing rather than hide it. */
  skipped: number
}

export function checkpointViewRecords(
  records: Readonly<Record<string, unknown>>,
  schema: TLSchema,
): CheckpointView {
  const accepted: TLRecord[] = []
  let skipped = 0
  for (const [key, json] of Object.entries(records)) {
    const verdict = validateBoardRecord(key, json, schema)
    if (verdict.ok) accepted.push(verdict.record)
    else skipped++
  }
  return { records: accepted, skipped }
}
