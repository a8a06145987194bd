import { voteResultKey } from '@stormline/shared/backlog/vote-result'
import { voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { closedVoteTotalsOfDoc } from './closed-vote-totals.ts'

function board(vote: unknown, result?: unknown, legacy: Record<string, unknown> = {}): Y.Doc {
  const doc = new Y.Doc()
  doc.getMap(docLayout.session).set(voteSessionKey, vote)
  if (result !== undefined) doc.getMap(docLayout.session).set(voteResultKey, result)
  for (const [key, value] of Object.entries(legacy)) doc.getMap(docLayout.votes).set(key, value)
  return doc
}

describe('closedVoteTotalsOfDoc', () => {
  it('reads the published totals of the closed vote', () => {
    const doc = board(
      { status: 'closed', budget: 3, round: 2 },
      { round: 2, budget: 3, voters: 2, dots: { a: 4 } },
    )
    expect(closedVoteTotalsOfDoc(doc)).toEqual(new Map([['a', 4]]))
  })

  it('tells nothing while the vote is open or still being counted', () => {
    const result = { round: 1, budget: 3, voters: 2, dots: { a: 4 } }
    expect(closedVoteTotalsOfDoc(board({ status: 'open', budget: 3, round: 1 }, result))).toBeNull()
    expect(
      closedVoteTotalsOfDoc(board({ status: 'closed', budget: 3, round: 2 }, result)),
    ).toBeNull()
  })

  it('reads a vote closed before per-person identity from the legacy map', () => {
    const legacy = { ann: { participantName: 'Ann', round: 1, dots: { a: 2 } } }
    const doc = board({ status: 'closed', budget: 3, round: 1 }, undefined, legacy)
    expect(closedVoteTotalsOfDoc(doc)).toEqual(new Map([['a', 2]]))
  })
})
