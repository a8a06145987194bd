import { schemaCompatibility } from '@stormline/shared/sync/schema-compat'
import { migrateBoardRecord } from '@stormline/shared/sync/validate-record'
import type { SerializedSchema, TLRecord, TLStoreSchema } from 'tldraw'

/**
 * Turns a record read from the shared Y.Doc into one this client's store accepts, or explains
 * why it cannot. Records arrive from peers that may run another tldraw version (during a
 * deploy) or may be buggy, so every record is migrated from the writer's schema and validated
 * on its own: one bad record must cost us that record, not the whole board.
 */

export type IncomingRecord = { ok: true; record: TLRecord } | { ok: false; reason: string }

/** The server's own check (shared/src/sync/validate-record.ts), against this browser's schema. */
export function migrateIncomingRecord(
  schema: TLStoreSchema,
  key: string,
  value: unknown,
  writerSchema: SerializedSchema,
): IncomingRecord {
  return migrateBoardRecord(key, value, writerSchema, schema)
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
