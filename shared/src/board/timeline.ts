/**
 * The timeline shape: a bar from a start label to an end label, divided into
 * phases whose widths are relative weights. It is a custom tldraw shape
 * (`type: 'timeline'`); these are its props as stored in the board.
 */

export const timelineShapeType = 'timeline'

/** Record id of the timeline a template creates; fixed so two clients seeding at once make one. */
export const templateTimelineId = 'shape:timeline'

export interface TimelinePhase {
  /** Stable id, so renaming or reordering a phase keeps stickies' phase references meaningful. */
  id: string
  name: string
  /** Relative width; the phase spans weight / sum(weights) of the timeline. */
  weight: number
}

export interface TimelineProps {
  w: number
  h: number
  startLabel: string
  endLabel: string
  phases: TimelinePhase[]
}

export interface PhaseSpan {
  id: string
  name: string
  index: number
  /** Page x where the phase starts (inclusive) and ends (exclusive). */
  startX: number
  endX: number
}

export const minPhaseWeight = 0.1

/**
 * Page-space x ranges of the phases of a timeline whose left edge is at `x`.
 * Rotation is not supported for phase assignment: the timeline is a horizontal
 * axis by nature (the UI does not offer rotating it).
 */
export function phaseSpans(x: number, props: Pick<TimelineProps, 'w' | 'phases'>): PhaseSpan[] {
  const weights = props.phases.map((p) =>
    Number.isFinite(p.weight) && p.weight > 0 ? p.weight : minPhaseWeight,
  )
  const total = weights.reduce((sum, w) => sum + w, 0)
  const spans: PhaseSpan[] = []
  let cursor = x
  props.phases.forEach((phase, index) => {
    const width = total > 0 ? (props.w * (weights[index] ?? 0)) / total : 0
    spans.push({ id: phase.id, name: phase.name, index, startX: cursor, endX: cursor + width })
    cursor += width
  })
  return spans
}

/** The phase whose span contains page x, or null when x is before the start or after the end. */
export function phaseAt(x: number, spans: readonly PhaseSpan[]): PhaseSpan | null {
  for (const span of spans) if (x >= span.startX && x < span.endX) return span
  const last = spans.at(-1)
  // The end edge belongs to the last phase, so a sticky exactly at the end is not "off".
  return last && x === last.endX ? last : null
}
