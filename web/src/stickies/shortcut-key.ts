import { kindFromShortcut, type StickyKind } from '@stormline/shared/board/sticky-kinds'

/** The parts of a keydown event the shortcut decision needs (a plain object in tests). */
export interface ShortcutKeyEvent {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
  repeat: boolean
  isComposing: boolean
}

/** What the editor is doing when the key goes down. */
export interface ShortcutContext {
  editorFocused: boolean
  readonly: boolean
  /** A shape's text is being edited. */
  editingText: boolean
  menuOpen: boolean
  /** The key is aimed at something that takes typing: an input, textarea, select or rich text. */
  targetTakesText: boolean
}

/**
 * The kind whose sticky a keydown should create, or null to leave the key alone. Digits typed
 * anywhere text goes (a sticky being edited, the name dialog, a panel field) are never taken.
 * The physical key counts as well as the character, so the digit row works on layouts such as
 * AZERTY, where it types '&é"…' without Shift. A held key repeats nothing.
 */
export function shortcutKind(event: ShortcutKeyEvent, context: ShortcutContext): StickyKind | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return null
  if (event.repeat || event.isComposing) return null
  if (!context.editorFocused || context.readonly || context.editingText || context.menuOpen)
    return null
  if (context.targetTakesText) return null
  const digit = /^Digit([0-9])$/.exec(event.code)?.[1]
  return kindFromShortcut(event.key) ?? (digit === undefined ? null : kindFromShortcut(digit))
}

const nonTextInputTypes = new Set([
  'checkbox',
  'radio',
  'range',
  'button',
  'file',
  'reset',
  'submit',
  'color',
])

/** Whether an element takes typed characters (the same rule tldraw's own shortcuts follow). */
export function takesText(element: Element | null): boolean {
  if (element === null) return false
  if (element instanceof HTMLElement && element.isContentEditable) return true
  if (element instanceof HTMLSelectElement) return true
  if (element instanceof HTMLTextAreaElement) return !element.readOnly
  if (element instanceof HTMLInputElement)
    return !nonTextInputTypes.has(element.type) && !element.readOnly
  return false
}
