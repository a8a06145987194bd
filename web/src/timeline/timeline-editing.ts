import { type TimelineProps, templateTimelineId } from '@stormline/shared/board/timeline'
import { Box, createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
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

/** Changes a timeline's props, whether or not it is locked: the lock guards the canvas only. */
export function updateTimelineProps(
  editor: Editor,
  id: TLShapeId,
  props: Partial<TimelineProps>,
): void {
  editor.run(() => editor.updateShape<TimelineShape>({ id, type: 'timeline', props }), {
    ignoreShapeLock: true,
  })
}

export function setTimelineLocked(editor: Editor, id: TLShapeId, isLocked: boolean): void {
  editor.run(
    () => {
      editor.updateShape<TimelineShape>({ id, type: 'timeline', isLocked })
      // A locked shape that stays selected could still be nudged with the arrow keys.
      if (isLocked) editor.deselect(id)
    },
    { ignoreShapeLock: true },
  )
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

/**
 * Zooms so the whole timeline fits the screen between tldraw's side panels (which float over
 * the canvas), with room above and below it for stickies.
 */
export function fitTimelineInView(
  editor: Editor,
  id: TLShapeId | undefined = findBoardTimeline(editor)?.id,
  { animate = false }: { animate?: boolean } = {},
): void {
  const bounds = id === undefined ? undefined : editor.getShapePageBounds(id)
  if (bounds === undefined) return
  const screen = editor.getViewportScreenBounds()
  const withRoomForStickies = new Box(bounds.x, bounds.y - bounds.h, bounds.w, bounds.h * 3)
  editor.zoomToBounds(withRoomForStickies, {
    // Both margins together, in screen pixels: about the width of the panels on either side.
    inset: Math.min(400, screen.w * 0.28),
    ...(animate ? { animation: { duration: 300 } } : {}),
  })
}

/**
 * Frames the timeline when a board opens (the camera is not part of the board, so everyone
 * would otherwise start at the origin, looking at half of it). Waits a frame: on mount the
 * editor has not measured its viewport yet.
 */
export function fitTimelineOnOpen(editor: Editor): void {
  editor.timers.requestAnimationFrame(() => fitTimelineInView(editor))
}
