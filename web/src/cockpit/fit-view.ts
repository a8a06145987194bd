import { Box, type Editor, type TLShapeId } from 'tldraw'
import { focusCamera, type Rect } from '../backlog/focus-camera.ts'
import { isTimelineShape } from '../timeline/timeline-shape.ts'
import { type CoveredEdges, coveredEdges } from './panel-insets.ts'

/**
 * Where the camera goes when the board opens, when someone asks to zoom to fit, and when the
 * facilitator fits the timeline: always into the part of the window the drawers leave free.
 */

/** tldraw's note text is 22 page px at size M; at half zoom it is 11 screen px, still readable. */
export const readableZoom = 0.5

/** Screen pixels kept free around what is framed. */
const inset = 32

interface Camera {
  x: number
  y: number
  z: number
}

/**
 * The opening view: the whole board when it fits at a readable zoom; otherwise readable text
 * from the board's start (the timeline's "Project start" end), which is where a workshop begins
 * reading, vertically centred on the content.
 */
export function openingCamera(
  content: Rect,
  viewport: { w: number; h: number },
  covered: CoveredEdges,
): Camera {
  const fitted = focusCamera(content, viewport, {
    coveredLeft: covered.left,
    coveredRight: covered.right,
    inset,
    minZoom: 0.05,
    maxZoom: 1,
  })
  if (fitted.z >= readableZoom) return fitted
  const z = readableZoom
  const screenLeft = covered.left + inset
  return { x: screenLeft / z - content.x, y: viewport.h / 2 / z - (content.y + content.h / 2), z }
}

/** Frames a page box in the free part of the window, as small as it takes to show all of it. */
export function fitCamera(
  target: Rect,
  viewport: { w: number; h: number },
  covered: CoveredEdges,
  maxZoom = 1,
): Camera {
  return focusCamera(target, viewport, {
    coveredLeft: covered.left,
    coveredRight: covered.right,
    inset,
    minZoom: 0.05,
    maxZoom,
  })
}

/** The timeline with room for a row of stickies above and below its bar, and every shape. */
export function boardContentBounds(editor: Editor): Box | null {
  const boxes: Box[] = []
  for (const timeline of editor.getCurrentPageShapes().filter(isTimelineShape)) {
    const bar = editor.getShapePageBounds(timeline.id)
    if (bar) boxes.push(new Box(bar.x, bar.y - 260, bar.w, bar.h + 520))
  }
  for (const id of editor.getCurrentPageShapeIds()) {
    const bounds = editor.getShapePageBounds(id)
    if (bounds) boxes.push(bounds)
  }
  return boxes.length === 0 ? null : Box.Common(boxes)
}

function viewportSize(editor: Editor): { w: number; h: number } {
  const { w, h } = editor.getViewportScreenBounds()
  return { w, h }
}

export function showOpeningView(editor: Editor): void {
  const content = boardContentBounds(editor)
  if (content === null) return
  editor.setCamera(openingCamera(content, viewportSize(editor), coveredEdges(editor)))
}

export function zoomToFitClear(editor: Editor, { animate = true } = {}): void {
  const content = boardContentBounds(editor)
  if (content === null) return
  const camera = fitCamera(content, viewportSize(editor), coveredEdges(editor))
  editor.setCamera(camera, animate ? { animation: { duration: 300 } } : undefined)
}

export function zoomToShapesClear(
  editor: Editor,
  ids: readonly TLShapeId[],
  { animate = true, withRoomAround = 0 } = {},
): void {
  const boxes = ids.flatMap((id) => editor.getShapePageBounds(id) ?? [])
  if (boxes.length === 0) return
  const box = Box.Common(boxes)
  const target = new Box(box.x, box.y - withRoomAround, box.w, box.h + 2 * withRoomAround)
  const camera = fitCamera(target, viewportSize(editor), coveredEdges(editor))
  editor.setCamera(camera, animate ? { animation: { duration: 300 } } : undefined)
}
