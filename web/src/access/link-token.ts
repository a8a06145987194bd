import { tokenQueryParam } from '@stormline/shared/access/roles'

/**
 * A role link carries its secret in `?token=`. Once the server has turned it into the board's
 * HttpOnly cookie it has no business in the address bar: it would end up in the history, in
 * screenshots and in links copied from there.
 */

export function tokenInSearch(search: string): string | null {
  const token = new URLSearchParams(search).get(tokenQueryParam)
  return token === null || token === '' ? null : token
}

/** The same address without the token, other parameters (`?focus=`) and the hash kept. */
export function addressWithoutToken(
  address: Pick<Location, 'pathname' | 'search' | 'hash'>,
): string {
  const params = new URLSearchParams(address.search)
  params.delete(tokenQueryParam)
  const search = params.toString()
  return `${address.pathname}${search === '' ? '' : `?${search}`}${address.hash}`
}

/** The token of a saved link, or null when it is not a link with one. */
export function tokenOfLink(link: string | undefined): string | null {
  if (link === undefined) return null
  try {
    return tokenInSearch(new URL(link, 'http://stormline.invalid').search)
  } catch {
    return null
  }
}
