import type { Tally } from '@stormline/shared/api/types'
import { computeVoteResult } from '@stormline/shared/backlog/vote-result'
import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import type * as Y from 'yjs'
import { authoredStickies } from '../rooms/authored-stickies.ts'
import { isAnonymousBoard, notesByAuthor } from './note-authors.ts'
import { readPrivateBallot } from './reconcile-ballots.ts'

/**
 * What the facilitator sees while things are still secret (`GET /api/boards/:id/tally`, ADR
 * 0013): how many people voted and where the dots are so far, how many ballots each target has,
 * how many people are writing drafts, and who is here without a sticky yet. Counts only: no
 * ballot values, no draft text, and no names on an anonymous board. Pure: reads the documents.
 */
export function computeTally(
  shared: Y.Doc,
  privates: ReadonlyMap<string, Y.Doc>,
  /** Members with an editing socket on the board now. */
  present: ReadonlySet<string>,
): Tally {
  const session = shared.getMap<unknown>(docLayout.session)
  const vote = readVoteSession(session.get(voteSessionKey))
  const anonymous = isAnonymousBoard(shared)
  const voteEntries = [...privates.values()].map((doc) =>
    doc.getMap<unknown>(privateLayout.votes).get(myVotesKey),
  )
  const result = computeVoteResult(vote, voteEntries)

  const ballots: Tally['ballots'] = {}
  let writers = 0
  let drafts = 0
  for (const doc of privates.values()) {
    for (const [targetId, value] of doc.getMap<unknown>(privateLayout.ballots)) {
      const ballot = readPrivateBallot(value)
      if (!ballot) continue
      const entry = ballots[targetId] ?? { count: 0, names: [] }
      entry.count++
      if (!anonymous && ballot.name.trim() !== '') entry.names.push(ballot.name)
      ballots[targetId] = entry
    }
    const own = doc.getMap<unknown>(privateLayout.drafts).size
    if (own > 0) writers++
    drafts += own
  }
  for (const entry of Object.values(ballots)) entry.names.sort()

  return {
    vote: { round: vote.round, status: vote.status, voters: result.voters, dots: result.dots },
    ballots,
    silentWriting: { writers, drafts },
    presentWithoutStickies: countWithoutStickies(shared, privates, present),
  }
}

/**
 * Present members who have no sticky on the board: none names them as author, and none of the
 * stickies the server saw them add (kept in their private member entry, the only trace on an
 * anonymous board) is still there.
 */
function countWithoutStickies(
  shared: Y.Doc,
  privates: ReadonlyMap<string, Y.Doc>,
  present: ReadonlySet<string>,
): number {
  const records = shared.getMap<unknown>(docLayout.records)
  const authors = notesByAuthor(shared)
  let without = 0
  for (const memberId of present) {
    if (authors.has(memberId)) continue
    const own = privates.get(memberId)
    const kept = own !== undefined && authoredStickies(own).some((id) => records.has(id))
    if (!kept) without++
  }
  return without
}
