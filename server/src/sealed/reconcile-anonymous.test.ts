import { encodeCluster, readClustersJson } from '@stormline/shared/backlog/cluster-layout'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { readRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { reconcileShared } from './reconcile-shared.ts'
import { recordUpdates, setAnonymous } from './sealed-fixtures.ts'

const stormlineOf = (doc: Y.Doc, id: string) =>
  (readRecord(doc, id)?.meta as Record<string, unknown> | undefined)?.stormline

/** A board with authored stickies: layout v2, a whole JSON record (v1), and an author-less one. */
function board() {
  const shared = new Y.Doc()
  writeRecord(
    shared,
    stickyRecord('shape:v2', { text: 'a', authorId: 'p1', authorName: 'Ann', kind: 'pain' }),
  )
  shared
    .getMap(docLayout.records)
    .set('shape:v1', stickyRecord('shape:v1', { authorId: 'p2', authorName: 'Bob' }))
  writeRecord(shared, stickyRecord('shape:none', { authorId: '', authorName: '' }))
  shared.getMap(docLayout.votes).set('p1', { participantName: 'Ann', round: 1, dots: { t: 2 } })
  return shared
}

describe('authors on an anonymous board', () => {
  it('are left alone while the board is not anonymous', () => {
    const shared = board()
    expect(reconcileShared(shared, new Map(), null).changed).toBe(false)
    expect(stormlineOf(shared, 'shape:v2')).toMatchObject({ authorId: 'p1', authorName: 'Ann' })
  })

  it('are stripped from every record in one update, keeping everything else', () => {
    const shared = board()
    setAnonymous(shared)
    const before = readRecord(shared, 'shape:v2')
    const updates = recordUpdates(shared)
    expect(reconcileShared(shared, new Map(), 'strip').changed).toBe(true)
    expect(updates.map((u) => u.origin)).toEqual(['strip'])
    for (const id of ['shape:v2', 'shape:v1']) {
      expect(stormlineOf(shared, id)).not.toHaveProperty('authorId')
      expect(stormlineOf(shared, id)).not.toHaveProperty('authorName')
    }
    const { stormline, ...meta } = (before?.meta ?? {}) as Record<string, unknown>
    const { authorId: _id, authorName: _name, ...kept } = stormline as Record<string, unknown>
    expect(readRecord(shared, 'shape:v2')).toEqual({
      ...before,
      meta: { ...meta, stormline: kept },
    })
    // Stays in the layout it had.
    expect(shared.getMap(docLayout.records).get('shape:v1')).not.toBeInstanceOf(Y.Map)
    expect(shared.getMap(docLayout.records).get('shape:v2')).toBeInstanceOf(Y.Map)
    expect(reconcileShared(shared, new Map(), 'strip').changed).toBe(false)
  })

  it('take the names of legacy dot votes with them, keeping the dots', () => {
    const shared = board()
    setAnonymous(shared)
    reconcileShared(shared, new Map(), null)
    expect(shared.getMap(docLayout.votes).get('p1')).toEqual({
      participantName: '',
      round: 1,
      dots: { t: 2 },
    })
  })
})

describe('cluster creators on an anonymous board', () => {
  it('lose their member id, in either cluster layout, and the clusters keep everything else', () => {
    const shared = new Y.Doc()
    const clusters = shared.getMap<unknown>(docLayout.clusters)
    const v2 = encodeCluster({
      id: 'cluster:a',
      name: 'Access',
      memberIds: ['shape:x'],
      createdAt: '2026-12-05T10:00:00.000Z',
      createdBy: 'memberAnnAAAAAAAAAAAAA',
      source: 'manual',
    })
    clusters.set('cluster:a', v2)
    clusters.set('cluster:b', {
      id: 'cluster:b',
      name: 'Tests',
      createdBy: 'memberBobBBBBBBBBBBBBB',
    })
    expect(reconcileShared(shared, new Map(), null).changed).toBe(false)
    setAnonymous(shared)
    expect(reconcileShared(shared, new Map(), null).changed).toBe(true)
    const json = JSON.stringify(shared.getMap(docLayout.clusters).toJSON())
    expect(json).not.toContain('memberAnn')
    expect(json).not.toContain('memberBob')
    expect(readClustersJson(shared)['cluster:a']).toMatchObject({ name: 'Access', createdBy: '' })
    expect(reconcileShared(shared, new Map(), null).changed).toBe(false)
  })
})
