import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { boardSchema } from './board-schema.ts'
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

/** Any serialized tldraw schema a record may have been written with (v1 or v2). */
type WriterSchema = Parameters<TLSchema['migratePersistedRecord']>[1]

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

/**
 * What can be said of an entry before migrating or validating it: a plain object stored under
 * its own id, of a known, document-scoped record type. Checked first so that, for example, a
 * camera record is never run through migrations.
 */
function checkEntry(
  key: string,
  json: unknown,
  schema: TLSchema,
):
  | { ok: true; recordType: RecordTypeView; typeName: string }
  | { ok: false; verdict: RecordVerdict } {
  if (!isJsonObject(json)) return { ok: false, verdict: refuse('not an object') }
  const { id, typeName } = json
  if (id !== key) {
    return {
      ok: false,
      verdict: refuse(`id ${JSON.stringify(id)?.slice(0, 80)} does not match its key`),
    }
  }
  if (typeof typeName !== 'string') return { ok: false, verdict: refuse('typeName is missing') }
  const recordType = recordTypeFor(schema, typeName)
  if (recordType === undefined) {
    return { ok: false, verdict: refuse(`unknown typeName ${typeName.slice(0, 80)}`) }
  }
  // Session and presence records (camera, instance, cursors…) are per browser: in the shared
  // document they would move everyone's camera or page.
  if (recordType.scope !== 'document') {
    return { ok: false, verdict: refuse(`${typeName} records are not document-scoped`) }
  }
  return { ok: true, recordType, typeName }
}

function validated(
  entry: { recordType: RecordTypeView; typeName: string },
  json: unknown,
): RecordVerdict {
  try {
    return { ok: true, record: entry.recordType.validate(json) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return refuse(`invalid ${entry.typeName}: ${message}`)
  }
}

export function validateBoardRecord(
  key: string,
  json: unknown,
  schema: TLSchema = boardSchema,
): RecordVerdict {
  const entry = checkEntry(key, json, schema)
  return entry.ok ? validated(entry, json) : entry.verdict
}

/**
 * A record migrated from the schema it was written with up to `schema` (the board's, or the
 * browser's own), then validated like any record (rules MIG-1, BIND-1). A failure says why: the
 * server then keeps the stored record as it is, a browser skips it.
 */
export function migrateBoardRecord(
  key: string,
  json: unknown,
  from: WriterSchema,
  schema: TLSchema = boardSchema,
): RecordVerdict {
  const entry = checkEntry(key, json, schema)
  if (!entry.ok) return entry.verdict
  let migrated: unknown
  try {
    // The record is only as typed as its JSON; the migrations and the validation below judge it.
    const result = schema.migratePersistedRecord(json as unknown as TLRecord, from)
    if (result.type === 'error') return refuse(`migration failed: ${result.reason}`)
    migrated = result.value
  } catch (error) {
    return refuse(`migration threw: ${error instanceof Error ? error.message : String(error)}`)
  }
  return validated(entry, migrated)
}
