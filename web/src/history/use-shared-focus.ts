import { type RefObject, useEffect } from 'react'
import type { Editor } from 'tldraw'

/**
 * Two tldraw editors on one page, the live board and a checkpoint beside it. tldraw takes keys
 * and wheel events only in a focused editor and never unfocuses one by itself, so without this
 * both would stay focused: Delete pressed while looking at the checkpoint would delete the live
 * board's selection, and the wheel over the checkpoint would do nothing. Whichever side the
 * pointer, the wheel or the keyboard focus goes to gets the focus; the other lets go. The DOM
 * focus is left where the browser put it.
 */
export function useSharedFocus(
  pane: RefObject<HTMLElement | null>,
  live: Editor,
  view: Editor | null,
): void {
  useEffect(() => {
    const paneElement = pane.current
    if (paneElement === null) return
    const liveContainer = live.getContainer()
    const toPane = (): void => {
      live.blur({ blurContainer: false })
      view?.focus({ focusContainer: false })
    }
    const toLive = (): void => {
      view?.blur({ blurContainer: false })
      live.focus({ focusContainer: false })
    }
    // Capture: before the editor under the pointer reads its focus for this very event.
    const options = { capture: true, passive: true }
    const events = ['pointerdown', 'wheel', 'focusin'] as const
    for (const type of events) {
      paneElement.addEventListener(type, toPane, options)
      liveContainer.addEventListener(type, toLive, options)
    }
    return () => {
      for (const type of events) {
        paneElement.removeEventListener(type, toPane, options)
        liveContainer.removeEventListener(type, toLive, options)
      }
    }
  }, [pane, live, view])

  // The pane closed: the live board is the only editor again and takes keys as before (unless
  // the whole board page is going away with it).
  useEffect(
    () => () => {
      if (!live.isDisposed) live.focus({ focusContainer: false })
    },
    [live],
  )
}
