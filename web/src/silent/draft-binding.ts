import { isDraftRecord } from '@stormline/shared/board/silent-writing'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import type { RecordsDiff, TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { migrateIncomingRecord } from '../sync/record-migration.ts'
import { shareUnchanged } from '../sync/structural-sharing.ts'

/**
 * Two-way binding between the silent-writing drafts in a tldraw store and the `drafts` map of
 * this person's private document (shared/src/sync/private-layout.ts). The board's own binding
 * leaves drafts out of the shared doc (yjs-store-binding.ts `isLocalOnly`); this one keeps them
 * where only their author's tabs and the server see them, so they survive a reload.
 *
 * Each draft is stored whole, as the record's plain JSON: one author edits it, from a few tabs
 * at most, so field-wise merging (record layout v2) would buy nothing here.
 *   - local → private doc: inside the store operation that made the change, like BIND-3;
 *   - private doc → store: drafts written by this person's other tabs, and removals. A removal
 *     only takes a record that is still a draft out of the store: at the reveal the server puts
 *     the published version in the board and deletes the draft, and the board's update may
 *     arrive first.
 */
export interface DraftBinding {
  dispose(): void
}

export interface DraftBindingOptions {
  /** Where to report drafts that had to be skipped. */
  warn?: (message: string) => void
}

type ChangeSource = 'user' | 'remote'

/**
 * `Store.addHistoryInterceptor` is internal in tldraw's typings but is the one hook called
 * synchronously inside every store operation (see yjs-store-binding.ts for why that matters).
 */
interface InterceptableStore {
  addHistoryInterceptor(
    intercept: (entry: { changes: RecordsDiff<TLRecord> }, source: ChangeSource) => void,
  ): () => void
}

type RecordId = TLRecord['id']

/** A note can only be a draft: nothing else is written during a round. */
const isDraftNote = (record: TLRecord | undefined): boolean =>
  record !== undefined &&
  record.typeName === 'shape' &&
  record.type === 'note' &&
  isDraftRecord(record)

/**
 * Binds at once: drafts already in the private doc are put in the store, and from then on both
 * sides follow each other. Drafts arriving with the private doc's first sync are simply its
 * first remote change.
 */
export function bindDrafts(
  store: TLStore,
  doc: Y.Doc,
  { warn = (message) => console.warn(message) }: DraftBindingOptions = {},
): DraftBinding {
  const drafts = doc.getMap<unknown>(privateLayout.drafts)
  const ownSchema = store.schema.serialize()
  const origin = Symbol('stormline draft edit')
  let disposed = false

  function writeLocalChange({ changes }: { changes: RecordsDiff<TLRecord> }, source: ChangeSource) {
    if (source !== 'user' || disposed) return
    const writes: TLRecord[] = []
    const deletes: string[] = []
    for (const record of Object.values(changes.added)) {
      if (isDraftNote(record)) writes.push(record)
    }
    for (const [from, to] of Object.values(changes.updated)) {
      if (isDraftNote(to)) writes.push(to)
      // No longer a draft here (the sticky side effects keep the flag, so this is a repair).
      else if (isDraftNote(from)) deletes.push(to.id)
    }
    for (const record of Object.values(changes.removed)) {
      if (isDraftNote(record)) deletes.push(record.id)
    }
    if (writes.length === 0 && deletes.length === 0) return
    doc.transact(() => {
      // Records are immutable plain JSON; Yjs keeps the value as given and encodes it to send.
      for (const record of writes) drafts.set(record.id, record)
      for (const id of deletes) if (drafts.has(id)) drafts.delete(id)
    }, origin)
  }

  function incoming(key: string, value: unknown): TLRecord | null {
    if (!isDraftRecord(value)) {
      warn(`[stormline] skipped draft ${key}: not a draft`)
      return null
    }
    // The author's other tabs run the same app; only validation, no migration, is expected.
    const result = migrateIncomingRecord(store.schema, key, value, ownSchema)
    if (!result.ok) {
      warn(`[stormline] skipped draft ${key}: ${result.reason}`)
      return null
    }
    if (!isDraftNote(result.record)) {
      warn(`[stormline] skipped draft ${key}: not a note`)
      return null
    }
    return result.record
  }

  function applyKeys(keys: Iterable<string>): void {
    const puts: TLRecord[] = []
    const removals: RecordId[] = []
    for (const key of keys) {
      const existing = store.get(key as RecordId)
      const value = drafts.get(key)
      if (value === undefined) {
        if (existing !== undefined && isDraftNote(existing)) removals.push(existing.id)
        continue
      }
      // Published already: the board's version wins over a draft the server has yet to delete.
      if (existing !== undefined && !isDraftNote(existing)) continue
      const record = incoming(key, value)
      if (record === null) continue
      const shared = existing === undefined ? record : shareUnchanged(existing, record)
      if (shared !== existing) puts.push(shared)
    }
    if (puts.length === 0 && removals.length === 0) return
    store.mergeRemoteChanges(() => {
      if (removals.length > 0) store.remove(removals)
      if (puts.length > 0) store.put(puts)
    })
  }

  const applyDocChanges = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction): void => {
    if (transaction.origin === origin || disposed) return
    applyKeys([...event.keysChanged].filter((key): key is string => typeof key === 'string'))
  }

  applyKeys([...drafts.keys()])
  const stopIntercepting = (store as unknown as InterceptableStore).addHistoryInterceptor(
    writeLocalChange,
  )
  drafts.observe(applyDocChanges)

  return {
    dispose() {
      if (disposed) return
      disposed = true
      stopIntercepting()
      drafts.unobserve(applyDocChanges)
    },
  }
}
