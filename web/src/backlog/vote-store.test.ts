import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { castMyVote, closeVote, openVote, readMyVotesEntry } from './vote-store.ts'

const session = (doc: Y.Doc) => readVoteSession(doc.getMap(docLayout.session).get(voteSessionKey))

describe('vote store', () => {
  it('opens a new round each time and closes it', () => {
    const doc = new Y.Doc()
    openVote(doc, 3)
    expect(session(doc)).toEqual({ status: 'open', budget: 3, round: 1 })
    closeVote(doc)
    expect(session(doc)).toEqual({ status: 'closed', budget: 3, round: 1 })
    openVote(doc, 4)
    expect(session(doc)).toEqual({ status: 'open', budget: 4, round: 2 })
  })

  it('writes my dots into my private document only, and rejects the one over budget', () => {
    const shared = new Y.Doc()
    const mine = new Y.Doc()
    openVote(shared, 2)
    const sharedBefore = Y.encodeStateVector(shared)
    expect(castMyVote(shared, mine, 'cluster:a', 1).ok).toBe(true)
    expect(castMyVote(shared, mine, 'cluster:b', 1).ok).toBe(true)
    const before = Y.encodeStateVector(mine)
    const rejected = castMyVote(shared, mine, 'cluster:a', 1)
    expect(rejected).toEqual({ ok: false, reason: 'You have used all 2 dots.' })
    expect(Y.encodeStateVector(mine)).toEqual(before)
    // No name, no id: the private document is mine, and that is all the server needs.
    expect(mine.getMap(privateLayout.votes).get(myVotesKey)).toEqual({
      round: 1,
      dots: { 'cluster:a': 1, 'cluster:b': 1 },
    })
    expect(readMyVotesEntry(mine)).toEqual({ round: 1, dots: { 'cluster:a': 1, 'cluster:b': 1 } })
    // Nothing of my dots reaches the board's document.
    expect(Y.encodeStateVector(shared)).toEqual(sharedBefore)
    expect(shared.getMap(docLayout.votes).size).toBe(0)
    expect(castMyVote(shared, mine, 'cluster:a', -1).ok).toBe(true)
    expect(castMyVote(shared, mine, 'cluster:a', -1).ok).toBe(false)
  })

  it('rejects votes once the vote is closed, and starts afresh in the next round', () => {
    const shared = new Y.Doc()
    const mine = new Y.Doc()
    openVote(shared, 1)
    castMyVote(shared, mine, 'cluster:a', 1)
    closeVote(shared)
    expect(castMyVote(shared, mine, 'cluster:b', 1)).toEqual({
      ok: false,
      reason: 'The vote is not open.',
    })
    openVote(shared, 1)
    expect(castMyVote(shared, mine, 'cluster:b', 1).ok).toBe(true)
    expect(readMyVotesEntry(mine)).toEqual({ round: 2, dots: { 'cluster:b': 1 } })
  })
})
