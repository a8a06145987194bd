import type { BoardRole } from '@stormline/shared/access/roles'
import type { BoardMeta } from '@stormline/shared/api/types'
import { createContext, useContext } from 'react'
import type { TallyPoller } from '../backlog/tally-poller.ts'
import type { PrivateConnection } from '../private/private-connection.ts'
import type { BoardConnection } from '../sync/board-connection.ts'

/**
 * Reaches the panels we slot into tldraw's UI: tldraw renders them itself and takes component
 * types, not elements, so props cannot be passed to them.
 */
export interface BoardUi {
  connection: BoardConnection
  /** This person's private document: own dots, ballots and drafts (private/private-connection.ts). */
  privateConnection: PrivateConnection
  /** The facilitator's live counts of what is still secret (backlog/use-tally.ts). */
  tally: TallyPoller
  /** The board as this page knows it; the name follows a rename made here. */
  board: BoardMeta
  /** This page's role from its link (facilitation/facilitator-role.ts adds the socket's say). */
  role: BoardRole
  editName(): void
  /** After this page renamed the board. */
  renamed(board: BoardMeta): void
}

export const BoardUiContext = createContext<BoardUi | null>(null)

export function useBoardUi(): BoardUi {
  const value = useContext(BoardUiContext)
  if (value === null) throw new Error('useBoardUi must be used inside a board page')
  return value
}
