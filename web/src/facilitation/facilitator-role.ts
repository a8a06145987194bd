import type { BoardRole } from '@stormline/shared/access/roles'
import { useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import type { PrivateMember } from '../private/private-member.ts'

/**
 * The role this page has on its board, as the server resolved it from the link's token and the
 * member's grant (ADR 0013). The server enforces it; the UI only follows it so nobody is offered
 * what would be refused. The server's word in the private document (`member` map) wins over
 * what the page learnt on opening, so a participant made co-facilitator gets the facilitator's
 * controls at once, and loses them when demoted. A read-only notice on the socket (a role taken
 * away mid-session) makes the page a viewer.
 */
export function effectiveRole(
  role: BoardRole,
  readOnlyNotice: boolean,
  member: PrivateMember | null = null,
): BoardRole {
  if (readOnlyNotice) return 'viewer'
  return member?.role ?? role
}

export function useBoardRole(): BoardRole {
  const { role, connection, privateConnection } = useBoardUi()
  const readOnly = useValue('read-only notice', () => connection.readOnly.get(), [connection])
  const member = useValue('private member', () => privateConnection.member.get(), [
    privateConnection,
  ])
  return effectiveRole(role, readOnly, member)
}

/** Whether this page may run the workshop: steps, timer, votes, timeline, links, settings. */
export function useIsFacilitator(): boolean {
  return useBoardRole() === 'facilitator'
}

/** Whether this page may change the board at all (everyone but viewers). */
export function useCanEdit(): boolean {
  return useBoardRole() !== 'viewer'
}
