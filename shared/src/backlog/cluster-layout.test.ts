import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docLayout } from '../sync/doc-layout.ts'
import { encodeCluster, migrateClustersToCurrentLayout, writeCluster } from './cluster-layout.ts'
import { type ClusterRecord, readCluster } from './clusters.ts'

const base: ClusterRecord = {
  id: 'cluster:vm',
  name: 'VM provisioning',
  memberIds: ['shape:a', 'shape:b'],
  createdAt: '2026-12-05T10:00:00.000Z',
  createdBy: 'ana',
  source: 'manual',
}

function clustersOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docLayout.clusters)
}

function read(doc: Y.Doc): ClusterRecord | null {
  return readCluster(clustersOf(doc).toJSON()[base.id])
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

type Edit = (cluster: ClusterRecord) => ClusterRecord

/**
 * Two peers edit the same cluster concurrently. Each edit belongs to one peer (its Yjs client
 * id); run once with each peer in the lead (creating the cluster, syncing first): the result
 * must not change.
 */
function concurrently(first: Edit, second: Edit): [ClusterRecord | null, ClusterRecord | null] {
  const peers = [
    { clientID: 1, edit: first },
    { clientID: 2, edit: second },
  ]
  const results = [peers, [...peers].reverse()].map(([lead, other]) => {
    if (!lead || !other) throw new Error('two peers')
    const a = new Y.Doc()
    const b = new Y.Doc()
    a.clientID = lead.clientID
    b.clientID = other.clientID
    clustersOf(a).set(base.id, encodeCluster(base))
    sync(a, b)
    a.transact(() => writeCluster(clustersOf(a), lead.edit(base)))
    b.transact(() => writeCluster(clustersOf(b), other.edit(base)))
    sync(a, b)
    expect(read(a)).toEqual(read(b))
    return read(a)
  })
  return [results[0] ?? null, results[1] ?? null]
}

describe('cluster layout v2 (MERGE-1: cluster membership merges)', () => {
  const cases: [string, Edit, Edit, (result: ClusterRecord) => void][] = [
    [
      'two people add different stickies',
      (c) => ({ ...c, memberIds: [...c.memberIds, 'shape:c'] }),
      (c) => ({ ...c, memberIds: [...c.memberIds, 'shape:d'] }),
      (r) => expect([...r.memberIds].sort()).toEqual(['shape:a', 'shape:b', 'shape:c', 'shape:d']),
    ],
    [
      'one renames while the other adds',
      (c) => ({ ...c, name: 'Waiting for infrastructure' }),
      (c) => ({ ...c, memberIds: [...c.memberIds, 'shape:c'] }),
      (r) => {
        expect(r.name).toBe('Waiting for infrastructure')
        expect(r.memberIds).toContain('shape:c')
      },
    ],
    [
      'one removes a member while the other adds one',
      (c) => ({ ...c, memberIds: ['shape:b'] }),
      (c) => ({ ...c, memberIds: [...c.memberIds, 'shape:c'] }),
      (r) => expect([...r.memberIds].sort()).toEqual(['shape:b', 'shape:c']),
    ],
  ]

  it.each(cases)('%s: both changes kept, the same with the peers swapped', (_name, a, b, check) => {
    const [one, other] = concurrently(a, b)
    expect(one).toEqual(other)
    if (one) check(one)
  })

  it('two renames converge on one name, whichever peer is first', () => {
    const [one, other] = concurrently(
      (c) => ({ ...c, name: 'Left' }),
      (c) => ({ ...c, name: 'Right' }),
    )
    expect(one?.name).toBe(other?.name)
    expect(['Left', 'Right']).toContain(one?.name)
  })

  it('migrates version 1 clusters in place and reads the same record', () => {
    const doc = new Y.Doc()
    clustersOf(doc).set(base.id, { ...base })
    clustersOf(doc).set('cluster:junk', 'not a cluster')
    expect(migrateClustersToCurrentLayout(doc)).toBe(1)
    expect(clustersOf(doc).get(base.id)).toBeInstanceOf(Y.Map)
    expect(read(doc)).toEqual(base)
    expect(migrateClustersToCurrentLayout(doc)).toBe(0)
  })
})
