/**
 * "Bring everyone to me": the facilitator puts a summon (a fresh id, their page and the page
 * area their viewport shows) into their Yjs awareness state. Awareness is ephemeral, so the
 * summon stays there until replaced; each client must therefore obey a summon once, and only
 * one it saw being issued — not one it finds already there when it joins or a peer appears.
 */

export interface SummonBounds {
  x: number
  y: number
  w: number
  h: number
}

export interface Summon {
  id: string
  pageId: string
  bounds: SummonBounds
}

/** The awareness field carrying a summon; `presence` and `user` are presence.ts's. */
export const summonField = 'summon'

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

export function readSummon(state: unknown): Summon | null {
  if (typeof state !== 'object' || state === null) return null
  const summon = (state as Record<string, unknown>)[summonField]
  if (typeof summon !== 'object' || summon === null) return null
  const { id, pageId, bounds } = summon as Record<string, unknown>
  if (typeof id !== 'string' || id === '' || typeof pageId !== 'string') return null
  if (typeof bounds !== 'object' || bounds === null) return null
  const { x, y, w, h } = bounds as Record<string, unknown>
  if (!finite(x) || !finite(y) || !finite(w) || !finite(h) || w <= 0 || h <= 0) return null
  return { id, pageId, bounds: { x, y, w, h } }
}

/**
 * Remembers the last summon id seen from each peer. A peer's first appearance only records what
 * it carries; a later change to a new id is a summon to obey.
 */
export class SummonTracker {
  private readonly seen = new Map<number, string | null>()
  private readonly ownClientId: number

  constructor(ownClientId: number) {
    this.ownClientId = ownClientId
  }

  /** Returns the summon to obey, if this state issues a new one. */
  observe(clientId: number, state: unknown): Summon | null {
    if (clientId === this.ownClientId) return null
    const summon = readSummon(state)
    const id = summon?.id ?? null
    const known = this.seen.has(clientId)
    const previous = this.seen.get(clientId) ?? null
    this.seen.set(clientId, id)
    if (!known || summon === null || id === previous) return null
    return summon
  }

  /** The peer left; should it come back, it counts as a newcomer again. */
  forget(clientId: number): void {
    this.seen.delete(clientId)
  }
}

export function newSummonId(clientId: number, now: number, random = Math.random): string {
  return `${clientId}-${now.toString(36)}-${random().toString(36).slice(2, 8)}`
}
