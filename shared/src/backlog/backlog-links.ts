import { tokenQueryParam } from '../access/roles.ts'
import type { Backlog } from './backlog-types.ts'

/**
 * Links in an export open the board page (`/b/:id`, `?focus=` for one item). Plain, they work
 * only for people who already hold a board link (its cookie in their browser). When the
 * facilitator chooses to share read-only access with the export, every link also carries the
 * board's viewer token, so anyone who has the file can open the board read-only: the file then
 * is a viewer link, and renewing the viewer link withdraws it.
 */

/**
 * Request header that carries the viewer token to put in an export's links. A header, not a
 * query parameter: URLs end up in access logs, proxies and the browser history.
 */
export const viewerTokenHeader = 'x-stormline-viewer-token'

/** The board page, with the viewer token when the export shares read-only access. */
export function boardPagePath(boardId: string, viewerToken: string | null = null): string {
  return withLinkToken(`/b/${boardId}`, viewerToken)
}

/** `path` with `?token=` (or `&token=` after other parameters); unchanged without a token. */
export function withLinkToken(path: string, viewerToken: string | null): string {
  if (viewerToken === null) return path
  const separator = path.includes('?') ? '&' : '?'
  return `${path}${separator}${tokenQueryParam}=${encodeURIComponent(viewerToken)}`
}

/** The backlog with every item's link carrying the viewer token. */
export function withViewerLinks(backlog: Backlog, viewerToken: string | null): Backlog {
  if (viewerToken === null) return backlog
  return {
    ...backlog,
    items: backlog.items.map((item) => ({
      ...item,
      link: withLinkToken(item.link, viewerToken),
    })),
    unranked: backlog.unranked.map((point) => ({
      ...point,
      link: withLinkToken(point.link, viewerToken),
    })),
  }
}
