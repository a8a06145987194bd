import { readBoardContent } from '@stormline/shared/history/board-content'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { patchRecord, putRecord, readRecordsJson } from '@stormline/shared/sync/record-layout'
import { pageRecord, stickyRecord, stickyText } from '@stormline/shared/testing/board-records'
import { beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'
import { BoardHistory } from './board-history.ts'

/**
 * The history on a real registry and the memory store, on boards nobody is connected to (the
 * registry then replays each from the store and appends each change to it); the integration
 * test does the same with people connected.
 */

let store: MemoryBoardStore
let registry: RoomRegistry
let history: BoardHistory
let boardId: string
let clock: number

beforeEach(async () => {
  store = new MemoryBoardStore()
  registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  clock = Date.parse('2026-12-01T10:00:00Z')
  history = new BoardHistory({
    store,
    documents: registry,
    logger: silentLogger,
    retention: { keepAuto: 2, keepDays: 30 },
    now: () => new Date(clock),
  })
  boardId = newBoardId()
  store.createBoard({ id: boardId, name: 'B', template: 'blank', createdAt: new Date(clock) })
})

const write = (change: (doc: Y.Doc) => void) => registry.writeDocument(boardId, change)
const records = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.records)
const board = () => registry.readDocument(boardId, (doc) => readBoardContent(doc))

function move(doc: Y.Doc, id: string, x: number, y: number): void {
  const before = readRecordsJson(doc)[id] as Record<string, unknown>
  patchRecord(records(doc).get(id) as Y.Map<unknown>, before, { ...before, x, y })
}

const a = stickyRecord('shape:a', { text: 'Flaky tests', x: 0, y: 0 })
const b = stickyRecord('shape:b', { text: 'Slow approvals', kind: 'pain', x: 200, y: 0 })
const c = stickyRecord('shape:c', { text: 'New idea', x: 400, y: 0 })

async function seeded(): Promise<string> {
  await write((doc) => {
    putRecord(records(doc), pageRecord)
    putRecord(records(doc), a)
    putRecord(records(doc), b)
  })
  clock += 1000
  return (await history.takeNamed(boardId, 'Before lunch')).id
}

describe('BoardHistory', () => {
  it('restores a checkpoint as a change, and undoes it back to the board before', async () => {
    const named = await seeded()
    await write((doc) => {
      move(doc, 'shape:a', 300, 120)
      records(doc).delete('shape:b')
      putRecord(records(doc), c)
    })
    const changedBoard = await board()
    const view = await history.content(boardId, named)
    expect(Object.keys(view?.records ?? {}).sort()).toEqual(['page:page', 'shape:a', 'shape:b'])
    expect(view?.checkpoint).toMatchObject({ id: named, kind: 'named', stickyCount: 2 })

    clock += 1000
    const done = await history.restore(boardId, named)
    expect(done).toMatchObject({ restored: { id: named }, changed: 3 })
    expect((await board()).records).toEqual(view?.records)
    const listed = (await history.list(boardId)).checkpoints
    expect(listed.map((cp) => [cp.kind, cp.restoredFrom, cp.undone])).toEqual([
      ['before-restore', named, false],
      ['named', undefined, undefined],
    ])
    expect(listed[0]?.id).toBe(done?.undoCheckpointId)

    expect(await history.undo(boardId, done?.undoCheckpointId ?? '')).toEqual({ changed: 3 })
    expect(await board()).toEqual(changedBoard)
    expect(await history.undo(boardId, done?.undoCheckpointId ?? '')).toBe('already_undone')
    expect(await history.undo(boardId, named)).toBe('not_undoable')
    expect(await history.undo(boardId, 'nope')).toBe('not_found')
    expect(await history.restore(boardId, 'nope')).toBeNull()
  })

  it('keeps an edit made after the restore when undoing it, even once the checkpoint is deleted', async () => {
    const named = await seeded()
    await write((doc) => move(doc, 'shape:a', 300, 120))
    await write((doc) => move(doc, 'shape:b', 500, 500))
    const done = await history.restore(boardId, named)
    await write((doc) => {
      const before = readRecordsJson(doc)['shape:b'] as Record<string, unknown>
      const retyped = stickyRecord('shape:b', { text: 'Slow change approvals' })
      patchRecord(records(doc).get('shape:b') as Y.Map<unknown>, before, {
        ...before,
        props: retyped.props,
      })
    })
    expect(await history.delete(boardId, named)).toBe('deleted')
    expect(await history.undo(boardId, done?.undoCheckpointId ?? '')).toEqual({ changed: 2 })
    const after = (await board()).records
    expect(after['shape:a']).toMatchObject({ x: 300, y: 120 })
    // b's move is undone, its new text stays.
    expect(after['shape:b']).toMatchObject({ x: 500, y: 500 })
    expect(stickyText(after['shape:b'])).toBe('Slow change approvals')
  })

  it('deletes named checkpoints only', async () => {
    const named = await seeded()
    const done = await history.restore(boardId, named)
    expect(await history.delete(boardId, done?.undoCheckpointId ?? '')).toBe('not_named')
    expect(await history.delete(boardId, 'nope')).toBe('not_found')
    expect(await history.delete(boardId, named)).toBe('deleted')
  })

  it('checkpoints a board that was never opened (an empty document)', async () => {
    const named = await history.takeNamed(boardId, 'Empty')
    expect(named.stickyCount).toBe(0)
    expect(await history.content(boardId, named.id)).toMatchObject({ records: {}, clusters: {} })
    await write((doc) => putRecord(records(doc), a))
    expect(await history.restore(boardId, named.id)).toMatchObject({ changed: 1 })
    expect((await board()).records).toEqual({})
  })

  it('takes an automatic checkpoint unless a stored one already holds the changes, and prunes', async () => {
    await seeded()
    const dirtySince = clock - 500
    // The named checkpoint (taken at `clock`) is newer than the first change: nothing to add.
    expect(await history.takeAuto(boardId, dirtySince)).toBe(clock)
    expect((await history.list(boardId)).checkpoints.map((cp) => cp.kind)).toEqual(['named'])
    for (let i = 1; i <= 3; i++) {
      clock += 1000
      expect(await history.takeAuto(boardId, clock - 1)).toBe(clock)
    }
    const listed = await history.list(boardId)
    // Retention: the newest two automatic ones, and the named one.
    expect(listed.checkpoints.map((cp) => cp.kind)).toEqual(['auto', 'auto', 'named'])
    expect(listed.retention).toEqual({ keepAuto: 2, keepDays: 30 })
  })

  it('names nobody on an anonymous board: neither in a view nor in what a restore writes', async () => {
    await write((doc) => {
      putRecord(records(doc), pageRecord)
      putRecord(
        records(doc),
        stickyRecord('shape:s', { text: 'Mine', authorId: 'm1', authorName: 'Ada' }),
      )
    })
    const named = await history.takeNamed(boardId, 'Signed')
    await write((doc) => {
      records(doc).delete('shape:s')
      doc.getMap<unknown>(docLayout.session).set('anonymous', true)
    })
    const authorsIn = (all: Record<string, unknown>) =>
      JSON.stringify(all).match(/"author(Id|Name)":"[^"]+"/g) ?? []
    const view = await history.content(boardId, named.id)
    expect(Object.keys(view?.records ?? {})).toContain('shape:s')
    expect(authorsIn(view?.records ?? {})).toEqual([])
    await history.restore(boardId, named.id)
    const after = (await board()).records
    expect(stickyText(after['shape:s'])).toBe('Mine')
    expect(authorsIn(after)).toEqual([])
  })
})
