import { type TimelineProps, templateTimelineId, timelineShapeType } from '../board/timeline.ts'

/**
 * Board records as they sit in a board's `records` map, for test fixtures and benchmarks that
 * build boards without the editor.
 */

/** The page every fixture board puts its shapes on. */
export const pageRecord: Readonly<Record<string, unknown>> = {
  id: 'page:page',
  typeName: 'page',
  name: 'Page 1',
  index: 'a1',
  meta: {},
}

/** The template timeline at the page's origin (locked, as a facilitator leaves it). */
export function timelineRecord(props: TimelineProps): Record<string, unknown> {
  return {
    id: templateTimelineId,
    typeName: 'shape',
    type: timelineShapeType,
    x: 0,
    y: 0,
    parentId: pageRecord.id,
    isLocked: true,
    props,
    meta: {},
  }
}
