import type { PainPointInput } from '../backlog/suggestion-types.ts'
import { boardTemplates, templatePhaseId } from '../board/templates.ts'
import { type PhaseSpan, phaseSpans } from '../board/timeline.ts'

/**
 * The path-to-production timeline as the suggester's tests lay it out: 7 phases of 400 units from
 * x = 0, and pain points placed in them by phase index.
 */
export const pathToProductionPhases: PhaseSpan[] = phaseSpans(0, {
  w: 2800,
  phases: (boardTemplates['path-to-production'].timeline?.phases ?? []).map((name, i) => ({
    id: templatePhaseId('path-to-production', i),
    name,
    weight: 1,
  })),
})

/** A pain point `offset` units into phase `phase` of that timeline. */
export function painPointAt(id: string, text: string, phase: number, offset = 200): PainPointInput {
  return {
    id,
    text,
    x: phase * 400 + offset,
    phaseId: templatePhaseId('path-to-production', phase),
  }
}
