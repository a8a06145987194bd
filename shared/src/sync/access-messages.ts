import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * The server tells a viewer's socket it is read-only with y-websocket's own auth message
 * (type 2, "permission denied", reason `read-only`), so a stock client only logs it while
 * Stormline's client switches its editor to read-only. Viewers' document updates are dropped.
 */

export const authMessageType = 2
export const permissionDenied = 0
export const readOnlyReason = 'read-only'

export function encodeReadOnlyNotice(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, authMessageType)
  encoding.writeVarUint(encoder, permissionDenied)
  encoding.writeVarString(encoder, readOnlyReason)
  return encoding.toUint8Array(encoder)
}

/** Reads the reason of an auth message whose type byte was already consumed; null if not a denial. */
export function readPermissionDenied(decoder: decoding.Decoder): string | null {
  if (decoding.readVarUint(decoder) !== permissionDenied) return null
  return decoding.readVarString(decoder)
}

/**
 * ACK-1: after the server has stored updates a socket sent, it tells that socket which state
 * it holds, as an auth message of this sub-type followed by its Yjs state vector. y-protocols'
 * auth reader acts only on sub-type 0 (permission denied) and reads nothing else, so a stock
 * client ignores it silently and answers nothing (a sync step 1 would make it upload its whole
 * delete set in reply, for every acknowledgement); Stormline's client counts its unsaved
 * changes against it. 83 is "S" (stored), far from any sub-type y-protocols may add next.
 */
export const storedAck = 83

export function encodeStoredAck(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, authMessageType)
  encoding.writeVarUint(encoder, storedAck)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/**
 * The state vector of a stored-ack auth message whose type byte was already consumed, or null
 * for any other auth message (or bytes that are not one).
 */
export function readStoredAck(decoder: decoding.Decoder): Uint8Array | null {
  try {
    if (decoding.readVarUint(decoder) !== storedAck) return null
    return decoding.readVarUint8Array(decoder)
  } catch {
    return null
  }
}
