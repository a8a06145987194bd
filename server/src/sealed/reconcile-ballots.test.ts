import { docLayout } from '@stormline/shared/sync/doc-layout'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { reconcileShared } from './reconcile-shared.ts'
import {
  ann,
  bob,
  castBallot,
  cat,
  newDocs,
  privatesOf,
  setAnonymous,
  setAssessment,
} from './sealed-fixtures.ts'

const sharedBallots = (doc: Y.Doc) => doc.getMap<unknown>(docLayout.ballots).toJSON()

/** A board with poker on cluster:x, and ann and bob's private ballots (ann 2/3, bob 4/1). */
function board(revealed: boolean) {
  const shared = new Y.Doc()
  setAssessment(shared, 'cluster:x', 'poker', revealed)
  const [a, b, c] = newDocs()
  castBallot(a, 'cluster:x', 2, 3, 'Ann')
  castBallot(b, 'cluster:x', 4, 1, 'Bob')
  // A ballot for a target that is not revealed stays private.
  castBallot(b, 'cluster:hidden', 5, 5, 'Bob')
  return { shared, privates: privatesOf([ann, a], [bob, b], [cat, c]), a, b, c }
}

describe('revealed planning-poker ballots', () => {
  it('appear at reveal, keyed by member, and disappear when hidden again', () => {
    const { shared, privates } = board(false)
    expect(reconcileShared(shared, privates, null).changed).toBe(false)
    expect(sharedBallots(shared)).toEqual({})

    setAssessment(shared, 'cluster:x', 'poker', true)
    expect(reconcileShared(shared, privates, null).changed).toBe(true)
    expect(sharedBallots(shared)).toEqual({
      [`cluster:x|${ann}`]: {
        targetId: 'cluster:x',
        participantId: ann,
        participantName: 'Ann',
        value: 2,
        effort: 3,
      },
      [`cluster:x|${bob}`]: {
        targetId: 'cluster:x',
        participantId: bob,
        participantName: 'Bob',
        value: 4,
        effort: 1,
      },
    })
    expect(reconcileShared(shared, privates, null).changed).toBe(false)

    setAssessment(shared, 'cluster:x', 'poker', false)
    expect(reconcileShared(shared, privates, null).changed).toBe(true)
    expect(sharedBallots(shared)).toEqual({})
  })

  it('follow a ballot changed or taken back after the reveal', () => {
    const { shared, privates, a, b } = board(true)
    reconcileShared(shared, privates, null)
    castBallot(a, 'cluster:x', 5, null, 'Ann')
    b.getMap('ballots').delete('cluster:x')
    reconcileShared(shared, privates, null)
    expect(Object.keys(sharedBallots(shared))).toEqual([`cluster:x|${ann}`])
    expect(sharedBallots(shared)[`cluster:x|${ann}`]).toMatchObject({ value: 5, effort: null })
  })

  it('are not published for an estimate the facilitator makes alone', () => {
    const { shared, privates } = board(true)
    setAssessment(shared, 'cluster:x', 'facilitator', true)
    reconcileShared(shared, privates, null)
    expect(sharedBallots(shared)).toEqual({})
  })

  it.each([
    ['a value off the scale', { value: 9, effort: 2 }],
    ['a fraction', { value: 2.5, effort: null }],
    ['no estimate at all', { value: null, effort: null }],
    ['not an object', 'four'],
    ['a string value', { value: '3', effort: 3 }],
  ])('ignore a malformed private ballot: %s', (_name, ballot) => {
    const { shared, privates, c } = board(true)
    c.getMap('ballots').set('cluster:x', ballot)
    reconcileShared(shared, privates, null)
    expect(Object.keys(sharedBallots(shared)).sort()).toEqual(
      [`cluster:x|${ann}`, `cluster:x|${bob}`].sort(),
    )
  })

  it('on an anonymous board carry no name and an id that says nothing of whose they are', () => {
    // The same ballots held by different people give the same shared map.
    const outcomes = [
      [ann, bob],
      [bob, ann],
    ].map(([first, second]) => {
      const shared = new Y.Doc()
      setAnonymous(shared)
      setAssessment(shared, 'cluster:x', 'poker', true)
      const [a, b] = newDocs()
      castBallot(a, 'cluster:x', 4, 1, 'Ann')
      castBallot(b, 'cluster:x', 2, 3, 'Bob')
      reconcileShared(shared, privatesOf([first as string, a], [second as string, b]), null)
      return sharedBallots(shared)
    })
    expect(outcomes[0]).toEqual(outcomes[1])
    expect(outcomes[0]).toEqual({
      'cluster:x|b1': {
        targetId: 'cluster:x',
        participantId: 'b1',
        participantName: '',
        value: 2,
        effort: 3,
      },
      'cluster:x|b2': {
        targetId: 'cluster:x',
        participantId: 'b2',
        participantName: '',
        value: 4,
        effort: 1,
      },
    })
  })

  it('lose their member ids when the board turns anonymous, and get them back when it stops', () => {
    const { shared, privates } = board(true)
    reconcileShared(shared, privates, null)
    setAnonymous(shared)
    reconcileShared(shared, privates, null)
    expect(Object.keys(sharedBallots(shared)).sort()).toEqual(['cluster:x|b1', 'cluster:x|b2'])
    setAnonymous(shared, false)
    reconcileShared(shared, privates, null)
    expect(Object.keys(sharedBallots(shared)).sort()).toEqual(
      [`cluster:x|${ann}`, `cluster:x|${bob}`].sort(),
    )
  })

  it("leave a legacy board's ballots alone, but blank their names on an anonymous board", () => {
    const { shared, privates } = board(true)
    const legacyKey = 'cluster:x|legacyParticipantAAAA'
    const legacy = {
      targetId: 'cluster:x',
      participantId: 'legacyParticipantAAAA',
      participantName: 'Lee',
      value: 1,
      effort: 1,
    }
    shared.getMap(docLayout.ballots).set(legacyKey, legacy)
    shared.getMap(docLayout.ballots).set('cluster:hidden|legacyParticipantAAAA', legacy)
    reconcileShared(shared, privates, null)
    expect(sharedBallots(shared)[legacyKey]).toEqual(legacy)
    expect(Object.keys(sharedBallots(shared))).toHaveLength(4)

    setAnonymous(shared)
    reconcileShared(shared, privates, null)
    expect(sharedBallots(shared)[legacyKey]).toEqual({ ...legacy, participantName: '' })
    expect(Object.keys(sharedBallots(shared))).toHaveLength(4)
    expect(reconcileShared(shared, privates, null).changed).toBe(false)
  })
})
