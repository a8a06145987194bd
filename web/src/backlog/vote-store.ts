import {
  type VoteResult as CastResult,
  castVote,
  readParticipantVotes,
  readVoteSession,
  type VoteSession,
  voteSessionKey,
} from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import type * as Y from 'yjs'

/**
 * Dot voting (ADR 0013): the vote session sits in the board's session map (the facilitator opens
 * and closes it); each person's dots sit in their own private document, under `votes.mine`,
 * which nobody else receives. The server counts them when the vote closes.
 */

function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docLayout.session)
}

export function openVote(doc: Y.Doc, budget: number): void {
  doc.transact(() => {
    const current = readVoteSession(sessionMap(doc).get(voteSessionKey))
    // A new round: dots from an earlier vote stop counting without anyone deleting them.
    const next: VoteSession = { status: 'open', budget, round: current.round + 1 }
    sessionMap(doc).set(voteSessionKey, next)
  })
}

export function closeVote(doc: Y.Doc): void {
  doc.transact(() => {
    const current = readVoteSession(sessionMap(doc).get(voteSessionKey))
    if (current.status !== 'open') return
    sessionMap(doc).set(voteSessionKey, { ...current, status: 'closed' })
  })
}

/** My own votes entry as the private document holds it (any JSON; read it with readParticipantVotes). */
export function readMyVotesEntry(privateDoc: Y.Doc): unknown {
  return privateDoc.getMap<unknown>(privateLayout.votes).get(myVotesKey)
}

/**
 * Adds or takes back one of my dots in my private document, checked against the board's vote
 * session as it is now; a rejected vote (over budget, closed) writes nothing. The entry carries
 * no name: the private document is mine, and the published totals name nobody.
 */
export function castMyVote(
  shared: Y.Doc,
  privateDoc: Y.Doc,
  targetId: string,
  delta: 1 | -1,
): CastResult {
  const session = readVoteSession(sessionMap(shared).get(voteSessionKey))
  let result: CastResult = { ok: false, reason: 'The vote is not open.' }
  privateDoc.transact(() => {
    const current = readParticipantVotes(readMyVotesEntry(privateDoc), session.round)
    result = castVote(session, current, '', targetId, delta)
    if (result.ok) {
      const { round, dots } = result.votes
      privateDoc.getMap<unknown>(privateLayout.votes).set(myVotesKey, { round, dots })
    }
  })
  return result
}

/** Until the private document has synced, my dots of this round may not be here yet. */
export const notSyncedReason = 'Your dots are still loading; try again in a moment.'
