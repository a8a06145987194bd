import type { BoardRole } from '@stormline/shared/access/roles'
import { useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'

/**
 * The role this page has on its board, as the server resolved it from the link's token. The
 * server enforces it; the UI only follows it so nobody is offered what would be refused.
 * A read-only notice on the socket (a role taken away mid-session) makes the page a viewer.
 */

export function effectiveRole(role: BoardRole, readOnlyNotice: boolean): BoardRole {
  return readOnlyNotice ? 'viewer' : role
}

export function useBoardRole(): BoardRole {
  const { role, connection } = useBoardUi()
  const readOnly = useValue('read-only notice', () => connection.readOnly.get(), [connection])
  return effectiveRole(role, readOnly)
}

/** Whether this page may run the workshop: steps, timer, votes, timeline, links, settings. */
export function useIsFacilitator(): boolean {
  return useBoardRole() === 'facilitator'
}

/** Whether this page may change the board at all (everyone but viewers). */
export function useCanEdit(): boolean {
  return useBoardRole() !== 'viewer'
}
