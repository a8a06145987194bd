import {
  computeVoteResult,
  readVoteResult,
  type VoteResult,
  voteResultKey,
} from '@stormline/shared/backlog/vote-result'
import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import type * as Y from 'yjs'
import type { MemberDocs } from './reconcile-members.ts'

/**
 * The count of a closed vote (ADR 0013): once the facilitator closes a round, the server counts
 * each member's own `votes.mine` of that round (capped at the budget by computeVoteResult) and
 * publishes it once. Later changes to private dots do not recount a round already published.
 *
 * A board stored before issue 14 has per-person entries in the shared `votes` map. Entries of
 * the round being counted are counted too: without them, publishing the count of a vote closed
 * before the upgrade would replace its totals (which the backlog read from those entries) by
 * nothing. Entries of other rounds are ignored like any old dots.
 */
export function planVoteResult(shared: Y.Doc, members: MemberDocs): VoteResult | null {
  const session = shared.getMap<unknown>(docLayout.session)
  const vote = readVoteSession(session.get(voteSessionKey))
  if (vote.status !== 'closed') return null
  const published = readVoteResult(session.get(voteResultKey))
  if (published !== null && published.round === vote.round) return null
  const entries = members.map(([, doc]) => doc.getMap<unknown>(privateLayout.votes).get(myVotesKey))
  const legacy = [...shared.getMap<unknown>(docLayout.votes).values()]
  return computeVoteResult(vote, [...entries, ...legacy])
}

/** Writes the count; call inside the reconcile transaction. */
export function applyVoteResult(shared: Y.Doc, result: VoteResult): void {
  shared.getMap<unknown>(docLayout.session).set(voteResultKey, result)
}
