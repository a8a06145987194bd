import { stickyKindInfo } from '@stormline/shared/board/sticky-kinds'
import type { StickyMeta } from '@stormline/shared/board/sticky-meta'
import type { Editor, TLNoteShape, TLShapeId } from 'tldraw'
import { asMeta } from './sticky-side-effects.ts'
import { patchStickyMeta } from './sticky-stamp.ts'

/**
 * Writes Stormline fields of a sticky through the editor, so the edit is undoable, syncs and
 * persists like any other. The rest of `meta` is kept; a new kind brings its colour along in the
 * same update.
 */
export function updateSticky(editor: Editor, id: TLShapeId, patch: Partial<StickyMeta>): void {
  const shape = editor.getShape<TLNoteShape>(id)
  if (shape === undefined || shape.type !== 'note') return
  editor.updateShape<TLNoteShape>({
    id,
    type: 'note',
    meta: asMeta(patchStickyMeta(shape.meta, patch)),
    ...(patch.kind === undefined ? {} : { props: { color: stickyKindInfo[patch.kind].color } }),
  })
}
