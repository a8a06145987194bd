import { docLayout } from '@stormline/shared/sync/doc-layout'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import { readRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { reconcileShared } from './reconcile-shared.ts'
import {
  ann,
  bob,
  draftRecord,
  newDocs,
  privatesOf,
  recordUpdates,
  setAnonymous,
  setSilentWriting,
  writeDraft,
} from './sealed-fixtures.ts'

const stormlineOf = (doc: Y.Doc, id: string) =>
  (readRecord(doc, id)?.meta as Record<string, unknown> | undefined)?.stormline

/** A board after a writing round, with one draft by ann and one by bob. */
function board(status: 'writing' | 'off' = 'off') {
  const shared = new Y.Doc()
  setSilentWriting(shared, status)
  const [a, b] = newDocs()
  writeDraft(
    a,
    draftRecord('shape:ann1', { text: 'slow builds', x: 100, y: 100, authorName: 'Ann' }),
  )
  writeDraft(
    b,
    draftRecord('shape:bob1', { text: 'flaky tests', x: 500, y: 100, authorName: 'Bob' }),
  )
  return { shared, a, b, privates: privatesOf([ann, a], [bob, b]) }
}

describe('publishing silent-writing drafts', () => {
  it('waits while the round is on', () => {
    const { shared, privates } = board('writing')
    expect(reconcileShared(shared, privates, null)).toEqual({
      changed: false,
      publishedDrafts: new Map(),
      skippedDrafts: new Map(),
    })
    expect(readRecordsJson(shared)).toEqual({})
  })

  it("publishes everyone's drafts in one update, in record layout v2, credited to their member", () => {
    const { shared, privates } = board()
    const updates = recordUpdates(shared)
    const outcome = reconcileShared(shared, privates, 'reconcile')
    expect(outcome.changed).toBe(true)
    expect(updates.map((u) => u.origin)).toEqual(['reconcile'])
    expect(outcome.publishedDrafts).toEqual(
      new Map([
        [ann, ['shape:ann1']],
        [bob, ['shape:bob1']],
      ]),
    )
    const records = shared.getMap(docLayout.records)
    expect(records.get('shape:ann1')).toBeInstanceOf(Y.Map)
    expect(stormlineOf(shared, 'shape:ann1')).toMatchObject({ authorId: ann, authorName: 'Ann' })
    expect(stormlineOf(shared, 'shape:bob1')).toMatchObject({ authorId: bob, authorName: 'Bob' })
    expect(stormlineOf(shared, 'shape:ann1')).not.toHaveProperty('draft')
    expect(readRecord(shared, 'shape:ann1')).toMatchObject({ x: 100, y: 100 })
  })

  it('credits the member whatever author the draft claims', () => {
    const { shared, a, privates } = board()
    writeDraft(a, draftRecord('shape:ann2', { authorId: bob, authorName: 'Ann' }))
    reconcileShared(shared, privates, null)
    expect(stormlineOf(shared, 'shape:ann2')).toMatchObject({ authorId: ann })
  })

  it('publishes drafts without author on an anonymous board', () => {
    const { shared, privates } = board()
    setAnonymous(shared)
    reconcileShared(shared, privates, null)
    for (const id of ['shape:ann1', 'shape:bob1']) {
      expect(stormlineOf(shared, id)).not.toHaveProperty('authorId')
      expect(stormlineOf(shared, id)).not.toHaveProperty('authorName')
    }
  })

  it.each([
    ['a geo shape', { ...draftRecord('shape:bad'), type: 'geo' }, 'a draft is a note'],
    [
      'an unknown colour',
      { ...draftRecord('shape:bad'), props: { ...draftRecord('shape:bad').props, color: 'plaid' } },
      'invalid shape',
    ],
    ['no stormline meta', { ...draftRecord('shape:bad'), meta: {} }, 'a draft has meta.stormline'],
    ['stored under another id', { ...draftRecord('shape:other') }, 'does not match its key'],
  ])('skips a draft that is not a valid note: %s', (_name, record, reason) => {
    const { shared, a, privates } = board()
    a.getMap('drafts').set('shape:bad', record)
    const outcome = reconcileShared(shared, privates, null)
    expect(outcome.skippedDrafts.get(ann)).toEqual([
      { id: 'shape:bad', reason: expect.stringContaining(reason) },
    ])
    expect(outcome.publishedDrafts.get(ann)).toEqual(['shape:ann1'])
    expect(readRecord(shared, 'shape:bad')).toBeUndefined()
  })

  it('does not write a draft the board already has, and reports it for removal', () => {
    const { shared, privates } = board()
    const published = draftRecord('shape:ann1', { text: 'already there' })
    writeRecord(shared, published)
    const outcome = reconcileShared(shared, privates, null)
    expect(outcome.publishedDrafts.get(ann)).toEqual(['shape:ann1'])
    expect(readRecord(shared, 'shape:ann1')).toEqual(published)
  })

  it('is idempotent: run again before the drafts are removed, it writes nothing', () => {
    const { shared, privates } = board()
    const first = reconcileShared(shared, privates, null)
    const updates = recordUpdates(shared)
    const second = reconcileShared(shared, privates, null)
    expect(second.changed).toBe(false)
    expect(updates).toEqual([])
    expect(second.publishedDrafts).toEqual(first.publishedDrafts)
  })

  it('moves a draft off a spot another sticky has exactly, by its width', () => {
    const { shared, a, b, privates } = board()
    writeDraft(a, draftRecord('shape:ann2', { x: 0, y: 0 }))
    writeDraft(b, draftRecord('shape:bob2', { x: 0, y: 0 }))
    writeRecord(shared, draftRecord('shape:old', { x: 0, y: 0 }))
    reconcileShared(shared, privates, null)
    expect(readRecord(shared, 'shape:ann2')).toMatchObject({ x: 200, y: 0 })
    expect(readRecord(shared, 'shape:bob2')).toMatchObject({ x: 400, y: 0 })
    // Not merely close: only an exact overlap hides a sticky.
    expect(readRecord(shared, 'shape:ann1')).toMatchObject({ x: 100, y: 100 })
  })

  it('gives the same board whichever order the members come in', () => {
    const boards = [false, true].map((swapped) => {
      const shared = new Y.Doc()
      const [a, b] = newDocs()
      writeDraft(a, draftRecord('shape:a', { x: 0, y: 0, authorName: 'Ann' }))
      writeDraft(b, draftRecord('shape:b', { x: 0, y: 0, authorName: 'Bob' }))
      const entries: [string, Y.Doc][] = [
        [ann, a],
        [bob, b],
      ]
      reconcileShared(shared, privatesOf(...(swapped ? entries.reverse() : entries)), null)
      return readRecordsJson(shared)
    })
    expect(boards[0]).toEqual(boards[1])
  })
})
