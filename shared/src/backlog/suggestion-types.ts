import type { PhaseSpan } from '../board/timeline.ts'

/** What the cluster suggester needs to know about a pain point. */
export interface PainPointInput {
  id: string
  text: string
  /** Centre x in page coordinates (distance along the timeline). */
  x: number
  phaseId: string | null
}

export interface ClusterSuggestion {
  /** Stable key from the sorted member ids: the same group always has the same key. */
  key: string
  /** Named from the strongest shared terms, e.g. "VM provisioning / tickets". */
  name: string
  memberIds: string[]
  /** The terms the members share, strongest first. */
  sharedTerms: string[]
  /** Phases the members sit in, in timeline order. */
  phaseIds: string[]
  /** One sentence saying why they belong together. */
  reason: string
  /** 0–1: how strongly the members belong together. */
  confidence: number
}

export interface SuggestionResult {
  suggestions: ClusterSuggestion[]
  /** Pain points that fit no group well enough; never forced into one. */
  unclustered: string[]
}

export type SuggestClusters = (
  painPoints: readonly PainPointInput[],
  phases: readonly PhaseSpan[],
) => SuggestionResult
