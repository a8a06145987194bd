import { effectiveRole } from '@stormline/shared/access/identity'
import { type BoardRole, roleAtLeast } from '@stormline/shared/access/roles'
import type { MiddlewareHandler } from 'hono'
import { resolveBoardAccess } from '../access/board-access.ts'
import type { BoardRecord, BoardStore } from '../boards/board-store.ts'
import { verifyMemberCredential } from '../identity/member-credential.ts'
import { requestMemberCredential } from '../identity/socket-member.ts'
import { apiError } from './api-error.ts'
import { requestToken } from './request-token.ts'

/** What a guarded route can read from the context. */
export interface BoardGuardVariables {
  board: BoardRecord
  /** The role the request acts with: its link's, raised by the member's grant (ADR 0013). */
  role: BoardRole
  /** The role of the link alone. */
  linkRole: BoardRole
  /** The member the request's credential proves, or null (the guard never mints one). */
  memberId: string | null
}

export type BoardGuardEnv = { Variables: BoardGuardVariables }

/**
 * Middleware for `/api/boards/:id/...` routes: the board must exist (404), the request must
 * carry a token (401 token_required) that is one of the board's (401 invalid_token) for a role
 * of at least `required` (403 forbidden). A co-facilitator's participant link counts as the
 * facilitator's; a credential that proves nobody just grants nothing.
 */
export function boardGuard(
  store: BoardStore,
): (required: BoardRole) => MiddlewareHandler<BoardGuardEnv> {
  return (required) => async (c, next) => {
    const boardId = c.req.param('id') ?? ''
    const access = await resolveBoardAccess(store, boardId, requestToken(c, boardId))
    switch (access.kind) {
      case 'board_not_found':
        return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
      case 'token_required':
        return apiError(
          c,
          401,
          'token_required',
          'This board needs the token from its link (?token=, a Bearer header or the board cookie).',
        )
      case 'invalid_token':
        return apiError(c, 401, 'invalid_token', 'This link is not valid (anymore) for this board.')
      case 'granted': {
        const member = await verifyMemberCredential(
          store,
          boardId,
          requestMemberCredential(c, boardId),
        )
        const role = effectiveRole(access.role, member?.grant ?? null)
        if (!roleAtLeast(role, required)) {
          return apiError(c, 403, 'forbidden', `Only the ${required} may do this.`)
        }
        c.set('board', access.board)
        c.set('role', role)
        c.set('linkRole', access.role)
        c.set('memberId', member?.memberId ?? null)
        await next()
      }
    }
  }
}
