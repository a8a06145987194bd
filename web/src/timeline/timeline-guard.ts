import type { Editor, TLShape } from 'tldraw'
import { isTimelineShape } from './timeline-shape.ts'

/**
 * What protects the board's timeline on this page, whatever code path an edit takes (a drag, a
 * resize handle, the phase editor, an action, a direct store write): tldraw's own lock only
 * covers edits made without `ignoreShapeLock`, so the rules are enforced again where every local
 * change passes, the store's side effects. Remote changes pass: the server checks them.
 *
 * - Only the facilitator changes the timeline: the server refuses a participant's update that
 *   touches it and closes their socket (4403), which would cost them their session. So on their
 *   board the timeline stays put whatever they grab with it — a select-all drag moves the
 *   stickies and leaves the timeline — and cannot be deleted.
 * - While it is locked, not even the facilitator changes it: not its phases (names, order,
 *   widths), its labels, its place or its size, and it cannot be deleted. Locking and unlocking
 *   themselves are the only changes that pass.
 */

/** What the lock protects, as the panel says it. */
export const lockProtects =
  'Locked: the phases (names, order, widths), the start and end labels and the timeline’s ' +
  'place and size can’t be changed until you unlock it.'

/**
 * The record a local change to a shape may store: `next`, or `prev` when the change is refused.
 * `mayEdit` tells whether this page may edit timelines at all (the facilitator's).
 */
export function guardedTimelineChange<T extends TLShape>(prev: T, next: T, mayEdit: boolean): T {
  if (!isTimelineShape(prev)) return next
  if (!mayEdit) return prev
  // Locked before and after: nothing about it may change. Locking, or unlocking, passes.
  if (prev.isLocked && next.isLocked) return prev
  return next
}

/** Whether a local deletion of `shape` is refused. */
export function refusesTimelineDelete(shape: TLShape, mayEdit: boolean): boolean {
  return isTimelineShape(shape) && (!mayEdit || shape.isLocked)
}

export function guardTimelines(editor: Editor, mayEdit: () => boolean): () => void {
  const stopChange = editor.sideEffects.registerBeforeChangeHandler(
    'shape',
    (prev, next, source) =>
      source === 'user' && isTimelineShape(prev)
        ? guardedTimelineChange(prev, next, mayEdit())
        : next,
  )
  const stopDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
    source === 'user' && refusesTimelineDelete(shape, mayEdit()) ? false : undefined,
  )
  return () => {
    stopChange()
    stopDelete()
  }
}
