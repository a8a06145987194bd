import { useEffect, useState } from 'react'
import { useValue } from 'tldraw'
import type * as Y from 'yjs'
import { useBoardUi } from '../board/board-context.ts'
import { syncUrlFor } from '../sync/board-connection.ts'
import { openPrivateConnection, type PrivateConnection } from './private-connection.ts'
import type { PrivateMember } from './private-member.ts'

/**
 * Opens this person's private document for as long as the board page is open. Like the board
 * connection, the socket opens one task later so React's development double-mount disposes the
 * first connection before it ever connects.
 */
export function usePrivateConnection(boardId: string, enabled = true): PrivateConnection | null {
  const [connection, setConnection] = useState<PrivateConnection | null>(null)
  useEffect(() => {
    if (!enabled) return
    const opened = openPrivateConnection({
      boardId,
      syncUrl: syncUrlFor(window.location),
      connect: false,
    })
    const timer = setTimeout(() => opened.connect(), 0)
    setConnection(opened)
    return () => {
      clearTimeout(timer)
      setConnection(null)
      opened.dispose()
    }
  }, [boardId, enabled])
  return connection
}

/** The private document of the open board (its maps: shared/src/sync/private-layout.ts). */
export function usePrivateDoc(): Y.Doc {
  return useBoardUi().privateConnection.doc
}

/** Whether the private document is connected and in sync with the server's copy. */
export function usePrivateSynced(): boolean {
  const { privateConnection } = useBoardUi()
  return useValue('private doc synced', () => privateConnection.synced.get(), [privateConnection])
}

/** The server's word on who this page is, live (null until the private document told). */
export function usePrivateMember(): PrivateMember | null {
  const { privateConnection } = useBoardUi()
  return useValue('private member', () => privateConnection.member.get(), [privateConnection])
}
