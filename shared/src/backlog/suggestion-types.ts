import type { PhaseSpan } from '../board/timeline.ts'
import type { CompiledVocabulary } from '../suggestions/vocabulary.ts'

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

/** The suggester's settings; each defaults to today's (suggest-clusters.ts). */
export interface SuggestOptions {
  /** Concepts read as features beside the words (default: the built-in vocabulary). */
  vocabulary?: CompiledVocabulary
  /** Groups merge while their average similarity is at least this. */
  threshold?: number
  /** Smallest group suggested (at least 2). */
  minGroupSize?: number
  /** Weight of a concept feature beside a word's. */
  conceptWeight?: number
}

export type SuggestClusters = (
  painPoints: readonly PainPointInput[],
  phases: readonly PhaseSpan[],
  options?: SuggestOptions,
) => SuggestionResult

/** A cluster the group made (by hand or from a suggestion), as the additions see it. */
export interface ExistingCluster {
  id: string
  name: string
  memberIds: readonly string[]
}

/** "Add this unclustered pain point to that cluster" (ADR 0016). */
export interface ClusterAddition {
  /** Stable key from the cluster and the pain point: a rejection is stored under it. */
  key: string
  clusterId: string
  clusterName: string
  painPointId: string
  /** Words it shares with the cluster's members, most shared first. */
  sharedTerms: string[]
  /** One sentence saying why it belongs there. */
  reason: string
  /** 0–1: its average similarity to the cluster's members. */
  confidence: number
}

/** What a board's suggestions panel shows: additions to existing clusters, then new groups. */
export interface BoardSuggestionResult extends SuggestionResult {
  additions: ClusterAddition[]
}
