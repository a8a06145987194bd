/**
 * Silent writing (ADR 0013): the facilitator starts a round in which every sticky a person adds
 * is a draft only they see (kept in their private document, shared/src/sync/private-layout.ts),
 * then reveals the round and the server publishes every draft into the board at once, in one
 * update. Writing alone first keeps the loudest voice from anchoring everyone else.
 */
export interface SilentWriting {
  status: 'writing' | 'off'
  /** Increases each time a round starts. */
  round: number
}

/** Session map key (facilitator-only, like the rest of the session map). */
export const silentWritingKey = 'silentWriting'

/** `meta.stormline.draft === true` marks a note that is still a draft in its author's private doc. */
export const draftMetaField = 'draft'

export function readSilentWriting(value: unknown): SilentWriting {
  if (typeof value !== 'object' || value === null) return { status: 'off', round: 0 }
  const v = value as Record<string, unknown>
  const round =
    typeof v.round === 'number' && Number.isInteger(v.round) && v.round >= 0 ? v.round : 0
  return { status: v.status === 'writing' ? 'writing' : 'off', round }
}

/** Whether a note record (plain JSON) is a silent-writing draft. */
export function isDraftRecord(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false
  const meta = (record as Record<string, unknown>).meta
  if (typeof meta !== 'object' || meta === null) return false
  const stormline = (meta as Record<string, unknown>).stormline
  return (
    typeof stormline === 'object' &&
    stormline !== null &&
    (stormline as Record<string, unknown>)[draftMetaField] === true
  )
}
