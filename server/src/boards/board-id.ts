import { randomBytes } from 'node:crypto'

/** 128 random bits, base64url: unguessable and safe in URLs (see shared/board/board-id.ts). */
export function newBoardId(): string {
  return randomBytes(16).toString('base64url')
}
