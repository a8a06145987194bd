import type { Editor } from 'tldraw'
import { setAnonymousSource } from './current-author.ts'
import { registerStickyShortcuts } from './sticky-shortcuts.ts'
import { registerStickySideEffects } from './sticky-side-effects.ts'

/**
 * Everything sticky-related an editor needs on mount; returns the matching cleanup.
 * `isAnonymous` tells, at the moment a sticky is made, whether the board hides its authors.
 */
export function installStickies(editor: Editor, isAnonymous: () => boolean): () => void {
  const stopAnonymous = setAnonymousSource(editor, isAnonymous)
  const stopSideEffects = registerStickySideEffects(editor)
  const stopShortcuts = registerStickyShortcuts(editor)
  return () => {
    stopShortcuts()
    stopSideEffects()
    stopAnonymous()
  }
}
