import {
  type BoardTemplateId,
  boardTemplates,
  templatePhaseId,
} from '@stormline/shared/board/templates'
import {
  type TimelineProps,
  templateTimelineId,
  timelineShapeType,
} from '@stormline/shared/board/timeline'
import type { IndexKey, TLPageId, TLRecord, TLShapeId } from 'tldraw'
import { defaultTimelineSize, type TimelineShape } from './timeline-shape.ts'

/**
 * What a board created from a template starts with. Everything here is fixed by the template
 * alone (ids included), so two clients seeding the same new board at once write identical
 * records and the board ends up with one timeline, not two.
 */

/** The page tldraw (and our seeding) creates on every board. */
const boardPageId = 'page:page' as TLPageId

/** The timeline's props for a template; null for templates without one (blank). */
export function templateTimelineProps(template: BoardTemplateId): TimelineProps | null {
  const timeline = boardTemplates[template].timeline
  if (timeline === null) return null
  return {
    ...defaultTimelineSize,
    startLabel: timeline.startLabel,
    endLabel: timeline.endLabel,
    phases: timeline.phases.map((name, index) => ({
      id: templatePhaseId(template, index),
      name,
      weight: 1,
    })),
  }
}

/**
 * A timeline shape record centred on page point `center`. The first client zooms to fit it
 * when the board opens, so the origin is as good a centre as any and keeps seeding pure.
 */
export function timelineRecord(
  props: TimelineProps,
  center: { x: number; y: number } = { x: 0, y: 0 },
  id: TLShapeId = templateTimelineId as TLShapeId,
): TimelineShape {
  return {
    id,
    typeName: 'shape',
    type: timelineShapeType,
    x: center.x - props.w / 2,
    y: center.y - props.h / 2,
    rotation: 0,
    // The lowest index on the page: stickies, created later, always sit on top of it.
    index: 'a0' as IndexKey,
    parentId: boardPageId,
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  }
}

/** Records to seed an empty board with, besides tldraw's document and page. */
export function templateRecords(template: BoardTemplateId): TLRecord[] {
  const props = templateTimelineProps(template)
  return props === null ? [] : [timelineRecord(props)]
}
