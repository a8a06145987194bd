import type { Editor } from 'tldraw'
import { createStickyAtPointer } from './create-sticky.ts'
import { shortcutKind, takesText } from './shortcut-key.ts'

/**
 * Keys 1–6 create a sticky of a kind at the pointer.
 *
 * tldraw 5 already binds the bare digits: its toolbar presses its 1st…10th visible button on
 * 1…0 (a keydown listener on the document), so a ui-override action with `kbd: '1'` would fire
 * alongside it and only win by the accident of listener order. This listener runs in the
 * capture phase on the window, before anything of tldraw's, and stops a digit it uses from
 * travelling further; every other key (and every digit it does not use) passes untouched.
 *
 * The pointer is followed here too: tldraw updates `editor.inputs` once per animation frame, so a
 * key pressed right after a quick mouse move would otherwise land the sticky where the pointer
 * was a frame ago.
 */
export function registerStickyShortcuts(editor: Editor): () => void {
  const doc = editor.getContainer().ownerDocument
  const view = doc.defaultView ?? window
  const container = editor.getContainer()
  let pointer: { x: number; y: number } | null = null
  const onPointerMove = (event: PointerEvent): void => {
    pointer = { x: event.clientX, y: event.clientY }
  }
  const onPointerLeave = (): void => {
    pointer = null
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    const kind = shortcutKind(event, {
      editorFocused: editor.getInstanceState().isFocused,
      readonly: editor.getIsReadonly(),
      editingText: editor.getEditingShapeId() !== null,
      menuOpen: editor.menus.hasAnyOpenMenus(),
      targetTakesText:
        takesText(event.target instanceof Element ? event.target : null) ||
        takesText(doc.activeElement),
    })
    if (kind === null) return
    event.preventDefault()
    event.stopPropagation()
    createStickyAtPointer(editor, kind, pointer === null ? null : editor.screenToPage(pointer))
  }
  view.addEventListener('keydown', onKeyDown, { capture: true })
  container.addEventListener('pointermove', onPointerMove, { capture: true, passive: true })
  container.addEventListener('pointerleave', onPointerLeave)
  return () => {
    view.removeEventListener('keydown', onKeyDown, { capture: true })
    container.removeEventListener('pointermove', onPointerMove, { capture: true })
    container.removeEventListener('pointerleave', onPointerLeave)
  }
}
