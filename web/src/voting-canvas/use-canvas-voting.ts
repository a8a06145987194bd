import { readVoteSession, type VoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { useCallback, useMemo } from 'react'
import type * as Y from 'yjs'
import { useSessionMapValue } from '../backlog/use-session-value.ts'
import { castMyVote } from '../backlog/vote-store.ts'
import type { VoteView } from '../backlog/vote-view.ts'
import { useAnonymous } from '../board/use-anonymous.ts'
import { useCanEdit } from '../facilitation/facilitator-role.ts'
import { anonymousName, useParticipant } from '../participant/participant-store.ts'
import { canvasVoteView, voterOf } from './canvas-voting.ts'
import { useDocMapJson } from './use-doc-map.ts'
import { voteNotice } from './vote-notice.ts'

export interface CanvasVoting {
  session: VoteSession
  /** What this page may see of the votes on the board (canvas-voting.ts). */
  view: VoteView
  /** A vote is open and this page may give dots (viewers may not). */
  canVote: boolean
  /** Gives or takes back one of my dots, through the same store the backlog drawer uses. */
  cast(targetId: string, delta: 1 | -1): void
}

/** The dot vote as the canvas, my name badge and the vote's status line show it. */
export function useCanvasVoting(doc: Y.Doc): CanvasVoting {
  const raw = useSessionMapValue(doc, voteSessionKey)
  const { status, budget, round } = readVoteSession(raw)
  const session = useMemo(() => ({ status, budget, round }), [status, budget, round])
  const votes = useDocMapJson(doc, docLayout.votes)
  const participant = useParticipant()
  const anonymous = useAnonymous()
  const canEdit = useCanEdit()
  const me = useMemo(() => voterOf(participant, anonymous, anonymousName), [participant, anonymous])
  const view = useMemo(() => canvasVoteView(session, votes, me.id), [session, votes, me.id])
  const cast = useCallback(
    (targetId: string, delta: 1 | -1) => {
      const result = castMyVote(doc, me, targetId, delta)
      voteNotice.set(result.ok ? null : { text: result.reason, at: Date.now() })
    },
    [doc, me],
  )
  return { session, view, canVote: canEdit && session.status === 'open', cast }
}
