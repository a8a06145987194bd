import {
  type TimelinePhase,
  type TimelineProps,
  timelineShapeType,
} from '@stormline/shared/board/timeline'
import { type RecordProps, T, type TLShape } from 'tldraw'

/**
 * The timeline as a tldraw shape: its record type and prop validators. The props themselves are
 * the shared contract (shared/src/board/timeline.ts), so the server and the board reader agree
 * with what the editor stores.
 */

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    timeline: TimelineProps
  }
}

export type TimelineShape = TLShape<'timeline'>

/** Long enough for stickies of a whole workshop along it, short enough to fit one screen. */
export const defaultTimelineSize = { w: 2800, h: 160 } as const

/** Below this the labels no longer fit; resizing stops there. */
export const minTimelineSize = { w: 400, h: 100 } as const

const phaseValidator: T.Validator<TimelinePhase> = T.object({
  id: T.string,
  name: T.string,
  // Lenient on purpose: phaseSpans copes with any weight, and a record failing validation is
  // dropped from the board entirely, which would lose the whole timeline.
  weight: T.number,
})

export const timelineShapeProps: RecordProps<TimelineShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  startLabel: T.string,
  endLabel: T.string,
  phases: T.arrayOf(phaseValidator),
}

export function isTimelineShape(shape: TLShape | undefined): shape is TimelineShape {
  return shape?.type === timelineShapeType
}
