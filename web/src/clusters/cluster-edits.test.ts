import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { describe, expect, it } from 'vitest'
import {
  addToCluster,
  type ClusterChanges,
  type Clusters,
  createCluster,
  removeFromCluster,
  renameCluster,
  ungroupCluster,
} from './cluster-edits.ts'

function cluster(id: string, memberIds: string[], name = id): ClusterRecord {
  return {
    id,
    name,
    memberIds,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'p',
    source: 'manual',
  }
}

function apply(clusters: Clusters, changes: ClusterChanges): Record<string, ClusterRecord> {
  const next = { ...clusters }
  for (const id of changes.remove) delete next[id]
  for (const c of changes.put) next[c.id] = c
  return next
}

const fields = {
  id: 'cluster:new',
  name: 'New cluster',
  createdAt: '2026-01-02T00:00:00.000Z',
  createdBy: 'me',
  source: 'manual' as const,
}

describe('cluster edits', () => {
  it('creates a cluster of the given pain points, once each', () => {
    const next = apply({}, createCluster({}, ['shape:a', 'shape:b', 'shape:a'], fields))
    expect(next['cluster:new']).toEqual({ ...fields, memberIds: ['shape:a', 'shape:b'] })
  })

  it('creates nothing from no pain points', () => {
    expect(createCluster({}, [], fields)).toEqual({ put: [], remove: [] })
  })

  it('keeps the suggestion key of an accepted suggestion', () => {
    const next = apply(
      {},
      createCluster({}, ['shape:a'], { ...fields, source: 'suggestion', suggestionKey: 'k1' }),
    )
    expect(next['cluster:new']?.suggestionKey).toBe('k1')
    expect(next['cluster:new']?.source).toBe('suggestion')
  })

  it('moves stickies out of their old cluster and deletes a cluster left empty', () => {
    const before = {
      'cluster:x': cluster('cluster:x', ['shape:a', 'shape:b']),
      'cluster:y': cluster('cluster:y', ['shape:c']),
    }
    const next = apply(before, createCluster(before, ['shape:b', 'shape:c'], fields))
    expect(next['cluster:x']?.memberIds).toEqual(['shape:a'])
    expect(next['cluster:y']).toBeUndefined()
    expect(next['cluster:new']?.memberIds).toEqual(['shape:b', 'shape:c'])
  })

  it('adds to a cluster, moving members between clusters', () => {
    const before = {
      'cluster:x': cluster('cluster:x', ['shape:a']),
      'cluster:y': cluster('cluster:y', ['shape:b', 'shape:c']),
    }
    const next = apply(before, addToCluster(before, 'cluster:x', ['shape:a', 'shape:b', 'shape:d']))
    expect(next['cluster:x']?.memberIds).toEqual(['shape:a', 'shape:b', 'shape:d'])
    expect(next['cluster:y']?.memberIds).toEqual(['shape:c'])
  })

  it('adds nothing to a missing cluster or when all are members already', () => {
    const before = { 'cluster:x': cluster('cluster:x', ['shape:a']) }
    expect(addToCluster(before, 'cluster:gone', ['shape:b'])).toEqual({ put: [], remove: [] })
    expect(addToCluster(before, 'cluster:x', ['shape:a'])).toEqual({ put: [], remove: [] })
  })

  it('removes members, and the cluster with its last one', () => {
    const before = { 'cluster:x': cluster('cluster:x', ['shape:a', 'shape:b']) }
    const once = apply(before, removeFromCluster(before, 'cluster:x', ['shape:a', 'shape:z']))
    expect(once['cluster:x']?.memberIds).toEqual(['shape:b'])
    const twice = apply(once, removeFromCluster(once, 'cluster:x', ['shape:b']))
    expect(twice['cluster:x']).toBeUndefined()
  })

  it('renames with a trimmed, non-empty name', () => {
    const before = { 'cluster:x': cluster('cluster:x', ['shape:a'], 'Old') }
    expect(
      apply(before, renameCluster(before, 'cluster:x', '  Provisioning '))['cluster:x']?.name,
    ).toBe('Provisioning')
    expect(renameCluster(before, 'cluster:x', '   ')).toEqual({ put: [], remove: [] })
    expect(renameCluster(before, 'cluster:gone', 'x')).toEqual({ put: [], remove: [] })
  })

  it('ungroups: deletes the cluster only', () => {
    const before = {
      'cluster:x': cluster('cluster:x', ['shape:a']),
      'cluster:y': cluster('cluster:y', ['shape:b']),
    }
    expect(ungroupCluster(before, 'cluster:x')).toEqual({ put: [], remove: ['cluster:x'] })
    expect(ungroupCluster(before, 'cluster:gone')).toEqual({ put: [], remove: [] })
  })

  it('keeps every sticky in at most one cluster through a series of edits', () => {
    let state: Clusters = {}
    state = apply(
      state,
      createCluster(state, ['shape:a', 'shape:b'], { ...fields, id: 'cluster:1' }),
    )
    state = apply(
      state,
      createCluster(state, ['shape:b', 'shape:c'], { ...fields, id: 'cluster:2' }),
    )
    state = apply(state, addToCluster(state, 'cluster:1', ['shape:c']))
    const members = Object.values(state).flatMap((c) => c.memberIds)
    expect(new Set(members).size).toBe(members.length)
    expect(state['cluster:1']?.memberIds).toEqual(['shape:a', 'shape:c'])
    expect(state['cluster:2']?.memberIds).toEqual(['shape:b'])
  })
})
