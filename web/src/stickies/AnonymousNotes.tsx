import { useEffect } from 'react'
import { useEditor } from 'tldraw'
import { useAnonymous } from '../board/use-anonymous.ts'
import './stickies.css'

/**
 * tldraw writes the name of a note's last text editor on the note. On an anonymous board new
 * edits no longer record it (sticky-side-effects.ts); this hides what notes recorded before the
 * facilitator turned anonymous mode on. Renders nothing; mounted as a child of <Tldraw>.
 */
export function AnonymousNotes() {
  const editor = useEditor()
  const anonymous = useAnonymous()
  useEffect(() => {
    const container = editor.getContainer()
    container.classList.toggle('stormline-anonymous', anonymous)
    return () => container.classList.remove('stormline-anonymous')
  }, [editor, anonymous])
  return null
}
