import { readAnonymous, sessionKeys } from '@stormline/shared/board/session'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type { Editor, TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { participantSignal } from '../participant/participant-store.ts'
import {
  addToCluster,
  createCluster,
  type NewCluster,
  removeFromCluster,
  renameCluster,
  ungroupCluster,
} from './cluster-edits.ts'
import { editClusters } from './cluster-store.ts'
import { activateCluster, clusterUiState } from './cluster-ui-state.ts'
import { newClusterId } from './cluster-view.ts'

/** What the bar and the suggestions panel do: the pure edits, written to the doc, plus UI state. */

export function clusterMembers(
  doc: Y.Doc,
  memberIds: readonly string[],
  fields: Pick<NewCluster, 'name' | 'source' | 'suggestionKey'>,
): string {
  const id = newClusterId()
  const cluster: NewCluster = {
    id,
    createdAt: new Date().toISOString(),
    // A member id is tied to a name by presence: on an anonymous board nobody is credited.
    createdBy: readAnonymous(doc.getMap<unknown>(docLayout.session).get(sessionKeys.anonymous))
      ? ''
      : participantSignal().get().id,
    ...fields,
  }
  editClusters(doc, (clusters) => createCluster(clusters, memberIds, cluster))
  return id
}

/** Cluster: the selected pain points become a new cluster, ready to be named. */
export function clusterSelection(editor: Editor, doc: Y.Doc, memberIds: readonly string[]): void {
  if (memberIds.length === 0) return
  const id = clusterMembers(doc, memberIds, { name: 'New cluster', source: 'manual' })
  activateCluster(editor, id, true)
}

export function addSelection(doc: Y.Doc, clusterId: string, memberIds: readonly string[]): void {
  editClusters(doc, (clusters) => addToCluster(clusters, clusterId, memberIds))
}

export function removeSelection(doc: Y.Doc, clusterId: string, memberIds: readonly string[]): void {
  editClusters(doc, (clusters) => removeFromCluster(clusters, clusterId, memberIds))
}

export function rename(doc: Y.Doc, clusterId: string, name: string): boolean {
  if (name.trim() === '') return false
  editClusters(doc, (clusters) => renameCluster(clusters, clusterId, name))
  return true
}

export function ungroup(editor: Editor, doc: Y.Doc, clusterId: string): void {
  editClusters(doc, (clusters) => ungroupCluster(clusters, clusterId))
  clusterUiState(editor).active.set(null)
}

/** Clicking a label: its members selected, the cluster the bar's subject. */
export function selectCluster(
  editor: Editor,
  clusterId: string,
  memberIds: readonly string[],
): void {
  editor.setCurrentTool('select')
  const ids = memberIds.filter((id) => editor.getShape(id as TLShapeId) !== undefined)
  editor.select(...(ids as TLShapeId[]))
  activateCluster(editor, clusterId)
}
