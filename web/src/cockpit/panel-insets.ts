import type { Editor } from 'tldraw'

/** Screen pixels our drawers cover at the board's left and right edges. */
export interface CoveredEdges {
  left: number
  right: number
}

/**
 * Measured, not configured: the drawers' widths follow the window (cockpit.css) and whether
 * they are open or folded, and a camera placed from stale numbers would hide content under them.
 */
export function coveredEdges(editor: Editor): CoveredEdges {
  const container = editor.getContainer()
  const box = container.getBoundingClientRect()
  const cockpit = container.querySelector('.stormline-cockpit')
  const backlog = container.querySelector('.stormline-backlog')
  return {
    left: cockpit === null ? 0 : Math.max(0, cockpit.getBoundingClientRect().right - box.left),
    right: backlog === null ? 0 : Math.max(0, box.right - backlog.getBoundingClientRect().left),
  }
}
