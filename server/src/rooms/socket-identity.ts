import type { BoardRole } from '@stormline/shared/access/roles'

/**
 * Who a socket is (ADR 0013): the member behind it, the role of the link it came with, and the
 * role it acts with (the link's role raised by the member's grant: effectiveRole). The role
 * changes while the socket is open when the facilitator grants or revokes co-facilitation; the
 * link role and the member never do.
 */
export interface SocketIdentity {
  role: BoardRole
  linkRole: BoardRole
  memberId: string
}

let anonymousPeers = 0

/**
 * The identity of a socket connected with a bare role (the sync core's own tests and tools that
 * predate members): a member of its own, so that two such sockets are still two people.
 */
export function toSocketIdentity(identity: SocketIdentity | BoardRole): SocketIdentity {
  if (typeof identity !== 'string') return identity
  anonymousPeers++
  return { role: identity, linkRole: identity, memberId: `test-${anonymousPeers}` }
}
