import type { Editor } from 'tldraw'
import { isTimelineShape } from './timeline-shape.ts'

/**
 * The timeline belongs to the facilitator: the server refuses a participant's update that
 * touches it and closes their socket (4403), which would cost them their session. So on their
 * board the timeline stays put whatever they grab with it — a select-all drag moves the
 * stickies and leaves the timeline — and cannot be deleted. Only local edits are held back;
 * the facilitator's arrive as remote changes.
 */
export function guardTimelines(editor: Editor, mayEdit: () => boolean): () => void {
  const stopChange = editor.sideEffects.registerBeforeChangeHandler(
    'shape',
    (prev, next, source) =>
      source === 'user' && isTimelineShape(prev) && !mayEdit() ? prev : next,
  )
  const stopDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
    source === 'user' && isTimelineShape(shape) && !mayEdit() ? false : undefined,
  )
  return () => {
    stopChange()
    stopDelete()
  }
}
