import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { castMyVote, closeVote, openVote } from './vote-store.ts'

const ann = { id: 'ann', name: 'Ann' }
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

  it('writes my dots under my id and rejects the one over budget without writing', () => {
    const doc = new Y.Doc()
    openVote(doc, 2)
    expect(castMyVote(doc, ann, 'cluster:a', 1).ok).toBe(true)
    expect(castMyVote(doc, ann, 'cluster:b', 1).ok).toBe(true)
    const before = Y.encodeStateVector(doc)
    const rejected = castMyVote(doc, ann, 'cluster:a', 1)
    expect(rejected).toEqual({ ok: false, reason: 'You have used all 2 dots.' })
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(doc.getMap(docLayout.votes).get('ann')).toEqual({
      participantName: 'Ann',
      round: 1,
      dots: { 'cluster:a': 1, 'cluster:b': 1 },
    })
    expect(castMyVote(doc, ann, 'cluster:a', -1).ok).toBe(true)
    expect(castMyVote(doc, ann, 'cluster:a', -1).ok).toBe(false)
  })

  it('rejects votes once the vote is closed, and starts afresh in the next round', () => {
    const doc = new Y.Doc()
    openVote(doc, 1)
    castMyVote(doc, ann, 'cluster:a', 1)
    closeVote(doc)
    expect(castMyVote(doc, ann, 'cluster:b', 1)).toEqual({
      ok: false,
      reason: 'The vote is not open.',
    })
    openVote(doc, 1)
    expect(castMyVote(doc, ann, 'cluster:b', 1).ok).toBe(true)
  })
})
