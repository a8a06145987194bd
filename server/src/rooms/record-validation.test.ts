import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout, schemaMetaKey } from '@stormline/shared/sync/doc-layout'
import type { JsonObject } from '@stormline/shared/sync/json-value'
import {
  encodeRecord,
  readRecordsJson,
  touchedRecordKeys,
} from '@stormline/shared/sync/record-layout'
import {
  pageRecord,
  recordMap,
  stickyRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toBoardFile } from '../boards/board-file.ts'
import { newBoardId } from '../boards/board-id.ts'
import type { BoardRecord } from '../boards/board-store.ts'
import { initialDocumentUpdate } from '../boards/initial-document.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { recordingLogger } from './flow-test-peers.ts'
import { findInvalidRecord } from './record-validation.ts'
import { RoomRegistry } from './room-registry.ts'
import { Peer } from './test-peer.ts'

const sticky = stickyRecord('shape:a', { text: 'Valid', kind: 'pain', context: 'why' })

/** Writes a record map as a (possibly hostile) client would: whatever the JSON holds. */
function writeRaw(doc: Y.Doc, key: string, value: JsonObject | string): void {
  doc
    .getMap<unknown>(docLayout.records)
    .set(key, typeof value === 'string' ? value : encodeRecord(value))
}

const invalidWrites: [string, (doc: Y.Doc) => void][] = [
  [
    'a prop of the wrong type',
    (doc) =>
      writeRaw(doc, 'shape:bad', {
        ...stickyRecord('shape:bad'),
        props: { ...stickyRecord('shape:bad').props, color: 42 },
      }),
  ],
  [
    'an unknown typeName',
    (doc) => writeRaw(doc, 'rocket:bad', { id: 'rocket:bad', typeName: 'rocket' }),
  ],
  [
    'an id that does not match its key',
    (doc) => writeRaw(doc, 'shape:bad', stickyRecord('shape:other')),
  ],
  [
    'a plain JSON value instead of a record map',
    (doc) => doc.getMap<unknown>(docLayout.records).set('shape:bad', stickyRecord('shape:bad')),
  ],
  ['a string', (doc) => writeRaw(doc, 'shape:bad', 'shape:bad')],
  [
    'a session record (a camera)',
    (doc) =>
      writeRaw(doc, 'camera:bad', {
        id: 'camera:bad',
        typeName: 'camera',
        x: 0,
        y: 0,
        z: 1,
        meta: {},
      }),
  ],
  [
    'an unknown shape type',
    (doc) => writeRaw(doc, 'shape:bad', { ...stickyRecord('shape:bad'), type: 'rocket' }),
  ],
]

describe('records a peer writes (VAL-1)', () => {
  let store: MemoryBoardStore
  let registry: RoomRegistry
  let logger: ReturnType<typeof recordingLogger>
  let board: BoardRecord

  beforeEach(() => {
    store = new MemoryBoardStore()
    logger = recordingLogger()
    registry = new RoomRegistry({ store, logger, compactIntervalMs: 0 })
    board = { id: newBoardId(), name: 'Board', template: 'blank', createdAt: new Date() }
    store.createBoard(board, undefined, initialDocumentUpdate({ anonymous: false }))
  })

  const stored = () => replayStoredDocument(store.loadDocument(board.id))

  it.each(invalidWrites)('refuses %s with 4422: never stored, never relayed', (_name, write) => {
    const alice = new Peer(registry, board.id, 'participant')
    const bob = new Peer(registry, board.id, 'facilitator')
    writeRecord(alice.doc, pageRecord)
    writeRecord(alice.doc, sticky)
    const storedBefore = store.loadDocument(board.id)
    const bobReceived = bob.received
    const exportBefore = registry.readDocument(
      board.id,
      (doc) => toBoardFile(board, doc, new Date(0)).document.maps,
    )

    write(alice.doc)

    expect(alice.closed?.code).toBe(CloseCode.invalidRecord)
    expect(bob.closed).toBeUndefined()
    // Bob never heard of it; the store and the live document do not hold it.
    expect(bob.received).toBe(bobReceived)
    expect(Object.keys(bob.records).sort()).toEqual(['page:page', 'shape:a'])
    expect(store.loadDocument(board.id)).toEqual(storedBefore)
    expect(Object.keys(readRecordsJson(stored())).sort()).toEqual(['page:page', 'shape:a'])
    const live = registry.room(board.id)?.doc
    expect(live && Object.keys(readRecordsJson(live)).sort()).toEqual(['page:page', 'shape:a'])
    // Exports read what they read before.
    expect(
      registry.readDocument(board.id, (doc) => toBoardFile(board, doc, new Date(0)).document.maps),
    ).toEqual(exportBefore)
    const [event] = logger.events('sync.invalid_record')
    expect(event).toMatchObject({ boardId: board.id, recordId: expect.stringMatching(/:bad$/) })
    expect(String(event?.reason).length).toBeGreaterThan(0)
  })

  it('accepts a valid update from a new connection afterwards, and the room keeps relaying', () => {
    const alice = new Peer(registry, board.id, 'participant')
    const bob = new Peer(registry, board.id, 'participant')
    writeRecord(alice.doc, sticky)
    invalidWrites[0]?.[1](alice.doc)
    expect(alice.closed?.code).toBe(CloseCode.invalidRecord)

    const again = new Peer(registry, board.id, 'participant')
    expect(again.records).toEqual({ 'shape:a': sticky })
    writeRecord(again.doc, stickyRecord('shape:b', { text: 'After' }))
    expect(again.closed).toBeUndefined()
    expect(Object.keys(bob.records).sort()).toEqual(['shape:a', 'shape:b'])
    // Bob's own edits still reach everyone (the room listens to its new document).
    writeRecord(bob.doc, stickyRecord('shape:c', { text: 'Bob' }))
    expect(Object.keys(again.records).sort()).toEqual(['shape:a', 'shape:b', 'shape:c'])
    expect(Object.keys(readRecordsJson(stored())).sort()).toEqual(['shape:a', 'shape:b', 'shape:c'])
  })

  it('refuses a mixed update whole: the valid record in it is not kept either', () => {
    const alice = new Peer(registry, board.id, 'participant')
    const bob = new Peer(registry, board.id, 'participant')
    alice.doc.transact(() => {
      writeRaw(alice.doc, 'shape:good', stickyRecord('shape:good', { text: 'Fine' }))
      writeRaw(alice.doc, 'shape:bad', { ...stickyRecord('shape:bad'), x: 'left' })
    })
    expect(alice.closed?.code).toBe(CloseCode.invalidRecord)
    expect(bob.records).toEqual({})
    expect(readRecordsJson(stored())).toEqual({})
  })

  it('refuses a nested change that leaves a record invalid, and keeps the record as it was', () => {
    const alice = new Peer(registry, board.id, 'participant')
    const bob = new Peer(registry, board.id, 'participant')
    writeRecord(alice.doc, sticky)
    const props = recordMap(alice.doc, 'shape:a').get('props') as Y.Map<unknown>
    props.set('color', 'chartreuse')
    expect(alice.closed?.code).toBe(CloseCode.invalidRecord)
    expect(bob.records['shape:a']).toEqual(sticky)
    expect(readRecordsJson(stored())['shape:a']).toEqual(sticky)
  })

  it('lets a valid nested change and a deletion through', () => {
    const alice = new Peer(registry, board.id, 'participant')
    const bob = new Peer(registry, board.id, 'participant')
    writeRecord(alice.doc, sticky)
    const meta = (recordMap(alice.doc, 'shape:a').get('meta') as Y.Map<unknown>).get('stormline')
    ;(meta as Y.Map<unknown>).set('needsDeepDive', true)
    expect(alice.closed).toBeUndefined()
    expect(bob.records['shape:a']).toMatchObject({ meta: { stormline: { needsDeepDive: true } } })
    alice.doc.getMap(docLayout.records).delete('shape:a')
    expect(alice.closed).toBeUndefined()
    expect(bob.records).toEqual({})
  })

  it('keeps relaying presence after the document was reset', () => {
    const alice = new Peer(registry, board.id, 'participant')
    const bob = new Peer(registry, board.id, 'participant')
    invalidWrites[1]?.[1](alice.doc)
    expect(alice.closed?.code).toBe(CloseCode.invalidRecord)
    const carol = new Peer(registry, board.id, 'participant')
    carol.announce({ name: 'Carol' })
    expect(bob.awareness.getStates().get(carol.doc.clientID)).toEqual({
      name: 'Carol',
      role: 'participant',
      memberId: expect.stringMatching(/^test-/),
    })
  })

  it('refuses the meta map to every client, the facilitator too (4403)', () => {
    const facilitator = new Peer(registry, board.id, 'facilitator')
    facilitator.doc.getMap(docLayout.meta).set(schemaMetaKey, { schemaVersion: 2, sequences: {} })
    expect(facilitator.closed?.code).toBe(CloseCode.forbiddenEdit)
    expect(stored().getMap(docLayout.meta).get(schemaMetaKey)).not.toEqual({
      schemaVersion: 2,
      sequences: {},
    })
  })

  it('leaves the backlog as it was after a refusal', () => {
    const alice = new Peer(registry, board.id, 'participant')
    writeRecord(alice.doc, sticky)
    const before = registry.readDocument(board.id, (doc) => boardMapsOf(doc))
    invalidWrites[3]?.[1](alice.doc)
    expect(registry.readDocument(board.id, (doc) => boardMapsOf(doc))).toEqual(before)
  })
})

describe('touchedRecordKeys', () => {
  it('finds the record of a change however deep it is, and records created or deleted', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>(docLayout.records)
    records.set('shape:a', encodeRecord(sticky))
    records.set('shape:b', encodeRecord(stickyRecord('shape:b')))
    const touched: string[][] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      touched.push([...touchedRecordKeys(records, transaction)].sort())
    })
    const text = (
      (records.get('shape:a') as Y.Map<Y.Map<unknown>>).get('props') as Y.Map<unknown>
    ).get('richText') as Y.Text
    text.insert(0, '!')
    doc.transact(() => {
      records.delete('shape:b')
      records.set('shape:c', encodeRecord(stickyRecord('shape:c')))
      doc.getMap(docLayout.clusters).set('cluster:x', { id: 'cluster:x' })
    })
    expect(touched).toEqual([['shape:a'], ['shape:b', 'shape:c']])
  })

  it('judges only what is still there', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>(docLayout.records)
    let found: unknown = 'unset'
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      found = findInvalidRecord(records, transaction)
    })
    doc.transact(() => {
      records.set('shape:x', 'not a record')
      records.delete('shape:x')
    })
    expect(found).toBeNull()
  })
})
