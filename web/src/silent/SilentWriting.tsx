import { useEffect } from 'react'
import { useEditor } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { bindDrafts } from './draft-binding.ts'
import { isWritingIn } from './silent-writing-session.ts'
import { setSilentWritingSource } from './silent-writing-source.ts'

/**
 * Silent writing's plumbing for the open board, rendered once inside the editor: new notes are
 * drafts while a round is on (the sticky side effects ask silent-writing-source.ts), and drafts
 * live in this person's private document (draft-binding.ts), so they are back after a reload.
 * Draws nothing.
 */
export function SilentWriting() {
  const editor = useEditor()
  const { connection, privateConnection } = useBoardUi()

  useEffect(
    () => setSilentWritingSource(editor, () => isWritingIn(connection.doc)),
    [editor, connection],
  )

  useEffect(() => {
    const binding = bindDrafts(connection.store, privateConnection.doc)
    return () => binding.dispose()
  }, [connection, privateConnection])

  return null
}
