/**
 * Who may do what on a board. Every board has three secret links, one per role; the server
 * resolves the token in a request or socket to one of these roles and enforces it (ADR 0008).
 */

export const boardRoles = ['facilitator', 'participant', 'viewer'] as const
export type BoardRole = (typeof boardRoles)[number]

const rank: Record<BoardRole, number> = { viewer: 0, participant: 1, facilitator: 2 }

/** Whether `role` may do what `required` may: facilitator ⊇ participant ⊇ viewer. */
export function roleAtLeast(role: BoardRole, required: BoardRole): boolean {
  return rank[role] >= rank[required]
}

export function isBoardRole(value: unknown): value is BoardRole {
  return typeof value === 'string' && (boardRoles as readonly string[]).includes(value)
}

/** Query parameter that carries a board token in links, API calls and the websocket URL. */
export const tokenQueryParam = 'token'

/**
 * Name of the HttpOnly cookie that holds a board's token once a link was opened, so the token
 * can leave the address bar. One cookie per board: a browser can be in several workshops.
 */
export function tokenCookieName(boardId: string): string {
  return `stormline_${boardId}`
}

/** The board page a link opens; `token` is the role's secret. */
export function boardLinkPath(boardId: string, token: string): string {
  return `/b/${encodeURIComponent(boardId)}?${tokenQueryParam}=${encodeURIComponent(token)}`
}
