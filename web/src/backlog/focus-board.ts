import { Box, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { focusCamera } from './focus-camera.ts'

/**
 * Brings a backlog item's pain points into view, beside our panels rather than under them,
 * and selects them so they stand out. Returns false when none of them is on the board any more.
 */
export function focusOnStickies(
  editor: Editor,
  stickyIds: readonly string[],
  covered: { left: number; right: number },
): boolean {
  const shapes = stickyIds.flatMap((id) => editor.getShape(id as TLShapeId) ?? [])
  const first = shapes[0]
  if (first === undefined) return false
  const pageId = editor.getAncestorPageId(first)
  if (pageId !== undefined && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
  const onPage = shapes.filter(
    (s: TLShape) => editor.getAncestorPageId(s) === editor.getCurrentPageId(),
  )
  const bounds = onPage.flatMap((s) => editor.getShapePageBounds(s) ?? [])
  if (bounds.length === 0) return false
  const viewport = editor.getViewportScreenBounds()
  const camera = focusCamera(Box.Common(bounds), viewport, {
    coveredLeft: covered.left,
    coveredRight: covered.right,
    inset: 48,
    minZoom: 0.1,
    maxZoom: 1,
  })
  editor.setCamera(camera, { animation: { duration: 320 } })
  editor.select(...onPage.map((s) => s.id))
  return true
}
