import { readBoard } from '../board/read-board.ts'
import type { BoardMapsJson } from './board-maps.ts'
import { visibleClusters } from './clusters.ts'
import { suggestClusters } from './suggest-clusters.ts'
import type { SuggestionResult } from './suggestion-types.ts'

/**
 * Cluster suggestions for a board: its pain points that are in no cluster,
 * minus suggestions the facilitator rejected. The browser's suggestions panel
 * and `GET /api/boards/:id/suggestions` both call this.
 */
export function boardSuggestions(maps: BoardMapsJson): SuggestionResult {
  const model = readBoard(maps.records, maps.session)
  const pain = model.stickies.filter((s) => s.kind === 'pain')
  const painIds = new Set(pain.map((p) => p.id))
  const clustered = new Set(
    visibleClusters(maps.clusters, (id) => painIds.has(id)).flatMap((c) => c.memberIds),
  )
  const result = suggestClusters(
    pain
      .filter((p) => !clustered.has(p.id))
      .map((p) => ({
        id: p.id,
        text: p.text,
        x: Math.round(p.bounds.x + p.bounds.w / 2),
        phaseId: p.phaseId,
      })),
    model.timeline?.phases ?? [],
  )
  return {
    ...result,
    suggestions: result.suggestions.filter((s) => maps.suggestionDecisions[s.key] !== 'rejected'),
  }
}
