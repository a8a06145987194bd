import type { BoardAccess } from '@stormline/shared/api/types'
import { ApiError } from '../api/client.ts'

/** What opening a board page found out about this browser's access to it. */
export type AccessResult =
  | { state: 'granted'; board: BoardAccess }
  /** 401 without any token: neither the address nor this browser has a link to the board. */
  | { state: 'link-needed' }
  /** 401 for a token: it is wrong or was rotated away (the facilitator renewed the links). */
  | { state: 'link-invalid' }
  | { state: 'not-found' }
  /** The server could not be asked (offline?); worth trying again. */
  | { state: 'unreachable' }

export interface AccessApi {
  claimAccess(boardId: string, token: string): Promise<BoardAccess>
  getBoardAccess(boardId: string): Promise<BoardAccess>
}

/**
 * With a token from the link, trades it for the board's cookie; without one, asks with the
 * cookie this browser may already hold. `onClaimed` runs once the token is safely in the
 * cookie, so the page can take it out of the address bar.
 */
export async function resolveAccess(
  boardId: string,
  token: string | null,
  api: AccessApi,
  onClaimed: () => void = () => {},
): Promise<AccessResult> {
  return ask(boardId, token, api, onClaimed)
}

export interface ResolveOptions {
  /**
   * Ask with this browser's cookie before claiming the address's token. For links from an
   * export (`?focus=`), which may carry the viewer token: someone already on the board as a
   * participant or facilitator who follows one must not become a viewer. Role links without
   * `focus` keep "the link in the address wins", so a newer link replaces an older one.
   */
  preferCookie?: boolean
}

/**
 * As resolveAccess, but when the address has no token and the cookie does not let this browser
 * in (cleared, expired), the facilitator's own saved link is tried before giving up: the
 * facilitator reopening a board from the history should not be locked out of it.
 */
export async function resolveAccessWithSavedLink(
  boardId: string,
  token: string | null,
  savedToken: string | null,
  api: AccessApi,
  onClaimed: () => void = () => {},
  options: ResolveOptions = {},
): Promise<AccessResult> {
  if (token !== null && options.preferCookie === true) {
    const withCookie = await ask(boardId, null, api, () => {})
    if (withCookie.state === 'granted') {
      // The token is not needed, and has no business in the address bar either.
      onClaimed()
      return withCookie
    }
    if (withCookie.state === 'not-found' || withCookie.state === 'unreachable') return withCookie
    if (savedToken !== null) {
      const withSaved = await ask(boardId, savedToken, api, () => {})
      if (withSaved.state === 'granted') onClaimed()
      if (withSaved.state === 'granted' || withSaved.state === 'unreachable') return withSaved
    }
  }
  const result = await ask(boardId, token, api, onClaimed)
  const refused = result.state === 'link-needed' || result.state === 'link-invalid'
  if (!refused || token !== null || savedToken === null) return result
  return ask(boardId, savedToken, api, () => {})
}

async function ask(
  boardId: string,
  token: string | null,
  api: AccessApi,
  onClaimed: () => void,
): Promise<AccessResult> {
  try {
    const board =
      token === null ? await api.getBoardAccess(boardId) : await api.claimAccess(boardId, token)
    if (token !== null) onClaimed()
    return { state: 'granted', board }
  } catch (error) {
    if (error instanceof ApiError) {
      // Told apart so the page can say what to do: get a link at all, or get a new one.
      if (error.status === 401 && error.code === 'token_required') return { state: 'link-needed' }
      if (error.status === 401 || error.status === 403) return { state: 'link-invalid' }
      if (error.status === 404) return { state: 'not-found' }
      // A malformed id is the board page's "not found" too, whatever the server calls it.
      if (error.status === 400) return { state: 'not-found' }
    }
    return { state: 'unreachable' }
  }
}
