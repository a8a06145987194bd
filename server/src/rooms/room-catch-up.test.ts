import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { beforeEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { answeredNow } from '../boards/awaitable-testing.ts'
import { newBoardId } from '../boards/board-id.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { silentLogger } from '../logging/logger.ts'
import { MessageType } from './protocol.ts'
import { RoomRegistry } from './room-registry.ts'
import type { RoomConnection, SyncSocket } from './sync-socket.ts'
import { Peer } from './test-peer.ts'

/** A socket that speaks only when told to: it has not sent its sync step 1 yet. */
class SilentSocket implements SyncSocket {
  readonly doc = new Y.Doc()
  readonly syncTypes: number[] = []
  connection: RoomConnection | null = null

  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MessageType.sync) return
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MessageType.sync)
    this.syncTypes.push(syncProtocol.readSyncMessage(decoder, reply, this.doc, this))
  }

  close(): void {
    this.connection = null
  }

  sendStep1(): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.connection?.receive(encoding.toUint8Array(encoder))
  }

  get updatesReceived(): number {
    return this.syncTypes.filter((type) => type === syncProtocol.messageYjsUpdate).length
  }
}

describe('SYNC-3: a peer catches up before it gets single updates', () => {
  let registry: RoomRegistry
  let boardId: string

  beforeEach(() => {
    const store = new MemoryBoardStore()
    registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
    boardId = newBoardId()
    store.createBoard({ id: boardId, name: 'Board', template: 'blank', createdAt: new Date() })
  })

  it('skips relays until the peer’s step 1, whose step 2 then carries them', () => {
    const writer = new Peer(registry, boardId)
    const joining = new SilentSocket()
    joining.connection = answeredNow(registry.connect(boardId, joining, 'participant'))
    writeRecord(writer.doc, stickyRecord('shape:a', { text: 'while you were away' }))
    expect(joining.updatesReceived).toBe(0)
    expect(joining.doc.getMap('records').has('shape:a')).toBe(false)

    joining.sendStep1()
    expect(joining.syncTypes).toContain(syncProtocol.messageYjsSyncStep2)
    expect(joining.doc.getMap('records').has('shape:a')).toBe(true)

    // Caught up: the next edit arrives as an update of its own.
    writeRecord(writer.doc, stickyRecord('shape:b', { text: 'after' }))
    expect(joining.updatesReceived).toBe(1)
    expect(joining.doc.store.pendingStructs).toBeNull()
  })

  it('sends the whole board to a peer that never asks, once the skipped updates pass 1 MiB', () => {
    const writer = new Peer(registry, boardId)
    const mute = new SilentSocket()
    mute.connection = answeredNow(registry.connect(boardId, mute, 'participant'))
    for (let i = 0; mute.doc.getMap('records').size === 0 && i < 200; i++) {
      writeRecord(writer.doc, stickyRecord(`shape:${i}`, { text: 'x'.repeat(16 * 1024) }))
    }
    expect(mute.doc.getMap('records').size).toBeGreaterThan(0)
    const before = mute.updatesReceived
    writeRecord(writer.doc, stickyRecord('shape:last', { text: 'live again' }))
    expect(mute.updatesReceived).toBe(before + 1)
    expect(mute.doc.getMap('records').size).toBe(writer.doc.getMap('records').size)
  })
})
