import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** y-websocket's message type for the sync protocol. */
export const messageSync = 0

export interface ServerSyncListener {
  /**
   * The server sent its state vector (a sync step 1): when the socket joins, and after it has
   * stored updates this socket sent (ACK-1). Called after the provider handled the message;
   * `answered`: a step 2 with whatever the server lacks goes out on the same socket right after.
   */
  onServerState(stateVector: Map<number, number>, answered: boolean): void
  /** The server answered a sync step 1 of ours with a step 2. */
  onServerAnswer(): void
}

export interface ServerSyncOptions {
  /**
   * Answer every server step 1, as the stock provider does (default), or only the first one on
   * each socket. The answer is a step 2 of what the server lacks plus this document's whole
   * delete set; after the first, everything new has already gone out as updates on the same
   * socket, so later answers repeat the delete set for nothing (5.5 KB per acknowledgement after
   * 10,000 moves on a 1,000-sticky board), and the server applies each one.
   */
  answerAcknowledgements?: boolean
}

/**
 * Listens in on the provider's sync messages: the stock handler still reads them, applies
 * updates and answers the server's first step 1 on each socket; this reads a copy of each message
 * first. A message the copy cannot make sense of is left to the stock handler. Returns a function
 * that puts the stock handler back.
 */
export function listenToServerSync(
  provider: WebsocketProvider,
  listener: ServerSyncListener,
  { answerAcknowledgements = true }: ServerSyncOptions = {},
): () => void {
  const stock = provider.messageHandlers[messageSync]
  if (stock === undefined) throw new Error('y-websocket has no sync message handler')
  /** The socket whose first server step 1 (sent when it joined) has been answered. */
  let answeredOn: WebSocket | null = null
  const wrapped: typeof stock = (encoder, decoder, handlingProvider, emitSynced, messageType) => {
    const peek = peekSyncMessage(decoding.clone(decoder))
    if (
      peek?.type === syncProtocol.messageYjsSyncStep1 &&
      !answerAcknowledgements &&
      handlingProvider.ws !== null &&
      handlingProvider.ws === answeredOn
    ) {
      // An acknowledgement: nothing to apply, and nothing to answer (see the option).
      listener.onServerState(peek.stateVector, false)
      return
    }
    stock(encoder, decoder, handlingProvider, emitSynced, messageType)
    if (peek?.type === syncProtocol.messageYjsSyncStep1) {
      answeredOn = handlingProvider.ws
      listener.onServerState(peek.stateVector, true)
    } else if (peek?.type === syncProtocol.messageYjsSyncStep2) {
      listener.onServerAnswer()
    }
  }
  provider.messageHandlers[messageSync] = wrapped
  return () => {
    if (provider.messageHandlers[messageSync] === wrapped)
      provider.messageHandlers[messageSync] = stock
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
