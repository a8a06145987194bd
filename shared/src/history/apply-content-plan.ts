import * as Y from 'yjs'
import { encodeCluster, writeCluster } from '../backlog/cluster-layout.ts'
import { readCluster } from '../backlog/clusters.ts'
import { docLayout } from '../sync/doc-layout.ts'
import { isJsonObject, type JsonObject } from '../sync/json-value.ts'
import { encodeRecord, patchRecord } from '../sync/record-layout.ts'
import type { ContentPlan, EntryChange } from './content-plan.ts'

/**
 * Writes a restore or undo plan into a board's document through the layout functions, so each
 * record and cluster gets only the fields (and members) that differ: a patch never replaces a
 * whole record, and Yjs merges it with whatever a peer writes into another field meanwhile. Runs
 * in one transaction (the caller's, when it has one): everyone receives the change as one update.
 */
export function applyContentPlan(doc: Y.Doc, plan: ContentPlan): void {
  doc.transact(() => {
    const records = doc.getMap<unknown>(docLayout.records)
    for (const change of plan.records) applyRecordChange(records, change)
    const clusters = doc.getMap<unknown>(docLayout.clusters)
    for (const change of plan.clusters) applyClusterChange(clusters, change)
    const decisions = doc.getMap<unknown>(docLayout.suggestionDecisions)
    for (const change of plan.suggestionDecisions) {
      if (change.op === 'delete') decisions.delete(change.id)
      else decisions.set(change.id, change.to)
    }
  })
}

function applyRecordChange(records: Y.Map<unknown>, change: EntryChange): void {
  if (change.op === 'delete') {
    records.delete(change.id)
    return
  }
  if (!isJsonObject(change.to)) return
  const stored = records.get(change.id)
  if (change.op === 'patch' && stored instanceof Y.Map && isJsonObject(change.from)) {
    patchRecord(stored, change.from, change.to)
    return
  }
  records.set(change.id, encodeRecord(change.to as JsonObject))
}

function applyClusterChange(clusters: Y.Map<unknown>, change: EntryChange): void {
  if (change.op === 'delete') {
    clusters.delete(change.id)
    return
  }
  const cluster = readCluster(change.to)
  // A cluster the reader cannot use at all is put back as it was stored (it was unusable then too).
  if (cluster === null || cluster.id !== change.id) clusters.set(change.id, change.to)
  else if (change.op === 'patch') writeCluster(clusters, cluster)
  else clusters.set(change.id, encodeCluster(cluster))
}
