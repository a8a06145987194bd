import { useEffect, useState } from 'react'
import { claimAccess, getBoardAccess } from '../api/client.ts'
import { addressWithoutToken, tokenInSearch } from './link-token.ts'
import { type AccessResult, resolveAccess } from './resolve-access.ts'

export type BoardAccessState =
  | { state: 'checking'; failedAttempts: number }
  | Exclude<AccessResult, { state: 'unreachable' }>

const retryDelayMs = 2000

/**
 * Finds out this page's role on the board before anything else happens: the role decides
 * whether the board may be laid out, edited or run. The link's token is read once, on mount;
 * once it is in the cookie it leaves the address bar (other parameters, like ?focus=, stay).
 * While the server cannot be reached the check is retried.
 */
export function useBoardAccess(boardId: string): BoardAccessState {
  const [access, setAccess] = useState<BoardAccessState>({ state: 'checking', failedAttempts: 0 })
  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const token = tokenInSearch(window.location.search)
    const dropToken = (): void => {
      if (current) window.history.replaceState(null, '', addressWithoutToken(window.location))
    }
    const attempt = async (failedAttempts: number): Promise<void> => {
      const result = await resolveAccess(boardId, token, { claimAccess, getBoardAccess }, dropToken)
      if (!current) return
      if (result.state === 'unreachable') {
        setAccess({ state: 'checking', failedAttempts: failedAttempts + 1 })
        timer = setTimeout(() => void attempt(failedAttempts + 1), retryDelayMs)
        return
      }
      setAccess(result)
    }
    void attempt(0)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [boardId])
  return access
}
