import { memberCookieName } from '@stormline/shared/access/identity'
import { type BoardRole, boardLinkPath, tokenCookieName } from '@stormline/shared/access/roles'
import type { BoardLinks } from '@stormline/shared/api/types'
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'

/** Origin for links: the configured public URL, else the one the request came in on. */
export function linkOrigin(c: Context, publicUrl: string | null): string {
  return publicUrl ?? new URL(c.req.url).origin
}

export function boardLinks<R extends BoardRole>(
  origin: string,
  boardId: string,
  tokens: Record<R, string>,
): Pick<BoardLinks, R> {
  const links = {} as Pick<BoardLinks, R>
  for (const role of Object.keys(tokens) as R[]) {
    links[role] = `${origin}${boardLinkPath(boardId, tokens[role])}`
  }
  return links
}

function isSecure(c: Context, publicUrl: string | null): boolean {
  return new URL(c.req.url).protocol === 'https:' || (publicUrl?.startsWith('https:') ?? false)
}

/**
 * Keeps a board's token in an HttpOnly cookie so it can leave the address bar and page scripts
 * never see it. SameSite=Strict: no other site can make the browser use it.
 */
export function setTokenCookie(
  c: Context,
  boardId: string,
  token: string,
  publicUrl: string | null,
): void {
  setCookie(c, tokenCookieName(boardId), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecure(c, publicUrl),
    maxAge: 60 * 60 * 24 * 90,
  })
}

/**
 * Keeps a browser's member credential for a board (ADR 0013), with the token cookie's
 * protections. It outlives the token cookie: the same person coming back through a renewed link
 * is still the same person, with their dots, ballots and drafts.
 */
export function setMemberCookie(
  c: Context,
  boardId: string,
  credential: string,
  publicUrl: string | null,
): void {
  setCookie(c, memberCookieName(boardId), credential, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecure(c, publicUrl),
    maxAge: 60 * 60 * 24 * 365,
  })
}

export function clearTokenCookie(c: Context, boardId: string): void {
  deleteCookie(c, tokenCookieName(boardId), { path: '/' })
}

export function clearMemberCookie(c: Context, boardId: string): void {
  deleteCookie(c, memberCookieName(boardId), { path: '/' })
}
