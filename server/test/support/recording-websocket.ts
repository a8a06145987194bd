import { authMessageType, readStoredAck } from '@stormline/shared/sync/access-messages'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as Y from 'yjs'

/**
 * A `ws` WebSocket for a stock `WebsocketProvider` (its `WebSocketPolyfill`) that also notes what
 * the server sends: the provider itself stays stock, the test sees the wire.
 */
export interface WireLog {
  /** Every frame the server sent, in order, as its message type and sync sub-type. */
  received: Frame[]
  /** State vectors of the stored acknowledgements (ACK-1) the server sent, in order. */
  acks: Map<number, number>[]
  /** Every frame the client sent, as its message type and sync sub-type. */
  sent: Frame[]
}

export interface Frame {
  type: number
  syncType: number | null
  bytes: number
  at: number
}

export function recordingWebSocket(log: WireLog): typeof globalThis.WebSocket {
  class RecordingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: Buffer) => note(log, new Uint8Array(data)))
      // ws types send() as overloads; wrapping the instance's method records what goes out
      // without restating them.
      const send = this.send.bind(this) as (data: unknown, ...rest: unknown[]) => void
      this.send = ((data: unknown, ...rest: unknown[]) => {
        if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
          const frame = parse(new Uint8Array(data))
          if (frame) log.sent.push(frame)
        }
        send(data, ...rest)
      }) as WebSocket['send']
    }
  }
  // The DOM type differs only in typings; y-websocket uses the common subset.
  return RecordingWebSocket as unknown as typeof globalThis.WebSocket
}

export function emptyWireLog(): WireLog {
  return { received: [], acks: [], sent: [] }
}

/** Whether a frame is a stored acknowledgement (an auth message, ACK-1). */
export const isAck = (frame: Frame): boolean => frame.type === authMessageType

/** Whether a frame is a sync message of this sub-type (0 step 1, 1 step 2, 2 update). */
export const isSync =
  (syncType: number) =>
  (frame: Frame): boolean =>
    frame.type === 0 && frame.syncType === syncType

function parse(data: Uint8Array): Frame | null {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    const syncType = type === 0 ? decoding.readVarUint(decoder) : null
    return { type, syncType, bytes: data.byteLength, at: Date.now() }
  } catch {
    // Both ends send only well-formed frames; a broken one shows up as a missing entry.
    return null
  }
}

function note(log: WireLog, data: Uint8Array): void {
  const frame = parse(data)
  if (!frame) return
  log.received.push(frame)
  if (frame.type === authMessageType) {
    const decoder = decoding.createDecoder(data)
    decoding.readVarUint(decoder)
    const stored = readStoredAck(decoder)
    if (stored) log.acks.push(Y.decodeStateVector(stored))
  }
}
