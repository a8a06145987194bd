import { CloseCode } from '@stormline/shared/sync/close-codes'
import * as encoding from 'lib0/encoding'
import { beforeEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import type { BoardStore } from '../boards/board-store.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import { MessageType } from './protocol.ts'
import { RoomRegistry } from './room-registry.ts'
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
    alice.doc.getMap('records').set('shape:a', { text: 'from alice' })
    bob.doc.getMap('records').set('shape:b', { text: 'from bob' })
    expect(alice.records).toEqual(bob.records)
    expect(Object.keys(alice.records).sort()).toEqual(['shape:a', 'shape:b'])

    const carol = new Peer(registry, boardId)
    expect(carol.records).toEqual(alice.records)
  })

  it('stores an update before relaying it', () => {
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    const logged: number[] = []
    bob.onReceive = () => logged.push(store.updateLogStats(boardId).count)
    const before = store.updateLogStats(boardId).count
    alice.doc.getMap('records').set('shape:a', { x: 1 })
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
    alice.doc.getMap('records').set('shape:a', { x: 1 })

    bob.connection?.receive(frame)
    expect(bob.closed?.code).toBe(CloseCode.malformedMessage)
    expect(alice.closed).toBeUndefined()

    alice.doc.getMap('records').set('shape:b', { x: 2 })
    const carol = new Peer(registry, boardId)
    expect(carol.records).toEqual({ 'shape:a': { x: 1 }, 'shape:b': { x: 2 } })
  })

  it('compacts and unloads a room when its last peer leaves, and reloads it intact', () => {
    const alice = new Peer(registry, boardId)
    for (let i = 0; i < 10; i++) alice.doc.getMap('records').set('shape:a', { x: i })
    expect(store.updateLogStats(boardId).count).toBe(10)
    alice.leave()
    expect(registry.size).toBe(0)
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(store.loadDocument(boardId).snapshot).not.toBeNull()

    const bob = new Peer(registry, boardId)
    expect(bob.records).toEqual({ 'shape:a': { x: 9 } })
  })

  it('compacts while peers stay once the log reaches the threshold', () => {
    const small = new RoomRegistry({
      store,
      logger: silentLogger,
      compactEveryUpdates: 5,
      compactIntervalMs: 0,
    })
    const alice = new Peer(small, boardId)
    for (let i = 0; i < 12; i++) alice.doc.getMap('records').set('shape:a', { x: i })
    expect(store.updateLogStats(boardId).count).toBe(2)
    const bob = new Peer(small, boardId)
    expect(bob.records).toEqual({ 'shape:a': { x: 11 } })
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
    alice.doc.getMap('records').set('shape:big', { text: 'x'.repeat(20_000) })
    expect(store.updateLogStats(boardId).count).toBe(0)
    for (let i = 0; i < 50; i++) alice.doc.getMap('records').set('shape:a', { x: i })
    expect(store.updateLogStats(boardId).count).toBe(50)
    alice.doc.getMap('records').set('shape:big', { text: 'y'.repeat(20_000) })
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(new Peer(bySize, boardId).records['shape:a']).toEqual({ x: 49 })
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
    alice.doc.getMap('records').set('shape:a', { x: 1 })
    now = 9_000
    alice.doc.getMap('records').set('shape:a', { x: 2 })
    now = 18_000
    quiet.compactQuiet()
    expect(store.updateLogStats(boardId).count).toBe(2)
    now = 19_000
    quiet.compactQuiet()
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(new Peer(quiet, boardId).records).toEqual({ 'shape:a': { x: 2 } })
  })

  it('folds the log before refusing an update for the size limit', () => {
    const tight = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxBoardBytes: 8_000,
    })
    const alice = new Peer(tight, boardId)
    // Each rewrite of the record logs ~1 KB; the board itself stays ~1 KB.
    for (let i = 0; i < 20; i++)
      alice.doc.getMap('records').set('shape:a', { text: `${i}`.repeat(1_000) })
    expect(alice.closed).toBeUndefined()
    expect(new Peer(tight, boardId).records['shape:a']).toEqual({ text: '19'.repeat(1_000) })
  })

  it('relays presence and withdraws it when a peer leaves', () => {
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    alice.announce({ name: 'Alice', color: '#e03131' })
    expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({
      name: 'Alice',
      color: '#e03131',
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
    alice.doc.getMap('records').set('shape:a', { x: 1 })
    expect(bob.records).toEqual({})
    expect(alice.closed?.code).toBe(CloseCode.internalError)
    expect(bob.closed?.code).toBe(CloseCode.internalError)
    expect(broken.size).toBe(0)
  })

  it('refuses an update that would grow the board past its size limit, keeping what is stored', () => {
    const small = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      maxBoardBytes: 2_000,
    })
    const alice = new Peer(small, boardId)
    alice.doc.getMap('records').set('shape:a', { text: 'small' })
    const bob = new Peer(small, boardId)
    alice.doc.getMap('records').set('shape:big', { text: 'x'.repeat(5_000) })
    expect(alice.closed?.code).toBe(CloseCode.boardTooLarge)
    expect(bob.records).toEqual({ 'shape:a': { text: 'small' } })
    expect(new Peer(small, boardId).records).toEqual({ 'shape:a': { text: 'small' } })
  })

  it('closes a connection that sends faster than the rate limit, and only that one', () => {
    let now = 0
    const limited = new RoomRegistry({
      store,
      logger: silentLogger,
      compactIntervalMs: 0,
      rateLimit: { perSecond: 10, burst: 5 },
      now: () => now,
    })
    const alice = new Peer(limited, boardId)
    const bob = new Peer(limited, boardId)
    // Joining used one message (sync step 1) of each peer's burst.
    for (let i = 0; i < 4; i++) alice.doc.getMap('records').set(`shape:${i}`, { i })
    expect(alice.closed).toBeUndefined()
    alice.doc.getMap('records').set('shape:flood', { i: 99 })
    expect(alice.closed?.code).toBe(CloseCode.rateLimited)
    now = 1_000
    bob.doc.getMap('records').set('shape:bob', { ok: true })
    expect(bob.closed).toBeUndefined()
    expect(Object.keys(new Peer(limited, boardId).records)).toContain('shape:bob')
  })

  it('holds an update that builds on what its sender has not sent yet, and applies both together', () => {
    const honest = new Peer(registry, boardId)
    const sender = new Peer(registry, boardId)
    const offline = new Y.Doc()
    offline.getMap('records').set('shape:offline', { text: 'typed offline' })
    const before = Y.encodeStateVector(offline)
    offline.getMap('records').set('shape:after', { text: 'right after reconnecting' })
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
      elsewhere.getMap('records').set('shape:unsent', { text: 'never sent' })
      const gap = Y.encodeStateVector(elsewhere)
      elsewhere.getMap('records').set(`shape:${i}`, { text: 'x'.repeat(16 * 1024) })
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(elsewhere, gap))
      sender.connection?.receive(encoding.toUint8Array(encoder))
    }
    expect(sender.closed?.code).toBe(CloseCode.boardTooLarge)
  })

  it('compacts every room and tells peers it is going away on close', () => {
    const alice = new Peer(registry, boardId)
    alice.doc.getMap('records').set('shape:a', { x: 1 })
    registry.close()
    expect(alice.closed?.code).toBe(CloseCode.goingAway)
    expect(store.updateLogStats(boardId).count).toBe(0)
    expect(Y.encodeStateAsUpdate(alice.doc).byteLength).toBeGreaterThan(0)
  })
})
