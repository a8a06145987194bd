import 'fake-indexeddb/auto'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import { fromBase64 } from 'lib0/buffer'
import { atom, createUserId, type TLRecord, type TLUser, UserRecordType } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { type BoardConnection, openBoardConnection } from './board-connection.ts'
import { localCopyName, readLocalCopy } from './offline-store.ts'
import { noteRecord } from './test-records.ts'
import { TestSyncServer } from './test-sync-server.ts'
import { type KeyValueStorage, memoryStorage, readStoredUnsaved } from './unsaved-storage.ts'
import { unsentChangesInBrowser } from './unsent-download.ts'

/** Waits for the sockets' timers; generous, so a busy machine does not fail the test. */
const eventually = <T>(check: () => T): Promise<T> =>
  vi.waitFor(check, { timeout: 5_000, interval: 10 })

/**
 * The board connection with its offline parts in place: a copy of the board in (fake) IndexedDB,
 * the unsaved-changes list in storage, and an in-memory sync server.
 */

const open = new Set<BoardConnection>()
afterEach(() => {
  for (const connection of open) connection.dispose()
  open.clear()
})

let boards = 0
/** A fresh board id per test, so the tests' IndexedDB copies never meet. */
const newBoardId = (): string => `OfflineTestBoard${String(++boards).padStart(6, '0')}`

function page(server: TestSyncServer, boardId: string, storage: KeyValueStorage): BoardConnection {
  const user = atom<TLUser | null>(
    'user',
    UserRecordType.create({ id: createUserId('me'), name: 'Me', color: '#1971c2' }),
  )
  const connection = openBoardConnection({
    boardId,
    syncUrl: 'ws://test/sync',
    user,
    unsavedStorage: storage,
    localCopy: true,
    WebSocketPolyfill: server.WebSocket,
  })
  open.add(connection)
  return connection
}

function close(connection: BoardConnection): void {
  connection.dispose()
  open.delete(connection)
}

async function live(connection: BoardConnection): Promise<void> {
  await eventually(() => expect(connection.state.get()).toMatchObject({ status: 'live' }))
}

/** Whether the board's IndexedDB copy holds this record yet (read as a later page would). */
async function copyHolds(boardId: string, id: string): Promise<boolean> {
  const copy = await readLocalCopy(boardId)
  const held = copy !== null && id in readRecordsJson(copy)
  copy?.destroy()
  return held
}

async function databases(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? '')
}

const noteId = (name: string) => `shape:${name}` as TLRecord['id']

describe('openBoardConnection offline', () => {
  it('OFF-1: an edit made offline survives closing the tab and reaches the server on the next visit', async () => {
    const server = new TestSyncServer()
    const boardId = newBoardId()
    const storage = memoryStorage()
    const first = page(server, boardId, storage)
    await live(first)

    server.goOffline()
    await eventually(() => expect(first.state.get().status).toBe('offline'))
    first.store.put([noteRecord('train', 'Written on the train')])
    await eventually(() => expect(first.unsaved.get()).toBeGreaterThan(0))
    const unsaved = first.unsaved.get()
    // Once the copy holds it, the tab closes.
    await eventually(async () => expect(await copyHolds(boardId, noteId('train'))).toBe(true))
    close(first)
    expect(server.doc.getMap('records').has(noteId('train'))).toBe(false)

    server.goOnline()
    const again = page(server, boardId, storage)
    // The earlier tab's changes are counted from the start.
    expect(again.unsaved.get()).toBe(unsaved)
    await live(again)
    expect(again.store.get(noteId('train'))).toBeDefined()
    await eventually(() => expect(again.unsaved.get()).toBe(0))
    expect(server.doc.getMap('records').has(noteId('train'))).toBe(true)
  })

  it('OFF-1: connects only once the board’s copy is loaded', async () => {
    const server = new TestSyncServer()
    const boardId = newBoardId()
    const first = page(server, boardId, memoryStorage())
    await live(first)
    close(first)
    const connection = page(server, boardId, memoryStorage())
    // Still loading the copy: no socket yet.
    expect(connection.provider.ws).toBeNull()
    await live(connection)
  })

  it('OFF-2: counts a live edit as saving until the server acknowledges it', async () => {
    const server = new TestSyncServer()
    server.ackDelayMs = 50
    const connection = page(server, newBoardId(), memoryStorage())
    await live(connection)
    await eventually(() => expect(connection.unsaved.get()).toBe(0))
    connection.store.put([noteRecord('quick', 'Quick')])
    expect(connection.unsaved.get()).toBe(1)
    expect(connection.asksBeforeLeaving()).toBe(true)
    await eventually(() => expect(connection.unsaved.get()).toBe(0))
    expect(connection.asksBeforeLeaving()).toBe(false)
    // Cleared by the stored acknowledgement (ACK-1), not by a round trip the page asked for.
    expect(server.received.filter((message) => message.kind === 'step1')).toHaveLength(1)
  })

  it.each([
    [CloseCode.boardDeleted, 'deleted'],
    [CloseCode.boardNotFound, 'not-found'],
  ])('OFF-3: close code %i drops the board’s copy and its unsaved list', async (code, phase) => {
    const server = new TestSyncServer()
    const boardId = newBoardId()
    const storage = memoryStorage()
    const connection = page(server, boardId, storage)
    await live(connection)
    server.goOffline()
    await eventually(() => expect(connection.state.get().status).toBe('offline'))
    connection.store.put([noteRecord('gone', 'Gone with the board')])
    await eventually(async () => expect(await copyHolds(boardId, noteId('gone'))).toBe(true))
    expect(await databases()).toContain(localCopyName(boardId))

    server.goOnline()
    connection.provider.connect()
    await eventually(() => expect(connection.provider.wsconnected).toBe(true))
    server.closeAll(code)
    await eventually(() => expect(connection.state.get().phase).toBe(phase))
    expect(connection.unsaved.get()).toBe(0)
    expect(connection.asksBeforeLeaving()).toBe(false)
    await connection.prepareToLeave()
    expect(await databases()).not.toContain(localCopyName(boardId))
    expect(readStoredUnsaved(storage, boardId).changes).toEqual([])
  })

  it('OFF-3: when access is lost (4401) the unsaved changes are kept and offered as a download', async () => {
    const server = new TestSyncServer()
    const boardId = newBoardId()
    const storage = memoryStorage()
    const connection = page(server, boardId, storage)
    await live(connection)
    server.goOffline()
    await eventually(() => expect(connection.state.get().status).toBe('offline'))
    connection.store.put([noteRecord('mine', 'Only in my browser')])
    await eventually(async () => expect(await copyHolds(boardId, noteId('mine'))).toBe(true))
    server.goOnline()
    // The link was rotated meanwhile: the server turns the socket away.
    server.acknowledges = false
    const onOpen = (): void => server.closeAll(CloseCode.unauthorized)
    connection.provider.on('status', ({ status }) => {
      if (status === 'connected') setTimeout(onOpen, 0)
    })
    connection.provider.connect()
    await eventually(() => expect(connection.state.get().phase).toBe('link-invalid'))

    const unsaved = connection.unsaved.get()
    expect(unsaved).toBeGreaterThan(0)
    const file = connection.unsentChanges()
    expect(file).toMatchObject({ boardId, unsavedChanges: unsaved })
    expect(file?.stickies).toEqual([
      { id: 'shape:mine', text: 'Only in my browser', kind: null, context: '' },
    ])
    const restored = new Y.Doc()
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(server.doc))
    Y.applyUpdate(restored, fromBase64(file?.update ?? ''))
    expect(readRecordsJson(restored)).toHaveProperty('shape:mine')

    // Nothing was dropped: after closing the tab, the page that finds the link invalid offers
    // the same changes from the browser's copy.
    await connection.prepareToLeave()
    close(connection)
    expect(await databases()).toContain(localCopyName(boardId))
    const later = await unsentChangesInBrowser(boardId, storage)
    expect(later?.stickies.map((entry) => entry.id)).toEqual(['shape:mine'])
  })

  it('OFF-3: a refused edit clears the copy (it would be refused again) but can be downloaded', async () => {
    const server = new TestSyncServer()
    const boardId = newBoardId()
    const storage = memoryStorage()
    const connection = page(server, boardId, storage)
    await live(connection)
    server.acknowledges = false
    connection.store.put([noteRecord('refused', 'Too much')])
    server.closeAll(CloseCode.boardTooLarge)
    await eventually(() => expect(connection.state.get().phase).toBe('board-full'))
    expect(connection.unsentChanges()?.stickies.map((entry) => entry.id)).toEqual(['shape:refused'])
    expect(connection.asksBeforeLeaving()).toBe(true)
    await connection.prepareToLeave()
    expect(connection.asksBeforeLeaving()).toBe(false)
    expect(await databases()).not.toContain(localCopyName(boardId))
    expect(readStoredUnsaved(storage, boardId).changes).toEqual([])
  })

  it('sends its tldraw schema when it connects', async () => {
    const server = new TestSyncServer()
    const connection = page(server, newBoardId(), memoryStorage())
    await live(connection)
    const url = new URL(connection.provider.url.replace(/^ws/, 'http'))
    const schema = JSON.parse(url.searchParams.get('schema') ?? '{}') as Record<string, number>
    expect(schema['com.tldraw.shape.note']).toEqual(expect.any(Number))
  })
})
