import { tokenCookieName, tokenQueryParam } from '@stormline/shared/access/roles'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'

/**
 * The board token a request carries: `?token=` (links, scripts, raw websocket clients), an
 * `Authorization: Bearer` header (API clients), or the board's cookie (the browser after it
 * opened a link). An explicit token wins over the cookie so a newer link replaces an older one.
 */
export function requestToken(c: Context, boardId: string): string | undefined {
  const query = c.req.query(tokenQueryParam)
  if (query) return query
  const authorization = c.req.header('authorization')
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  if (bearer) return bearer
  return getCookie(c, tokenCookieName(boardId))
}
