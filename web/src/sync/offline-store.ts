import { clearDocument, IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { browserStorage, clearStoredUnsaved } from './unsaved-storage.ts'

/**
 * The board's copy in this browser (OFF-1): every update of the board's Y.Doc, local or remote,
 * is written to IndexedDB (y-indexeddb), one database per board. A page loads the copy into its
 * doc before it connects, so edits an earlier page made offline and never sent (the tab was
 * closed or reloaded) are in the doc, and the provider's first sync sends them to the server.
 */

export function localCopyName(boardId: string): string {
  return `stormline-board-${boardId}`
}

export interface LocalBoardCopy {
  /** Origin of the transactions that load the copy into the doc. */
  readonly origin: unknown
  /**
   * Resolves once the copy is in the doc, or once waiting longer is not worth it (the copy
   * could not be opened, or is slow): a copy that loads later still merges into the doc.
   */
  readonly loaded: Promise<void>
  /** Stops writing and deletes the copy; resolves once it is gone (or could not be deleted). */
  clear(): Promise<void>
  /** Stops writing; the copy stays for the next page. */
  destroy(): void
}

export interface LocalCopyOptions {
  /** How long connecting waits for the copy at most. */
  loadTimeoutMs?: number
  /** How long clearing waits at most (another tab of the board keeps the database open). */
  clearTimeoutMs?: number
}

export function hasIndexedDb(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null
  } catch {
    return false
  }
}

function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    promise.then(
      () => {
        clearTimeout(timer)
        resolve()
      },
      (error: unknown) => {
        clearTimeout(timer)
        console.warn('[stormline] the board’s copy in this browser is not available', error)
        resolve()
      },
    )
  })
}

/** Opens (creating if needed) the board's copy and starts writing the doc's updates to it. */
export function openLocalCopy(
  boardId: string,
  doc: Y.Doc,
  { loadTimeoutMs = 5_000, clearTimeoutMs = 3_000 }: LocalCopyOptions = {},
): LocalBoardCopy {
  const name = localCopyName(boardId)
  const persistence = new IndexeddbPersistence(name, doc)
  // whenSynced never settles when the database cannot be opened; `_db` rejects then.
  const loaded = within(
    Promise.race([persistence.whenSynced, persistence._db.then(() => never)]),
    loadTimeoutMs,
  )
  let cleared: Promise<void> | null = null
  return {
    origin: persistence,
    loaded,
    clear() {
      cleared ??= within(
        persistence
          .destroy()
          .catch(() => {})
          .then(() => clearDocument(name)),
        clearTimeoutMs,
      )
      return cleared
    },
    destroy() {
      void persistence.destroy().catch(() => {})
    },
  }
}

const never = new Promise<never>(() => {})

/** Deletes a board's copy without opening it (the board is gone). */
export function clearLocalCopy(boardId: string, timeoutMs = 3_000): Promise<void> {
  if (!hasIndexedDb()) return Promise.resolve()
  return within(clearDocument(localCopyName(boardId)), timeoutMs)
}

/**
 * Forgets everything this browser kept of a board: its copy and its unsaved-changes list. For a
 * board the server says does not exist (deleted while this browser was away, OFF-3).
 */
export function forgetBoard(boardId: string): Promise<void> {
  const storage = browserStorage()
  if (storage) clearStoredUnsaved(storage, boardId)
  return clearLocalCopy(boardId)
}

/**
 * The board's copy as a fresh doc, read without connecting (the board page cannot open, but the
 * copy may hold changes the server never got). Null when there is no IndexedDB.
 */
export async function readLocalCopy(boardId: string, timeoutMs = 5_000): Promise<Y.Doc | null> {
  if (!hasIndexedDb()) return null
  const doc = new Y.Doc()
  const copy = openLocalCopy(boardId, doc, { loadTimeoutMs: timeoutMs })
  await copy.loaded
  copy.destroy()
  return doc
}
