import { CloseCode, webFinalCloseCodes } from '@stormline/shared/sync/close-codes'

/**
 * Ways a board can end for this page (CLOSE-3): the server closed the socket with a code after
 * which reconnecting with this document can never succeed, so the page shows a final state with
 * a next step instead of reconnecting in a loop. The sync endpoint's codes are documented in
 * shared/src/sync/close-codes.ts.
 *   - `not-found` (4404), `deleted` (4410): the board is gone.
 *   - `link-invalid` (4401): the link was rotated or never valid; a new link may come.
 *   - `edit-refused` (4403): a participant's edit touched facilitator-only state.
 *   - `invalid-edit` (4422): an edit wrote a record tldraw's schema rejects.
 *   - `board-full` (4413): the edit would make the board larger than the server's limit.
 *   - `edit-too-large` (1009): one message was larger than the server accepts.
 *   - `reload-required` (4426, or the board's records are in a newer tldraw schema than this
 *     app's): this app is older than the board and must reload to get the current one.
 */
export type EndedPhase =
  | 'not-found'
  | 'link-invalid'
  | 'deleted'
  | 'edit-refused'
  | 'invalid-edit'
  | 'board-full'
  | 'edit-too-large'
  | 'reload-required'

export const endedByCloseCode: ReadonlyMap<number, EndedPhase> = new Map([
  [CloseCode.boardNotFound, 'not-found'],
  [CloseCode.unauthorized, 'link-invalid'],
  [CloseCode.boardDeleted, 'deleted'],
  [CloseCode.forbiddenEdit, 'edit-refused'],
  [CloseCode.invalidRecord, 'invalid-edit'],
  [CloseCode.boardTooLarge, 'board-full'],
  [CloseCode.messageTooBig, 'edit-too-large'],
  [CloseCode.reloadRequired, 'reload-required'],
])

/** The web app reconnects after every close except its final ones. */
export function webShouldReconnect(code: number): boolean {
  return !webFinalCloseCodes.has(code)
}

/**
 * What becomes of the board's copy in this browser (and its unsaved-changes list) when the board
 * ends this way. Kept when the changes may still reach the board from this browser: with a new
 * link, or after the reload that brings the current app. Cleared when the board is gone (OFF-3),
 * and when the server refused a change: the copy holds that change, and would send it again (and
 * be refused again) on every later visit, so the page could never open the board.
 */
export function localCopyAfter(phase: EndedPhase): 'keep' | 'clear' {
  return phase === 'link-invalid' || phase === 'reload-required' ? 'keep' : 'clear'
}

/**
 * Whether the ended page offers the unsaved changes as a download (when there are any): when
 * they can no longer reach the board from this page. Not when the board is gone, nor before a
 * reload that will send them.
 */
export function offersUnsentDownload(phase: EndedPhase): boolean {
  return phase !== 'not-found' && phase !== 'deleted' && phase !== 'reload-required'
}

/**
 * Whether leaving the page (closing, reloading, navigating away) would lose unsaved changes, so
 * the page asks first: while the board is open, and after a refusal (the changes then exist only
 * in this page, until downloaded). Not once the board is gone, nor while the copy in this browser
 * keeps them.
 */
export function asksBeforeLeaving(
  phase: 'loading' | 'ready' | EndedPhase,
  unsaved: number,
): boolean {
  if (unsaved === 0) return false
  if (phase === 'loading' || phase === 'ready') return true
  return offersUnsentDownload(phase) && localCopyAfter(phase) === 'clear'
}
