import type { Editor } from 'tldraw'
import { registerStickyShortcuts } from './sticky-shortcuts.ts'
import { registerStickySideEffects } from './sticky-side-effects.ts'

/** Everything sticky-related an editor needs on mount; returns the matching cleanup. */
export function installStickies(editor: Editor): () => void {
  const stopSideEffects = registerStickySideEffects(editor)
  const stopShortcuts = registerStickyShortcuts(editor)
  return () => {
    stopShortcuts()
    stopSideEffects()
  }
}
