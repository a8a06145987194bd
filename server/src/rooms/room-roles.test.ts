import { templateTimelineId } from '@stormline/shared/board/timeline'
import { readOnlyReason } from '@stormline/shared/sync/access-messages'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import {
  readRecord,
  recordMap,
  stickyRecord,
  timelineRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from './room-registry.ts'
import { Peer } from './test-peer.ts'

describe('roles in a room', () => {
  let store: MemoryBoardStore
  let registry: RoomRegistry
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'Board', template: 'blank', createdAt: new Date() })
  })

  const storedRecords = (): Record<string, unknown> => {
    return readRecordsJson(replayStoredDocument(store.loadDocument(boardId)))
  }

  it('tells a viewer it is read-only and drops its edits: never stored, never relayed', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const real = stickyRecord('shape:a', { text: 'real' })
    writeRecord(facilitator.doc, real)
    const viewer = new Peer(registry, boardId, 'viewer')
    expect(viewer.denials).toEqual([readOnlyReason])
    expect(viewer.records).toEqual({ 'shape:a': real })

    const logBefore = store.updateLogStats(boardId).count
    writeRecord(viewer.doc, stickyRecord('shape:evil', { text: 'vandal' }))
    recordMap(viewer.doc, 'shape:a').set('x', 666)
    viewer.doc.getMap(docLayout.session).set('step', 6)

    expect(facilitator.records).toEqual({ 'shape:a': real })
    expect(store.updateLogStats(boardId).count).toBe(logBefore)
    expect(storedRecords()).toEqual({ 'shape:a': real })
    // It stays connected and keeps receiving the board live.
    expect(viewer.closed).toBeUndefined()
    expect(viewer.denials.length).toBeGreaterThan(1)
    const more = stickyRecord('shape:b', { text: 'more' })
    writeRecord(facilitator.doc, more)
    expect(readRecord(viewer.doc, 'shape:b')).toEqual(more)
  })

  it('lets a viewer show its cursor to the others', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const viewer = new Peer(registry, boardId, 'viewer')
    viewer.announce({ user: { name: 'Watcher' } })
    expect(facilitator.awareness.getStates().get(viewer.doc.clientID)).toEqual({
      user: { name: 'Watcher' },
      role: 'viewer',
      memberId: expect.stringMatching(/^test-/),
    })
  })

  it('relays a summon from the facilitator only', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const participant = new Peer(registry, boardId, 'participant')
    const viewer = new Peer(registry, boardId, 'viewer')
    participant.announce({ user: { name: 'Pat' }, summon: { id: 'p1' } })
    expect(viewer.awareness.getStates().get(participant.doc.clientID)).toEqual({
      user: { name: 'Pat' },
      role: 'participant',
      memberId: expect.stringMatching(/^test-/),
    })
    facilitator.announce({ user: { name: 'Fay' }, summon: { id: 'f1' } })
    expect(viewer.awareness.getStates().get(facilitator.doc.clientID)).toEqual({
      user: { name: 'Fay' },
      summon: { id: 'f1' },
      role: 'facilitator',
      memberId: expect.stringMatching(/^test-/),
    })
  })

  it("marks everyone's presence with the role of their link, whatever they claim", () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const viewer = new Peer(registry, boardId, 'viewer')
    viewer.announce({ user: { name: 'Vi' }, role: 'facilitator' })
    expect(facilitator.awareness.getStates().get(viewer.doc.clientID)).toEqual({
      user: { name: 'Vi' },
      role: 'viewer',
      memberId: expect.stringMatching(/^test-/),
    })
    // Latecomers get the stamped state too: the room keeps it as relayed.
    const late = new Peer(registry, boardId, 'participant')
    expect(late.awareness.getStates().get(viewer.doc.clientID)).toMatchObject({ role: 'viewer' })
  })

  it('closes a participant that changes facilitator-only state with 4403 and keeps nothing of it', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    facilitator.doc.getMap(docLayout.session).set('step', 2)
    const participant = new Peer(registry, boardId, 'participant')
    const mine = stickyRecord('shape:mine', { text: 'allowed' })
    writeRecord(participant.doc, mine)
    expect(facilitator.records).toHaveProperty('shape:mine')

    participant.doc.getMap(docLayout.session).set('step', 6)
    expect(participant.closed?.code).toBe(CloseCode.forbiddenEdit)
    expect(facilitator.doc.getMap(docLayout.session).get('step')).toBe(2)
    const stored = replayStoredDocument(store.loadDocument(boardId))
    expect(stored.getMap(docLayout.session).get('step')).toBe(2)
    expect(readRecord(stored, 'shape:mine')).toEqual(mine)
  })

  it('closes a participant that writes the server-only meta map with 4403 and keeps nothing of it', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const participant = new Peer(registry, boardId, 'participant')
    const storedMeta = () =>
      replayStoredDocument(store.loadDocument(boardId)).getMap(docLayout.meta).toJSON()
    const metaBefore = storedMeta()
    // What every client wrote before record layout v2: now the server alone stamps the schema.
    participant.doc.getMap(docLayout.meta).set('tldrawSchema', { schemaVersion: 2, sequences: {} })
    expect(participant.closed?.code).toBe(CloseCode.forbiddenEdit)
    expect(facilitator.doc.getMap(docLayout.meta).toJSON()).toEqual(metaBefore)
    expect(storedMeta()).toEqual(metaBefore)
  })

  it('lets the first participant lay out the template timeline but not lock it afterwards', () => {
    const participant = new Peer(registry, boardId, 'participant')
    const timeline = {
      ...timelineRecord({
        w: 2800,
        h: 160,
        startLabel: 'Idea',
        endLabel: 'Live',
        phases: [{ id: 'build', name: 'Build', weight: 1 }],
      }),
      // As the web app seeds it: unlocked, until the facilitator locks it.
      isLocked: false,
    }
    writeRecord(participant.doc, timeline)
    expect(participant.closed).toBeUndefined()
    expect(storedRecords()[templateTimelineId]).toEqual(timeline)

    // One field of the record map, as the binding writes a change.
    recordMap(participant.doc, templateTimelineId).set('isLocked', true)
    expect(participant.closed?.code).toBe(CloseCode.forbiddenEdit)
    expect(storedRecords()[templateTimelineId]).toEqual(timeline)
  })

  it('lets the facilitator change facilitator-only state', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const participant = new Peer(registry, boardId, 'participant')
    facilitator.doc.getMap(docLayout.session).set('step', 5)
    facilitator.doc.getMap(docLayout.assessments).set('cluster:1', { value: 5 })
    expect(facilitator.closed).toBeUndefined()
    expect(participant.doc.getMap(docLayout.session).get('step')).toBe(5)
  })

  it('disconnects only the rotated roles with 4401', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const participant = new Peer(registry, boardId, 'participant')
    const viewer = new Peer(registry, boardId, 'viewer')
    registry.disconnectRoles(boardId, ['participant'])
    expect(participant.closed?.code).toBe(CloseCode.unauthorized)
    expect(viewer.closed).toBeUndefined()
    expect(facilitator.closed).toBeUndefined()
    writeRecord(facilitator.doc, stickyRecord('shape:after'))
    expect(viewer.records).toHaveProperty('shape:after')
  })

  it('closes every socket with 4410 when the board is deleted, without writing to it', () => {
    const facilitator = new Peer(registry, boardId, 'facilitator')
    const viewer = new Peer(registry, boardId, 'viewer')
    writeRecord(facilitator.doc, stickyRecord('shape:a', { x: 1 }))
    const before = store.loadDocument(boardId)
    registry.closeBoard(boardId)
    // Unloading would have compacted the log into a snapshot; closing a deleted board must not.
    expect(store.loadDocument(boardId)).toEqual(before)
    expect(before.snapshot).toBeNull()
    store.deleteBoard(boardId)
    expect(facilitator.closed?.code).toBe(CloseCode.boardDeleted)
    expect(viewer.closed?.code).toBe(CloseCode.boardDeleted)
    expect(registry.size).toBe(0)
    expect(new Peer(registry, boardId, 'facilitator').closed?.code).toBe(CloseCode.boardNotFound)
    // The now-closed peers' docs are theirs; nothing reaches the store.
    expect(Y.encodeStateAsUpdate(facilitator.doc).byteLength).toBeGreaterThan(2)
  })

  it('relays and stores a change the server makes itself, live or not', () => {
    const viewer = new Peer(registry, boardId, 'viewer')
    registry.writeDocument(boardId, (doc) => doc.getMap(docLayout.session).set('boardName', 'Live'))
    expect(viewer.doc.getMap(docLayout.session).get('boardName')).toBe('Live')
    viewer.leave()
    registry.writeDocument(boardId, (doc) =>
      doc.getMap(docLayout.session).set('boardName', 'Later'),
    )
    const stored = replayStoredDocument(store.loadDocument(boardId))
    expect(stored.getMap(docLayout.session).get('boardName')).toBe('Later')
  })
})
