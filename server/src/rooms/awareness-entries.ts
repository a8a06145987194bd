import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * An awareness update is a list of (client id, clock, JSON state) entries that y-protocols
 * applies for whichever client id it names. The room filters the list before applying it, so a
 * socket can speak only for the client ids it announced first.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  keep: (clientId: number) => boolean,
): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const kept: { clientId: number; clock: number; state: string }[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    if (keep(clientId)) kept.push({ clientId, clock, state })
  }
  if (kept.length === count) return update
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}
