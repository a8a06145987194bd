import { decodeRecord, touchedRecordKeys } from '@stormline/shared/sync/record-layout'
import { validateBoardRecord } from '@stormline/shared/sync/validate-record'
import * as Y from 'yjs'

/**
 * Rule VAL-1: every board record a peer's update creates or changes must be a record the board
 * may hold. Run on the transaction that applied the update, before it is stored or relayed: the
 * room refuses the whole update if any record it touched is invalid.
 */

export interface InvalidRecord {
  recordId: string
  reason: string
}

/** The first record the transaction left invalid, or null when all it touched are valid (or gone). */
export function findInvalidRecord(
  records: Y.Map<unknown>,
  transaction: Y.Transaction,
): InvalidRecord | null {
  for (const key of touchedRecordKeys(records, transaction)) {
    const value = records.get(key)
    if (value === undefined) continue
    if (!(value instanceof Y.Map)) {
      return {
        recordId: key,
        reason: 'not a record map (layout version 2 stores each record as a Y.Map)',
      }
    }
    const verdict = validateBoardRecord(key, decodeRecord(value))
    if (!verdict.ok) return { recordId: key, reason: verdict.reason }
  }
  return null
}
