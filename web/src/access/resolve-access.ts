import type { BoardAccess } from '@stormline/shared/api/types'
import { ApiError } from '../api/client.ts'

/** What opening a board page found out about this browser's access to it. */
export type AccessResult =
  | { state: 'granted'; board: BoardAccess }
  /** 401: no token, or one that is wrong or was rotated away. */
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
): Promise<AccessResult> {
  const result = await ask(boardId, token, api, onClaimed)
  if (result.state !== 'link-invalid' || token !== null || savedToken === null) return result
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
      if (error.status === 401 || error.status === 403) return { state: 'link-invalid' }
      if (error.status === 404) return { state: 'not-found' }
      // A malformed id is the board page's "not found" too, whatever the server calls it.
      if (error.status === 400) return { state: 'not-found' }
    }
    return { state: 'unreachable' }
  }
}
