import { personPalette } from '../presence/person-palette.ts'

/**
 * Who "I" am on a board: a random id that stays the same across visits (so tldraw can tell my
 * own presence from my collaborators'), a display name I chose, and a colour derived from the
 * id. On a board that colour is only a starting point: the page picks one nobody present has
 * (presence/colour-assignment.ts), so two people never share a colour while there are enough.
 */

export interface Participant {
  id: string
  /** Null until the participant has picked a name. */
  name: string | null
  color: string
}

/** The subset of the Web Storage API we need, so tests can pass a plain Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const participantStorageKey = 'stormline.participant'
export const maxDisplayNameLength = 40

/** The board's palette: a participant's colour until a board picks a free one (colour-assignment.ts). */
export const participantPalette: readonly string[] = personPalette

/** FNV-1a: tiny, stable across engines, and spreads short random ids evenly enough. */
function hashString(value: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export function colorForParticipantId(id: string): string {
  // The palette is a non-empty constant, so the index is always in range.
  return participantPalette[hashString(id) % participantPalette.length] as string
}

/**
 * 128 random bits, base64url. Uses getRandomValues rather than randomUUID because the latter
 * only exists in secure contexts, and a self-hosted instance may well be served over plain http.
 */
export function createParticipantId(
  randomBytes: (length: number) => Uint8Array = (length) =>
    crypto.getRandomValues(new Uint8Array(length)),
): string {
  let binary = ''
  for (const byte of randomBytes(16)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Trims, collapses runs of whitespace and caps the length; returns null if nothing is left. */
export function normalizeDisplayName(input: string): string | null {
  const name = input.replace(/\s+/g, ' ').trim().slice(0, maxDisplayNameLength).trim()
  return name === '' ? null : name
}

interface StoredParticipant {
  id: string
  name: string | null
}

function parseStored(raw: string | null): StoredParticipant | null {
  if (raw === null) return null
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return null
    const { id, name } = value as Record<string, unknown>
    if (typeof id !== 'string' || id.length < 8 || id.length > 64) return null
    return { id, name: typeof name === 'string' ? normalizeDisplayName(name) : null }
  } catch {
    return null
  }
}

/**
 * Reads the participant from storage, creating and saving a fresh one when there is none or
 * the stored value is unusable. Storage failures (private mode, quota) degrade to a
 * participant that only lives for this page load instead of breaking the board.
 */
export function loadParticipant(
  storage: KeyValueStorage | null,
  newId: () => string = createParticipantId,
): Participant {
  let stored: StoredParticipant | null = null
  try {
    stored = parseStored(storage?.getItem(participantStorageKey) ?? null)
  } catch {
    stored = null
  }
  if (stored === null) {
    stored = { id: newId(), name: null }
    writeStored(storage, stored)
  }
  return { ...stored, color: colorForParticipantId(stored.id) }
}

/** Returns the renamed participant and persists it; an empty name leaves it unchanged. */
export function renameParticipant(
  storage: KeyValueStorage | null,
  participant: Participant,
  input: string,
): Participant {
  const name = normalizeDisplayName(input)
  if (name === null || name === participant.name) return participant
  const renamed = { ...participant, name }
  writeStored(storage, { id: renamed.id, name })
  return renamed
}

function writeStored(storage: KeyValueStorage | null, value: StoredParticipant): void {
  try {
    storage?.setItem(participantStorageKey, JSON.stringify(value))
  } catch {
    // Not being remembered next time is acceptable; losing the board is not.
  }
}
