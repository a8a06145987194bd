import {
  type MemberGrant,
  memberCookieName,
  memberHeader,
  memberQueryParam,
} from '@stormline/shared/access/identity'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { BoardStore } from '../boards/board-store.ts'
import { ensureMember } from './ensure-member.ts'

export interface SocketMember {
  memberId: string
  grant: MemberGrant | null
  /** True when the credential proved nobody and a new member was stored for this socket. */
  minted: boolean
}

/**
 * The person behind a socket: the member the credential proves, or else a new member stored
 * for this socket alone (its credential is never shown), so that one socket is never more
 * than one person and never someone else. Throws BoardNotFoundError if the board is gone.
 */
export async function socketMember(
  store: BoardStore,
  boardId: string,
  credential: string | undefined,
  now: Date,
): Promise<SocketMember> {
  const { member, minted } = await ensureMember(store, boardId, credential, now)
  return { memberId: member.memberId, grant: member.grant, minted }
}

/**
 * The member credential a request or websocket upgrade carries: `?member=` (stock websocket
 * clients), the X-Stormline-Member header (scripts), or the board's member cookie (browsers).
 * Explicit ones win over the cookie, like tokens do.
 */
export function requestMemberCredential(c: Context, boardId: string): string | undefined {
  const query = c.req.query(memberQueryParam)
  if (query) return query
  const header = c.req.header(memberHeader)
  if (header) return header
  return getCookie(c, memberCookieName(boardId)) || undefined
}
