import * as Y from 'yjs'
import { docLayout } from '../sync/doc-layout.ts'
import { type ClusterRecord, readCluster } from './clusters.ts'

/**
 * How a cluster is laid out in the `clusters` map (layout version 2, ADR 0011): a `Y.Map` of its
 * fields, with its members in a nested `Y.Map` keyed by sticky id (the value orders them). Two
 * people adding different stickies to one cluster, or one renaming it while another adds to
 * it, both keep their change; version 1 stored each cluster as one JSON value, so the last
 * writer's copy of the whole cluster won. `readCluster` reads both.
 */

const membersKey = 'members'

function encodeMembers(memberIds: readonly string[]): Y.Map<number> {
  const members = new Y.Map<number>()
  for (const [order, id] of memberIds.entries()) members.set(id, order)
  return members
}

/** A cluster as a new (not yet integrated) `Y.Map`. */
export function encodeCluster(cluster: ClusterRecord): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(cluster)) {
    if (key === 'memberIds' || value === undefined) continue
    map.set(key, value)
  }
  map.set(membersKey, encodeMembers(cluster.memberIds))
  return map
}

/** Writes one cluster: only the fields and members that differ from what is stored. */
export function writeCluster(clusters: Y.Map<unknown>, cluster: ClusterRecord): void {
  const stored = clusters.get(cluster.id)
  const members = stored instanceof Y.Map ? stored.get(membersKey) : undefined
  if (!(stored instanceof Y.Map) || !(members instanceof Y.Map)) {
    clusters.set(cluster.id, encodeCluster(cluster))
    return
  }
  for (const [key, value] of Object.entries(cluster)) {
    if (key === 'memberIds' || key === membersKey) continue
    if (value === undefined) {
      if (stored.has(key)) stored.delete(key)
    } else if (stored.get(key) !== value) {
      stored.set(key, value)
    }
  }
  for (const key of [...stored.keys()]) {
    if (key !== membersKey && !(key in cluster)) stored.delete(key)
  }
  const wanted = new Set(cluster.memberIds)
  for (const id of [...members.keys()]) if (!wanted.has(id)) members.delete(id)
  let next = 0
  for (const value of members.values())
    if (typeof value === 'number') next = Math.max(next, value + 1)
  for (const id of cluster.memberIds) {
    if (!members.has(id)) members.set(id, next++)
  }
}

/** Rewrites version 1 clusters (one JSON value each) as cluster maps; returns how many. */
export function migrateClustersToCurrentLayout(doc: Y.Doc): number {
  const clusters = doc.getMap<unknown>(docLayout.clusters)
  let rewritten = 0
  for (const [id, value] of [...clusters.entries()]) {
    if (value instanceof Y.AbstractType) continue
    const cluster = readCluster(value)
    if (cluster === null || cluster.id !== id) continue
    clusters.set(id, encodeCluster(cluster))
    rewritten++
  }
  return rewritten
}

/**
 * Every cluster as plain JSON in the version 1 shape (`memberIds` in order), whatever its
 * layout: what exports, board files and the backlog read, so their format does not change.
 */
export function readClustersJson(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [id, value] of doc.getMap<unknown>(docLayout.clusters).entries()) {
    if (!(value instanceof Y.Map)) {
      out[id] = value
      continue
    }
    const { [membersKey]: _members, ...fields } = value.toJSON() as Record<string, unknown>
    out[id] = { ...fields, memberIds: readCluster(value.toJSON())?.memberIds ?? [] }
  }
  return out
}
