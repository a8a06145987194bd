import { voteResultKey } from '@stormline/shared/backlog/vote-result'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { reconcileShared } from './reconcile-shared.ts'
import {
  ann,
  bob,
  castBallot,
  castDots,
  draftRecord,
  newDocs,
  privatesOf,
  recordUpdates,
  session,
  setAnonymous,
  setAssessment,
  setSilentWriting,
  setVote,
  writeDraft,
} from './sealed-fixtures.ts'

/** A board where every rule has something to do at once. */
function busyBoard(order: 'ann-first' | 'bob-first') {
  const shared = new Y.Doc()
  setVote(shared, 'closed', 1)
  setAssessment(shared, 'cluster:x', 'poker', true)
  setSilentWriting(shared, 'off')
  setAnonymous(shared)
  writeRecord(shared, stickyRecord('shape:old', { authorId: 'p1', authorName: 'Ann' }))
  const [a, b] = newDocs()
  castDots(a, 1, { 'cluster:x': 2 })
  castDots(b, 1, { 'cluster:x': 1 })
  castBallot(a, 'cluster:x', 3, 2, 'Ann')
  castBallot(b, 'cluster:x', 1, 5, 'Bob')
  writeDraft(a, draftRecord('shape:a', { x: 0, y: 0 }))
  writeDraft(b, draftRecord('shape:b', { x: 0, y: 0 }))
  const entries: [string, Y.Doc][] = [
    [ann, a],
    [bob, b],
  ]
  const privates = privatesOf(...(order === 'ann-first' ? entries : entries.reverse()))
  return { shared, privates }
}

function sharedState(doc: Y.Doc) {
  return {
    records: readRecordsJson(doc),
    ballots: doc.getMap(docLayout.ballots).toJSON(),
    voteResult: session(doc).get(voteResultKey),
  }
}

describe('reconciling the shared document', () => {
  it('writes everything due in one transaction with the given origin, then nothing', () => {
    const { shared, privates } = busyBoard('ann-first')
    const updates = recordUpdates(shared)
    const origin = Symbol('reconcile')
    expect(reconcileShared(shared, privates, origin).changed).toBe(true)
    expect(updates.map((u) => u.origin)).toEqual([origin])
    const state = sharedState(shared)
    expect(state.voteResult).toMatchObject({ round: 1, voters: 2, dots: { 'cluster:x': 3 } })
    expect(Object.keys(state.ballots).sort()).toEqual(['cluster:x|b1', 'cluster:x|b2'])
    expect(Object.keys(state.records).sort()).toEqual(['shape:a', 'shape:b', 'shape:old'])
    expect(JSON.stringify(state.records)).not.toMatch(/author(Id|Name)":"[^"]/)

    expect(reconcileShared(shared, privates, origin).changed).toBe(false)
    expect(updates).toHaveLength(1)
  })

  it('reaches the same shared state whichever order the members come in', () => {
    const states = (['ann-first', 'bob-first'] as const).map((order) => {
      const { shared, privates } = busyBoard(order)
      reconcileShared(shared, privates, null)
      return sharedState(shared)
    })
    expect(states[0]).toEqual(states[1])
  })

  it('writes nothing on a board with nothing sealed', () => {
    const shared = new Y.Doc()
    writeRecord(shared, stickyRecord('shape:a'))
    const updates = recordUpdates(shared)
    expect(reconcileShared(shared, new Map(), null).changed).toBe(false)
    expect(updates).toEqual([])
  })
})
