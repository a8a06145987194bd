import { encodeStoredAck } from '@stormline/shared/sync/access-messages'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageSync } from './server-acks.ts'

/**
 * An in-memory stand-in for Stormline's sync endpoint, for unit tests of the web client's
 * provider handling: a `WebSocket` class (y-websocket's `WebSocketPolyfill` option) whose
 * sockets talk to one Y.Doc the way the real server does. On join it sends its sync step 1; it
 * answers a step 1 with a step 2; it applies (stores) step 2s and updates and then acknowledges
 * them with a stored acknowledgement (ACK-1: an auth message holding its state vector). It can
 * go "offline" (closing every socket and refusing new ones), close sockets with a code, and stop
 * acknowledging (an older server).
 */
export class TestSyncServer {
  readonly doc = new Y.Doc()
  /** Every sync message received: its kind, and for updates their bytes. */
  readonly received: { kind: 'step1' | 'step2' | 'update'; update?: Uint8Array }[] = []
  readonly sockets = new Set<TestSocket>()
  online = true
  /** False: behaves like a server without acknowledgements. */
  acknowledges = true
  /** Delay before an acknowledgement is sent (the real server throttles them). */
  ackDelayMs = 0
  /** Messages to clients are delivered after this delay. */
  latencyMs = 0
  readonly WebSocket: typeof WebSocket

  constructor() {
    // y-websocket only uses this part of the WebSocket API.
    const server = this
    this.WebSocket = class extends TestSocket {
      constructor(url: string) {
        super(server, url)
      }
    } as unknown as typeof WebSocket
  }

  /** Closes every socket (as a network drop would) and refuses new ones until `goOnline`. */
  goOffline(): void {
    this.online = false
    for (const socket of [...this.sockets]) socket.closeFromServer(1006, 'offline')
  }

  goOnline(): void {
    this.online = true
  }

  /** Closes every socket with a code, as the server does when it ends a session. */
  closeAll(code: number, reason = ''): void {
    for (const socket of [...this.sockets]) socket.closeFromServer(code, reason)
  }

  /** Applies a message from a socket; returns what to send back. */
  receive(socket: TestSocket, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== messageSync) return
    const syncType = decoding.readVarUint(decoder)
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      this.received.push({ kind: 'step1' })
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, messageSync)
      syncProtocol.readSyncStep1(decoder, encoder, this.doc)
      socket.deliver(encoding.toUint8Array(encoder))
      return
    }
    const update = decoding.readVarUint8Array(decoder)
    this.received.push({
      kind: syncType === syncProtocol.messageYjsSyncStep2 ? 'step2' : 'update',
      update,
    })
    let stored = false
    const onUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (origin === socket) stored = true
    }
    this.doc.on('update', onUpdate)
    Y.applyUpdate(this.doc, update, socket)
    this.doc.off('update', onUpdate)
    if (!stored) return
    for (const peer of this.sockets) {
      if (peer !== socket) peer.deliver(encodeMessage(syncProtocol.writeUpdate, update))
    }
    if (this.acknowledges) {
      setTimeout(() => {
        if (this.sockets.has(socket)) socket.deliver(this.storedAckMessage())
      }, this.ackDelayMs)
    }
  }

  /** ACK-1: the state the server holds, after it stored what a socket sent. */
  storedAckMessage(): Uint8Array {
    return encodeStoredAck(Y.encodeStateVector(this.doc))
  }

  /** The sync step 1 the server greets every socket with. */
  stateVectorMessage(): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    return encoding.toUint8Array(encoder)
  }
}

function encodeMessage(
  write: (encoder: encoding.Encoder, update: Uint8Array) => void,
  update: Uint8Array,
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  write(encoder, update)
  return encoding.toUint8Array(encoder)
}

type Handler<E> = ((event: E) => void) | null

export class TestSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly OPEN = 1
  readyState = 0
  binaryType = 'arraybuffer'
  onopen: Handler<unknown> = null
  onmessage: Handler<{ data: ArrayBuffer }> = null
  onclose: Handler<{ code: number; reason: string }> = null
  onerror: Handler<unknown> = null

  private readonly server: TestSyncServer
  readonly url: string

  constructor(server: TestSyncServer, url: string) {
    this.server = server
    this.url = url
    setTimeout(() => {
      if (this.readyState !== 0) return
      if (!server.online) {
        this.closeFromServer(1006, 'unreachable')
        return
      }
      this.readyState = 1
      server.sockets.add(this)
      this.onopen?.({})
      // The server greets every socket with its state vector (its sync step 1).
      this.deliver(server.stateVectorMessage())
    }, 0)
  }

  send(data: Uint8Array): void {
    if (this.readyState !== 1) return
    const copy = new Uint8Array(data)
    setTimeout(() => {
      if (this.server.sockets.has(this)) this.server.receive(this, copy)
    }, this.server.latencyMs)
  }

  deliver(message: Uint8Array): void {
    setTimeout(() => {
      if (this.readyState !== 1) return
      const data = message.buffer.slice(
        message.byteOffset,
        message.byteOffset + message.byteLength,
      ) as ArrayBuffer
      this.onmessage?.({ data })
    }, this.server.latencyMs)
  }

  close(): void {
    if (this.readyState >= 2) return
    this.closeFromServer(1000, '')
  }

  closeFromServer(code: number, reason: string): void {
    if (this.readyState >= 2) return
    this.readyState = 3
    this.server.sockets.delete(this)
    setTimeout(() => this.onclose?.({ code, reason }), 0)
  }
}
