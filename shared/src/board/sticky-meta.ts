import { isStickyKind, type StickyKind } from './sticky-kinds.ts'

/**
 * What Stormline stores on a tldraw note, under `meta.stormline`. tldraw syncs
 * and persists `meta` like any other property, and validates it only as JSON,
 * so older and newer clients can add fields without breaking each other.
 */
export interface StickyMeta {
  kind: StickyKind
  /** Participant id of the author (stable per browser). */
  authorId: string
  authorName: string
  /** ISO 8601. */
  createdAt: string
  /** Deep-dive notes: the context around the sticky. */
  context: string
  needsDeepDive: boolean
  /** Only meaningful on `time` stickies: how long the step takes, in minutes. */
  durationMinutes: number | null
}

export const stickyMetaKey = 'stormline'

function asString(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

/**
 * Reads `meta.stormline` defensively: a field from a buggy or newer client that
 * has the wrong type falls back to its default instead of failing the sticky.
 * Returns null when there is no Stormline meta at all (a plain tldraw note).
 */
export function readStickyMeta(meta: unknown): Partial<StickyMeta> | null {
  if (typeof meta !== 'object' || meta === null) return null
  const raw = (meta as Record<string, unknown>)[stickyMetaKey]
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const m = raw as Record<string, unknown>
  const result: Partial<StickyMeta> = {}
  if (isStickyKind(m.kind)) result.kind = m.kind
  if (typeof m.authorId === 'string') result.authorId = m.authorId
  if (typeof m.authorName === 'string') result.authorName = m.authorName
  if (typeof m.createdAt === 'string') result.createdAt = m.createdAt
  result.context = asString(m.context, '')
  result.needsDeepDive = m.needsDeepDive === true
  result.durationMinutes =
    typeof m.durationMinutes === 'number' &&
    Number.isFinite(m.durationMinutes) &&
    m.durationMinutes >= 0
      ? m.durationMinutes
      : null
  return result
}
