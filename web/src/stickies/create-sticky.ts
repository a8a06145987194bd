import { type StickyKind, stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import {
  createShapeId,
  type Editor,
  startEditingShapeWithRichText,
  type TLNoteShape,
  type VecLike,
} from 'tldraw'
import { currentAuthor } from './current-author.ts'
import { nudgedClear } from './placement.ts'
import { newStickyMeta } from './sticky-stamp.ts'

/**
 * Creates a sticky of a kind centred on a page point, selects it and puts it into text editing,
 * as tldraw's note tool does after a click, so the user just types and leaves with Escape.
 */
export function createStickyAt(editor: Editor, kind: StickyKind, center: VecLike): void {
  if (editor.getIsReadonly()) return
  const id = createShapeId()
  editor.run(() => {
    editor.markHistoryStoppingPoint(`create ${kind} sticky`)
    editor.createShape<TLNoteShape>({
      id,
      type: 'note',
      x: center.x,
      y: center.y,
      props: { color: stickyKindInfo[kind].color, scale: editor.getResizeScaleFactor() },
      meta: { [stickyMetaKey]: { ...newStickyMeta(kind, currentAuthor(editor), new Date()) } },
    })
    const shape = editor.getShape(id)
    // createShape is a no-op when the page is at its shape limit (tldraw alerts about it).
    if (shape === undefined) return
    const { width, height } = editor.getShapeGeometry(shape).bounds
    editor.updateShape<TLNoteShape>({
      id,
      type: 'note',
      x: center.x - width / 2,
      y: center.y - height / 2,
    })
    editor.select(id)
  })
  if (editor.getShape(id) !== undefined) startEditingShapeWithRichText(editor, id)
}

/**
 * At the pointer (a page point; tldraw's last known one when not given), when it is over the
 * visible canvas; else in the viewport's centre.
 */
export function createStickyAtPointer(
  editor: Editor,
  kind: StickyKind,
  pointer: VecLike | null = null,
): void {
  const viewport = editor.getViewportPageBounds()
  if (pointer === null) pointer = editor.inputs.getCurrentPagePoint()
  createStickyAt(editor, kind, viewport.containsPoint(pointer) ? pointer : viewport.center)
}

/**
 * In the middle of the viewport, stepped down and right past stickies already there, so
 * clicking the palette several times fans new stickies out instead of stacking them exactly.
 */
export function createStickyInView(editor: Editor, kind: StickyKind): void {
  const center = editor.getViewportPageBounds().center
  const taken = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'note')
    .map((shape) => editor.getShapePageBounds(shape)?.center)
    .filter((point) => point !== undefined)
  createStickyAt(editor, kind, nudgedClear(center, taken, 24 * editor.getResizeScaleFactor()))
}
