import { type RefObject, useEffect } from 'react'

/**
 * Keys pressed inside one of our panels belong to that panel. tldraw listens for keys on its
 * whole container and ignores only those aimed at buttons, inputs and selects: Tab on one of our
 * links (the backlog's downloads) would select the next shape instead of moving the focus, and
 * Delete there would delete the selected stickies. Stopping the key events at the panel keeps
 * the browser's own behaviour (focus moves, links open) and keeps them away from the board.
 */
export function useKeysStayInPanel(
  ref: RefObject<HTMLElement | null>,
  /** Changes whenever the element behind `ref` may have been replaced. */
  key: unknown = null,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when ref.current changed
  useEffect(() => {
    const element = ref.current
    if (element === null) return
    const stop = (event: KeyboardEvent): void => event.stopPropagation()
    element.addEventListener('keydown', stop)
    element.addEventListener('keyup', stop)
    return () => {
      element.removeEventListener('keydown', stop)
      element.removeEventListener('keyup', stop)
    }
  }, [ref, key])
}
