import type { ClusterRecord } from '@stormline/shared/backlog/clusters'

/**
 * Pure edits of the `clusters` map. Each returns the records to write and the ids to delete, so
 * the caller applies them in one transaction. Every edit keeps the rule that a pain point belongs
 * to at most one cluster: claiming a sticky takes it out of any other cluster, and a cluster left
 * empty is deleted rather than lingering as an empty backlog item.
 */

export type Clusters = Readonly<Record<string, ClusterRecord>>

export interface ClusterChanges {
  put: ClusterRecord[]
  remove: string[]
}

export interface NewCluster {
  id: string
  name: string
  createdAt: string
  createdBy: string
  source: ClusterRecord['source']
  suggestionKey?: string
}

const noChanges: ClusterChanges = { put: [], remove: [] }

/** Takes `memberIds` out of every cluster except `keepId`. */
function release(clusters: Clusters, memberIds: readonly string[], keepId: string): ClusterChanges {
  const claimed = new Set(memberIds)
  const changes: ClusterChanges = { put: [], remove: [] }
  for (const cluster of Object.values(clusters)) {
    if (cluster.id === keepId || !cluster.memberIds.some((id) => claimed.has(id))) continue
    const rest = cluster.memberIds.filter((id) => !claimed.has(id))
    if (rest.length === 0) changes.remove.push(cluster.id)
    else changes.put.push({ ...cluster, memberIds: rest })
  }
  return changes
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)]
}

export function createCluster(
  clusters: Clusters,
  memberIds: readonly string[],
  fields: NewCluster,
): ClusterChanges {
  const members = unique(memberIds)
  if (members.length === 0) return noChanges
  const released = release(clusters, members, fields.id)
  const cluster: ClusterRecord = { ...fields, memberIds: members }
  return { put: [...released.put, cluster], remove: released.remove }
}

export function addToCluster(
  clusters: Clusters,
  clusterId: string,
  memberIds: readonly string[],
): ClusterChanges {
  const cluster = clusters[clusterId]
  if (cluster === undefined) return noChanges
  const added = unique(memberIds).filter((id) => !cluster.memberIds.includes(id))
  if (added.length === 0) return noChanges
  const released = release(clusters, added, clusterId)
  return {
    put: [...released.put, { ...cluster, memberIds: [...cluster.memberIds, ...added] }],
    remove: released.remove,
  }
}

export function removeFromCluster(
  clusters: Clusters,
  clusterId: string,
  memberIds: readonly string[],
): ClusterChanges {
  const cluster = clusters[clusterId]
  if (cluster === undefined) return noChanges
  const removed = new Set(memberIds)
  const rest = cluster.memberIds.filter((id) => !removed.has(id))
  if (rest.length === cluster.memberIds.length) return noChanges
  return rest.length === 0
    ? { put: [], remove: [clusterId] }
    : { put: [{ ...cluster, memberIds: rest }], remove: [] }
}

export function renameCluster(clusters: Clusters, clusterId: string, name: string): ClusterChanges {
  const cluster = clusters[clusterId]
  const trimmed = name.trim().slice(0, 80)
  if (cluster === undefined || trimmed === '' || trimmed === cluster.name) return noChanges
  return { put: [{ ...cluster, name: trimmed }], remove: [] }
}

/** Deletes the cluster; its stickies stay on the board, unclustered. */
export function ungroupCluster(clusters: Clusters, clusterId: string): ClusterChanges {
  return clusters[clusterId] === undefined ? noChanges : { put: [], remove: [clusterId] }
}
