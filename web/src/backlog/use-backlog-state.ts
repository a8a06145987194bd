import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import type { BoardMapsJson } from '@stormline/shared/backlog/board-maps'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { useCanEdit, useIsFacilitator } from '../facilitation/facilitator-role.ts'
import { anonymousName, useParticipant } from '../participant/participant-store.ts'
import { useBoardMaps } from './use-board-maps.ts'
import { type VoteView, voteView } from './vote-view.ts'

export interface BacklogState {
  maps: BoardMapsJson
  backlog: Backlog
  votes: VoteView
  facilitator: boolean
  /** Viewers read the backlog; they cast no dots and no estimates. */
  canEdit: boolean
  /** Anonymous mode: no author or estimator names anywhere in the drawer. */
  anonymous: boolean
  me: { id: string; name: string }
}

/**
 * Everything the backlog drawer shows, derived from the live doc: the same buildBacklog the API
 * and the CLI run, so the ranking on screen is the ranking in the downloads.
 */
export function useBacklogState(doc: Y.Doc, board: { id: string; name: string }): BacklogState {
  const maps = useBoardMaps(doc)
  const facilitator = useIsFacilitator()
  const canEdit = useCanEdit()
  const participant = useParticipant()
  const anonymous = readAnonymous(maps.session[sessionKeys.anonymous])
  // On an anonymous board votes and ballots are written without a name, not just shown without.
  const me = useMemo(
    () => ({ id: participant.id, name: anonymous ? '' : (participant.name ?? anonymousName) }),
    [participant.id, participant.name, anonymous],
  )
  const backlog = useMemo(() => buildBacklog(board, maps), [board, maps])
  const votes = useMemo(
    () =>
      voteView(readVoteSession(maps.session[voteSessionKey]), maps.votes, {
        participantId: me.id,
        isFacilitator: facilitator,
      }),
    [maps.session, maps.votes, me.id, facilitator],
  )
  return { maps, backlog, votes, facilitator, canEdit, anonymous, me }
}
