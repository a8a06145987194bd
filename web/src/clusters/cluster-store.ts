import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'
import type { ClusterChanges, Clusters } from './cluster-edits.ts'
import { storedClusters } from './cluster-view.ts'

function clustersMap(doc: Y.Doc): Y.Map<ClusterRecord> {
  return doc.getMap<ClusterRecord>(docLayout.clusters)
}

/** The stored clusters, read at the moment of an edit (not from a possibly stale render). */
export function readStoredClusters(doc: Y.Doc): Clusters {
  return storedClusters(clustersMap(doc).toJSON())
}

/** Applies an edit computed against the current clusters; one transaction, one update. */
export function editClusters(doc: Y.Doc, edit: (clusters: Clusters) => ClusterChanges): void {
  doc.transact(() => {
    const map = clustersMap(doc)
    const changes = edit(storedClusters(map.toJSON()))
    for (const id of changes.remove) map.delete(id)
    for (const cluster of changes.put) map.set(cluster.id, cluster)
  })
}

export function rejectSuggestion(doc: Y.Doc, key: string): void {
  doc.getMap<'rejected'>(docLayout.suggestionDecisions).set(key, 'rejected')
}
