import * as Y from 'yjs'
import type { Logger } from '../logging/logger.ts'
import { type Awaitable, andThen, onFailure } from './awaitable.ts'
import { type BoardMigrationSummary, migrateBoard } from './board-migration.ts'
import type { BoardStore, StoredDocument } from './board-store.ts'

/** Replays a stored board (snapshot, then later updates) into a document, in one transaction. */
export function replayStoredDocument(
  stored: StoredDocument,
  doc = new Y.Doc(),
  origin?: unknown,
): Y.Doc {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  }, origin)
  return doc
}

export interface LoadedBoardDocument {
  doc: Y.Doc
  stored: StoredDocument
  /** The migration update appended to the store while loading, if the board needed one. */
  migration: { seq: number; bytes: number; update: Uint8Array } | null
}

export interface LoadBoardOptions {
  logger: Logger
  /** Origin of the replay transaction (the room marks its own, so it is not stored again). */
  origin?: unknown
  /**
   * Whether a migration is appended to the store (default). False migrates the loaded copy only:
   * for readers outside the server process, which must not write a board a live room holds.
   */
  persist?: boolean
}

/**
 * A board's document as every loader on the server needs it: replayed from the store and, when
 * it is stored in an older layout or schema, migrated (rule MIG-1). The migration is appended as
 * one update, so it is stored whole or not at all, and logged as `board.migrated`; if the append
 * throws, nothing was stored and the next load tries again.
 */
export function loadBoardDocument(
  store: BoardStore,
  boardId: string,
  { logger, origin, persist = true }: LoadBoardOptions,
): Awaitable<LoadedBoardDocument> {
  return andThen(store.loadDocument(boardId), (stored) => {
    const doc = replayStoredDocument(stored, new Y.Doc(), origin)
    return onFailure(
      () => {
        const { update, summary } = migrateBoard(doc)
        if (update === null || !persist) return { doc, stored, migration: null }
        return andThen(store.appendUpdate(boardId, update), (seq) => {
          logger.info('board.migrated', { boardId, ...migrationFields(summary) })
          for (const kept of summary.kept.slice(0, maxLoggedKeptRecords)) {
            logger.warn('board.migration_kept_record', {
              boardId,
              recordId: kept.id,
              reason: kept.reason,
            })
          }
          return { doc, stored, migration: { seq, bytes: update.byteLength, update } }
        })
      },
      () => doc.destroy(),
    )
  })
}

/** A board of thousands of broken records must not flood the log; the count says how many. */
const maxLoggedKeptRecords = 20

function migrationFields(summary: BoardMigrationSummary): Record<string, unknown> {
  return {
    fromLayout: summary.fromLayout,
    schemaSource: summary.schemaSource,
    schemaNewer: summary.schemaNewer,
    records: summary.records,
    rewritten: summary.rewritten,
    clusters: summary.clusters,
    migrated: summary.migrated,
    kept: summary.kept.length,
  }
}
