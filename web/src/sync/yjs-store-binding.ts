import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
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
import type * as Y from 'yjs'
import { migrateIncomingRecord, parseWriterSchema } from './record-migration.ts'

/**
 * Two-way binding between a tldraw store's document-scope records and the board's Y.Doc
 * (layout in shared/src/sync/doc-layout.ts). Session state such as the camera or selection
 * never enters the doc; presence travels over awareness instead (presence.ts).
 */
export interface YjsStoreBinding {
  /**
   * Loads the board into the store, or seeds an empty board from the store, then starts
   * syncing both ways. Only the first call does anything: the provider re-syncs after every
   * reconnect, and reloading then would throw away edits made while offline.
   */
  loadInitial(): void
  readonly isLoaded: boolean
  /** Writes local edits tldraw has not reported yet to the doc right away. */
  flush(): void
  /** Flushes, then stops syncing. */
  dispose(): void
}

export interface YjsStoreBindingOptions {
  /** Origin of the Yjs transactions this binding makes; lets observers recognise our own. */
  origin?: unknown
  /** Where to report records that had to be skipped. */
  warn?: (message: string) => void
  /**
   * What an empty board starts with besides the document and page (its template's timeline),
   * written with them in one transaction. Give them fixed ids: two clients seeding one new
   * board at the same moment then write the same records and converge.
   */
  seedRecords?: readonly TLRecord[]
}

type RecordId = TLRecord['id']

/** JSON with object keys sorted, so equal schemas compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}

export function createYjsStoreBinding(
  store: TLStore,
  doc: Y.Doc,
  {
    origin = Symbol('stormline local edit'),
    warn = (message) => console.warn(message),
    seedRecords = [],
  }: YjsStoreBindingOptions = {},
): YjsStoreBinding {
  const records = doc.getMap<unknown>(docLayout.records)
  const meta = doc.getMap<unknown>(docLayout.meta)
  const ownSchema = store.schema.serialize()
  const ownSchemaJson = canonicalJson(ownSchema)
  const cleanups: (() => void)[] = []
  let pendingLocal: RecordsDiff<TLRecord>[] = []
  let loaded = false
  let disposed = false

  const writerSchema = (): SerializedSchema =>
    parseWriterSchema(meta.get(schemaMetaKey)) ?? ownSchema

  const isDocumentRecord = (record: TLRecord): boolean =>
    store.scopedTypes.document.has(record.typeName)

  // Records in the map are read with the schema stored here, so whoever writes records also
  // (re)states the schema they were written with, in the same transaction.
  function markSchemaAsOurs(): void {
    if (canonicalJson(meta.get(schemaMetaKey)) !== ownSchemaJson) meta.set(schemaMetaKey, ownSchema)
  }

  /** Migrates and validates each value on its own, so one bad record only loses itself. */
  function acceptIncoming(entries: Iterable<[string, unknown]>): TLRecord[] {
    const schema = writerSchema()
    const accepted: TLRecord[] = []
    for (const [key, value] of entries) {
      const result = migrateIncomingRecord(store.schema, key, value, schema)
      if (result.ok) accepted.push(result.record)
      else warn(`[stormline] skipped board record ${key}: ${result.reason}`)
    }
    return accepted
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
    const seed = Object.values(store.serialize('document'))
    doc.transact(() => {
      for (const record of seed) records.set(record.id, record)
      markSchemaAsOurs()
    }, origin)
  }

  function replaceFromDoc(): void {
    const incoming = acceptIncoming(records.entries())
    const keep = new Set<string>(incoming.map((record) => record.id))
    const stale = Object.keys(store.serialize('document')).filter((id) => !keep.has(id))
    store.mergeRemoteChanges(() => {
      if (stale.length > 0) store.remove(stale as RecordId[])
      if (incoming.length > 0) store.put(incoming)
    })
  }

  // tldraw reports one diff per store operation; a single frame of dragging or a paste can
  // produce several. Queue them and write them all in one Yjs transaction, so peers receive
  // one update (and one websocket message) per burst rather than one per operation.
  function queueLocalChanges(changes: RecordsDiff<TLRecord>): void {
    if (pendingLocal.length === 0) queueMicrotask(writeLocalChanges)
    pendingLocal.push(changes)
  }

  function writeLocalChanges(): void {
    if (pendingLocal.length === 0) return
    const diffs = pendingLocal
    pendingLocal = []
    doc.transact(() => {
      for (const changes of diffs) {
        for (const record of Object.values(changes.added)) records.set(record.id, record)
        for (const [, record] of Object.values(changes.updated)) records.set(record.id, record)
        for (const record of Object.values(changes.removed)) records.delete(record.id)
      }
      markSchemaAsOurs()
    }, origin)
  }

  function flush(): void {
    if (!loaded || disposed) return
    store._flushHistory()
    writeLocalChanges()
  }

  function applyRemoteChanges(event: Y.YMapEvent<unknown>, transaction: Y.Transaction): void {
    if (transaction.local || transaction.origin === origin) return
    const puts: [string, unknown][] = []
    const removals: RecordId[] = []
    for (const [key, change] of event.changes.keys) {
      if (change.action === 'delete') {
        const existing = store.get(key as RecordId)
        if (existing !== undefined && isDocumentRecord(existing)) removals.push(existing.id)
      } else {
        puts.push([key, records.get(key)])
      }
    }
    const accepted = acceptIncoming(puts)
    if (removals.length === 0 && accepted.length === 0) return
    store.mergeRemoteChanges(() => {
      if (removals.length > 0) store.remove(removals)
      if (accepted.length > 0) store.put(accepted)
    })
  }

  return {
    get isLoaded() {
      return loaded
    },

    loadInitial() {
      if (loaded || disposed) return
      loaded = true
      if (records.size === 0) seedFromStore()
      else replaceFromDoc()

      // Installed after loading so the load itself is not echoed back into the doc.
      cleanups.push(
        store.listen(({ changes }) => queueLocalChanges(changes), {
          source: 'user',
          scope: 'document',
        }),
      )
      records.observe(applyRemoteChanges)
      cleanups.push(() => records.unobserve(applyRemoteChanges))
    },

    flush,

    dispose() {
      if (disposed) return
      // tldraw reports changes once per animation frame; deliver the last frame's edits
      // while the listener (and, usually, the connection) is still there.
      flush()
      disposed = true
      for (const cleanup of cleanups.splice(0).reverse()) cleanup()
    },
  }
}
