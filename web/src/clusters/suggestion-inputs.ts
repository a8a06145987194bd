import type { PainPointInput } from '@stormline/shared/backlog/suggestion-types'
import type { StickyModel } from '@stormline/shared/board/read-board'

/**
 * What the suggester sees: pain points (those in no cluster, or all of them with an empty
 * `clustered`: suggestForBoard sorts them out), with their text, centre x and phase. The
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
