import { jsonEqual } from '@stormline/shared/sync/json-value'
import { plainFormOf, textSplice } from '@stormline/shared/sync/rich-text-field'
import type { Editor, TLShapeId } from 'tldraw'

/**
 * A peer's change to the text of the sticky this person is typing in, applied to tldraw's text
 * editor as an edit at the spot that changed, so the caret stays where it was (MERGE-3 in the
 * browser). Left to tldraw, a new `richText` prop replaces the editor's whole content and the
 * caret jumps to the end: the next letters land in the wrong place (measured: two people typing
 * at the two ends of one sticky ended with their words shuffled into each other).
 *
 * The editor reports the edit back as a local change whose text the shared `Y.Text` already
 * holds, which the binding writes as nothing (`spliceToReach`). Returns whether it applied the
 * change; when it did not (another shape, no editor, formatted text, a change across lines),
 * tldraw's own replacement takes over.
 */
export type LiveTextHook = (shapeId: string, before: unknown, after: unknown) => boolean

export function liveTextHook(editor: Editor): LiveTextHook {
  return (shapeId, before, after) => {
    if (editor.getEditingShapeId() !== (shapeId as TLShapeId)) return false
    const textEditor = editor.getRichTextEditor()
    if (!textEditor) return false
    const from = plainFormOf(before)
    const to = plainFormOf(after)
    const shown = plainFormOf(textEditor.state.doc.toJSON())
    if (!from || !to || !shown || shown.text !== from.text) return false
    if (!jsonEqual(from.paragraphAttrs, to.paragraphAttrs)) return false
    if (!jsonEqual(from.docAttrs, to.docAttrs)) return false
    const splice = textSplice(from.text, to.text)
    const removed = from.text.slice(splice.index, splice.index + splice.deleteCount)
    if (splice.insert.includes('\n') || removed.includes('\n')) return false
    const start = editorPosition(from.text, splice.index)
    const transaction = textEditor.state.tr
      .insertText(splice.insert, start, start + splice.deleteCount)
      // A peer's letters are not this person's to undo.
      .setMeta('addToHistory', false)
    textEditor.view.dispatch(transaction)
    return true
  }
}

/**
 * The ProseMirror position of a plain-text index: the document opens its first paragraph at 1,
 * and each line break of the plain text is a paragraph closing and the next opening (2 positions
 * for 1 character).
 */
export function editorPosition(text: string, index: number): number {
  let breaks = 0
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) breaks++
  return 1 + index + breaks
}
