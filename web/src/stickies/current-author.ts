import type { Editor } from 'tldraw'
import { anonymousName, participantSignal } from '../participant/participant-store.ts'
import type { Author } from './sticky-stamp.ts'

/**
 * Who the stickies made in an editor are credited to, read at the moment of making. The board
 * page tells each editor whether its board is anonymous (installStickies); the stamping code
 * reaches the editor but not the board's document.
 */

const anonymousBoards = new WeakMap<Editor, () => boolean>()

export function setAnonymousSource(editor: Editor, isAnonymous: () => boolean): () => void {
  anonymousBoards.set(editor, isAnonymous)
  return () => {
    if (anonymousBoards.get(editor) === isAnonymous) anonymousBoards.delete(editor)
  }
}

export function isAnonymousBoard(editor: Editor): boolean {
  return anonymousBoards.get(editor)?.() ?? false
}

export function currentAuthor(editor: Editor): Author {
  const { id, name } = participantSignal().get()
  return { id, name: isAnonymousBoard(editor) ? null : (name ?? anonymousName) }
}
