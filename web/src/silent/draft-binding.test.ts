import { isDraftRecord } from '@stormline/shared/board/silent-writing'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { encodeRecord } from '@stormline/shared/sync/record-layout'
import type { TLNoteShape, TLStore } from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardStore, stickyRecord } from '../sync/test-records.ts'
import { createYjsStoreBinding } from '../sync/yjs-store-binding.ts'
import { bindDrafts, type DraftBinding } from './draft-binding.ts'

const remoteOrigin = Symbol('server')
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

interface Tab {
  store: TLStore
  /** The person's private document as this tab holds it. */
  privateDoc: Y.Doc
  binding: DraftBinding
  warnings: string[]
}

function tab(privateDoc = new Y.Doc(), store = createBoardStore()): Tab {
  const warnings: string[] = []
  const binding = bindDrafts(store, privateDoc, { warn: (message) => warnings.push(message) })
  cleanups.push(() => binding.dispose())
  return { store, privateDoc, binding, warnings }
}

/** Everything `from` has that `to` lacks, as the server relays it. */
function relay(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), remoteOrigin)
}

const draftsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(privateLayout.drafts)
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

describe('local drafts → private doc', () => {
  it('a draft is written whole inside the store operation that made it', () => {
    const { store, privateDoc } = tab()
    const mine = draft('d', 'Checkout is slow')
    store.put([mine])
    // No frame, no microtask: the private doc has it as soon as put returns.
    expect(draftsOf(privateDoc).get('shape:d')).toEqual(mine)
    moveTo(store, 'd', 30)
    expect(draftsOf(privateDoc).get('shape:d')).toMatchObject({ x: 30 })
    store.remove([noteId('d')])
    expect(draftsOf(privateDoc).has('shape:d')).toBe(false)
  })

  it('leaves everything that is not a draft alone', () => {
    const { store, privateDoc } = tab()
    const before = Y.encodeStateAsUpdate(privateDoc)
    store.put([stickyRecord('s', 'Shared sticky')])
    moveTo(store, 's', 5)
    store.remove([noteId('s')])
    store.mergeRemoteChanges(() => {}) // session records: camera, instance…
    expect(Y.encodeStateAsUpdate(privateDoc)).toEqual(before)
  })

  it('one store operation is one private-doc transaction', () => {
    const { store, privateDoc } = tab()
    let transactions = 0
    privateDoc.on('afterTransaction', () => transactions++)
    store.put([draft('a', 'one'), draft('b', 'two'), stickyRecord('s', 'shared')])
    expect(transactions).toBe(1)
    expect([...draftsOf(privateDoc).keys()].sort()).toEqual(['shape:a', 'shape:b'])
  })

  it('a record that stops being a draft here leaves the private doc', () => {
    const { store, privateDoc } = tab()
    const mine = draft('d', 'x')
    store.put([mine])
    store.put([published(mine)])
    expect(draftsOf(privateDoc).has('shape:d')).toBe(false)
  })
})

describe('private doc → store', () => {
  it('loads the drafts the private doc already holds', () => {
    const server = new Y.Doc()
    draftsOf(server).set('shape:d', draft('d', 'Written yesterday'))
    const privateDoc = new Y.Doc()
    relay(server, privateDoc)
    const { store } = tab(privateDoc)
    expect(store.get(noteId('d'))).toEqual(draft('d', 'Written yesterday'))
  })

  it("follows the person's other tab: new drafts, changes and removals, never echoed", () => {
    const first = tab()
    const second = tab()
    first.store.put([draft('d', 'From tab one')])
    relay(first.privateDoc, second.privateDoc)
    expect(second.store.get(noteId('d'))).toEqual(draft('d', 'From tab one'))

    let echoes = 0
    second.privateDoc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== remoteOrigin) echoes++
    })
    moveTo(first.store, 'd', 70)
    relay(first.privateDoc, second.privateDoc)
    expect(second.store.get(noteId('d'))).toMatchObject({ x: 70 })
    first.store.remove([noteId('d')])
    relay(first.privateDoc, second.privateDoc)
    expect(second.store.get(noteId('d'))).toBeUndefined()
    expect(echoes).toBe(0)
  })

  it('loads drafts that arrive with the first sync (the doc was empty when bound)', () => {
    const server = new Y.Doc()
    draftsOf(server).set('shape:d', draft('d', 'Mine'))
    const { store, privateDoc } = tab()
    expect(store.get(noteId('d'))).toBeUndefined()
    relay(server, privateDoc)
    expect(isDraftRecord(store.get(noteId('d')))).toBe(true)
  })

  it('skips what is not a valid draft note, keeping the rest', () => {
    const server = new Y.Doc()
    server.transact(() => {
      draftsOf(server).set('shape:plain', stickyRecord('plain', 'not flagged'))
      draftsOf(server).set('shape:broken', { ...draft('broken', 'x'), props: { color: 'plaid' } })
      draftsOf(server).set('shape:other', { ...draft('x', 'wrong key') })
      draftsOf(server).set('shape:good', draft('good', 'fine'))
    })
    const privateDoc = new Y.Doc()
    relay(server, privateDoc)
    const { store, warnings } = tab(privateDoc)
    const shapes = store.allRecords().filter((record) => record.typeName === 'shape')
    expect(shapes.map((shape) => shape.id)).toEqual(['shape:good'])
    expect(warnings).toHaveLength(3)
  })

  it('a removal leaves a record that is no longer a draft (published first)', () => {
    const { store, privateDoc } = tab()
    const mine = draft('d', 'Published')
    store.put([mine])
    const server = new Y.Doc()
    relay(privateDoc, server)
    // The board's published version arrived first (through the board's binding).
    store.mergeRemoteChanges(() => store.put([published(mine)]))
    draftsOf(server).delete('shape:d')
    relay(server, privateDoc)
    expect(store.get(noteId('d'))).toEqual(published(mine))
  })

  it('a stale draft never overwrites the published version', () => {
    const mine = draft('d', 'Old draft')
    const store = createBoardStore()
    store.put([published(mine)])
    const server = new Y.Doc()
    draftsOf(server).set('shape:d', mine)
    const privateDoc = new Y.Doc()
    relay(server, privateDoc)
    tab(privateDoc, store)
    expect(isDraftRecord(store.get(noteId('d')))).toBe(false)
  })

  it('stops following both ways once disposed', () => {
    const first = tab()
    const second = tab()
    second.binding.dispose()
    first.store.put([draft('d', 'x')])
    relay(first.privateDoc, second.privateDoc)
    expect(second.store.get(noteId('d'))).toBeUndefined()
    second.store.put([draft('e', 'y')])
    expect(draftsOf(second.privateDoc).has('shape:e')).toBe(false)
  })
})

describe('with the board binding: the reveal', () => {
  function authorPage() {
    const boardDoc = new Y.Doc()
    const store = createBoardStore()
    const board = createYjsStoreBinding(store, boardDoc, { isLocalOnly: isDraftRecord })
    cleanups.push(() => board.dispose())
    board.loadInitial()
    const page = tab(new Y.Doc(), store)
    return { ...page, boardDoc }
  }

  /** What the server does at the reveal: the board gets the note, the private doc loses it. */
  function reveal(
    page: ReturnType<typeof authorPage>,
    mine: TLNoteShape,
    order: 'board-first' | 'private-first',
  ) {
    const serverBoard = new Y.Doc()
    const serverPrivate = new Y.Doc()
    relay(page.boardDoc, serverBoard)
    relay(page.privateDoc, serverPrivate)
    serverBoard
      .getMap(docLayout.records)
      .set(mine.id, encodeRecord(published(mine) as unknown as Parameters<typeof encodeRecord>[0]))
    draftsOf(serverPrivate).delete(mine.id)
    const steps = [
      () => relay(serverBoard, page.boardDoc),
      () => relay(serverPrivate, page.privateDoc),
    ]
    if (order === 'private-first') steps.reverse()
    for (const step of steps) step()
  }

  for (const order of ['board-first', 'private-first'] as const) {
    it(`the draft becomes the published sticky (${order})`, () => {
      const page = authorPage()
      const mine = draft('d', 'Nobody else saw this yet')
      page.store.put([mine])
      expect(page.boardDoc.getMap(docLayout.records).has('shape:d')).toBe(false)
      expect(draftsOf(page.privateDoc).has('shape:d')).toBe(true)

      reveal(page, mine, order)
      expect(page.store.get(noteId('d'))).toEqual(published(mine))
      expect(draftsOf(page.privateDoc).has('shape:d')).toBe(false)
    })
  }
})
