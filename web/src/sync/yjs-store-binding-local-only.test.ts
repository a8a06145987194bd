import { isDraftRecord } from '@stormline/shared/board/silent-writing'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { decodeRecord } from '@stormline/shared/sync/record-layout'
import type { TLNoteShape, TLStore } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { relay } from './test-clients.ts'
import { createBoardStore, stickyRecord } from './test-records.ts'
import { createYjsStoreBinding, type YjsStoreBinding } from './yjs-store-binding.ts'

/**
 * The binding's `isLocalOnly` option: silent-writing drafts stay in this browser's store and
 * out of the board's doc until the server publishes them (silent/draft-binding.ts).
 */

const open: YjsStoreBinding[] = []
afterEach(() => {
  for (const binding of open.splice(0)) binding.dispose()
})

function client(doc = new Y.Doc()): { store: TLStore; doc: Y.Doc; binding: YjsStoreBinding } {
  const store = createBoardStore()
  const binding = createYjsStoreBinding(store, doc, {
    isLocalOnly: (record) => isDraftRecord(record),
    warn: () => {},
  })
  open.push(binding)
  return { store, doc, binding }
}

const records = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(docLayout.records)
const noteId = (name: string) => `shape:${name}` as TLNoteShape['id']

function moveTo(store: TLStore, name: string, x: number): void {
  store.put([{ ...(store.get(noteId(name)) as TLNoteShape), x }])
}

function draft(name: string, text: string): TLNoteShape {
  const note = stickyRecord(name, text)
  return { ...note, meta: { stormline: { ...(note.meta.stormline as object), draft: true } } }
}

function published(note: TLNoteShape): TLNoteShape {
  const { draft: _draft, ...stormline } = note.meta.stormline as Record<string, unknown>
  return { ...note, meta: { stormline } } as TLNoteShape
}

describe('local-only records (silent-writing drafts)', () => {
  it('are never written to the doc: added, changed or removed', () => {
    const { store, doc, binding } = client()
    binding.loadInitial()
    const before = Y.encodeStateAsUpdate(doc)
    store.put([draft('d', 'Only mine')])
    moveTo(store, 'd', 40)
    store.remove([noteId('d')])
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(binding.undoManager.canUndo()).toBe(false)
  })

  it('a store operation with a draft and a shared sticky writes only the shared one', () => {
    const { store, doc, binding } = client()
    binding.loadInitial()
    store.put([draft('d', 'Only mine'), stickyRecord('s', 'Everyone sees this')])
    expect([...records(doc).keys()].filter((key) => key.startsWith('shape:'))).toEqual(['shape:s'])
  })

  it('are left out when an empty board is seeded from the store', () => {
    const { store, doc, binding } = client()
    store.put([draft('d', 'Written before the board loaded')])
    binding.loadInitial()
    expect(records(doc).has('shape:d')).toBe(false)
    expect(store.get(noteId('d'))).toBeDefined()
  })

  it('stay in the store when the board is loaded from the doc', () => {
    const author = client()
    author.binding.loadInitial()
    author.store.put([stickyRecord('s', 'Shared')])

    const reader = client()
    relay(author.doc, reader.doc)
    reader.store.put([draft('d', 'Mine'), stickyRecord('stale', 'Not on the board')])
    reader.binding.loadInitial()
    expect(reader.store.get(noteId('d'))).toBeDefined()
    expect(reader.store.get(noteId('s'))).toBeDefined()
    expect(reader.store.get(noteId('stale'))).toBeUndefined()
  })

  it("a doc removal of the same id does not remove this browser's draft", () => {
    const a = client()
    a.binding.loadInitial()
    a.store.put([stickyRecord('x', 'Shared')])
    const b = client()
    relay(a.doc, b.doc)
    b.binding.loadInitial()
    // b's copy turned into a draft by a remote-style write (as the draft binding would load it).
    b.store.mergeRemoteChanges(() => b.store.put([draft('x', 'Mine')]))
    a.store.remove([noteId('x')])
    relay(a.doc, b.doc)
    expect(isDraftRecord(b.store.get(noteId('x')))).toBe(true)
  })

  it('the published version of a draft arriving from the doc replaces the draft', () => {
    const server = client()
    server.binding.loadInitial()
    const author = client()
    relay(server.doc, author.doc)
    author.binding.loadInitial()
    const mine = draft('d', 'Checkout is slow')
    author.store.put([mine])

    // The server publishes it: same id, no draft flag.
    server.store.put([published(mine)])
    relay(server.doc, author.doc)
    const record = author.store.get(noteId('d'))
    expect(isDraftRecord(record)).toBe(false)
    expect(record).toMatchObject({ props: { richText: mine.props.richText } })

    // From now on it is an ordinary sticky: edits reach the doc.
    moveTo(author.store, 'd', 99)
    expect(decodeRecord(records(author.doc).get('shape:d'))).toMatchObject({ x: 99 })
  })

  it('a record that stops being local-only is written whole', () => {
    const { store, doc, binding } = client()
    binding.loadInitial()
    const mine = draft('d', 'Whole')
    store.put([mine])
    store.put([published(mine)])
    expect(decodeRecord(records(doc).get('shape:d'))).toEqual(published(mine))
  })
})
