import { CloseCode } from '@stormline/shared/sync/close-codes'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import { laterStore } from './later-store.ts'
import { RoomRegistry } from './room-registry.ts'
import { Peer } from './test-peer.ts'

/** A seeded generator, so a failing run can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const settle = (ms = 30): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `done()` holds, checking every few ms (a bounded number of times). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await settle(5)
  expect(done()).toBe(true)
}

/** The records in a canonical order (documents that converged may list keys differently). */
const canonical = (records: Record<string, unknown>): string =>
  JSON.stringify(Object.entries(records).sort(([a], [b]) => (a < b ? -1 : 1)))

describe('a room on a store that answers later (ADR 0014)', () => {
  for (const seed of [1, 7, 42]) {
    it(`relays nothing before it is stored and converges (seed ${seed})`, async () => {
      const random = seeded(seed)
      const inner = new MemoryBoardStore()
      const store = laterStore(inner, () => Math.floor(random() * 8))
      const boardId = newBoardId()
      inner.createBoard({ id: boardId, name: 'Later', template: 'blank', createdAt: new Date() })
      const registry = new RoomRegistry({
        store,
        logger: silentLogger,
        compactIntervalMs: 0,
        compactEveryUpdates: 7,
      })
      const peers = [
        new Peer(registry, boardId),
        new Peer(registry, boardId),
        new Peer(registry, boardId),
      ]
      await Promise.all(peers.map((peer) => peer.ready))

      // Whatever a peer receives from others must already be stored: the stored updates, replayed,
      // hold every other client's content the peer has.
      const violations: string[] = []
      for (const peer of peers) {
        peer.onReceive = () => {
          queueMicrotask(() => {
            const storedDoc = new Y.Doc()
            for (const update of store.stored) Y.applyUpdate(storedDoc, update)
            const storedVector = Y.decodeStateVector(Y.encodeStateVector(storedDoc))
            const seen = Y.decodeStateVector(Y.encodeStateVector(peer.doc))
            for (const [client, clock] of seen) {
              if (client === peer.doc.clientID) continue
              if ((storedVector.get(client) ?? 0) < clock) violations.push(`${client}@${clock}`)
            }
            storedDoc.destroy()
          })
        }
      }

      for (let step = 0; step < 60; step++) {
        const peer = peers[Math.floor(random() * peers.length)] as Peer
        writeRecord(peer.doc, stickyRecord(`shape:${step % 9}`, { x: step, text: `step ${step}` }))
        if (random() < 0.3) await settle(Math.floor(random() * 10))
      }
      await until(() =>
        peers.every((peer) => canonical(peer.records) === canonical(peers[0]?.records ?? {})),
      )
      await registry.close()
      expect(violations).toEqual([])
      // Every edit is stored: a fresh load holds what the peers hold.
      const reloaded = new RoomRegistry({
        store: inner,
        logger: silentLogger,
        compactIntervalMs: 0,
      })
      const late = new Peer(reloaded, boardId)
      expect(late.records).toEqual(peers[0]?.records)
      expect(Object.keys(late.records)).toHaveLength(9)
    })
  }

  it('shares one load among peers that join while the store is answering', async () => {
    const inner = new MemoryBoardStore()
    const store = laterStore(inner, () => 5)
    const boardId = newBoardId()
    inner.createBoard({ id: boardId, name: 'Later', template: 'blank', createdAt: new Date() })
    const registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    await Promise.all([alice.ready, bob.ready])
    expect(registry.size).toBe(1)
    writeRecord(alice.doc, stickyRecord('shape:a', { text: 'hello' }))
    await until(() => 'shape:a' in bob.records)
    const stranger = new Peer(registry, newBoardId())
    await stranger.ready
    expect(stranger.closed?.code).toBe(CloseCode.boardNotFound)
  })

  it('closes every peer, relaying nothing, when an append is refused later', async () => {
    const inner = new MemoryBoardStore()
    const boardId = newBoardId()
    inner.createBoard({ id: boardId, name: 'Later', template: 'blank', createdAt: new Date() })
    const store = laterStore(inner, () => 2)
    const registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
    const alice = new Peer(registry, boardId)
    const bob = new Peer(registry, boardId)
    await Promise.all([alice.ready, bob.ready])
    await settle()
    store.appendUpdate = () => Promise.reject(new Error('connection lost'))
    writeRecord(alice.doc, stickyRecord('shape:a', { text: 'lost?' }))
    await until(() => alice.closed !== undefined && bob.closed !== undefined)
    expect(bob.records).toEqual({})
    expect(alice.closed?.code).toBe(CloseCode.internalError)
    expect(registry.size).toBe(0)
  })
})
