import { type RefObject, useEffect } from 'react'

/**
 * tldraw listens for keys on its whole container and leaves alone only those aimed at buttons,
 * inputs, selects and text: a key pressed on one of our links (the backlog's downloads) reaches
 * the board. Tab there selected the next shape instead of moving the focus, and Delete would
 * have deleted the selected stickies.
 */

const tldrawLeavesAlone = new Set(['button', 'input', 'select', 'textarea'])

/**
 * Whether a key pressed inside one of our panels must stay there. Tab always does (the focus
 * moves, never the board's selection). A plain key on a focusable element tldraw does not leave
 * alone (a link, anything with a tabindex) belongs to that element. Shortcuts with Ctrl, Cmd or
 * Alt still reach the board: Ctrl+Z after a click beside the board undoes as anywhere else.
 */
export function keyStaysInPanel(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  target: Pick<Element, 'tagName' | 'hasAttribute'> & { isContentEditable?: boolean },
): boolean {
  if (event.key === 'Tab') return true
  if (event.ctrlKey || event.metaKey || event.altKey) return false
  const tag = target.tagName.toLowerCase()
  if (tldrawLeavesAlone.has(tag) || target.isContentEditable === true) return false
  return (tag === 'a' && target.hasAttribute('href')) || target.hasAttribute('tabindex')
}

export function useKeysStayInPanel(
  ref: RefObject<HTMLElement | null>,
  /** Changes whenever the element behind `ref` may have been replaced. */
  key: unknown = null,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when ref.current changed
  useEffect(() => {
    const element = ref.current
    if (element === null) return
    const stop = (event: KeyboardEvent): void => {
      if (event.target instanceof Element && keyStaysInPanel(event, event.target)) {
        event.stopPropagation()
      }
    }
    element.addEventListener('keydown', stop)
    element.addEventListener('keyup', stop)
    return () => {
      element.removeEventListener('keydown', stop)
      element.removeEventListener('keyup', stop)
    }
  }, [ref, key])
}
