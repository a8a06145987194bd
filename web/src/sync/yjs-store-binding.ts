import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { isJsonObject, type JsonObject, jsonEqual } from '@stormline/shared/sync/json-value'
import {
  decodeRecord,
  encodeRecord,
  patchRecord,
  putRecord,
  touchedRecordKeys,
} from '@stormline/shared/sync/record-layout'
import {
  DocumentRecordType,
  type IndexKey,
  PageRecordType,
  type RecordsDiff,
  type SerializedSchema,
  TLDOCUMENT_ID,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import * as Y from 'yjs'
import type { LiveTextHook } from './live-text.ts'
import { canReadBoard, migrateIncomingRecord, parseWriterSchema } from './record-migration.ts'
import { shareUnchanged } from './structural-sharing.ts'
import { type BoardUndo, createBoardUndo } from './undo-manager.ts'
import { withMissingFields } from './undo-repair.ts'

/**
 * Two-way binding between a tldraw store's document-scope records and the board's Y.Doc, in
 * record layout v2 (shared/src/sync/record-layout.ts: one Y.Map per record, nested maps for
 * props and meta, rich text as Y.Text). Session state such as the camera or selection never
 * enters the doc; presence travels over awareness instead (presence.ts).
 *
 * Sync rules (docs/sync-spec.md):
 *   - BIND-3, no divergence window: every local change is written to the doc synchronously, in
 *     the store operation that made it, so there is never a local edit waiting while a remote
 *     one is applied (a stale local copy can not overwrite a peer's change);
 *   - MERGE-1..3: only the fields a change touched are written, so concurrent edits of
 *     different fields of one record merge, and typing merges character by character;
 *   - UNDO-1..3: undo and redo (undo-manager.ts) replay this browser's own doc writes only.
 */
export interface YjsStoreBinding {
  /**
   * Loads the board into the store, or seeds an empty board from the store, then starts
   * syncing both ways. Only the first successful call does anything: the provider re-syncs
   * after every reconnect, and reloading then would throw away edits made while offline.
   *
   * Returns 'reload-required' (and loads nothing, syncs nothing) when the board's records are
   * stored in a newer tldraw schema than this client's (`meta.tldrawSchema`, stamped by the
   * server): this client would mis-read them, so the page must reload to get the current app.
   */
  loadInitial(): LoadResult
  readonly isLoaded: boolean
  /** Undoes this browser's last undo step (see undo-manager.ts); false if nothing changed. */
  undo(): boolean
  redo(): boolean
  /** Ends the current undo step; call at every tldraw history stopping point. */
  stopCapturing(): void
  readonly undoManager: BoardUndo
  /**
   * Hands a peer's change of a record's text to the text editor first (live-text.ts), so the
   * caret of someone typing in that sticky stays put; null removes it.
   */
  setLiveTextHook(hook: LiveTextHook | null): void
  /** Stops syncing and drops the undo stacks. */
  dispose(): void
}

export type LoadResult = 'loaded' | 'reload-required'

export interface YjsStoreBindingOptions {
  /**
   * Origin of the Yjs transactions holding local user edits: the undo manager tracks exactly
   * these, and the binding's own observer skips them.
   */
  origin?: unknown
  /** Where to report records that had to be skipped. */
  warn?: (message: string) => void
  /**
   * What an empty board starts with besides the document and page (its template's timeline),
   * written with them in one transaction. Give them fixed ids: two clients seeding one new
   * board at the same moment then write the same records and converge.
   */
  seedRecords?: readonly TLRecord[]
  /**
   * Records that belong to this browser only and never enter the board's doc: a silent-writing
   * draft lives in its author's private document (silent/draft-binding.ts) until the server
   * publishes it. Matching records are not written (added, changed or removed), and loading the
   * board does not remove them from the store. When the doc brings a record of the same id that
   * does not match (the published version of a draft), it is put as usual.
   */
  isLocalOnly?: (record: TLRecord) => boolean
}

type RecordId = TLRecord['id']

/** How many removed records a binding remembers for repairing undos (undo-manager.ts). */
const maxRemembered = 2_000
type ChangeSource = 'user' | 'remote'

/**
 * `Store.addHistoryInterceptor` is marked internal in tldraw's typings, but it is the one hook
 * called synchronously inside every store operation (tldraw's own undo history is built on it);
 * `store.listen` reports a frame later, which is exactly the divergence window we must not have.
 */
interface InterceptableStore {
  addHistoryInterceptor(
    intercept: (entry: { changes: RecordsDiff<TLRecord> }, source: ChangeSource) => void,
  ): () => void
}

// tldraw records are interfaces without index signatures; the layout functions take plain JSON.
const asJson = (record: TLRecord): JsonObject & { id: string } =>
  record as unknown as JsonObject & { id: string }

export function createYjsStoreBinding(
  store: TLStore,
  doc: Y.Doc,
  {
    origin = Symbol('stormline local edit'),
    warn = (message) => console.warn(message),
    seedRecords = [],
    isLocalOnly = () => false,
  }: YjsStoreBindingOptions = {},
): YjsStoreBinding {
  const records = doc.getMap<unknown>(docLayout.records)
  const meta = doc.getMap<unknown>(docLayout.meta)
  const ownSchema = store.schema.serialize()
  /**
   * Origin of writes that are not a user's action: seeding an empty board, and what tldraw's
   * side effects write while a remote change or an undo is being applied. They sync like any
   * edit but are not undo steps (the first Ctrl+Z must not unseed the board, nor revert a
   * consequence of someone else's change).
   */
  const derivedOrigin = Symbol('stormline derived edit')
  const ownOrigins: ReadonlySet<unknown> = new Set([origin, derivedOrigin])
  const undoManager = createBoardUndo(records, origin, { repair: repairAfterUndo })
  /**
   * The last version of records that left the store, newest last: what an undo that restores
   * one of them falls back on for a field Yjs could not restore. Bounded; old entries are only
   * needed by old undo steps.
   */
  const removedRecords = new Map<string, TLRecord>()
  const cleanups: (() => void)[] = []
  let liveText: LiveTextHook | null = null
  /** >0 while doc changes are being applied to the store. */
  let applyingDoc = 0
  let loaded = false
  let disposed = false

  const boardSchema = (): SerializedSchema =>
    parseWriterSchema(meta.get(schemaMetaKey)) ?? ownSchema

  const isDocumentType = (typeName: string): boolean =>
    store.scopedTypes.document.has(typeName as TLRecord['typeName'])

  /** A document record that belongs in the board's doc (not one kept to this browser). */
  const isShared = (record: TLRecord): boolean =>
    isDocumentType(record.typeName) && !isLocalOnly(record)

  /** Migrates and validates each value on its own, so one bad record only loses itself (BIND-1). */
  function acceptIncoming(key: string, value: unknown, schema: SerializedSchema): TLRecord | null {
    const result = migrateIncomingRecord(store.schema, key, decodeRecord(value), schema)
    if (result.ok) return result.record
    warn(`[stormline] skipped board record ${key}: ${result.reason}`)
    return null
  }

  function rememberRemoved(record: TLRecord): void {
    removedRecords.delete(record.id)
    removedRecords.set(record.id, record)
    if (removedRecords.size > maxRemembered) {
      const oldest = removedRecords.keys().next()
      if (!oldest.done) removedRecords.delete(oldest.value)
    }
  }

  /**
   * Runs inside an undo's transaction: a record the undo left invalid (a field with no value,
   * see undo-manager.ts) gets the missing fields from its last version in this store.
   */
  function repairAfterUndo(transaction: Y.Transaction): void {
    const schema = boardSchema()
    for (const key of touchedRecordKeys(records, transaction)) {
      const value = records.get(key)
      if (!(value instanceof Y.Map)) continue
      const decoded = decodeRecord(value)
      if (!isJsonObject(decoded)) continue
      if (migrateIncomingRecord(store.schema, key, decoded, schema).ok) continue
      const fallback = store.get(key as RecordId) ?? removedRecords.get(key)
      if (fallback === undefined) continue
      patchRecord(value, decoded, withMissingFields(decoded, asJson(fallback)))
    }
  }

  function applyingDocChanges(apply: () => void): void {
    applyingDoc++
    try {
      apply()
    } finally {
      applyingDoc--
    }
  }

  function seedFromStore(): void {
    const defaults: TLRecord[] = []
    if (!store.has(TLDOCUMENT_ID)) defaults.push(DocumentRecordType.create({ id: TLDOCUMENT_ID }))
    if (store.query.ids('page').get().size === 0) {
      // The same fixed id tldraw itself uses, so two clients seeding an empty board at the same
      // moment converge on one page instead of creating two.
      defaults.push(
        PageRecordType.create({
          id: PageRecordType.createId('page'),
          name: 'Page 1',
          index: 'a1' as IndexKey,
        }),
      )
    }
    defaults.push(...seedRecords.filter((record) => !store.has(record.id)))
    if (defaults.length > 0) store.put(defaults)
    const seed = Object.values(store.serialize('document')).filter((r) => !isLocalOnly(r))
    doc.transact(() => {
      for (const record of seed) records.set(record.id, encodeRecord(asJson(record)))
    }, derivedOrigin)
  }

  function replaceFromDoc(): void {
    const schema = boardSchema()
    const incoming: TLRecord[] = []
    for (const [key, value] of records.entries()) {
      const record = acceptIncoming(key, value, schema)
      if (record) incoming.push(record)
    }
    const keep = new Set<string>(incoming.map((record) => record.id))
    // A local-only record (a draft) is never in the doc, so its absence there says nothing.
    const stale = Object.values(store.serialize('document'))
      .filter((record) => !keep.has(record.id) && !isLocalOnly(record))
      .map((record) => record.id)
    applyingDocChanges(() =>
      store.mergeRemoteChanges(() => {
        if (stale.length > 0) store.remove(stale as RecordId[])
        if (incoming.length > 0) store.put(incoming)
      }),
    )
  }

  /** Local → doc: runs inside every store operation, before it returns (BIND-3). */
  function writeLocalChange({ changes }: { changes: RecordsDiff<TLRecord> }, source: ChangeSource) {
    if (source !== 'user' || disposed) return
    const added = Object.values(changes.added).filter(isShared)
    const updated = Object.values(changes.updated).filter(([, r]) => isShared(r))
    const removed = Object.values(changes.removed).filter(isShared)
    if (added.length === 0 && updated.length === 0 && removed.length === 0) return
    doc.transact(
      () => {
        for (const record of added) {
          if (records.get(record.id) instanceof Y.Map) putRecord(records, asJson(record))
          else records.set(record.id, encodeRecord(asJson(record)))
        }
        for (const [from, to] of updated) {
          const current = records.get(to.id)
          // Only the fields this change touched: a peer's concurrent change of another field
          // of the same record stays (MERGE-1). A record that was local-only until now is new
          // to the doc: written whole.
          if (current instanceof Y.Map && !isLocalOnly(from)) {
            patchRecord(current, asJson(from), asJson(to))
          } else putRecord(records, asJson(to))
        }
        for (const record of removed) {
          rememberRemoved(record)
          if (records.has(record.id)) records.delete(record.id)
        }
      },
      // A write made while a remote change (or an undo) is applied is a side effect of it in
      // tldraw, not an action of this user: synced, but not an undo step.
      applyingDoc > 0 ? derivedOrigin : origin,
    )
  }

  /**
   * Doc → store, for every change not written by this binding: peers' updates and this
   * browser's undo/redo alike. Reads back each record touched, whole, from the doc.
   */
  function applyDocChanges(events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void {
    if (ownOrigins.has(tr.origin) || disposed) return
    const keys = new Set<string>()
    for (const event of events) {
      if (event.target === records && event instanceof Y.YMapEvent) {
        for (const key of event.keysChanged) if (typeof key === 'string') keys.add(key)
      } else {
        const top = event.path[0]
        if (typeof top === 'string') keys.add(top)
      }
    }
    const schema = boardSchema()
    const puts: TLRecord[] = []
    const removals: RecordId[] = []
    for (const key of keys) {
      const value = records.get(key)
      if (value === undefined) {
        const existing = store.get(key as RecordId)
        // A local-only record of that id was never the doc's to remove.
        if (existing !== undefined && isShared(existing)) {
          removals.push(existing.id)
          rememberRemoved(existing)
        }
        continue
      }
      const record = acceptIncoming(key, value, schema)
      if (!record) continue
      const existing = store.get(record.id)
      if (existing !== undefined && 'props' in existing && 'props' in record) {
        const before = (existing.props as { richText?: unknown }).richText
        const after = (record.props as { richText?: unknown }).richText
        if (before !== undefined && !jsonEqual(before, after)) {
          applyingDocChanges(() => liveText?.(record.id, before, after))
        }
      }
      // Unchanged parts keep their identity, so the editor of someone typing in this sticky is
      // not reloaded by a peer's move (structural-sharing.ts); an unchanged record is skipped.
      const current = store.get(record.id)
      const shared = current === undefined ? record : shareUnchanged(current, record)
      if (shared !== current) puts.push(shared)
    }
    if (puts.length === 0 && removals.length === 0) return
    applyingDocChanges(() =>
      store.mergeRemoteChanges(() => {
        if (removals.length > 0) store.remove(removals)
        if (puts.length > 0) store.put(puts)
      }),
    )
  }

  function dispose(): void {
    if (disposed) return
    disposed = true
    for (const cleanup of cleanups.splice(0).reverse()) cleanup()
    undoManager.destroy()
  }

  return {
    get isLoaded() {
      return loaded
    },

    loadInitial() {
      // Nothing to do: loaded already (a re-sync after a reconnect), or torn down.
      if (loaded || disposed) return 'loaded'
      if (!canReadBoard(ownSchema, parseWriterSchema(meta.get(schemaMetaKey)))) {
        return 'reload-required'
      }
      loaded = true
      if (records.size === 0) seedFromStore()
      else replaceFromDoc()

      // Installed after loading so the load itself is not echoed back into the doc.
      const interceptable = store as unknown as InterceptableStore
      cleanups.push(interceptable.addHistoryInterceptor(writeLocalChange))
      records.observeDeep(applyDocChanges)
      cleanups.push(() => records.unobserveDeep(applyDocChanges))
      return 'loaded'
    },

    undo: () => !disposed && undoManager.undo(),
    redo: () => !disposed && undoManager.redo(),
    stopCapturing: () => undoManager.stopCapturing(),
    undoManager,
    setLiveTextHook: (hook) => {
      liveText = hook
    },
    dispose,
  }
}
