import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { reconcileShared } from './reconcile-shared.ts'
import {
  ann,
  bob,
  castDots,
  cat,
  newDocs,
  privatesOf,
  session,
  setVote,
} from './sealed-fixtures.ts'

const published = (doc: Y.Doc) => readVoteResult(session(doc).get(voteResultKey))

describe('the count of a closed vote', () => {
  it('counts each member once, caps at the budget, ignores other rounds, and is idempotent', () => {
    const shared = new Y.Doc()
    setVote(shared, 'closed', 2, 3)
    const [a, b, c] = newDocs()
    castDots(a, 2, { 'cluster:x': 2, 'cluster:y': 1 })
    // Over the budget (a modified client): capped at 3, as voteTotals caps.
    castDots(b, 2, { 'cluster:x': 5 })
    // Last round's dots do not count.
    castDots(c, 1, { 'cluster:y': 3 })
    const privates = privatesOf([ann, a], [bob, b], [cat, c])
    expect(reconcileShared(shared, privates, 'test').changed).toBe(true)
    expect(published(shared)).toEqual({
      round: 2,
      budget: 3,
      voters: 2,
      dots: { 'cluster:x': 5, 'cluster:y': 1 },
    })
    expect(reconcileShared(shared, privates, 'test').changed).toBe(false)
  })

  it('gives the same count whichever order the members come in', () => {
    const counts = [true, false].map((swapped) => {
      const shared = new Y.Doc()
      setVote(shared, 'closed', 1, 2)
      const [a, b] = newDocs()
      castDots(a, 1, { t1: 1, t2: 1, t3: 1 })
      castDots(b, 1, { t3: 2 })
      const entries: [string, Y.Doc][] = [
        [ann, a],
        [bob, b],
      ]
      reconcileShared(shared, privatesOf(...(swapped ? entries.reverse() : entries)), null)
      return published(shared)
    })
    expect(counts[0]).toEqual(counts[1])
    expect(counts[0]?.dots).toEqual({ t1: 1, t2: 1, t3: 2 })
  })

  it.each([
    ['the vote is open', (d: Y.Doc) => setVote(d, 'open', 1)],
    ['no vote was held', () => {}],
    [
      'this round is counted already',
      (d: Y.Doc) => {
        setVote(d, 'closed', 1)
        session(d).set(voteResultKey, { round: 1, budget: 5, voters: 0, dots: {} })
      },
    ],
  ])('writes nothing while %s', (_name, setup) => {
    const shared = new Y.Doc()
    setup(shared)
    const [a] = newDocs()
    castDots(a, 1, { t: 1 })
    const before = Y.encodeStateVector(shared)
    expect(reconcileShared(shared, privatesOf([ann, a]), null).changed).toBe(false)
    expect(Y.encodeStateVector(shared)).toEqual(before)
  })

  it('counts a new round over the result of the last one, and ignores malformed entries', () => {
    const shared = new Y.Doc()
    setVote(shared, 'closed', 2)
    session(shared).set(voteResultKey, { round: 1, budget: 5, voters: 9, dots: { old: 9 } })
    const [a, b] = newDocs()
    castDots(a, 2, { t: 1 })
    b.getMap('votes').set('mine', 'not votes')
    reconcileShared(shared, privatesOf([ann, a], [bob, b]), null)
    expect(published(shared)).toEqual({ round: 2, budget: 5, voters: 1, dots: { t: 1 } })
  })

  it("counts a legacy board's shared entries of the round, so a vote closed before the upgrade keeps its totals", () => {
    const shared = new Y.Doc()
    setVote(shared, 'closed', 3, 2)
    const legacy = shared.getMap(docLayout.votes)
    legacy.set('legacyAnnAAAAAAAAAAAAA', { participantName: 'Ann', round: 3, dots: { t: 2 } })
    legacy.set('legacyBobAAAAAAAAAAAAA', { participantName: 'Bob', round: 2, dots: { t: 2 } })
    const [a] = newDocs()
    castDots(a, 3, { u: 1 })
    const privates = privatesOf([ann, a])
    reconcileShared(shared, privates, null)
    expect(published(shared)).toEqual({ round: 3, budget: 2, voters: 2, dots: { t: 2, u: 1 } })
    expect(reconcileShared(shared, privates, null).changed).toBe(false)
  })
})
