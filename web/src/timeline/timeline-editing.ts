import { type TimelineProps, templateTimelineId } from '@stormline/shared/board/timeline'
import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { zoomToShapesClear } from '../cockpit/fit-view.ts'
import { templateTimelineProps, timelineRecord } from './template-records.ts'
import { isTimelineShape, type TimelineShape } from './timeline-shape.ts'

/**
 * Editor operations on the board's timeline. All of them go through the editor, so they are
 * undoable, synced to the other participants and stored like any other edit.
 */

/** The timeline to edit: the template's if it is there, else the first one on the page. */
export function pickBoardTimeline(shapes: readonly TLShape[]): TimelineShape | undefined {
  const timelines = shapes.filter(isTimelineShape)
  return timelines.find((shape) => shape.id === templateTimelineId) ?? timelines[0]
}

export function findBoardTimeline(editor: Editor): TimelineShape | undefined {
  return pickBoardTimeline(editor.getCurrentPageShapes())
}

/**
 * Changes a timeline's props, unless it is locked: the lock protects its phases and labels as
 * much as its place on the board (timeline-guard.ts refuses it again for any other code path).
 * Returns whether the change was made.
 */
export function updateTimelineProps(
  editor: Editor,
  id: TLShapeId,
  props: Partial<TimelineProps>,
): boolean {
  const shape = editor.getShape(id)
  if (!isTimelineShape(shape) || shape.isLocked) return false
  editor.updateShape<TimelineShape>({ id, type: 'timeline', props })
  return true
}

/** Locks or unlocks the timeline; tldraw lets both through its own lock. */
export function setTimelineLocked(editor: Editor, id: TLShapeId, isLocked: boolean): void {
  editor.run(() => {
    editor.markHistoryStoppingPoint(isLocked ? 'lock timeline' : 'unlock timeline')
    editor.updateShape<TimelineShape>({ id, type: 'timeline', isLocked })
    // A locked shape that stays selected could still be nudged with the arrow keys.
    if (isLocked) editor.deselect(id)
  })
}

/** Adds the path-to-production timeline, centred in view and behind everything else. */
export function addTemplateTimeline(editor: Editor): void {
  const props = templateTimelineProps('path-to-production')
  if (props === null) return
  const center = editor.getViewportPageBounds().center
  // The template's id, unless some timeline already has it; either way ids stay unique.
  const id = editor.getShape(templateTimelineId as TLShapeId)
    ? createShapeId()
    : (templateTimelineId as TLShapeId)
  const { index: _index, ...record } = timelineRecord(props, center, id)
  editor.run(() => {
    editor.createShape<TimelineShape>(record)
    editor.sendToBack([record.id])
  })
  fitTimelineInView(editor, record.id, { animate: true })
}

/** Zooms so the whole timeline fits the part of the screen the drawers leave free. */
export function fitTimelineInView(
  editor: Editor,
  id: TLShapeId | undefined = findBoardTimeline(editor)?.id,
  { animate = false }: { animate?: boolean } = {},
): void {
  if (id === undefined) return
  const bar = editor.getShapePageBounds(id)
  if (bar === undefined) return
  // Room above and below the bar for a row of stickies; framed clear of the drawers.
  zoomToShapesClear(editor, [id], { animate, withRoomAround: bar.h })
}
