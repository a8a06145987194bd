import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import type { PendingChange } from './unsaved-changes.ts'

/**
 * Where the unsaved-changes count (OFF-2) is kept between page loads: in localStorage, one key
 * per board and page (`stormline-unsaved:<boardId>:<clientId>`), so two tabs of one board never
 * overwrite each other's list. A page adopts the lists earlier pages left (their changes are in
 * the board's local copy, offline-store.ts) and from then on keeps them in its own key.
 *
 * The document itself is not here; only which changes of it are unsaved, and the server state
 * vector last seen (what an unsaved-changes download leaves out).
 */

export interface StoredUnsaved {
  changes: PendingChange[]
  serverVector: Map<number, number> | null
}

/** The part of the Web Storage API this needs; tests pass an in-memory one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>

const formatVersion = 1

export function unsavedKeyPrefix(boardId: string): string {
  return `stormline-unsaved:${boardId}:`
}

function keysOf(storage: KeyValueStorage, boardId: string): string[] {
  const prefix = unsavedKeyPrefix(boardId)
  const keys: string[] = []
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index)
    if (key?.startsWith(prefix)) keys.push(key)
  }
  return keys
}

function isClockPair(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((part) => Number.isSafeInteger(part) && (part as number) >= 0)
  )
}

/** One stored list, or null when it is missing or not in this format. */
function parse(text: string | null): StoredUnsaved | null {
  if (text === null) return null
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null) return null
  const { v, changes, server } = raw as { v?: unknown; changes?: unknown; server?: unknown }
  if (v !== formatVersion || !Array.isArray(changes)) return null
  const parsed: PendingChange[] = []
  for (const change of changes) {
    if (Array.isArray(change) && change.every(isClockPair)) parsed.push({ ends: change })
  }
  let serverVector: Map<number, number> | null = null
  if (typeof server === 'string') {
    try {
      serverVector = Y.decodeStateVector(fromBase64(server))
    } catch {
      serverVector = null
    }
  }
  return { changes: parsed, serverVector }
}

/** Per client, the larger clock: the server's state only grows. */
function mergeVectors(
  a: Map<number, number> | null,
  b: Map<number, number> | null,
): Map<number, number> | null {
  if (a === null || b === null) return a ?? b
  const merged = new Map(a)
  for (const [client, clock] of b) merged.set(client, Math.max(clock, merged.get(client) ?? 0))
  return merged
}

/** Every list stored for the board, merged, without removing them. */
export function readStoredUnsaved(storage: KeyValueStorage, boardId: string): StoredUnsaved {
  const merged: StoredUnsaved = { changes: [], serverVector: null }
  for (const key of keysOf(storage, boardId)) {
    const stored = parse(storage.getItem(key))
    if (stored === null) continue
    merged.changes.push(...stored.changes)
    merged.serverVector = mergeVectors(merged.serverVector, stored.serverVector)
  }
  return merged
}

/**
 * Takes over what earlier pages of this board left: returns it merged and moves it into this
 * page's key, so it is kept even if this page is closed before its first save.
 */
export function adoptStoredUnsaved(
  storage: KeyValueStorage,
  boardId: string,
  clientId: number,
): StoredUnsaved {
  const adopted = readStoredUnsaved(storage, boardId)
  const own = `${unsavedKeyPrefix(boardId)}${clientId}`
  saveUnsaved(storage, boardId, clientId, adopted)
  for (const key of keysOf(storage, boardId)) if (key !== own) storage.removeItem(key)
  return adopted
}

export function saveUnsaved(
  storage: KeyValueStorage,
  boardId: string,
  clientId: number,
  { changes, serverVector }: StoredUnsaved,
): void {
  const key = `${unsavedKeyPrefix(boardId)}${clientId}`
  try {
    if (changes.length === 0) {
      storage.removeItem(key)
      return
    }
    storage.setItem(
      key,
      JSON.stringify({
        v: formatVersion,
        changes: changes.map((change) => change.ends),
        server: serverVector === null ? null : toBase64(Y.encodeStateVector(serverVector)),
      }),
    )
  } catch (error) {
    // A full or disabled storage loses only the count after a reload, never the edits.
    console.warn('[stormline] could not store the unsaved-changes count', error)
  }
}

export function clearStoredUnsaved(storage: KeyValueStorage, boardId: string): void {
  for (const key of keysOf(storage, boardId)) storage.removeItem(key)
}

/** The browser's localStorage, or null where there is none (tests, some private modes). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // Reading `localStorage` throws where storage is blocked for the site.
    return null
  }
}

/** An in-memory stand-in for localStorage. */
export function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size
    },
  }
}
