import { writeCluster } from '@stormline/shared/backlog/cluster-layout'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type * as Y from 'yjs'
import type { ClusterChanges, Clusters } from './cluster-edits.ts'
import { storedClusters } from './cluster-view.ts'

function clustersMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docLayout.clusters)
}

/** The stored clusters, read at the moment of an edit (not from a possibly stale render). */
export function readStoredClusters(doc: Y.Doc): Clusters {
  return storedClusters(clustersMap(doc).toJSON())
}

/**
 * Applies an edit computed against the current clusters; one transaction, one update. Each
 * changed cluster is written field by field and member by member (cluster-layout.ts), so a
 * concurrent edit of the same cluster by someone else keeps what it changed.
 */
export function editClusters(doc: Y.Doc, edit: (clusters: Clusters) => ClusterChanges): void {
  doc.transact(() => {
    const map = clustersMap(doc)
    const changes = edit(storedClusters(map.toJSON()))
    for (const id of changes.remove) map.delete(id)
    for (const cluster of changes.put) writeCluster(map, cluster)
  })
}

export function rejectSuggestion(doc: Y.Doc, key: string): void {
  doc.getMap<'rejected'>(docLayout.suggestionDecisions).set(key, 'rejected')
}
