import { type TimelineProps, timelineShapeType } from '@stormline/shared/board/timeline'
import { timelineShapeProps as sharedTimelineShapeProps } from '@stormline/shared/sync/board-schema'
import type { RecordProps, TLShape } from 'tldraw'

/**
 * The timeline as a tldraw shape: its record type, prop validators and migrations. The props
 * themselves are the shared contract (shared/src/board/timeline.ts), so the server and the board
 * reader agree with what the editor stores.
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

/**
 * Validators and migrations of the timeline's props live in shared/src/sync/board-schema.ts: the
 * server validates and migrates board records with the very schema the editor uses.
 */
export const timelineShapeProps: RecordProps<TimelineShape> = sharedTimelineShapeProps
export { timelineShapeMigrations } from '@stormline/shared/sync/board-schema'

export function isTimelineShape(shape: TLShape | undefined): shape is TimelineShape {
  return shape?.type === timelineShapeType
}
