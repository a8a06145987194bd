import type { Editor, JsonObject, TLNoteShape, TLShape } from 'tldraw'
import { keepDraftFlag, withDraftFlag } from '../silent/draft-flag.ts'
import { isSilentWritingOn } from '../silent/silent-writing-source.ts'
import { currentAuthor, isAnonymousBoard } from './current-author.ts'
import { kindChange, type NoteMeta, patchStickyMeta, stampNewSticky } from './sticky-stamp.ts'

/**
 * Makes every note a Stormline sticky, whichever way it was made (our shortcuts and palette,
 * tldraw's note tool, a paste), and keeps a sticky's colour and kind in step when someone edits
 * either. Only local edits (source 'user') are touched: remote ones were already stamped by the
 * client that made them, and rewriting them here would make every client write them back.
 * Undo and redo replay records that already carry their stamp, so they keep author and time;
 * copies get a new author and time in StormlineNoteShapeUtil.onBeforeDuplicate.
 * On an anonymous board tldraw's own attribution (the last text editor's user id, which it shows
 * as a name on the note) is not recorded either.
 * During a silent-writing round a new note is a draft (silent/draft-flag.ts): the board's binding
 * keeps it out of the shared doc and the draft binding puts it in its author's private doc. An
 * edit never changes the flag, so no move or kind change can publish a draft before the reveal.
 */
export function registerStickySideEffects(editor: Editor): () => void {
  const stopCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (created, source) => {
    if (source !== 'user' || !isNote(created)) return created
    const shape = withoutAttribution(editor, created)
    const stamp = stampNewSticky(shape.meta, shape.props.color, currentAuthor(editor), new Date())
    const stamped =
      stamp === null
        ? shape
        : { ...shape, meta: asMeta(stamp.meta), props: { ...shape.props, color: stamp.color } }
    const meta = withDraftFlag(stamped.meta, isSilentWritingOn(editor))
    return meta === stamped.meta ? stamped : { ...stamped, meta: asMeta(meta) }
  })

  const stopChange = editor.sideEffects.registerBeforeChangeHandler(
    'shape',
    (prev, changed, source) => {
      if (source !== 'user' || !isNote(prev) || !isNote(changed)) return changed
      const edited = withoutAttribution(editor, changed)
      const flagMeta = keepDraftFlag(prev.meta, edited.meta)
      const next = flagMeta === edited.meta ? edited : { ...edited, meta: asMeta(flagMeta) }
      const change = kindChange(
        { meta: prev.meta, color: prev.props.color },
        { meta: next.meta, color: next.props.color },
      )
      if (change === null) return next
      return {
        ...next,
        meta: asMeta(patchStickyMeta(next.meta, { kind: change.kind })),
        props: { ...next.props, color: change.color },
      }
    },
  )

  return () => {
    stopCreate()
    stopChange()
  }
}

function withoutAttribution(editor: Editor, note: TLNoteShape): TLNoteShape {
  if (note.props.textLastEditedBy === null || !isAnonymousBoard(editor)) return note
  return { ...note, props: { ...note.props, textLastEditedBy: null } }
}

export function isNote(shape: TLShape): shape is TLNoteShape {
  return shape.type === 'note'
}

/** The stamp functions build meta from JSON values they were given, so it is JSON again. */
export function asMeta(meta: NoteMeta): JsonObject {
  return meta as JsonObject
}
