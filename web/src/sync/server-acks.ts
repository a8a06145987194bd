import { authMessageType, readStoredAck } from '@stormline/shared/sync/access-messages'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** y-websocket's message type for the sync protocol. */
export const messageSync = 0

export interface ServerSyncListener {
  /**
   * The server told its state vector. `answered`: it came as a sync step 1 (sent when the socket
   * joins), which the provider has just answered with a step 2 of whatever the server lacks.
   * Not answered: a stored acknowledgement (ACK-1, an auth message), sent after the server has
   * stored updates this socket sent; nothing goes back. Called after the provider's handler.
   */
  onServerState(stateVector: Map<number, number>, answered: boolean): void
  /** The server answered a sync step 1 of ours with a step 2. */
  onServerAnswer(): void
}

/**
 * Listens in on the provider's sync and auth messages. The handlers found in place (y-websocket's
 * own, or whatever replaced them before, such as the read-only notice's auth handler) still get
 * every message and do all the work: applying updates, answering the server's step 1, switching
 * to read-only. This only reads a copy of each message first; a copy it cannot make sense of is
 * left alone. Returns a function that puts the handlers found back.
 */
export function listenToServerSync(
  provider: WebsocketProvider,
  listener: ServerSyncListener,
): () => void {
  const stockSync = provider.messageHandlers[messageSync]
  const stockAuth = provider.messageHandlers[authMessageType]
  if (stockSync === undefined) throw new Error('y-websocket has no sync message handler')
  if (stockAuth === undefined) throw new Error('y-websocket has no auth message handler')

  const sync: typeof stockSync = (encoder, decoder, handlingProvider, emitSynced, messageType) => {
    const peek = peekSyncMessage(decoding.clone(decoder))
    stockSync(encoder, decoder, handlingProvider, emitSynced, messageType)
    if (peek?.type === syncProtocol.messageYjsSyncStep1) {
      listener.onServerState(peek.stateVector, true)
    } else if (peek?.type === syncProtocol.messageYjsSyncStep2) {
      listener.onServerAnswer()
    }
  }
  const auth: typeof stockAuth = (encoder, decoder, handlingProvider, emitSynced, messageType) => {
    const stored = peekStoredAck(decoding.clone(decoder))
    stockAuth(encoder, decoder, handlingProvider, emitSynced, messageType)
    if (stored !== null) listener.onServerState(stored, false)
  }

  provider.messageHandlers[messageSync] = sync
  provider.messageHandlers[authMessageType] = auth
  return () => {
    if (provider.messageHandlers[messageSync] === sync)
      provider.messageHandlers[messageSync] = stockSync
    if (provider.messageHandlers[authMessageType] === auth)
      provider.messageHandlers[authMessageType] = stockAuth
  }
}

type SyncPeek =
  | { type: typeof syncProtocol.messageYjsSyncStep1; stateVector: Map<number, number> }
  | { type: typeof syncProtocol.messageYjsSyncStep2 | typeof syncProtocol.messageYjsUpdate }

/** The kind of a sync message (after its top-level type), and a step 1's state vector. */
export function peekSyncMessage(decoder: decoding.Decoder): SyncPeek | null {
  try {
    const type = decoding.readVarUint(decoder)
    if (type === syncProtocol.messageYjsSyncStep1) {
      return { type, stateVector: Y.decodeStateVector(decoding.readVarUint8Array(decoder)) }
    }
    if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      return { type }
    }
    return null
  } catch {
    return null
  }
}

/**
 * The state vector of a stored acknowledgement (an auth message after its top-level type), or
 * null for any other auth message, or bytes that do not hold a state vector.
 */
export function peekStoredAck(decoder: decoding.Decoder): Map<number, number> | null {
  const stateVector = readStoredAck(decoder)
  if (stateVector === null) return null
  try {
    return Y.decodeStateVector(stateVector)
  } catch {
    return null
  }
}

/**
 * Sends the server a sync step 1 (this document's state vector); the server answers with a
 * step 2. Returns false when the socket is not open.
 */
export function sendSyncRequest(provider: WebsocketProvider): boolean {
  const ws = provider.ws
  if (!provider.wsconnected || ws === null || ws.readyState !== ws.OPEN) return false
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, provider.doc)
  ws.send(encoding.toUint8Array(encoder))
  return true
}
