import { hashAccessToken, isWellFormedToken } from '../access/tokens.ts'
import type { BoardStore } from '../boards/board-store.ts'

/**
 * Whether `token` is this board's current viewer token. The server keeps only token hashes, so
 * the facilitator's browser (which saved the viewer link) hands the token in; before it goes into
 * an export's links, where it gives anyone with the file read-only access, it must be exactly
 * that: not another role's token (a participant or facilitator link would hand out more than
 * read-only access), not a renewed-away one, not another board's.
 */
export async function isCurrentViewerToken(
  store: BoardStore,
  boardId: string,
  token: string,
): Promise<boolean> {
  if (!isWellFormedToken(token)) return false
  return (await store.roleForTokenHash(boardId, hashAccessToken(token))) === 'viewer'
}
