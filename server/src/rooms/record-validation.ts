import { decodeRecord } from '@stormline/shared/sync/record-layout'
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

/**
 * Keys of the `records` map whose record the transaction created, replaced, deleted or changed
 * anywhere inside (a prop, a meta field, a character of its text). Yjs lists each changed type
 * that existed before the transaction; a nested one is traced up its parents to the record entry.
 */
export function touchedRecordKeys(
  records: Y.Map<unknown>,
  transaction: Y.Transaction,
): Set<string> {
  const keys = new Set<string>()
  // Compared by identity only; Yjs types the changed map by its generic base.
  const root: unknown = records
  for (const [type, changedKeys] of transaction.changed) {
    if (type === root) {
      for (const key of changedKeys) if (key !== null) keys.add(key)
      continue
    }
    let item = type._item
    while (item !== null) {
      const parent = item.parent
      if (parent === root) {
        if (item.parentSub !== null) keys.add(item.parentSub)
        break
      }
      item = parent instanceof Y.AbstractType ? parent._item : null
    }
  }
  return keys
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
