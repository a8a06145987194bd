import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import { decodeRecord, encodeRecord, positionKey } from '@stormline/shared/sync/record-layout'
import { type TLNoteShape, type TLRecord, type TLStore, toRichText } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectedPair, documentRecords, relay, remoteOrigin, testClient } from './test-clients.ts'
import { noteRecord, stickyRecord } from './test-records.ts'

function recordsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(docLayout.records)
}

const shapes = (store: TLStore): TLRecord[] =>
  store.allRecords().filter((record) => record.typeName === 'shape')

const noteId = (name: string) => `shape:${name}` as TLNoteShape['id']

function note(store: TLStore, name: string): TLNoteShape {
  const record = store.get(noteId(name))
  if (record === undefined) throw new Error(`no note ${name}`)
  return record as TLNoteShape
}

function updateNote(store: TLStore, name: string, change: (note: TLNoteShape) => TLNoteShape) {
  store.put([change(note(store, name))])
}

describe('initial load (BIND-1)', () => {
  it('seeds an empty board with the default document and page as record maps, and no meta', () => {
    const { doc, binding } = testClient()
    expect(binding.loadInitial()).toBe('loaded')
    expect([...recordsMap(doc).keys()].sort()).toEqual(['document:document', 'page:page'])
    expect(recordsMap(doc).get('page:page')).toBeInstanceOf(Y.Map)
    // The board's schema is the server's to state; a client never writes the meta map.
    expect(doc.getMap(docLayout.meta).size).toBe(0)
    expect(binding.isLoaded).toBe(true)
  })

  it('never seeds session records (camera, instance, pointer, page state)', () => {
    const { doc, store, binding } = testClient()
    // What the editor adds on mount; none of it belongs to the board.
    store.mergeRemoteChanges(() => {})
    expect(store.has('camera:page:page' as TLRecord['id'])).toBe(true)
    binding.loadInitial()
    for (const key of recordsMap(doc).keys()) {
      expect(key).toMatch(/^(document|page):/)
    }
  })

  it('seeding is not an undo step', () => {
    const { binding } = testClient()
    binding.loadInitial()
    expect(binding.undoManager.canUndo()).toBe(false)
  })

  it("replaces the store's document records with the board's", () => {
    const author = testClient()
    author.binding.loadInitial()
    author.store.put([noteRecord('a', 'Order placed')])

    const reader = testClient()
    relay(author.doc, reader.doc)
    reader.store.put([noteRecord('local-only', 'Should disappear')])
    reader.binding.loadInitial()
    expect(shapes(reader.store).map((shape) => shape.id)).toEqual(['shape:a'])
    expect(reader.store.get('page:page' as TLRecord['id'])).toBeDefined()
  })

  it('loads only once: a later call (after a reconnect) neither reloads nor reseeds', () => {
    const { doc, store, binding } = testClient()
    binding.loadInitial()
    store.put([noteRecord('offline', 'Written while offline')])
    const before = Y.encodeStateAsUpdate(doc)
    const storeBefore = documentRecords(store)
    expect(binding.loadInitial()).toBe('loaded')
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(documentRecords(store)).toEqual(storeBefore)
    // Still one write per edit: the second call did not hook the store a second time.
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    updateNote(store, 'offline', (n) => ({ ...n, x: 5 }))
    expect(transactions).toBe(1)
  })

  it('loads a board still in layout v1 (one JSON value per record)', () => {
    const doc = new Y.Doc()
    recordsMap(doc).set('shape:old', noteRecord('old', 'From last year'))
    const { store, binding, warnings } = testClient({ doc })
    binding.loadInitial()
    expect(note(store, 'old').props.richText).toEqual(toRichText('From last year'))
    expect(warnings).toEqual([])
  })

  it('skips bad records on initial load, loading the rest', () => {
    const a = testClient()
    a.binding.loadInitial()
    Y.transact(a.doc, () => {
      recordsMap(a.doc).set('shape:broken', encodeRecord({ id: 'shape:broken', typeName: 'shape' }))
      recordsMap(a.doc).set('shape:good', encodeRecord({ ...noteRecord('good', 'ok') }))
    })
    const b = testClient()
    relay(a.doc, b.doc)
    b.binding.loadInitial()
    expect(shapes(b.store).map((shape) => shape.id)).toEqual(['shape:good'])
    expect(b.warnings).toHaveLength(1)
  })

  it('refuses to load a board stored by a newer tldraw and asks for a reload', () => {
    const server = new Y.Doc()
    const ownSchema = testClient().store.schema.serialize()
    server.getMap(docLayout.meta).set(schemaMetaKey, {
      ...ownSchema,
      sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': 999 },
    })
    recordsMap(server).set('shape:new', encodeRecord({ ...noteRecord('new', 'From the future') }))
    const { doc, store, binding } = testClient()
    relay(server, doc)
    expect(binding.loadInitial()).toBe('reload-required')
    expect(binding.isLoaded).toBe(false)
    expect(shapes(store)).toEqual([])
    // Nothing is written either: not even an edit made meanwhile.
    store.put([noteRecord('local', 'x')])
    expect(recordsMap(doc).has('shape:local')).toBe(false)
  })

  it('loads a board whose stored schema is older than its own, migrating records up', () => {
    const server = new Y.Doc()
    const ownSchema = testClient().store.schema.serialize()
    const { richText: _r, textLastEditedBy: _t, ...props } = noteRecord('old', '').props
    server.getMap(docLayout.meta).set(schemaMetaKey, {
      ...ownSchema,
      sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': 8 },
    })
    recordsMap(server).set(
      'shape:old',
      encodeRecord({
        ...noteRecord('old', ''),
        props: { ...props, fontSizeAdjustment: 0, text: 'Legacy sticky' },
      }),
    )
    const { doc, store, binding, warnings } = testClient()
    relay(server, doc)
    expect(binding.loadInitial()).toBe('loaded')
    expect(note(store, 'old').props.richText).toEqual(toRichText('Legacy sticky'))
    expect(warnings).toEqual([])
  })
})

describe('local edits (BIND-3: no divergence window)', () => {
  it('BIND-3 reach the doc inside the store operation that made them', () => {
    const { doc, store, binding } = testClient()
    binding.loadInitial()
    store.put([noteRecord('a', 'one')])
    // No frame, no microtask, no flush: the doc has it as soon as put returns.
    expect(recordsMap(doc).get('shape:a')).toBeInstanceOf(Y.Map)
    expect(decodeRecord(recordsMap(doc).get('shape:a'))).toEqual(noteRecord('a', 'one'))
    updateNote(store, 'a', (n) => ({ ...n, x: 50 }))
    expect(decodeRecord(recordsMap(doc).get('shape:a'))).toMatchObject({ x: 50 })
    store.remove([noteId('a')])
    expect(recordsMap(doc).has('shape:a')).toBe(false)
  })

  it('BIND-3 a remote change right after a local one is never overwritten by a stale copy', () => {
    const [a, b] = connectedPair([noteRecord('s', 'Release')])
    // Ana drags; in the same tick (before any frame) Ben's text arrives.
    updateNote(a.store, 's', (n) => ({ ...n, x: 120 }))
    updateNote(b.store, 's', (n) => ({
      ...n,
      props: { ...n.props, richText: toRichText('Release v2') },
    }))
    relay(b.doc, a.doc)
    updateNote(a.store, 's', (n) => ({ ...n, y: 40 }))
    relay(a.doc, b.doc)
    for (const client of [a, b]) {
      expect(note(client.store, 's')).toMatchObject({
        x: 120,
        y: 40,
        props: { richText: toRichText('Release v2') },
      })
    }
    expect(documentRecords(a.store)).toEqual(documentRecords(b.store))
  })

  it('write only the fields that changed, one transaction per store operation', () => {
    const { doc, store, binding } = testClient()
    binding.loadInitial()
    store.put([noteRecord('a', 'one'), noteRecord('b', 'two')])
    const changed: string[][] = []
    recordsMap(doc).observeDeep((events) => {
      for (const event of events) {
        const path = event.path.join('.')
        for (const key of event.changes.keys.keys()) changed.push([path, key])
      }
    })
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    store.put([
      { ...note(store, 'a'), x: 50 },
      { ...note(store, 'b'), props: { ...note(store, 'b').props, color: 'red' } },
    ])
    expect(transactions).toBe(1)
    expect(changed.sort()).toEqual([
      ['shape:a', positionKey],
      ['shape:b.props', 'color'],
    ])
  })

  it('leave session changes out of the doc', () => {
    const { doc, store, binding } = testClient()
    binding.loadInitial()
    const before = Y.encodeStateAsUpdate(doc)
    store.mergeRemoteChanges(() => {}) // creates camera, instance, pointer...
    store.update('pointer:pointer' as TLRecord['id'], (record) => ({ ...record, x: 9 }) as TLRecord)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('what tldraw changes in reaction to a remote change is written and sent, but is no undo step', () => {
    const [a, b] = connectedPair([noteRecord('s', 'x'), noteRecord('follower', 'y')])
    // A side effect like tldraw's own (e.g. re-parenting, binding updates): when a note moves,
    // the follower note moves with it. For a remote change the reaction runs as a 'user' change.
    b.store.sideEffects.registerAfterChangeHandler('shape', (before, after) => {
      if (after.id === noteId('s') && before.x !== after.x) {
        b.store.update(noteId('follower'), (r) => ({ ...r, x: after.x }))
      }
    })
    const sent: unknown[] = []
    b.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== remoteOrigin) sent.push(origin)
    })
    updateNote(a.store, 's', (n) => ({ ...n, x: 300 }))
    relay(a.doc, b.doc)
    // Written in a transaction of its own after the remote one (Yjs runs observers outside it).
    expect(sent).toHaveLength(1)
    expect(decodeRecord(recordsMap(b.doc).get('shape:follower'))).toMatchObject({ x: 300 })
    relay(b.doc, a.doc)
    expect(note(a.store, 'follower').x).toBe(300)
    expect(b.binding.undoManager.canUndo()).toBe(false)
  })
})

describe('remote edits', () => {
  it('are merged into the store, puts and removals, without being echoed back', () => {
    const [a, b] = connectedPair()
    a.store.put([noteRecord('a', 'one'), noteRecord('b', 'two')])
    relay(a.doc, b.doc)
    expect(
      shapes(b.store)
        .map((shape) => shape.id)
        .sort(),
    ).toEqual(['shape:a', 'shape:b'])

    let echoes = 0
    b.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== remoteOrigin) echoes++
    })
    a.store.remove(['shape:a' as TLRecord['id']])
    updateNote(a.store, 'b', (n) => ({ ...n, rotation: 1 }))
    relay(a.doc, b.doc)
    expect(shapes(b.store).map((shape) => shape.id)).toEqual(['shape:b'])
    expect(note(b.store, 'b').rotation).toBe(1)
    expect(echoes).toBe(0)
  })

  it('BIND-1 skip a broken record, an unknown type and a session record; the rest arrive', () => {
    const [a, b] = connectedPair()
    a.doc.transact(() => {
      const records = recordsMap(a.doc)
      records.set('shape:good', encodeRecord({ ...noteRecord('good', 'Still arrives') }))
      records.set(
        'shape:broken',
        encodeRecord({ ...noteRecord('broken', 'x'), props: { color: 'plaid' } }),
      )
      records.set('sticker:1', { id: 'sticker:1', typeName: 'sticker' })
      records.set(
        'camera:page:page',
        encodeRecord({ id: 'camera:page:page', typeName: 'camera', x: 1, y: 1, z: 1, meta: {} }),
      )
    })
    relay(a.doc, b.doc)
    expect(shapes(b.store).map((shape) => shape.id)).toEqual(['shape:good'])
    expect(b.store.get('camera:page:page' as TLRecord['id'])).not.toMatchObject({ x: 1 })
    expect(b.warnings).toHaveLength(3)
    expect(b.warnings.join('\n')).toMatch(/shape:broken/)
    expect(b.warnings.join('\n')).toMatch(/unknown typeName sticker/)

    // Syncing carries on after the bad batch.
    a.store.put([noteRecord('later', 'Arrives too')])
    relay(a.doc, b.doc)
    expect(b.store.get('shape:later' as TLRecord['id'])).toBeDefined()
  })

  it('migrate records with the schema the board states', () => {
    const [a, b] = connectedPair()
    const ownSchema = a.store.schema.serialize()
    const { richText: _r, textLastEditedBy: _t, ...props } = noteRecord('old', '').props
    a.doc.transact(() => {
      a.doc.getMap(docLayout.meta).set(schemaMetaKey, {
        ...ownSchema,
        sequences: { ...ownSchema.sequences, 'com.tldraw.shape.note': 8 },
      })
      recordsMap(a.doc).set(
        'shape:old',
        encodeRecord({
          ...noteRecord('old', ''),
          props: { ...props, fontSizeAdjustment: 0, text: 'Legacy sticky' },
        }),
      )
    })
    relay(a.doc, b.doc)
    expect(note(b.store, 'old').props.richText).toEqual(toRichText('Legacy sticky'))
    expect(b.warnings).toEqual([])
  })

  it('converge when both sides edit', () => {
    const [a, b] = connectedPair()
    a.store.put([noteRecord('a', 'from a')])
    b.store.put([noteRecord('b', 'from b')])
    relay(a.doc, b.doc)
    relay(b.doc, a.doc)
    const ids = (store: TLStore) =>
      shapes(store)
        .map((shape) => shape.id)
        .sort()
    expect(ids(a.store)).toEqual(['shape:a', 'shape:b'])
    expect(documentRecords(b.store)).toEqual(documentRecords(a.store))
  })
})

describe('rich text', () => {
  function richTextValue(doc: Y.Doc, name: string): unknown {
    const record = recordsMap(doc).get(`shape:${name}`) as Y.Map<unknown>
    return (record.get('props') as Y.Map<unknown>).get('richText')
  }

  it('a plain note is a Y.Text, edited in place, and round-trips to the other peer', () => {
    const [a, b] = connectedPair([noteRecord('s', 'Hello')])
    const text = richTextValue(a.doc, 's')
    expect(text).toBeInstanceOf(Y.Text)
    updateNote(a.store, 's', (n) => ({
      ...n,
      props: { ...n.props, richText: toRichText('Hello\nworld') },
    }))
    expect(richTextValue(a.doc, 's')).toBe(text)
    expect((text as Y.Text).toString()).toBe('Hello\nworld')
    relay(a.doc, b.doc)
    expect(note(b.store, 's').props.richText).toEqual(toRichText('Hello\nworld'))
  })

  it('text with marks is stored whole as JSON, round-trips, and turns back into text', () => {
    const [a, b] = connectedPair([noteRecord('s', 'Hello')])
    const bold = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Hello', marks: [{ type: 'bold' }] }],
        },
      ],
    }
    updateNote(a.store, 's', (n) => ({ ...n, props: { ...n.props, richText: bold } }))
    expect(richTextValue(a.doc, 's')).toEqual(bold)
    relay(a.doc, b.doc)
    expect(note(b.store, 's').props.richText).toEqual(bold)

    updateNote(b.store, 's', (n) => ({
      ...n,
      props: { ...n.props, richText: toRichText('Plain') },
    }))
    expect(richTextValue(b.doc, 's')).toBeInstanceOf(Y.Text)
    relay(b.doc, a.doc)
    expect(note(a.store, 's').props.richText).toEqual(toRichText('Plain'))
  })

  it('a sticky with Stormline meta keeps it as nested maps', () => {
    const [a] = connectedPair([stickyRecord('s', 'Payment failed', { kind: 'pain' })])
    const record = recordsMap(a.doc).get('shape:s') as Y.Map<unknown>
    const meta = record.get('meta') as Y.Map<unknown>
    expect(meta.get('stormline')).toBeInstanceOf(Y.Map)
    expect((meta.get('stormline') as Y.Map<unknown>).get('kind')).toBe('pain')
  })
})

describe('dispose', () => {
  it('stops syncing both ways and drops the undo stack', () => {
    const [a, b] = connectedPair()
    a.store.put([noteRecord('last', 'Typed just before leaving')])
    expect(a.binding.undoManager.canUndo()).toBe(true)
    a.binding.dispose()
    expect(recordsMap(a.doc).has('shape:last')).toBe(true)
    expect(a.binding.undoManager.canUndo()).toBe(false)
    expect(a.binding.undo()).toBe(false)

    a.store.put([noteRecord('after', 'Not synced')])
    expect(recordsMap(a.doc).has('shape:after')).toBe(false)

    b.binding.dispose()
    relay(a.doc, b.doc)
    expect(b.store.get('shape:last' as TLRecord['id'])).toBeUndefined()
  })
})
