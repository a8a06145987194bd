import type { ClusterSuggestion, PainPointInput } from '@stormline/shared/backlog/suggestion-types'
import type { StickyModel } from '@stormline/shared/board/read-board'

/**
 * What the suggester sees: pain points in no cluster, with their text, centre x and phase. The
 * x is rounded so a sub-pixel nudge does not count as a new input (the panel reruns the
 * suggester only when these inputs change, never on cursor moves or unrelated edits).
 */
export function painPointInputs(
  stickies: readonly StickyModel[],
  clustered: ReadonlySet<string>,
): PainPointInput[] {
  return stickies
    .filter((s) => s.kind === 'pain' && !clustered.has(s.id))
    .map((s) => ({
      id: s.id,
      text: s.text,
      x: Math.round(s.bounds.x + s.bounds.w / 2),
      phaseId: s.phaseId,
    }))
}

/** Suggestions the facilitator has not turned down. */
export function openSuggestions(
  suggestions: readonly ClusterSuggestion[],
  decisions: Readonly<Record<string, unknown>>,
): ClusterSuggestion[] {
  return suggestions.filter((s) => decisions[s.key] !== 'rejected')
}
