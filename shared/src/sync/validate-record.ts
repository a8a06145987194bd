import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { boardSchema, type SerializedSchema } from './board-schema.ts'
import { isJsonObject } from './json-value.ts'

/**
 * Whether one entry of a board's `records` map is a record the board may hold: a plain object
 * stored under its own id, of a document-scoped tldraw record type, that tldraw's own validators
 * accept. The server applies this to every record a client creates or changes (rule VAL-1) and
 * to every record of an imported board file.
 */

export type RecordVerdict = { ok: true; record: TLRecord } | { ok: false; reason: string }

const maxReasonLength = 300

function refuse(reason: string): RecordVerdict {
  return {
    ok: false,
    reason: reason.length > maxReasonLength ? `${reason.slice(0, maxReasonLength)}…` : reason,
  }
}

/** What this module needs of a tldraw RecordType. */
interface RecordTypeView {
  scope: 'document' | 'session' | 'presence'
  validate(record: unknown): TLRecord
}

// StoreSchema types its `types` map by the exact union of record type names; a name read from
// the network is an arbitrary string, so look it up through a looser view of the same object.
function recordTypeFor(schema: TLSchema, typeName: string): RecordTypeView | undefined {
  const types = schema.types as unknown as Record<string, RecordTypeView | undefined>
  return Object.hasOwn(types, typeName) ? types[typeName] : undefined
}

export function validateBoardRecord(
  key: string,
  json: unknown,
  schema: TLSchema = boardSchema,
): RecordVerdict {
  if (!isJsonObject(json)) return refuse('not an object')
  const { id, typeName } = json
  if (id !== key) return refuse(`id ${JSON.stringify(id)?.slice(0, 80)} does not match its key`)
  if (typeof typeName !== 'string') return refuse('typeName is missing')
  const recordType = recordTypeFor(schema, typeName)
  if (recordType === undefined)
    return refuse(`unknown typeName ${JSON.stringify(typeName.slice(0, 80))}`)
  // Session and presence records (camera, instance, cursors…) are per browser: in the shared
  // document they would move everyone's camera or page.
  if (recordType.scope !== 'document') return refuse(`${typeName} records are not document-scoped`)
  try {
    return { ok: true, record: recordType.validate(json) }
  } catch (error) {
    return refuse(`invalid ${typeName}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * A stored record migrated from the schema it was written with up to the board schema, then
 * validated like any record (rule MIG-1). A failure says why; the caller keeps the record as it is.
 */
export function migrateBoardRecord(
  key: string,
  json: unknown,
  from: SerializedSchema,
  schema: TLSchema = boardSchema,
): RecordVerdict {
  if (!isJsonObject(json)) return refuse('not an object')
  let migrated: unknown
  try {
    // The record is only as typed as its JSON; the migrations and the validation below judge it.
    const result = schema.migratePersistedRecord(json as unknown as TLRecord, from)
    if (result.type === 'error') return refuse(`migration failed: ${result.reason}`)
    migrated = result.value
  } catch (error) {
    return refuse(`migration threw: ${error instanceof Error ? error.message : String(error)}`)
  }
  return validateBoardRecord(key, migrated, schema)
}
