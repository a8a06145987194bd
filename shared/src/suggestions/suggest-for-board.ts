import { suggestClusters } from '../backlog/suggest-clusters.ts'
import type {
  BoardSuggestionResult,
  ExistingCluster,
  PainPointInput,
} from '../backlog/suggestion-types.ts'
import type { PhaseSpan } from '../board/timeline.ts'
import { suggestAdditions } from './suggest-additions.ts'
import type { CompiledVocabulary } from './vocabulary.ts'

export interface BoardSuggestionInput {
  /** Every pain point on the board, clustered or not. */
  painPoints: readonly PainPointInput[]
  /** The clusters as everyone sees them (visibleClusters). */
  clusters: readonly ExistingCluster[]
  phases: readonly PhaseSpan[]
  /** docLayout.suggestionDecisions: keys the facilitator rejected. */
  decisions: Readonly<Record<string, unknown>>
  vocabulary: CompiledVocabulary
}

/**
 * The suggestions for a board, as the panel shows them and GET /api/boards/:id/suggestions
 * answers: first, each unclustered pain point close enough to an existing cluster is suggested
 * into it; the others (and those whose addition was rejected) are grouped into new clusters.
 * Rejected suggestions and additions are left out.
 */
export function suggestForBoard(input: BoardSuggestionInput): BoardSuggestionResult {
  const { painPoints, clusters, phases, decisions, vocabulary } = input
  const rejected = (key: string): boolean => decisions[key] === 'rejected'
  const clustered = new Set(clusters.flatMap((c) => c.memberIds))
  const unclustered = painPoints.filter((p) => !clustered.has(p.id))
  const pointsById = new Map(painPoints.map((p) => [p.id, p]))
  const additions = suggestAdditions(unclustered, clusters, pointsById, phases, {
    vocabulary,
  }).filter((a) => !rejected(a.key))
  const added = new Set(additions.map((a) => a.painPointId))
  const groups = suggestClusters(
    unclustered.filter((p) => !added.has(p.id)),
    phases,
    { vocabulary },
  )
  return {
    additions,
    suggestions: groups.suggestions.filter((s) => !rejected(s.key)),
    unclustered: groups.unclustered,
  }
}
