import { schemaCompatibility } from '@stormline/shared/sync/schema-compat'
import type { RecordType, SerializedSchema, TLRecord, TLStoreSchema } from 'tldraw'

/**
 * Turns a record read from the shared Y.Doc into one this client's store accepts, or explains
 * why it cannot. Records arrive from peers that may run another tldraw version (during a
 * deploy) or may be buggy, so every record is migrated from the writer's schema and validated
 * on its own: one bad record must cost us that record, not the whole board.
 */

export type IncomingRecord = { ok: true; record: TLRecord } | { ok: false; reason: string }

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

// StoreSchema types its `types` map by the exact union of record type names; a name read from
// the network is an arbitrary string, so look it up through a looser view of the same object.
function recordTypeFor(
  schema: TLStoreSchema,
  typeName: string,
): RecordType<TLRecord, never> | undefined {
  const types = schema.types as unknown as Record<string, RecordType<TLRecord, never> | undefined>
  return Object.hasOwn(types, typeName) ? types[typeName] : undefined
}

export function migrateIncomingRecord(
  schema: TLStoreSchema,
  key: string,
  value: unknown,
  writerSchema: SerializedSchema,
): IncomingRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not an object' }
  }
  const { id, typeName } = value as Record<string, unknown>
  if (id !== key) return { ok: false, reason: `id ${String(id)} does not match its key` }
  if (typeof typeName !== 'string') return { ok: false, reason: 'typeName is missing' }
  const recordType = recordTypeFor(schema, typeName)
  if (recordType === undefined) return { ok: false, reason: `unknown typeName ${typeName}` }
  // Session and presence records (camera, instance, cursors...) are per-browser; a peer that
  // writes them into the shared map must not be able to move our camera or page.
  if (recordType.scope !== 'document') {
    return { ok: false, reason: `${typeName} records are not document-scoped` }
  }

  let migrated: TLRecord
  try {
    const result = schema.migratePersistedRecord(value as TLRecord, writerSchema)
    if (result.type === 'error') return { ok: false, reason: `migration failed: ${result.reason}` }
    migrated = result.value
  } catch (error) {
    return { ok: false, reason: `migration threw: ${describeError(error)}` }
  }

  try {
    return { ok: true, record: recordType.validate(migrated) }
  } catch (error) {
    return { ok: false, reason: `invalid: ${describeError(error)}` }
  }
}

/**
 * The board's schema as the server stamped it in the meta map (legacy boards: as the last client
 * wrote it). Accept anything shaped like a serialized schema (v1 or v2) and let tldraw's
 * migration machinery judge the details.
 */
export function parseWriterSchema(value: unknown): SerializedSchema | null {
  if (typeof value !== 'object' || value === null) return null
  const { schemaVersion } = value as Record<string, unknown>
  return typeof schemaVersion === 'number' ? (value as SerializedSchema) : null
}

/**
 * Whether this client can read records stored in the board's schema: false when the board was
 * written by a newer tldraw (some migration sequence is further along than ours). Migrating
 * "down" is not something tldraw can do reliably, so such a client must reload to get the
 * current app rather than mis-read the board. A legacy v1 schema is always older than ours.
 */
export function canReadBoard(own: SerializedSchema, board: SerializedSchema | null): boolean {
  if (board === null || !('sequences' in board) || !('sequences' in own)) return true
  const { sequences } = board as { sequences: unknown }
  if (typeof sequences !== 'object' || sequences === null) return true
  return schemaCompatibility(own, board) !== 'client-older'
}
