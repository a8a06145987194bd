import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import type { TLRecord, TLStore } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardStore, noteRecord } from './test-records.ts'
import { canonicalJson, createYjsStoreBinding, type YjsStoreBinding } from './yjs-store-binding.ts'

const remote = Symbol('remote peer')
const bindings: YjsStoreBinding[] = []

afterEach(() => {
  for (const binding of bindings.splice(0)) binding.dispose()
})

interface Client {
  store: TLStore
  doc: Y.Doc
  binding: YjsStoreBinding
  warnings: string[]
}

function client(doc = new Y.Doc()): Client {
  const store = createBoardStore()
  const warnings: string[] = []
  const binding = createYjsStoreBinding(store, doc, { warn: (message) => warnings.push(message) })
  bindings.push(binding)
  return { store, doc, binding, warnings }
}

/** Applies everything `from` has that `to` lacks, the way the provider would. */
function relay(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), remote)
}

function recordsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(docLayout.records)
}

const shapes = (store: TLStore): TLRecord[] =>
  store.allRecords().filter((record) => record.typeName === 'shape')

describe('initial load', () => {
  it('seeds an empty board with the default document and page, and the schema', () => {
    const { doc, store, binding } = client()
    binding.loadInitial()
    expect([...recordsMap(doc).keys()].sort()).toEqual(['document:document', 'page:page'])
    expect(doc.getMap(docLayout.meta).get(schemaMetaKey)).toEqual(store.schema.serialize())
    expect(binding.isLoaded).toBe(true)
  })

  it('never seeds session records (camera, instance, pointer, page state)', () => {
    const { doc, store, binding } = client()
    // What the editor adds on mount; none of it belongs to the board.
    store.mergeRemoteChanges(() => {})
    expect(store.has('camera:page:page' as TLRecord['id'])).toBe(true)
    binding.loadInitial()
    for (const key of recordsMap(doc).keys()) {
      expect(key).toMatch(/^(document|page):/)
    }
  })

  it("replaces the store's document records with the board's", () => {
    const author = client()
    author.binding.loadInitial()
    author.store.put([noteRecord('a', 'Order placed')])
    author.binding.flush()

    const reader = client()
    relay(author.doc, reader.doc)
    reader.store.put([noteRecord('local-only', 'Should disappear')])
    reader.binding.loadInitial()
    expect(shapes(reader.store).map((shape) => shape.id)).toEqual(['shape:a'])
    expect(reader.store.get('page:page' as TLRecord['id'])).toBeDefined()
  })

  it('loads only once: a later call (after a reconnect) neither reloads nor reseeds', () => {
    const { doc, store, binding } = client()
    binding.loadInitial()
    store.put([noteRecord('offline', 'Written while offline')])
    binding.flush()
    recordsMap(doc).delete('shape:offline')
    binding.loadInitial()
    expect(store.get('shape:offline' as TLRecord['id'])).toBeDefined()
    expect(recordsMap(doc).has('shape:offline')).toBe(false)
  })
})

describe('local edits', () => {
  it('reach the doc by themselves once tldraw reports them', async () => {
    const { doc, store, binding } = client()
    binding.loadInitial()
    store.put([noteRecord('a', 'one')])
    store._flushHistory()
    expect(recordsMap(doc).has('shape:a')).toBe(false)
    await Promise.resolve()
    expect(recordsMap(doc).has('shape:a')).toBe(true)
  })

  it('are written to the doc in one transaction per batch', () => {
    const { doc, store, binding } = client()
    binding.loadInitial()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    store.put([noteRecord('a', 'one'), noteRecord('b', 'two')])
    store.update('shape:a' as TLRecord['id'], (record) => ({ ...record, x: 50 }) as TLRecord)
    store.remove(['shape:b' as TLRecord['id']])
    binding.flush()
    expect(transactions).toBe(1)
    expect(recordsMap(doc).get('shape:a')).toMatchObject({ x: 50 })
    expect(recordsMap(doc).has('shape:b')).toBe(false)
  })

  it('leave session changes out of the doc', () => {
    const { doc, store, binding } = client()
    binding.loadInitial()
    const before = Y.encodeStateAsUpdate(doc)
    store.mergeRemoteChanges(() => {}) // creates camera, instance, pointer...
    store.update('pointer:pointer' as TLRecord['id'], (record) => ({ ...record, x: 9 }) as TLRecord)
    binding.flush()
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })
})

describe('remote edits', () => {
  function pair(): { a: Client; b: Client } {
    const a = client()
    a.binding.loadInitial()
    const b = client()
    relay(a.doc, b.doc)
    b.binding.loadInitial()
    return { a, b }
  }

  it('are merged into the store, puts and removals, without being echoed back', () => {
    const { a, b } = pair()
    a.store.put([noteRecord('a', 'one'), noteRecord('b', 'two')])
    a.binding.flush()
    relay(a.doc, b.doc)
    expect(
      shapes(b.store)
        .map((shape) => shape.id)
        .sort(),
    ).toEqual(['shape:a', 'shape:b'])

    let echoes = 0
    b.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== remote) echoes++
    })
    a.store.remove(['shape:a' as TLRecord['id']])
    a.binding.flush()
    relay(a.doc, b.doc)
    b.binding.flush()
    expect(shapes(b.store).map((shape) => shape.id)).toEqual(['shape:b'])
    expect(echoes).toBe(0)
  })

  it('skip a broken record and an unknown type without losing the rest', () => {
    const { a, b } = pair()
    a.doc.transact(() => {
      const records = recordsMap(a.doc)
      records.set('shape:good', noteRecord('good', 'Still arrives'))
      records.set('shape:broken', { ...noteRecord('broken', 'x'), props: { color: 'plaid' } })
      records.set('sticker:1', { id: 'sticker:1', typeName: 'sticker' })
      records.set('camera:page:page', {
        id: 'camera:page:page',
        typeName: 'camera',
        x: 1,
        y: 1,
        z: 1,
        meta: {},
      })
    })
    relay(a.doc, b.doc)
    expect(shapes(b.store).map((shape) => shape.id)).toEqual(['shape:good'])
    expect(b.store.get('camera:page:page' as TLRecord['id'])).not.toMatchObject({ x: 1 })
    expect(b.warnings).toHaveLength(3)
    expect(b.warnings.join('\n')).toMatch(/shape:broken/)
    expect(b.warnings.join('\n')).toMatch(/unknown typeName sticker/)

    // Syncing carries on after the bad batch.
    a.store.put([noteRecord('later', 'Arrives too')])
    a.binding.flush()
    relay(a.doc, b.doc)
    expect(b.store.get('shape:later' as TLRecord['id'])).toBeDefined()
  })

  it('skip bad records on initial load too', () => {
    const a = client()
    a.binding.loadInitial()
    recordsMap(a.doc).set('shape:broken', { id: 'shape:broken', typeName: 'shape' })
    recordsMap(a.doc).set('shape:good', noteRecord('good', 'ok'))
    const b = client()
    relay(a.doc, b.doc)
    b.binding.loadInitial()
    expect(shapes(b.store).map((shape) => shape.id)).toEqual(['shape:good'])
    expect(b.warnings).toHaveLength(1)
  })

  it('migrate records with the schema their writer stored', () => {
    const { a, b } = pair()
    const ownSchema = a.store.schema.serialize()
    const { richText: _r, textLastEditedBy: _t, ...props } = noteRecord('old', '').props
    a.doc.transact(() => {
      a.doc.getMap(docLayout.meta).set(schemaMetaKey, {
        ...ownSchema,
        sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': 8 },
      })
      recordsMap(a.doc).set('shape:old', {
        ...noteRecord('old', ''),
        props: { ...props, fontSizeAdjustment: 0, text: 'Legacy sticky' },
      })
    })
    relay(a.doc, b.doc)
    expect(b.store.get('shape:old' as TLRecord['id'])).toMatchObject({
      props: { richText: noteRecord('x', 'Legacy sticky').props.richText },
    })
    expect(b.warnings).toEqual([])
  })

  it('converge when both sides edit', () => {
    const { a, b } = pair()
    a.store.put([noteRecord('a', 'from a')])
    b.store.put([noteRecord('b', 'from b')])
    a.binding.flush()
    b.binding.flush()
    relay(a.doc, b.doc)
    relay(b.doc, a.doc)
    const ids = (store: TLStore) =>
      shapes(store)
        .map((shape) => shape.id)
        .sort()
    expect(ids(a.store)).toEqual(['shape:a', 'shape:b'])
    expect(ids(b.store)).toEqual(ids(a.store))
  })
})

describe('dispose', () => {
  it('flushes pending edits, then stops syncing both ways', async () => {
    const a = client()
    a.binding.loadInitial()
    const b = client()
    relay(a.doc, b.doc)
    b.binding.loadInitial()
    a.store.put([noteRecord('last', 'Typed just before leaving')])
    a.binding.dispose()
    expect(recordsMap(a.doc).has('shape:last')).toBe(true)

    a.store.put([noteRecord('after', 'Not synced')])
    a.store._flushHistory()
    await Promise.resolve()
    expect(recordsMap(a.doc).has('shape:after')).toBe(false)

    b.binding.dispose()
    relay(a.doc, b.doc)
    expect(b.store.get('shape:last' as TLRecord['id'])).toBeUndefined()
  })
})

describe('schema meta', () => {
  it('is rewritten only when it differs from ours, ignoring key order', () => {
    const { doc, store, binding } = client()
    binding.loadInitial()
    const meta = doc.getMap(docLayout.meta)
    const { schemaVersion, sequences } = store.schema.serialize()
    const reordered = {
      sequences: Object.fromEntries(Object.entries(sequences).reverse()),
      schemaVersion,
    }
    meta.set(schemaMetaKey, reordered)
    store.put([noteRecord('a', 'one')])
    binding.flush()
    // Still the reordered copy (sequences first), not a rewrite.
    expect(Object.keys(meta.get(schemaMetaKey) as object)).toEqual(['sequences', 'schemaVersion'])

    meta.set(schemaMetaKey, {
      schemaVersion,
      sequences: { ...sequences, 'com.tldraw.shape.note': 1 },
    })
    store.put([noteRecord('b', 'two')])
    binding.flush()
    expect(meta.get(schemaMetaKey)).toEqual(store.schema.serialize())
  })

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe(
      '{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}',
    )
  })
})
