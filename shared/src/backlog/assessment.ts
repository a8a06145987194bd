/**
 * Value and effort of a backlog target (cluster or single pain point), set by
 * the facilitator or estimated privately by everyone (planning poker).
 */

/**
 * Effort is picked as a T-shirt size and stored as the number it counts for in the score, on the
 * same 1–5 scale as value (a 4 from before sizes were the only choice, or typed into a file,
 * stays valid: it just has no size).
 */
export type EffortSize = 'S' | 'M' | 'L' | 'XL'
export const effortSizes: Readonly<Record<EffortSize, number>> = { S: 1, M: 2, L: 3, XL: 5 }

/** The size an effort stands for, or null for one no size counts as (4). */
export function effortSizeOf(effort: number | null): EffortSize | null {
  for (const [size, points] of Object.entries(effortSizes) as [EffortSize, number][]) {
    if (points === effort) return size
  }
  return null
}

export type Urgency = 'forced' | 'discretionary'
export type Horizon = 'short-term' | 'long-term'

export interface Assessment {
  /** Who decides the numbers. */
  mode: 'facilitator' | 'poker'
  /** 1–5, set by the facilitator (mode facilitator). */
  value: number | null
  /** 1–5, set by the facilitator (mode facilitator). */
  effort: number | null
  /** Poker ballots are hidden until the facilitator reveals them. */
  revealed: boolean
  classification: { urgency: Urgency | null; horizon: Horizon | null }
}

/** One participant's private estimate, in the `ballots` map under `${targetId}|${participantId}`. */
export interface Ballot {
  targetId: string
  participantId: string
  participantName: string
  value: number | null
  effort: number | null
}

export function ballotKey(targetId: string, participantId: string): string {
  return `${targetId}|${participantId}`
}

/** A spread of this much (max − min) or more on a 1–5 scale is flagged for discussion. */
export const disagreementSpread = 2

export function isScale(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
}
