import type { BacklogFormat } from '@stormline/shared/backlog/export-backlog'
import { builtInVocabulary, type Vocabulary } from '@stormline/shared/suggestions/vocabulary'
import { hashAccessToken } from '../access/tokens.ts'
import type { BoardRecord } from '../boards/board-store.ts'
import type { DocumentState } from '../rooms/room-registry.ts'
import { DerivedCache } from './derived-cache.ts'
import type { DerivedJob } from './derived-compute.ts'
import { type DerivedMetrics, noDerivedMetrics } from './derived-metrics.ts'
import { WorkerPool } from './worker-pool.ts'

/**
 * Backlog, model and suggestion reads (issue #15): each is computed once per board version on a
 * worker thread and then answered from a cache, so one viewer downloading a large backlog in a
 * loop stalls neither the rooms nor other readers. The texts are exactly what the HTTP API sends.
 */

/** Where the board content comes from: RoomRegistry.documentVersion and documentState. */
export interface BoardDocuments {
  /** What names the board's content now (cheap: no encoding, no replay); null: unknown board. */
  documentVersion(boardId: string): Promise<string | null>
  documentState(boardId: string): Promise<DocumentState | null>
}

export interface DerivedReadsOptions {
  documents: BoardDocuments
  /** Worker threads (config DERIVED_WORKERS). */
  workers: number
  metrics?: DerivedMetrics
  /** Cache bounds (defaults below). */
  cacheEntries?: number
  cacheBytes?: number
  /** A computation running longer fails and its thread is replaced. */
  jobTimeoutMs?: number
  /** The suggester's vocabulary (config VOCABULARY_FILE); the built-in one when absent. */
  vocabulary?: Vocabulary
}

export interface DerivedReads {
  /** The board model as JSON text (GET /api/boards/:id/model); null for an unknown board. */
  model(boardId: string): Promise<string | null>
  /** The cluster suggestions as JSON text (GET /api/boards/:id/suggestions); null for an unknown board. */
  suggestions(boardId: string): Promise<string | null>
  /**
   * The backlog file (GET /api/boards/:id/backlog); null for an unknown board. `viewerToken` must
   * already be checked to be the board's current viewer token: it goes into every link.
   */
  backlog(
    board: BoardRecord,
    format: BacklogFormat,
    baseUrl: string,
    viewerToken: string | null,
  ): Promise<string | null>
  /** Terminates the worker threads; reads in progress fail. */
  close(): Promise<void>
}

/** A few hundred boards' reads; a large backlog file is around a megabyte. */
export const defaultCacheEntries = 512
export const defaultCacheBytes = 64 * 1024 * 1024
export const defaultJobTimeoutMs = 10_000

/** The board went away while its text was being computed. */
class BoardGone extends Error {}

const workerScript = new URL('./derived-worker.ts', import.meta.url)

export function createDerivedReads(options: DerivedReadsOptions): DerivedReads {
  const metrics = options.metrics ?? noDerivedMetrics
  const pool = new WorkerPool<DerivedJob, string>({
    script: workerScript,
    size: options.workers,
    jobTimeoutMs: options.jobTimeoutMs ?? defaultJobTimeoutMs,
    name: 'stormline-derived',
    // One vocabulary for the server's life: each thread compiles it once (derived-worker.ts).
    workerData: options.vocabulary ?? builtInVocabulary,
  })
  const cache = new DerivedCache({
    maxEntries: options.cacheEntries ?? defaultCacheEntries,
    maxBytes: options.cacheBytes ?? defaultCacheBytes,
    onLookup: (result) => metrics.cacheLookup(result),
  })

  // Readers of one board at the same moment share one read of its content too: encoding a live
  // board, or replaying a stored one, is the part that still runs on the event loop.
  const states = new Map<string, Promise<DocumentState | null>>()
  const stateOf = (boardId: string): Promise<DocumentState | null> => {
    const pending = states.get(boardId)
    if (pending) return pending
    const read = options.documents.documentState(boardId).finally(() => states.delete(boardId))
    states.set(boardId, read)
    return read
  }

  /**
   * `slot` lists what the text depends on besides the board version: the board, the kind and
   * every parameter of the output.
   */
  const read = async (
    boardId: string,
    slot: readonly unknown[],
    job: (state: Uint8Array) => DerivedJob,
  ): Promise<string | null> => {
    // The version alone decides a hit: the content is encoded (live) or replayed (stored) on
    // the event loop only when the text must be computed.
    const version = await options.documents.documentVersion(boardId)
    if (version === null) return null
    try {
      return await cache.get(JSON.stringify(slot), version, async () => {
        const current = await stateOf(boardId)
        if (!current) throw new BoardGone()
        const { output, seconds } = await pool.run(job(current.state))
        metrics.computed(seconds)
        return output
      })
    } catch (error) {
      // Deleted between the version and the read: nothing to answer (a failure is not cached).
      if (error instanceof BoardGone) return null
      throw error
    }
  }

  return {
    model: (boardId) => read(boardId, ['model', boardId], (state) => ({ kind: 'model', state })),
    // The vocabulary is the threads' (workerData), the same for the server's life: not part of
    // the job or the cache slot.
    suggestions: (boardId) =>
      read(boardId, ['suggestions', boardId], (state) => ({ kind: 'suggestions', state })),
    backlog: (board, format, baseUrl, viewerToken) =>
      read(
        board.id,
        // The token only as its hash: the cache keys never hold a credential.
        [
          'backlog',
          board.id,
          board.name,
          format,
          baseUrl,
          viewerToken === null ? null : hashAccessToken(viewerToken),
        ],
        (state) => ({
          kind: 'backlog',
          state,
          board: { id: board.id, name: board.name },
          format,
          baseUrl,
          viewerToken,
        }),
      ),
    close: () => pool.close(),
  }
}
