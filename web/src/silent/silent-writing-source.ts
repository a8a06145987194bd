import type { Editor } from 'tldraw'

/**
 * Whether a silent-writing round is on, as the sticky side effects see it at the moment a note is
 * made. They reach the editor, not the board's document; the board page's silent-writing
 * component (SilentWriting.tsx) tells each editor where to look.
 */

const sources = new WeakMap<Editor, () => boolean>()

export function setSilentWritingSource(editor: Editor, isWriting: () => boolean): () => void {
  sources.set(editor, isWriting)
  return () => {
    if (sources.get(editor) === isWriting) sources.delete(editor)
  }
}

/** False for an editor nobody told: no round, so no drafts. */
export function isSilentWritingOn(editor: Editor): boolean {
  return sources.get(editor)?.() ?? false
}
