/**
 * Which tldraw schema a client runs, as it tells the server when it connects (`?schema=` on the
 * websocket URL), and whether it can work on a board stored in the server's schema.
 *
 * tldraw names each migration sequence and counts its versions; a client knows how to read a
 * record only if it knows every migration the record went through. The board's records are in
 * the server's schema (the server migrates stored records up when it loads a board), so:
 *   - the client knows fewer versions of some sequence than the server: it is older, and would
 *     mis-read the board. It must reload to get the current app (close 4426, permanent);
 *   - the client knows versions or sequences the server does not: the server is the older one
 *     (a rolling deploy). It cannot validate the client's records; a newer server can (1013,
 *     retried);
 *   - otherwise they agree.
 * A client that sends no schema (a stock y-websocket client, a script) is not a tldraw client:
 * it is let in, and every record it writes is validated like anyone's.
 */

export const schemaParamName = 'schema'

/** The part of tldraw's serialized schema (v2) that decides compatibility. */
export interface SchemaSequences {
  sequences: Record<string, number>
}

export type SchemaCompatibility = 'same' | 'client-older' | 'client-newer'

/** The query parameter value for a serialized tldraw schema (v2): its sequences as JSON. */
export function encodeSchemaParam(schema: SchemaSequences): string {
  const sorted = Object.fromEntries(
    Object.entries(schema.sequences).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
  return JSON.stringify(sorted)
}

/** The sequences a client sent, or null when the value is missing or not sequences. */
export function decodeSchemaParam(value: string | null | undefined): SchemaSequences | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 16_384) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const sequences: Record<string, number> = {}
  for (const [name, version] of Object.entries(parsed)) {
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return null
    sequences[name] = version
  }
  return { sequences }
}

/** How a client's schema relates to the board's (the server's). Older wins over newer: reload first. */
export function schemaCompatibility(
  client: SchemaSequences,
  board: SchemaSequences,
): SchemaCompatibility {
  let newer = false
  for (const [name, version] of Object.entries(board.sequences)) {
    const known = client.sequences[name]
    if (known === undefined || known < version) return 'client-older'
    if (known > version) newer = true
  }
  for (const name of Object.keys(client.sequences)) {
    if (!(name in board.sequences)) newer = true
  }
  return newer ? 'client-newer' : 'same'
}
