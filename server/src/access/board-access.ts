import type { BoardRole } from '@stormline/shared/access/roles'
import { isBoardId } from '@stormline/shared/board/board-id'
import type { BoardRecord, BoardStore } from '../boards/board-store.ts'
import { hashAccessToken, isWellFormedToken } from './tokens.ts'

/** What a board id plus a presented token amount to; shared by the HTTP API and the websocket. */
export type BoardAccessResult =
  | { kind: 'granted'; board: BoardRecord; role: BoardRole }
  | { kind: 'board_not_found' }
  | { kind: 'token_required' }
  | { kind: 'invalid_token' }

export async function resolveBoardAccess(
  store: BoardStore,
  boardId: string,
  token: string | undefined,
): Promise<BoardAccessResult> {
  const board = isBoardId(boardId) ? await store.getBoard(boardId) : undefined
  if (!board) return { kind: 'board_not_found' }
  if (token === undefined || token === '') return { kind: 'token_required' }
  if (!isWellFormedToken(token)) return { kind: 'invalid_token' }
  const role = await store.roleForTokenHash(boardId, hashAccessToken(token))
  return role ? { kind: 'granted', board, role } : { kind: 'invalid_token' }
}
