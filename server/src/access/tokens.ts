import { createHash, randomBytes } from 'node:crypto'
import { type BoardRole, boardRoles } from '@stormline/shared/access/roles'
import type { TokenHashes } from '../boards/board-store.ts'

/**
 * Access tokens are the capability in a role link: 192 random bits, base64url (32 characters).
 * The server keeps only their SHA-256. A fast hash is enough because the tokens are random and
 * long; a slow password hash would only add latency to every socket and request.
 */

const tokenBytes = 24
const tokenPattern = /^[A-Za-z0-9_-]{32}$/

export function newAccessToken(): string {
  return randomBytes(tokenBytes).toString('base64url')
}

/** Whether a string could be a token at all; anything else is refused without a lookup. */
export function isWellFormedToken(value: string): boolean {
  return tokenPattern.test(value)
}

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface IssuedTokens<R extends BoardRole> {
  tokens: Record<R, string>
  hashes: Record<R, string>
}

/** Fresh tokens (and their hashes) for the given roles, all three by default. */
export function issueTokens<R extends BoardRole = BoardRole>(
  roles: readonly R[] = boardRoles as readonly BoardRole[] as readonly R[],
): IssuedTokens<R> {
  const tokens = {} as Record<R, string>
  const hashes = {} as Record<R, string>
  for (const role of roles) {
    tokens[role] = newAccessToken()
    hashes[role] = hashAccessToken(tokens[role])
  }
  return { tokens, hashes }
}

export type { TokenHashes }
