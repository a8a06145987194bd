import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * An awareness update is a list of (client id, clock, JSON state) entries that y-protocols
 * applies for whichever client id it names. The room rewrites the list before applying it.
 */
interface AwarenessEntry {
  clientId: number
  clock: number
  state: string
}

function decodeEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    entries.push({ clientId, clock, state })
  }
  return entries
}

function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}

/** Keeps the entries whose client id passes `keep`: a socket speaks only for the ids it announced first. */
export function filterAwarenessUpdate(
  update: Uint8Array,
  keep: (clientId: number) => boolean,
): Uint8Array {
  const entries = decodeEntries(update)
  const kept = entries.filter((entry) => keep(entry.clientId))
  return kept.length === entries.length ? update : encodeEntries(kept)
}

/**
 * Adds a per-client offset to each entry's clock. When the server changes a state it relays (a
 * role stamp after a grant) it must raise the state's clock for peers to take it; the client's
 * own next clock would then not be newer than the server's, and y-protocols would drop it. The
 * room shifts that client's later clocks by how often it raised them, so they stay newer.
 */
export function shiftAwarenessClocks(
  update: Uint8Array,
  offset: (clientId: number) => number,
): Uint8Array {
  const entries = decodeEntries(update)
  let shifted = false
  for (const entry of entries) {
    const by = offset(entry.clientId)
    if (by === 0) continue
    entry.clock += by
    shifted = true
  }
  return shifted ? encodeEntries(entries) : update
}
