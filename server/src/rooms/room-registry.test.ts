import { CloseCode, stockClientRetries } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { stickyRecord, stickyText, writeRecord } from '@stormline/shared/testing/board-records'
import * as encoding from 'lib0/encoding'
import { beforeEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import type { BoardStore } from '../boards/board-store.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { silentLogger } from '../logging/logger.ts'
import { PausablePeer, recordingLogger } from './flow-test-peers.ts'
import { laterStore } from './later-store.ts'
import { ManualTimers } from './manual-timers.ts'
import { MessageType } from './protocol.ts'
import { ChangeNotStoredError, RoomRegistry } from './room-registry.ts'
import { Peer } from './test-peer.ts'

describe('RoomRegistry', () => {
  let store: MemoryBoardStore
  let registry: RoomRegistry
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'Board', template: 'blank', createdAt: new Date() })
  })

  it('converges concurrent edits and gives a late joiner the full state', () => {
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    writeRecord(alice.doc, stickyRecord('shape:a', { text: 'from alice' }))
    writeRecord(bob.doc, stickyRecord('shape:b', { text: 'from bob' }))
    expect(alice.records).toEqual(bob.records)
    expect(Object.keys(alice.records).sort()).toEqual(['shape:a', 'shape:b'])
    expect(stickyText(bob.records['shape:a'])).toBe('from alice')

    const carol = new Peer(registry, boardId)
    expect(carol.records).toEqual(alice.records)
  })

  it('stores an update before relaying it', () => {
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    const logged: number[] = []
    bob.onReceive = () => logged.push(store.updateLogStats(boardId).count)
    const before = store.updateLogStats(boardId).count
    writeRecord(alice.doc, stickyRecord('shape:a', { x: 1 }))
    expect(logged).toEqual([before + 1])
  })

  it('refuses unknown and malformed board ids with the board-not-found close code', () => {
    const stranger = new Peer(registry, newBoardId())
    expect(stranger.connection).toBeNull()
    expect(stranger.closed?.code).toBe(CloseCode.boardNotFound)
    const odd = new Peer(registry, '../../etc/passwd')
    expect(odd.closed?.code).toBe(CloseCode.boardNotFound)
    expect(registry.size).toBe(0)
  })

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['an unknown message type', new Uint8Array([42, 0])],
    ['a truncated sync update', new Uint8Array([MessageType.sync, 2, 200])],
    ['garbage in a sync update', new Uint8Array([MessageType.sync, 2, 5, 1, 2, 3, 4, 5])],
    ['a truncated awareness update', new Uint8Array([MessageType.awareness, 9, 1])],
  ])('closes only the sender of %s and keeps the board intact', (_name, frame) => {
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    writeRecord(alice.doc, stickyRecord('shape:a', { x: 1 }))

    bob.connection?.receive(frame)
    expect(bob.closed?.code).toBe(CloseCode.malformedMessage)
    expect(alice.closed).toBeUndefined()

    writeRecord(alice.doc, stickyRecord('shape:b', { x: 2 }))
    const carol = new Peer(registry, boardId)
    expect(carol.records).toEqual({
      'shape:a': stickyRecord('shape:a', { x: 1 }),
      'shape:b': stickyRecord('shape:b', { x: 2 }),
    })
  })

  it('compacts and unloads a room when its last peer leaves, and reloads it intact', () => {
    const alice = new Peer(registry, boardId)
    // What creating the board logged (its layout version and schema).
    const initial = store.updateLogStats(boardId).count
    // Created once, then moved: each write after the first changes only `x`.
    for (let i = 0; i < 10; i++) writeRecord(alice.doc, stickyRecord('shape:a', { x: i }))
    expect(store.updateLogStats(boardId).count).toBe(initial + 10)
    alice.leave()
    expect(registry.size).toBe(0)
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(store.loadDocument(boardId).snapshot).not.toBeNull()

    const bob = new Peer(registry, boardId)
    expect(bob.records).toEqual({ 'shape:a': stickyRecord('shape:a', { x: 9 }) })
  })

  it('compacts while peers stay once the log reaches the threshold', () => {
    const small = new RoomRegistry({
      store,
      logger: silentLogger,
      compactEveryUpdates: 5,
      compactIntervalMs: 0,
    })
    const alice = new Peer(small, boardId)
    const initial = store.updateLogStats(boardId).count
    for (let i = 0; i < 12; i++) writeRecord(alice.doc, stickyRecord('shape:a', { x: i }))
    // Folded each time the log reached 5 entries: what is left is the remainder.
    expect(store.updateLogStats(boardId).count).toBe((initial + 12) % 5)
    const bob = new Peer(small, boardId)
    expect(bob.records).toEqual({ 'shape:a': stickyRecord('shape:a', { x: 11 }) })
  })

  it('folds a big board when its log holds as many bytes as its snapshot, not after a count', () => {
    const bySize = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      compactLogBytes: 1,
    })
    const alice = new Peer(bySize, boardId)
    // The first update is folded at once (no snapshot yet); after that, a snapshot of ~20 KB
    // waits for ~20 KB of moves.
    writeRecord(alice.doc, stickyRecord('shape:big', { text: 'x'.repeat(20_000) }))
    expect(store.updateLogStats(boardId).count).toBe(0)
    for (let i = 0; i < 50; i++) writeRecord(alice.doc, stickyRecord('shape:a', { x: i }))
    expect(store.updateLogStats(boardId).count).toBe(50)
    // Retyping the whole text: an update as big as the snapshot.
    writeRecord(alice.doc, stickyRecord('shape:big', { text: 'y'.repeat(20_000) }))
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(new Peer(bySize, boardId).records['shape:a']).toEqual(stickyRecord('shape:a', { x: 49 }))
  })

  it('folds a room on the housekeeping timer only once it has been quiet', () => {
    let now = 0
    const quiet = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      compactQuietMs: 10_000,
      now: () => now,
    })
    const alice = new Peer(quiet, boardId)
    const initial = store.updateLogStats(boardId).count
    writeRecord(alice.doc, stickyRecord('shape:a', { x: 1 }))
    now = 9_000
    writeRecord(alice.doc, stickyRecord('shape:a', { x: 2 }))
    now = 18_000
    quiet.compactQuiet()
    expect(store.updateLogStats(boardId).count).toBe(initial + 2)
    now = 19_000
    quiet.compactQuiet()
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(new Peer(quiet, boardId).records).toEqual({
      'shape:a': stickyRecord('shape:a', { x: 2 }),
    })
  })

  it('folds the log before refusing an update for the size limit', () => {
    const tight = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxBoardBytes: 8_000,
    })
    const alice = new Peer(tight, boardId)
    // Each rewrite of the sticky's text logs 1-2 KB; the board itself stays ~3 KB.
    for (let i = 0; i < 20; i++)
      writeRecord(alice.doc, stickyRecord('shape:a', { text: `${i}`.repeat(1_000) }))
    expect(alice.closed).toBeUndefined()
    expect(new Peer(tight, boardId).records['shape:a']).toEqual(
      stickyRecord('shape:a', { text: '19'.repeat(1_000) }),
    )
  })

  it('relays presence and withdraws it when a peer leaves', () => {
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    alice.announce({ name: 'Alice', color: '#e03131' })
    expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({
      name: 'Alice',
      color: '#e03131',
      role: 'facilitator',
      memberId: expect.stringMatching(/^test-/),
    })
    const carol = new Peer(registry, boardId)
    expect(carol.awareness.getStates().get(alice.doc.clientID)).toMatchObject({ name: 'Alice' })

    alice.leave()
    expect(bob.awareness.getStates().has(alice.doc.clientID)).toBe(false)
  })

  it('relays nothing and resets the room when the store cannot write', () => {
    const failing: BoardStore = Object.assign(Object.create(store) as BoardStore, {
      appendUpdate: (): number => {
        throw new Error('disk full')
      },
    })
    const broken = new RoomRegistry({ store: failing, logger: silentLogger, compactIntervalMs: 0 })
    const alice = new Peer(broken, boardId)
    const bob = new Peer(broken, boardId)
    writeRecord(alice.doc, stickyRecord('shape:a', { x: 1 }))
    expect(bob.records).toEqual({})
    expect(alice.closed?.code).toBe(CloseCode.internalError)
    expect(bob.closed?.code).toBe(CloseCode.internalError)
    expect(broken.size).toBe(0)
  })

  it('answers a server change once it is stored, and fails it when the store cannot write', async () => {
    // Stored: the caller (an API route) hears back only after the store kept it.
    const later = new RoomRegistry({
      store: laterStore(store, () => 2),
      logger: silentLogger,
      compactIntervalMs: 0,
    })
    const viewer = new Peer(later, boardId, 'viewer')
    await viewer.ready
    let answered = false
    const written = Promise.resolve(
      later.writeDocument(boardId, (doc) => doc.getMap(docLayout.session).set('boardName', 'A')),
    ).then(() => {
      answered = true
    })
    expect(answered).toBe(false)
    await written
    expect(
      replayStoredDocument(store.loadDocument(boardId)).getMap(docLayout.session).get('boardName'),
    ).toBe('A')

    // Not stored: the write fails instead of answering as if it had worked.
    let fail: (error: Error) => void = () => {}
    const failing: BoardStore = Object.assign(Object.create(store) as BoardStore, {
      appendUpdate: (): Promise<number> =>
        new Promise((_resolve, reject) => {
          fail = reject
        }),
    })
    const broken = new RoomRegistry({ store: failing, logger: silentLogger, compactIntervalMs: 0 })
    const peer = new Peer(broken, boardId, 'viewer')
    await peer.ready
    const lost = Promise.resolve(
      broken.writeDocument(boardId, (doc) => doc.getMap(docLayout.session).set('boardName', 'B')),
    )
    fail(new Error('disk full'))
    await expect(lost).rejects.toBeInstanceOf(ChangeNotStoredError)
    expect(peer.closed?.code).toBe(CloseCode.internalError)
  })

  it('refuses an update that would grow the board past its size limit, keeping what is stored', () => {
    const small = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxBoardBytes: 2_000,
    })
    const alice = new Peer(small, boardId)
    const kept = stickyRecord('shape:a', { text: 'small' })
    writeRecord(alice.doc, kept)
    const bob = new Peer(small, boardId)
    writeRecord(alice.doc, stickyRecord('shape:big', { text: 'x'.repeat(5_000) }))
    expect(alice.closed?.code).toBe(CloseCode.boardTooLarge)
    expect(bob.records).toEqual({ 'shape:a': kept })
    expect(new Peer(small, boardId).records).toEqual({ 'shape:a': kept })
  })

  it('BAD-2: queues a connection that sends past the rate limit, pauses it, and loses nothing', () => {
    const timers = new ManualTimers()
    const logger = recordingLogger()
    const limited = new RoomRegistry({
      store,
      logger,
      compactIntervalMs: 0,
      rateLimit: { perSecond: 10, burst: 5, queueBytes: 1024 * 1024 },
      timers,
    })
    const alice = new PausablePeer(limited, boardId)
    const bob = new Peer(limited, boardId)
    // One transaction per sticky: one message each, as a stock client sends them.
    for (let i = 0; i < 20; i++) writeRecord(alice.doc, stickyRecord(`shape:${i}`, { x: i }))
    expect(Object.keys(bob.records).length).toBeLessThan(20)
    expect(alice.flow).toEqual(['pause'])

    timers.advance(5_000)
    expect(Object.keys(bob.records).length).toBe(20)
    expect(alice.flow).toEqual(['pause', 'resume'])
    expect(alice.closed).toBeUndefined()
    expect(bob.closed).toBeUndefined()
    expect(Object.keys(new Peer(limited, boardId).records).length).toBe(20)
    // 15 of alice's edits waited, and so did her answers to acknowledgements meanwhile.
    expect(logger.events('sync.throttled')[0]?.queued).toBeGreaterThanOrEqual(15)
  })

  it('BAD-2: closes with 4529 (retryable) only a connection whose queue outgrows its bound', () => {
    const timers = new ManualTimers()
    const limited = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      rateLimit: { perSecond: 10, burst: 5, queueBytes: 4 * 1024 },
      timers,
    })
    const alice = new Peer(limited, boardId)
    const bob = new Peer(limited, boardId)
    for (let i = 0; i < 20 && !alice.closed; i++) {
      writeRecord(alice.doc, stickyRecord(`shape:${i}`, { text: 'x'.repeat(1_000) }))
    }
    expect(alice.closed?.code).toBe(CloseCode.overloaded)
    expect(stockClientRetries(CloseCode.overloaded)).toBe(true)
    timers.advance(5_000)
    expect(bob.closed).toBeUndefined()
    writeRecord(bob.doc, stickyRecord('shape:bob'))
    const fresh = new Peer(limited, boardId)
    expect(fresh.records).toEqual(bob.records)
    expect(Object.keys(fresh.records)).toContain('shape:bob')
    // Nothing of alice's is left waiting on a timer.
    timers.advance(5_000)
    expect(timers.scheduled).toBe(0)
  })

  it('holds an update that builds on what its sender has not sent yet, and applies both together', () => {
    const honest = new Peer(registry, boardId)
    const sender = new Peer(registry, boardId)
    const offline = new Y.Doc()
    writeRecord(offline, stickyRecord('shape:offline', { text: 'typed offline' }))
    const before = Y.encodeStateVector(offline)
    writeRecord(offline, stickyRecord('shape:after', { text: 'right after reconnecting' }))
    const send = (update: Uint8Array): void => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      sender.connection?.receive(encoding.toUint8Array(encoder))
    }
    send(Y.encodeStateAsUpdate(offline, before))
    expect(sender.closed).toBeUndefined()
    expect(honest.records).toEqual({})
    expect(registry.room(boardId)?.doc.store.pendingStructs).toBeNull()

    send(Y.encodeStateAsUpdate(offline))
    expect(Object.keys(honest.records).sort()).toEqual(['shape:after', 'shape:offline'])
  })

  it('bounds what a socket may hold back by the board size limit', () => {
    const small = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxBoardBytes: 64 * 1024,
    })
    const sender = new Peer(small, boardId)
    for (let i = 0; i < 10 && !sender.closed; i++) {
      const elsewhere = new Y.Doc()
      writeRecord(elsewhere, stickyRecord('shape:unsent', { text: 'never sent' }))
      const gap = Y.encodeStateVector(elsewhere)
      writeRecord(elsewhere, stickyRecord(`shape:${i}`, { text: 'x'.repeat(16 * 1024) }))
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(elsewhere, gap))
      sender.connection?.receive(encoding.toUint8Array(encoder))
    }
    expect(sender.closed?.code).toBe(CloseCode.boardTooLarge)
  })

  it('compacts every room and tells peers it is going away on close', () => {
    const alice = new Peer(registry, boardId)
    writeRecord(alice.doc, stickyRecord('shape:a', { x: 1 }))
    registry.close()
    expect(alice.closed?.code).toBe(CloseCode.goingAway)
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(Y.encodeStateAsUpdate(alice.doc).byteLength).toBeGreaterThan(0)
  })
})
