import {
  castVote,
  readParticipantVotes,
  readVoteSession,
  type VoteResult,
  type VoteSession,
  voteSessionKey,
} from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'

/**
 * Dot voting in the Y.Doc: the vote session sits in the session map, each participant's dots
 * in the votes map under their own id (the only entry they write). Reads and writes happen in
 * one transaction, so a write is computed from the doc as it is, not from a stale rendering.
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

/** Adds or takes back one of my dots; a rejected vote (over budget, closed) writes nothing. */
export function castMyVote(
  doc: Y.Doc,
  me: { id: string; name: string },
  targetId: string,
  delta: 1 | -1,
): VoteResult {
  let result: VoteResult = { ok: false, reason: 'The vote is not open.' }
  doc.transact(() => {
    const session = readVoteSession(sessionMap(doc).get(voteSessionKey))
    const votes = doc.getMap<unknown>(docLayout.votes)
    const current = readParticipantVotes(votes.get(me.id), session.round)
    result = castVote(session, current, me.name, targetId, delta)
    if (result.ok) votes.set(me.id, result.votes)
  })
  return result
}
