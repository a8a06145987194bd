import { kindFromColor } from '@stormline/shared/board/sticky-kinds'
import { readStickyMeta } from '@stormline/shared/board/sticky-meta'
import type { Editor, TLShape, TLShapeId } from 'tldraw'

/** Whether a live tldraw shape is a pain-point sticky, decided as readBoard decides a kind. */
export function isPainPointShape(shape: TLShape | undefined): boolean {
  if (shape === undefined || shape.type !== 'note') return false
  const color = (shape.props as { color?: unknown }).color
  return (readStickyMeta(shape.meta)?.kind ?? kindFromColor(color) ?? 'step') === 'pain'
}

export function isPainPointId(editor: Editor, id: string): boolean {
  return isPainPointShape(editor.getShape(id as TLShapeId))
}

/** The selected pain points, in selection order; other selected shapes are ignored. */
export function selectedPainPointIds(editor: Editor): string[] {
  return editor.getSelectedShapes().flatMap((shape) => (isPainPointShape(shape) ? [shape.id] : []))
}
