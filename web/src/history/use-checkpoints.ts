import type { CheckpointList } from '@stormline/shared/history/history-api'
import { useCallback, useEffect, useRef, useState } from 'react'
import { listCheckpoints } from '../api/history-client.ts'
import { historyErrorText } from './history-text.ts'

/** Automatic checkpoints are taken during activity: an open list picks them up this often. */
export const historyPollMs = 15_000

export interface Checkpoints {
  /** The latest list, or null before the first answer. */
  list: CheckpointList | null
  /** Why the latest refresh failed; the last good list stays shown. */
  error: string | null
  /** Asks again now (when the section opens, after each action). */
  refresh(): Promise<void>
}

/**
 * The board's checkpoints while the History section is open: read when it opens, after each
 * action, and every `historyPollMs` while the page is visible. An answer that arrives after a
 * newer request was sent is dropped, so an old list never replaces a fresh one.
 */
export function useCheckpoints(boardId: string): Checkpoints {
  const [list, setList] = useState<CheckpointList | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const mounted = useRef(true)

  const refresh = useCallback(async () => {
    const request = ++latest.current
    try {
      const next = await listCheckpoints(boardId)
      if (!mounted.current || request !== latest.current) return
      setList(next)
      setError(null)
    } catch (failure) {
      if (!mounted.current || request !== latest.current) return
      setError(historyErrorText(failure))
    }
  }, [boardId])

  useEffect(() => {
    mounted.current = true
    void refresh()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh()
    }, historyPollMs)
    return () => {
      mounted.current = false
      clearInterval(timer)
    }
  }, [refresh])

  return { list, error, refresh }
}
