import { readBoard, type StickyModel } from '../board/read-board.ts'
import { suggestForBoard } from '../suggestions/suggest-for-board.ts'
import { builtInCompiled, type CompiledVocabulary } from '../suggestions/vocabulary.ts'
import type { BoardMapsJson } from './board-maps.ts'
import { visibleClusters } from './clusters.ts'
import type { BoardSuggestionResult, PainPointInput } from './suggestion-types.ts'

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
    painPoints: painPointInputs(pain),
    clusters: visibleClusters(maps.clusters, (id) => painIds.has(id)),
    phases: model.timeline?.phases ?? [],
    decisions: maps.suggestionDecisions,
    vocabulary,
  })
}

/**
 * What the suggester sees of the pain points: their text, centre x and phase, the same in the
 * browser and on the server. The x is rounded so a sub-pixel nudge does not count as a new input
 * (the panel reruns the suggester only when these inputs change, never on cursor moves or
 * unrelated edits).
 */
export function painPointInputs(stickies: readonly StickyModel[]): PainPointInput[] {
  return stickies
    .filter((s) => s.kind === 'pain')
    .map((s) => ({
      id: s.id,
      text: s.text,
      x: Math.round(s.bounds.x + s.bounds.w / 2),
      phaseId: s.phaseId,
    }))
}
