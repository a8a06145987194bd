import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { type Atom, atom, type Editor, useValue } from 'tldraw'
import type * as Y from 'yjs'
import { visibleClusters } from './cluster-view.ts'
import { isPainPointId } from './pain-points.ts'

/**
 * The Y.Doc's clusters map mirrored into a tldraw signal, so cluster UI can be derived together
 * with the live shapes (their kind, their bounds) in one reactive computation.
 */
const mirrors = new WeakMap<Y.Doc, Atom<Record<string, unknown>>>()

export function clustersSignal(doc: Y.Doc): Atom<Record<string, unknown>> {
  let mirror = mirrors.get(doc)
  if (mirror === undefined) {
    const map = doc.getMap(docLayout.clusters)
    const created = atom<Record<string, unknown>>('stored clusters', map.toJSON())
    // Deep: a cluster is a map of fields and members (cluster-layout.ts). Lives as long as the
    // doc: both go when the board closes.
    map.observeDeep(() => created.set(map.toJSON()))
    mirrors.set(doc, created)
    mirror = created
  }
  return mirror
}

/** The clusters to show: only existing pain points, each in one cluster (cluster-view.ts). */
export function useVisibleClusters(editor: Editor, doc: Y.Doc): ClusterRecord[] {
  return useValue(
    'visible clusters',
    () => visibleClusters(clustersSignal(doc).get(), (id) => isPainPointId(editor, id)),
    [editor, doc],
  )
}
