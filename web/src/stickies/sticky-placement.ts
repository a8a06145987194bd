import { type BoardModel, readBoard } from '@stormline/shared/board/read-board'
import type { Editor, TLShapeId } from 'tldraw'

/** Where a sticky sits in the event-storming model, as the details panel shows it. */
export interface StickyPlacement {
  /** Name of the timeline phase under the sticky, or null when off the timeline. */
  phase: string | null
  /** Text of the step an overlay belongs to, or null (no step, or the sticky is a step). */
  step: string | null
}

export const untitledStep = 'Untitled step'

export function placementIn(board: BoardModel, id: string): StickyPlacement {
  const sticky = board.stickies.find((s) => s.id === id)
  if (sticky === undefined) return { phase: null, step: null }
  const step =
    sticky.stepId === null ? undefined : board.stickies.find((s) => s.id === sticky.stepId)
  return {
    phase: sticky.phaseName,
    step: step === undefined ? null : step.text === '' ? untitledStep : step.text,
  }
}

/**
 * Reads the current page through the shared model, so the panel derives phase and step exactly
 * as exports and the server do. Called inside a reactive computation: it re-runs when shapes on
 * the page change, which is cheap at workshop scale (hundreds of stickies).
 */
export function describePlacement(editor: Editor, id: TLShapeId): StickyPlacement {
  return placementIn(readBoard(editor.getCurrentPageShapes()), id)
}
