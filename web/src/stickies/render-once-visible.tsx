import { type ReactNode, useState } from 'react'
import { type TLShapeId, track, useEditor, useValue } from 'tldraw'

/**
 * Renders a shape's content from the first time the shape is on screen, and from then on as
 * tldraw does. tldraw renders every shape, hiding those outside the viewport (culled) with
 * `display: none`; on a board of 1,000 notes that is 1,000 rich-text labels turned into HTML
 * (a TipTap schema built per note) before the first paint, for notes nobody can see yet. A
 * culled shape is never selected or being edited (Editor.getCulledShapes), so nothing is lost
 * by rendering nothing in its place until it is first seen.
 */
export function RenderOnceVisible({
  shapeId,
  render,
}: {
  shapeId: TLShapeId
  render: () => ReactNode
}) {
  const editor = useEditor()
  const culled = useValue('shape culled', () => editor.getCulledShapes().has(shapeId), [
    editor,
    shapeId,
  ])
  const [seen, setSeen] = useState(!culled)
  // Derived state, set during render so a shape coming into view renders in the same pass.
  if (!culled && !seen) setSeen(true)
  return seen || !culled ? <TrackedRender render={render} /> : null
}

/**
 * Re-renders when a signal read by `render` changes, as tldraw's InnerShape does for the
 * shape util's component (whose reads now happen here, not in InnerShape).
 */
const TrackedRender = track(function TrackedRender({ render }: { render: () => ReactNode }) {
  return render()
})
