import { createContext, useContext } from 'react'
import type { BoardConnection } from '../sync/board-connection.ts'

/**
 * Reaches the panels we slot into tldraw's UI: tldraw renders them itself and takes component
 * types, not elements, so props cannot be passed to them.
 */
export interface BoardUi {
  connection: BoardConnection
  editName(): void
}

export const BoardUiContext = createContext<BoardUi | null>(null)

export function useBoardUi(): BoardUi {
  const value = useContext(BoardUiContext)
  if (value === null) throw new Error('useBoardUi must be used inside a board page')
  return value
}
