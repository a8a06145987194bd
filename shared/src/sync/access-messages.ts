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
