import type { BoardRole } from './roles.ts'

/**
 * Per-person identity behind a shared link (ADR 0013). The link's token says which role a
 * browser has; the member credential says which person it is. The server mints a member for
 * each browser the first time it opens a board (`POST /api/boards/:id/me`), keeps only a hash of
 * its secret, and binds every socket and request to it: what a socket writes as "me" (a new
 * sticky's author, dots, ballots, silent-writing drafts) is that member, whatever it claims.
 */

/** Cookie holding `<memberId>.<secret>` for one board: HttpOnly, SameSite=Strict, like the token cookie. */
export function memberCookieName(boardId: string): string {
  return `stormline_member_${boardId}`
}

/**
 * Query parameter (websocket) and header (HTTP) carrying the member credential for clients that
 * keep no cookies (scripts, stock y-websocket clients in Node). A socket without any credential
 * gets a fresh member of its own, so one socket is never more than one person.
 */
export const memberQueryParam = 'member'
export const memberHeader = 'x-stormline-member'

/** Awareness field the server stamps with the socket's member id (over whatever the client put). */
export const memberAwarenessField = 'memberId'

/** Member ids: 128 random bits, base64url (22 characters). Secrets: 192 bits (32 characters). */
export const memberIdPattern = /^[A-Za-z0-9_-]{22}$/

export function isMemberId(value: unknown): value is string {
  return typeof value === 'string' && memberIdPattern.test(value)
}

/** A member's standing beyond their link: the facilitator can make a participant a co-facilitator. */
export type MemberGrant = 'co-facilitator'

/**
 * The role a socket or request acts with: a participant link held by a co-facilitator acts as the
 * facilitator; a viewer link stays read-only whatever the member was granted (the facilitator
 * promoted a person who edits, not a watcher), and a facilitator link needs no grant.
 */
export function effectiveRole(linkRole: BoardRole, grant: MemberGrant | null): BoardRole {
  return linkRole === 'participant' && grant === 'co-facilitator' ? 'facilitator' : linkRole
}

/** `POST /api/boards/:id/me`: who this browser is on the board (minted on first call). */
export interface MeResponse {
  memberId: string
  /** The role this request acts with (effectiveRole of its link and the member's grant). */
  role: BoardRole
  /** The role of the link alone. */
  linkRole: BoardRole
  coFacilitator: boolean
  /**
   * `<memberId>.<secret>`, for clients without cookies (send it as `?member=` on the websocket
   * or the X-Stormline-Member header). It works only together with a valid board token.
   */
  credential: string
}

/** `PUT /api/boards/:id/members/:memberId/grant` body (facilitator only). */
export interface MemberGrantRequest {
  coFacilitator: boolean
}
