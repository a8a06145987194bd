import type { Tally } from '@stormline/shared/api/types'
import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useBoardUi } from '../board/board-context.ts'
import { useCanEdit, useIsFacilitator } from '../facilitation/facilitator-role.ts'
import { anonymousName, useParticipant } from '../participant/participant-store.ts'
import { useDocMapJson } from '../voting-canvas/use-doc-map.ts'
import { hasHiddenPokerRound } from './poker-view.ts'
import { useBoardMaps } from './use-board-maps.ts'
import { useTally } from './use-tally.ts'
import { useVoteSources } from './use-vote-sources.ts'
import { type VoteView, voteView } from './vote-view.ts'

export interface BacklogState {
  maps: BoardMapsJson
  backlog: Backlog
  votes: VoteView
  /** My own planning-poker ballots, by target (my private document's `ballots` map). */
  myBallots: Record<string, unknown>
  /** The facilitator's live counts (hidden ballots per target); null for everyone else. */
  tally: Tally | null
  facilitator: boolean
  /** Viewers read the backlog; they cast no dots and no estimates. */
  canEdit: boolean
  /** Anonymous mode: no author or estimator names anywhere in the drawer. */
  anonymous: boolean
  /** The name my ballots carry: none on an anonymous board. */
  me: { id: string; name: string }
}

/**
 * Everything the backlog drawer shows, derived from the live docs: the same buildBacklog the API
 * and the CLI run on the board's document (so the ranking on screen is the ranking in the
 * downloads), and my own dots and ballots from my private document.
 */
export function useBacklogState(doc: Y.Doc, board: { id: string; name: string }): BacklogState {
  const maps = useBoardMaps(doc)
  const facilitator = useIsFacilitator()
  const canEdit = useCanEdit()
  const participant = useParticipant()
  const { privateConnection } = useBoardUi()
  const anonymous = readAnonymous(maps.session[sessionKeys.anonymous])
  // On an anonymous board ballots are written without a name, not just shown without.
  const me = useMemo(
    () => ({ id: participant.id, name: anonymous ? '' : (participant.name ?? anonymousName) }),
    [participant.id, participant.name, anonymous],
  )
  const backlog = useMemo(() => buildBacklog(board, maps), [board, maps])
  const { session, sources } = useVoteSources(doc, facilitator)
  const votes = useMemo(
    () => voteView(session, sources, { isFacilitator: facilitator }),
    [session, sources, facilitator],
  )
  const myBallots = useDocMapJson(privateConnection.doc, privateLayout.ballots)
  // The facilitator paces hidden estimates by who has given one (the server's count).
  const tally = useTally(facilitator && hasHiddenPokerRound(maps.assessments))
  return { maps, backlog, votes, myBallots, tally, facilitator, canEdit, anonymous, me }
}
