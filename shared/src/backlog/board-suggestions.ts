import { readBoard } from '../board/read-board.ts'
import { suggestForBoard } from '../suggestions/suggest-for-board.ts'
import { builtInCompiled, type CompiledVocabulary } from '../suggestions/vocabulary.ts'
import type { BoardMapsJson } from './board-maps.ts'
import { visibleClusters } from './clusters.ts'
import type { BoardSuggestionResult } from './suggestion-types.ts'

/**
 * Cluster suggestions for a board: pain points in no cluster suggested into the nearest existing
 * cluster, the rest grouped, minus what the facilitator rejected. The browser's suggestions panel
 * and `GET /api/boards/:id/suggestions` both come here (suggestForBoard), with the same
 * vocabulary (the server's, served at GET /api/vocabulary).
 */
export function boardSuggestions(
  maps: BoardMapsJson,
  vocabulary: CompiledVocabulary = builtInCompiled(),
): BoardSuggestionResult {
  const model = readBoard(maps.records, maps.session)
  const pain = model.stickies.filter((s) => s.kind === 'pain')
  const painIds = new Set(pain.map((p) => p.id))
  return suggestForBoard({
    painPoints: pain.map((p) => ({
      id: p.id,
      text: p.text,
      x: Math.round(p.bounds.x + p.bounds.w / 2),
      phaseId: p.phaseId,
    })),
    clusters: visibleClusters(maps.clusters, (id) => painIds.has(id)),
    phases: model.timeline?.phases ?? [],
    decisions: maps.suggestionDecisions,
    vocabulary,
  })
}
