import { type Geometry2d, type Geometry2dOptions, Group2d, Rectangle2d } from 'tldraw'
import { LazyGeometry2d } from './lazy-geometry.ts'

/** The flags tldraw's NoteShapeUtil.getGeometry gives a note's label rectangle. */
export const noteLabelOptions: Geometry2dOptions = {
  isClosed: true,
  isFilled: true,
  isLabel: true,
  excludeFromShapeBounds: true,
}

/**
 * A note's geometry as tldraw builds it (its body, then its label), except that the label is
 * built by `measuredGeometry` (tldraw's own getGeometry) only when something asks about it.
 * Measuring a label is a DOM layout, and tldraw asks every shape for its geometry to build its
 * spatial index; that needs only the body, whose size the note's props already say (width and
 * scale, and growY, which tldraw keeps up to date whenever the text changes).
 */
export function noteGeometryWithLazyLabel(
  body: { width: number; height: number },
  measuredGeometry: () => Group2d,
): Group2d {
  return new Group2d({
    children: [
      new Rectangle2d({ width: body.width, height: body.height, isFilled: true }),
      new LazyGeometry2d(() => labelOf(measuredGeometry()), noteLabelOptions),
    ],
  })
}

function labelOf(geometry: Group2d): Geometry2d {
  const label = geometry.children.find((child) => child.isLabel)
  if (!label) throw new Error('a note geometry without a label')
  return label
}
