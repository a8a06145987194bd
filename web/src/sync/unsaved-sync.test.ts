import { afterEach, describe, expect, it, vi } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { TestSyncServer } from './test-sync-server.ts'
import { createUnsavedChanges, type UnsavedChanges } from './unsaved-changes.ts'
import {
  adoptStoredUnsaved,
  type KeyValueStorage,
  memoryStorage,
  readStoredUnsaved,
} from './unsaved-storage.ts'
import { syncUnsavedChanges } from './unsaved-sync.ts'

/** Waits for the sockets' timers; generous, so a busy machine does not fail the test. */
const eventually = <T>(check: () => T): Promise<T> =>
  vi.waitFor(check, { timeout: 5_000, interval: 10 })

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

const localCopyOrigin = Symbol('local copy')

interface Page {
  doc: Y.Doc
  provider: WebsocketProvider
  unsaved: UnsavedChanges
}

/** A page of the board: doc, provider and the unsaved-changes count, as board-connection wires them. */
function open(
  server: TestSyncServer,
  { storage = memoryStorage(), doc = new Y.Doc(), connect = true, requestDelayMs = 20 } = {},
): Page & { storage: KeyValueStorage } {
  const provider = new WebsocketProvider('ws://test/sync', 'board', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: server.WebSocket,
  })
  const stored = adoptStoredUnsaved(storage, 'board', doc.clientID)
  const unsaved = createUnsavedChanges({
    initial: stored.changes,
    serverVector: stored.serverVector,
  })
  const sync = syncUnsavedChanges({
    doc,
    provider,
    tracker: unsaved,
    remoteOrigins: [provider, localCopyOrigin],
    requestDelayMs,
    saveIntervalMs: 0,
    storage: { storage, boardId: 'board' },
  })
  cleanups.push(() => {
    sync.stop()
    provider.destroy()
  })
  if (connect) provider.connect()
  return { doc, provider, unsaved, storage }
}

const requestsFrom = (server: TestSyncServer): number =>
  server.received.filter((message) => message.kind === 'step1').length

describe('syncUnsavedChanges', () => {
  it('OFF-2: counts a live edit until the server acknowledges it, without asking', async () => {
    const server = new TestSyncServer()
    server.ackDelayMs = 30
    // Longer than the server takes to acknowledge, as in the app (500 ms against 200 ms).
    const page = open(server, { requestDelayMs: 200 })
    await eventually(() => expect(page.provider.synced).toBe(true))
    page.doc.getMap('records').set('shape:a', 'typed')
    expect(page.unsaved.count.get()).toBe(1)
    await eventually(() => expect(page.unsaved.count.get()).toBe(0))
    // The stored acknowledgement cleared it: only the provider's own step 1 when the socket opened.
    expect(requestsFrom(server)).toBe(1)
  })

  it('OFF-2: confirms a deletion by a round trip, since state vectors do not show deletions', async () => {
    const server = new TestSyncServer()
    const page = open(server)
    await eventually(() => expect(page.provider.synced).toBe(true))
    page.doc.getMap('records').set('shape:a', 'typed')
    await eventually(() => expect(page.unsaved.count.get()).toBe(0))
    page.doc.getMap('records').delete('shape:a')
    expect(page.unsaved.count.get()).toBe(1)
    await eventually(() => expect(page.unsaved.count.get()).toBe(0))
    expect(requestsFrom(server)).toBe(2)
    expect(server.doc.getMap('records').has('shape:a')).toBe(false)
  })

  it('OFF-2: still clears the count with a server that never acknowledges', async () => {
    const server = new TestSyncServer()
    server.acknowledges = false
    const page = open(server)
    await eventually(() => expect(page.provider.synced).toBe(true))
    page.doc.getMap('records').set('shape:a', 'typed')
    page.doc.getMap('records').set('shape:b', 'typed')
    expect(page.unsaved.count.get()).toBe(2)
    await eventually(() => expect(page.unsaved.count.get()).toBe(0))
  })

  it('OFF-2: counts edits made offline, stores the list, and clears it once they are sent', async () => {
    const server = new TestSyncServer()
    const page = open(server)
    await eventually(() => expect(page.provider.synced).toBe(true))
    server.goOffline()
    await eventually(() => expect(page.provider.wsconnected).toBe(false))
    page.doc.getMap('records').set('shape:a', 'offline')
    page.doc.getMap('records').delete('shape:a')
    page.doc.getMap('records').set('shape:b', 'offline too')
    expect(page.unsaved.count.get()).toBe(3)
    await eventually(() => expect(readStoredUnsaved(page.storage, 'board').changes).toHaveLength(3))

    server.goOnline()
    page.provider.connect()
    await eventually(() => expect(page.unsaved.count.get()).toBe(0))
    expect(server.doc.getMap('records').get('shape:b')).toBe('offline too')
    await eventually(() => expect(readStoredUnsaved(page.storage, 'board').changes).toHaveLength(0))
  })

  it('OFF-1, OFF-2: after a reload, the earlier page’s offline edits are counted until the server has them', async () => {
    const server = new TestSyncServer()
    server.goOffline()
    const storage = memoryStorage()
    const first = open(server, { storage, connect: false })
    first.doc.getMap('records').set('shape:a', 'written on the train')
    first.doc.getMap('records').delete('shape:a')
    first.doc.getMap('records').set('shape:b', 'kept')
    await eventually(() => expect(readStoredUnsaved(storage, 'board').changes).toHaveLength(3))
    // The tab is closed; the board's copy in the browser (IndexedDB) kept the doc.
    const copy = Y.encodeStateAsUpdate(first.doc)
    for (const cleanup of cleanups.splice(0).reverse()) cleanup()

    server.goOnline()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, copy, localCopyOrigin)
    const second = open(server, { storage, doc })
    expect(doc.clientID).not.toBe(first.doc.clientID)
    expect(second.unsaved.count.get()).toBe(3)
    await eventually(() => expect(second.unsaved.count.get()).toBe(0))
    expect(server.doc.getMap('records').toJSON()).toEqual({ 'shape:b': 'kept' })
    await eventually(() => expect(readStoredUnsaved(storage, 'board').changes).toHaveLength(0))
  })
})
