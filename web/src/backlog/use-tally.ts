import type { Tally } from '@stormline/shared/api/types'
import { useEffect, useState } from 'react'
import { useValue } from 'tldraw'
import { ApiError, getTally } from '../api/client.ts'
import { useBoardUi } from '../board/board-context.ts'
import { createTallyPoller, type TallyPoller } from './tally-poller.ts'

/**
 * The facilitator's live counts while `active` (something is open that they pace: a vote,
 * hidden ballots, a silent-writing round). Pass false on a participant's page: the server
 * refuses them the counts anyway, and the page then asks for nothing.
 */
export function useTally(active: boolean): Tally | null {
  const { tally } = useBoardUi()
  useEffect(() => (active ? tally.demand() : undefined), [active, tally])
  const latest = useValue('tally', () => tally.tally.get(), [tally])
  return active ? latest : null
}

/** The board page's one poller, for as long as the page is open. */
export function useTallyPoller(boardId: string): TallyPoller | null {
  const [poller, setPoller] = useState<TallyPoller | null>(null)
  useEffect(() => {
    const created = createTallyPoller({
      fetchTally: () => getTally(boardId),
      // Demoted (or the link renewed): no counts until the page may read them again.
      isRefusal: (error) =>
        error instanceof ApiError && (error.status === 401 || error.status === 403),
    })
    setPoller(created)
    return () => {
      setPoller(null)
      created.dispose()
    }
  }, [boardId])
  return poller
}
