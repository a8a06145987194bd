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

/**
 * The page's member (participant-store.ts: the id the server knows this browser as), or nobody
 * on an anonymous board: there a sticky carries no author at all (ADR 0013).
 */
export function currentAuthor(editor: Editor): Author {
  if (isAnonymousBoard(editor)) return { id: null, name: null }
  const { id, name } = participantSignal().get()
  return { id, name: name ?? anonymousName }
}
