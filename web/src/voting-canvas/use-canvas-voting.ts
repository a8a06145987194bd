import type { VoteSession } from '@stormline/shared/backlog/voting'
import { useCallback, useMemo } from 'react'
import type * as Y from 'yjs'
import { useCastVote, useVoteSources } from '../backlog/use-vote-sources.ts'
import type { VoteView } from '../backlog/vote-view.ts'
import { useCanEdit } from '../facilitation/facilitator-role.ts'
import { canvasVoteView } from './canvas-voting.ts'
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
  // The board is what gets projected: no live counts on it, not even the facilitator's.
  const { session, sources } = useVoteSources(doc, false)
  const canEdit = useCanEdit()
  const view = useMemo(() => canvasVoteView(session, sources), [session, sources])
  const castVote = useCastVote(doc)
  const cast = useCallback(
    (targetId: string, delta: 1 | -1) => {
      const result = castVote(targetId, delta)
      voteNotice.set(result.ok ? null : { text: result.reason, at: Date.now() })
    },
    [castVote],
  )
  return { session, view, canVote: canEdit && session.status === 'open', cast }
}
