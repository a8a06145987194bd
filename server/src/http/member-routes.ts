import {
  effectiveRole,
  isMemberId,
  type MemberGrant,
  type MemberGrantRequest,
  type MeResponse,
} from '@stormline/shared/access/identity'
import type { Tally } from '@stormline/shared/api/types'
import { Hono } from 'hono'
import { z } from 'zod'
import type { BoardStore } from '../boards/board-store.ts'
import { ensureMember } from '../identity/ensure-member.ts'
import { requestMemberCredential } from '../identity/socket-member.ts'
import { apiError } from './api-error.ts'
import { type BoardGuardEnv, boardGuard } from './board-guard.ts'
import { setMemberCookie } from './board-links.ts'
import { readJsonBody } from './json-body.ts'

const grantBody = z
  .object({ coFacilitator: z.boolean({ error: 'coFacilitator must be true or false' }) })
  .strict()

/** What these routes need of the live rooms (RoomRegistry provides it). */
export interface MemberRoomsAccess {
  /** Switches the member's open sockets to their new role at once. */
  setMemberGrant(boardId: string, memberId: string, grant: MemberGrant | null): void
  /** Live counts of what is still secret; null for an unknown board. */
  tally(boardId: string): Tally | null | Promise<Tally | null>
}

export interface MemberRoutesOptions {
  store: BoardStore
  registry: MemberRoomsAccess
  publicUrl: string | null
}

/** The answer to "who am I here": the member, both roles and the credential (ADR 0013). */
export function meResponse(
  memberId: string,
  linkRole: MeResponse['linkRole'],
  grant: MemberGrant | null,
  credential: string,
): MeResponse {
  return {
    memberId,
    role: effectiveRole(linkRole, grant),
    linkRole,
    coFacilitator: grant === 'co-facilitator',
    credential,
  }
}

/** `/api/boards/:id/me`, `/members/:memberId/grant` and `/tally`: people on a board (ADR 0013). */
export function memberRoutes({
  store,
  registry,
  publicUrl,
}: MemberRoutesOptions): Hono<BoardGuardEnv> {
  const app = new Hono<BoardGuardEnv>()
  const guard = boardGuard(store)

  // Who this browser is: the member its credential proves, or a new one (the first visit, or a
  // credential that proves nobody). The cookie keeps it for the next request and the sockets.
  app.post('/:id/me', guard('viewer'), async (c) => {
    const boardId = c.var.board.id
    const { member, credential } = await ensureMember(
      store,
      boardId,
      requestMemberCredential(c, boardId),
      new Date(),
    )
    setMemberCookie(c, boardId, credential, publicUrl)
    return c.json(meResponse(member.memberId, c.var.linkRole, member.grant, credential))
  })

  app.put('/:id/members/:memberId/grant', guard('facilitator'), async (c) => {
    const boardId = c.var.board.id
    const memberId = c.req.param('memberId')
    const body = await readJsonBody(c, grantBody)
    if (!body.ok) return body.response
    if (!isMemberId(memberId) || !(await store.getMember(boardId, memberId))) {
      return apiError(c, 404, 'member_not_found', 'No member with this id is on this board.')
    }
    const grant: MemberGrant | null = body.data.coFacilitator ? 'co-facilitator' : null
    await store.setMemberGrant(boardId, memberId, grant)
    // Their open sockets change role now, not at their next reconnect.
    registry.setMemberGrant(boardId, memberId, grant)
    const answer: MemberGrantRequest & { memberId: string } = {
      memberId,
      coFacilitator: body.data.coFacilitator,
    }
    return c.json(answer)
  })

  app.get('/:id/tally', guard('facilitator'), async (c) => {
    const tally: Tally | null = await registry.tally(c.var.board.id)
    if (!tally) return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    return c.json(tally)
  })

  return app
}
