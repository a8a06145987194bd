import { moveRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { beforeEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import { AckWatchingPeer } from './flow-test-peers.ts'
import { ManualTimers } from './manual-timers.ts'
import { RoomRegistry } from './room-registry.ts'

/** ACK-1 through the registry and a room: what each socket is told about what is stored. */
describe('storage acknowledgements (ACK-1)', () => {
  let store: MemoryBoardStore
  let timers: ManualTimers
  let registry: RoomRegistry
  let boardId: string

  beforeEach(() => {
    store = new MemoryBoardStore()
    timers = new ManualTimers()
    registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0, timers })
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'Board', template: 'blank', createdAt: new Date() })
  })

  it('sends the sender an acknowledgement covering its stored update, and nothing to the others', () => {
    const alice = new AckWatchingPeer(registry, boardId)
    const bob = new AckWatchingPeer(registry, boardId)
    const joined = { alice: alice.acks.length, bob: bob.acks.length }
    writeRecord(alice.doc, stickyRecord('shape:a', { text: 'saved?' }))
    expect(alice.acks.length).toBe(joined.alice)
    timers.advance(0)
    expect(alice.acks.length).toBe(joined.alice + 1)
    expect(alice.lastAckCoversOwnEdits).toBe(true)
    expect(bob.acks.length).toBe(joined.bob)
  })

  it('acknowledges a drag at most every 200 ms, and its last move always', () => {
    const alice = new AckWatchingPeer(registry, boardId)
    writeRecord(alice.doc, stickyRecord('shape:a'))
    timers.advance(0)
    const before = alice.acks.length
    // One second of dragging at ~60 updates a second.
    for (let i = 0; i < 60; i++) {
      moveRecord(alice.doc, 'shape:a', { x: i, y: i })
      timers.advance(16)
      expect(alice.lastAckCoversOwnEdits || timers.scheduled > 0).toBe(true)
    }
    timers.advance(1_000)
    const sent = alice.acks.length - before
    expect(sent).toBeGreaterThanOrEqual(4)
    expect(sent).toBeLessThanOrEqual(6)
    expect(alice.lastAckCoversOwnEdits).toBe(true)
  })

  it('sends nothing for what was never stored (a viewer)', () => {
    const viewer = new AckWatchingPeer(registry, boardId, 'viewer')
    const joined = viewer.acks.length
    writeRecord(viewer.doc, stickyRecord('shape:v'))
    timers.advance(1_000)
    expect(viewer.acks.length).toBe(joined)
  })

  it('cancels pending acknowledgements when the socket leaves or the room closes', () => {
    const alice = new AckWatchingPeer(registry, boardId)
    const bob = new AckWatchingPeer(registry, boardId)
    writeRecord(alice.doc, stickyRecord('shape:a'))
    writeRecord(bob.doc, stickyRecord('shape:b'))
    expect(timers.scheduled).toBe(2)
    alice.leave()
    expect(timers.scheduled).toBe(1)
    registry.close()
    expect(timers.scheduled).toBe(0)
  })
})
