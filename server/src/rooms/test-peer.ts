import type { BoardRole } from '@stormline/shared/access/roles'
import { readPermissionDenied } from '@stormline/shared/sync/access-messages'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { isPromise } from '../boards/awaitable.ts'
import { MessageType } from './protocol.ts'
import type { RoomRegistry, SocketIdentity } from './room-registry.ts'
import type { RoomConnection, SyncSocket } from './sync-socket.ts'

/**
 * A peer that speaks the y-websocket protocol in memory: it owns a Y.Doc and an
 * Awareness like a browser would, and delivers frames synchronously. It connects to the board's
 * shared document, or with `document: 'private'` to its member's private document (ADR 0013).
 */
export class Peer implements SyncSocket {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  closed: { code: number; reason: string } | undefined
  connection: RoomConnection | null = null
  received = 0
  /** Reasons of the permission-denied (auth) messages the server sent. */
  readonly denials: string[] = []
  onReceive: (() => void) | undefined

  constructor(
    registry: RoomRegistry,
    boardId: string,
    identity: SocketIdentity | BoardRole = 'facilitator',
    document: 'shared' | 'private' = 'shared',
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      this.connection?.receive(encoding.toUint8Array(encoder))
    })
    if (document === 'private' && typeof identity === 'string')
      throw new Error('a private document belongs to a member: pass a SocketIdentity')
    const connecting =
      document === 'private' && typeof identity !== 'string'
        ? registry.connectPrivate(boardId, this, identity)
        : registry.connect(boardId, this, identity)
    // With a store that answers at once the peer is connected now; otherwise once `ready`.
    if (isPromise(connecting)) {
      this.ready = connecting.then((connection) => this.connected(connection))
    } else {
      this.connected(connecting)
      this.ready = Promise.resolve()
    }
  }

  /** Settles once the registry attached (or refused) the peer. */
  readonly ready: Promise<void>

  private connected(connection: RoomConnection | null): void {
    this.connection = connection
    if (this.connection) {
      // What the peer held before it connected (taken before the server's answer adds to it).
      const state = Y.encodeStateAsUpdate(this.doc)
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeSyncStep1(encoder, this.doc)
      this.connection.receive(encoding.toUint8Array(encoder))
      // The server's step 1 arrived while the registry was still attaching this peer, before it
      // had a connection to answer on: what it holds (edits made offline) goes now, as a browser
      // would have answered.
      if (state.byteLength > 2) {
        const update = encoding.createEncoder()
        encoding.writeVarUint(update, MessageType.sync)
        syncProtocol.writeUpdate(update, state)
        this.connection.receive(encoding.toUint8Array(update))
      }
    }
  }

  send(message: Uint8Array): void {
    this.received++
    this.onReceive?.()
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MessageType.sync)
      syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
      if (encoding.length(reply) > 1) this.connection?.receive(encoding.toUint8Array(reply))
    } else if (type === MessageType.auth) {
      const reason = readPermissionDenied(decoder)
      if (reason !== null) this.denials.push(reason)
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      )
    }
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason }
    this.connection = null
  }

  announce(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.awareness)
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    )
    this.connection?.receive(encoding.toUint8Array(encoder))
  }

  leave(): void {
    this.connection?.disconnect()
    this.connection = null
  }

  /** The board's records as plain JSON, whatever their layout in the doc. */
  get records(): Record<string, unknown> {
    return readRecordsJson(this.doc)
  }
}
