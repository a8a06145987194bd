import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import {
  type VoteResult as CastResult,
  readVoteSession,
  type VoteSession,
  voteSessionKey,
} from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import { useCallback, useMemo } from 'react'
import type * as Y from 'yjs'
import { useBoardUi } from '../board/board-context.ts'
import { useDocMapJson } from '../voting-canvas/use-doc-map.ts'
import { useSessionMapValue } from './use-session-value.ts'
import { useTally } from './use-tally.ts'
import { castMyVote, notSyncedReason } from './vote-store.ts'
import type { VoteSources } from './vote-view.ts'

/** The board's vote session, as one stable value while it does not change. */
export function useVoteSession(doc: Y.Doc): VoteSession {
  const { status, budget, round } = readVoteSession(useSessionMapValue(doc, voteSessionKey))
  return useMemo(() => ({ status, budget, round }), [status, budget, round])
}

/**
 * Everything the vote views read (vote-view.ts): my dots from my private document, the
 * published result and the legacy map from the board's, and, when `live` (the facilitator
 * pacing an open vote), the server's running counts.
 */
export function useVoteSources(
  doc: Y.Doc,
  live: boolean,
): { session: VoteSession; sources: VoteSources } {
  const session = useVoteSession(doc)
  const { privateConnection } = useBoardUi()
  const mine = useDocMapJson(privateConnection.doc, privateLayout.votes)[myVotesKey]
  const rawResult = useSessionMapValue(doc, voteResultKey)
  const result = useMemo(() => readVoteResult(rawResult), [rawResult])
  const legacy = useDocMapJson(doc, docLayout.votes)
  const tally = useTally(live && session.status === 'open')
  const liveVote = tally?.vote ?? null
  const sources = useMemo(
    () => ({ mine, result, legacy, live: liveVote }),
    [mine, result, legacy, liveVote],
  )
  return { session, sources }
}

/**
 * Gives or takes back one of my dots. Refused until my private document has loaded: a dot
 * written before the server's copy arrived could replace the dots I gave before a reload.
 */
export function useCastVote(doc: Y.Doc): (targetId: string, delta: 1 | -1) => CastResult {
  const { privateConnection } = useBoardUi()
  return useCallback(
    (targetId, delta) => {
      if (!privateConnection.loaded.get()) return { ok: false, reason: notSyncedReason }
      return castMyVote(doc, privateConnection.doc, targetId, delta)
    },
    [doc, privateConnection],
  )
}
