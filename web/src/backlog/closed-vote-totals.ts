import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'
import { noVoteSources, voteView } from './vote-view.ts'

/**
 * The totals of the board's closed vote, read from its document at one moment (an image export,
 * say): what the server published when the vote closed, or a legacy board's own map. Null while
 * no vote is closed, or while the server is still counting it: anything made then must not tell
 * where anyone put their dots.
 */
export function closedVoteTotalsOfDoc(doc: Y.Doc): ReadonlyMap<string, number> | null {
  const session = doc.getMap<unknown>(docLayout.session)
  const vote = readVoteSession(session.get(voteSessionKey))
  if (vote.status !== 'closed') return null
  const sources = {
    ...noVoteSources,
    result: readVoteResult(session.get(voteResultKey)),
    legacy: doc.getMap<unknown>(docLayout.votes).toJSON(),
  }
  return voteView(vote, sources, { isFacilitator: false }).totals
}
