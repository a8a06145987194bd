import { useEffect, useState } from 'react'
import { tldrawUserSignal } from '../participant/participant-store.ts'
import { type BoardConnection, openBoardConnection, syncUrlFor } from '../sync/board-connection.ts'

/** Opens the board's connection for as long as the component is mounted. */
export function useBoardConnection(boardId: string): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  useEffect(() => {
    const opened = openBoardConnection({
      boardId,
      syncUrl: syncUrlFor(window.location),
      user: tldrawUserSignal(),
      connect: false,
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
  }, [boardId])
  return connection
}
