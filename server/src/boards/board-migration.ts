import { migrateClustersToCurrentLayout } from '@stormline/shared/backlog/cluster-layout'
import { boardSchemaSerialized, type SerializedSchema } from '@stormline/shared/sync/board-schema'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { isJsonObject, jsonEqual } from '@stormline/shared/sync/json-value'
import {
  decodeRecord,
  hasCurrentLayout,
  migrateRecordsToCurrentLayout,
  patchRecord,
} from '@stormline/shared/sync/record-layout'
import { schemaCompatibility } from '@stormline/shared/sync/schema-compat'
import { migrateBoardRecord } from '@stormline/shared/sync/validate-record'
import * as Y from 'yjs'
import { legacyAppSchema } from './legacy-app-schema.ts'

/**
 * Brings a stored board up to date when the server loads it (rule MIG-1, ADR 0011): records of
 * layout version 1 (one JSON value per record) become record maps, every record is migrated from
 * the tldraw schema it was written with up to the server's, and the board is stamped with layout
 * version 2 and the server's schema, so the next load finds nothing to do.
 *
 * All of it happens in one transaction, so it is one update: the caller appends that update to
 * the store in one write (the board is migrated entirely or not at all) and relays it like any
 * other. Pure: no store, no logging; the summary says what was done.
 *
 * A record that cannot be migrated or does not validate afterwards is kept exactly as it is and
 * listed in the summary: losing a sticky silently is worse than keeping one the browsers skip.
 */

export interface KeptRecord {
  id: string
  reason: string
}

export interface BoardMigrationSummary {
  /** Record layout the board was stored in. */
  fromLayout: 1 | 2
  /** Whether the records' schema came from the board's meta or had to be assumed (legacyAppSchema). */
  schemaSource: 'board' | 'assumed'
  /** The board's records were written by a newer schema than the server's: left as they are. */
  schemaNewer: boolean
  records: number
  /** Records rewritten from one JSON value to a record map. */
  rewritten: number
  /** Clusters rewritten from one JSON value to a cluster map (cluster-layout.ts). */
  clusters: number
  /** Records tldraw's migrations changed. */
  migrated: number
  /** Records kept unchanged because they could not be migrated or are not valid. */
  kept: KeptRecord[]
}

export interface BoardMigration {
  /** The migration as one Yjs update, or null when the board was up to date. */
  update: Uint8Array | null
  summary: BoardMigrationSummary
}

function parseSchema(value: unknown): SerializedSchema | null {
  if (!isJsonObject(value) || typeof value.schemaVersion !== 'number') return null
  return value as unknown as SerializedSchema
}

function sequencesOf(schema: SerializedSchema): { sequences: Record<string, number> } {
  return 'sequences' in schema ? { sequences: schema.sequences } : { sequences: {} }
}

/** Whether loading this board would change it. */
export function boardNeedsMigration(doc: Y.Doc): boolean {
  return (
    !hasCurrentLayout(doc) ||
    !jsonEqual(doc.getMap<unknown>(docLayout.meta).get(schemaMetaKey), boardSchemaSerialized)
  )
}

export function migrateBoard(doc: Y.Doc): BoardMigration {
  const meta = doc.getMap<unknown>(docLayout.meta)
  const records = doc.getMap<unknown>(docLayout.records)
  const stored = parseSchema(meta.get(schemaMetaKey))
  const summary: BoardMigrationSummary = {
    fromLayout: hasCurrentLayout(doc) ? 2 : 1,
    schemaSource: stored ? 'board' : 'assumed',
    // A board stamped by a newer server (a rollback): its records cannot be migrated down, and
    // stamping them with this server's schema would misdescribe them.
    schemaNewer:
      stored !== null &&
      'sequences' in stored &&
      schemaCompatibility(sequencesOf(boardSchemaSerialized), sequencesOf(stored)) ===
        'client-older',
    records: records.size,
    rewritten: 0,
    clusters: 0,
    migrated: 0,
    kept: [],
  }
  if (!boardNeedsMigration(doc)) return { update: null, summary }
  const from = stored ?? legacyAppSchema

  let update: Uint8Array | null = null
  const origin = Symbol('board migration')
  const capture = (bytes: Uint8Array, by: unknown) => {
    if (by === origin) update = bytes
  }
  doc.on('update', capture)
  try {
    doc.transact(() => {
      if (summary.fromLayout === 1) {
        summary.rewritten = migrateRecordsToCurrentLayout(doc)
        summary.clusters = migrateClustersToCurrentLayout(doc)
      }
      if (summary.schemaNewer) return
      for (const [id, value] of records.entries()) {
        if (!(value instanceof Y.Map)) {
          summary.kept.push({ id, reason: 'not a record (a plain value)' })
          continue
        }
        const before = decodeRecord(value)
        const verdict = migrateBoardRecord(id, before, from)
        if (!verdict.ok) {
          summary.kept.push({ id, reason: verdict.reason })
          continue
        }
        const after: unknown = verdict.record
        if (isJsonObject(before) && isJsonObject(after) && !jsonEqual(before, after)) {
          patchRecord(value, before, after)
          summary.migrated++
        }
      }
      meta.set(schemaMetaKey, boardSchemaSerialized)
    }, origin)
  } finally {
    doc.off('update', capture)
  }
  return { update, summary }
}
