import type { BoardTemplateId } from '@stormline/shared/board/templates'
import { useEffect, useState } from 'react'
import { tldrawUserSignal } from '../participant/participant-store.ts'
import { type BoardConnection, openBoardConnection, syncUrlFor } from '../sync/board-connection.ts'
import { templateRecords } from '../timeline/template-records.ts'

/**
 * Opens the board's connection for as long as the component is mounted, once its template is
 * known: `undefined` while it is being looked up, null when it cannot be (the board is then
 * laid out blank if it turns out empty). The first client to open a new board lays it out from
 * its template, so connecting before knowing it could leave the board without its timeline.
 */
export function useBoardConnection(
  boardId: string,
  template: BoardTemplateId | null | undefined,
  { viewer = false }: { viewer?: boolean } = {},
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  useEffect(() => {
    if (template === undefined) return
    const opened = openBoardConnection({
      boardId,
      syncUrl: syncUrlFor(window.location),
      user: tldrawUserSignal(),
      connect: false,
      seedRecords: template === null ? [] : templateRecords(template),
      viewer,
    })
    // Connecting one task later means React's development double-mount (StrictMode) disposes
    // the first connection before it ever opens a socket.
    const timer = setTimeout(() => opened.connect(), 0)
    setConnection(opened)
    return () => {
      clearTimeout(timer)
      setConnection(null)
      opened.dispose()
    }
  }, [boardId, template, viewer])
  useAskBeforeLeaving(connection)
  return connection
}

/**
 * Leaving the page (closing the tab, reloading, following a link out) while changes are not
 * saved on the server asks first (OFF-2). The browser shows its own wording; setting
 * `returnValue` as well as calling preventDefault is what older browsers still look for.
 */
function useAskBeforeLeaving(connection: BoardConnection | null): void {
  useEffect(() => {
    if (connection === null) return
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (!connection.asksBeforeLeaving()) return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [connection])
}
