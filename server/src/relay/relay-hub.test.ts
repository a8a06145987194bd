import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import type { BoardFollow, BoardRelayListener } from '../rooms/board-relay.ts'
import { RelayHub } from './relay-hub.ts'
import { SimulatedBus } from './simulated-bus.ts'

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function update(doc: Y.Doc, key: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getMap('records').set(key, key)
  return Y.encodeStateAsUpdate(doc, before)
}

/** A listener that keeps what it is told. */
function recorder(): BoardRelayListener & { updates: Uint8Array[]; controls: unknown[] } {
  const updates: Uint8Array[] = []
  const controls: unknown[] = []
  return {
    updates,
    controls,
    update: (u) => updates.push(u),
    awareness: () => {},
    awarenessQuery: () => {},
    privateUpdate: () => {},
    control: (c) => controls.push(c),
    resync: () => {},
  }
}

function hubs(dropRate: number): { store: MemoryBoardStore; a: RelayHub; b: RelayHub } {
  let seed = 5
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const bus = new SimulatedBus({ random, dropRate, maxDelayMs: 3 })
  const store = new MemoryBoardStore()
  const make = (nodeId: string): RelayHub =>
    new RelayHub({
      transport: bus.connect(),
      nodeId,
      store,
      logger: silentLogger,
      gapGraceMs: 10,
      sweepMs: 0,
    })
  return { store, a: make('a'), b: make('b') }
}

describe('RelayHub', () => {
  it('gives the compaction lease to one node at a time', async () => {
    const { a, b } = hubs(0)
    const boardId = newBoardId()
    const releaseA = await a.lease(boardId)
    expect(releaseA).not.toBeNull()
    expect(await b.lease(boardId)).toBeNull()
    releaseA?.()
    await wait(1)
    const releaseB = await b.lease(boardId)
    expect(releaseB).not.toBeNull()
    // A release by a node that no longer holds the lease changes nothing.
    releaseA?.()
    await wait(1)
    expect(await a.lease(boardId)).toBeNull()
  })

  it('reads from the store an update the relay lost, once a later one shows the hole', async () => {
    const { store, a, b } = hubs(0)
    const boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'Gap', template: 'blank', createdAt: new Date() })
    const followA: BoardFollow = await a.follow(boardId)
    const followB = await b.follow(boardId)
    followA.attach(0, recorder())
    const heard = recorder()
    followB.attach(0, heard)
    const doc = new Y.Doc()
    // Node A stores two updates but the first never reaches B (published nowhere).
    const lost = update(doc, 'lost')
    store.appendUpdate(boardId, lost)
    const kept = update(doc, 'kept')
    const seq = store.appendUpdate(boardId, kept)
    followA.room.stored(seq, kept)
    await wait(60)
    const replay = new Y.Doc()
    for (const u of heard.updates) Y.applyUpdate(replay, u)
    expect([...replay.getMap('records').keys()].sort()).toEqual(['kept', 'lost'])
    expect(followB.room.appliedThrough()).toBe(seq)
  })

  it('delivers control changes to the other nodes, not back to the sender', async () => {
    const { a, b } = hubs(0)
    const boardId = newBoardId()
    const onA = recorder()
    const onB = recorder()
    ;(await a.follow(boardId)).attach(0, onA)
    ;(await b.follow(boardId)).attach(0, onB)
    a.publishControl(boardId, { kind: 'board-deleted' })
    await wait(20)
    expect(onB.controls).toEqual([{ kind: 'board-deleted' }])
    expect(onA.controls).toEqual([])
  })
})
