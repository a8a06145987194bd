import type { MeResponse } from '@stormline/shared/access/identity'
import { boardLinkPath } from '@stormline/shared/access/roles'
import type { BoardAccess } from '@stormline/shared/api/types'
import { useEffect, useState } from 'react'
import { claimAccess, getBoardAccess, getMe } from '../api/client.ts'
import { readFocusParam } from '../clusters/deep-link.ts'
import { askMember } from '../participant/board-member.ts'
import { addressWithoutToken, tokenInSearch, tokenOfLink } from './link-token.ts'
import { type AccessResult, resolveAccessWithSavedLink } from './resolve-access.ts'
import { readLinks, rememberLinks } from './use-saved-links.ts'

export type BoardAccessState =
  | { state: 'checking'; failedAttempts: number }
  /** The board, and who this browser is on it (the member the server knows it as). */
  | { state: 'granted'; board: BoardAccess; me: MeResponse }
  | Exclude<AccessResult, { state: 'unreachable' } | { state: 'granted' }>

const retryDelayMs = 2000

/**
 * A facilitator who opened their link in a browser that did not create the board can find it
 * again in the share panel. The link from the server (on creation or renewal) wins: it carries
 * the server's public address.
 */
function rememberOwnLink(boardId: string, token: string): void {
  if (readLinks(boardId).facilitator !== undefined) return
  rememberLinks(boardId, {
    facilitator: `${window.location.origin}${boardLinkPath(boardId, token)}`,
  })
}

/**
 * Finds out this page's role on the board before anything else happens: the role decides
 * whether the board may be laid out, edited or run. The link's token is read once, on mount;
 * once it is in the cookie it leaves the address bar (other parameters, like ?focus=, stay).
 * A link from an export asks with the cookie first, so it never lowers someone's role.
 * Then it asks who this browser is on the board (its member, minted on the first visit), so
 * the sockets open as that person. While the server cannot be reached the check is retried.
 */
export function useBoardAccess(boardId: string): BoardAccessState {
  const [access, setAccess] = useState<BoardAccessState>({ state: 'checking', failedAttempts: 0 })
  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const token = tokenInSearch(window.location.search)
    // A link from an exported backlog: it may carry the viewer token (shared read-only access).
    const fromExport = readFocusParam(window.location.search) !== null
    const dropToken = (): void => {
      if (current) window.history.replaceState(null, '', addressWithoutToken(window.location))
    }
    const attempt = async (failedAttempts: number): Promise<void> => {
      const result = await resolveAccessWithSavedLink(
        boardId,
        token,
        tokenOfLink(readLinks(boardId).facilitator),
        { claimAccess, getBoardAccess },
        dropToken,
        { preferCookie: fromExport },
      )
      if (!current) return
      const retry = (): void => {
        setAccess({ state: 'checking', failedAttempts: failedAttempts + 1 })
        timer = setTimeout(() => void attempt(failedAttempts + 1), retryDelayMs)
      }
      if (result.state === 'unreachable') {
        retry()
        return
      }
      if (result.state !== 'granted') {
        setAccess(result)
        return
      }
      const member = await askMember(boardId, getMe)
      if (!current) return
      if (member.state === 'unreachable') {
        retry()
        return
      }
      // Not from an export's link: the facilitator's cookie may have let them in, and its token
      // (a viewer's) is not their link.
      const ownLink = token !== null && !fromExport
      if (result.board.role === 'facilitator' && ownLink) rememberOwnLink(boardId, token)
      setAccess(
        member.state === 'member'
          ? { state: 'granted', board: result.board, me: member.me }
          : member,
      )
    }
    void attempt(0)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [boardId])
  return access
}
