import { type Atom, atom, type Editor } from 'tldraw'

/**
 * This browser's cluster UI state, shared by the bar, the canvas outlines and the suggestions
 * panel, which tldraw renders in separate slots. Local, never synced: which cluster you are
 * editing is nobody else's business. One set per editor, so a new board starts clean.
 */
export interface ClusterUiState {
  /** The cluster whose label was clicked: the bar edits it. */
  active: Atom<string | null>
  /** A cluster whose rename input should take focus once it shows (after Cluster or Edit). */
  renameRequest: Atom<string | null>
  /** Members of the suggestion under the pointer, outlined on the canvas. */
  highlighted: Atom<readonly string[]>
}

const states = new WeakMap<Editor, ClusterUiState>()

export function clusterUiState(editor: Editor): ClusterUiState {
  let state = states.get(editor)
  if (state === undefined) {
    state = {
      active: atom<string | null>('active cluster', null),
      renameRequest: atom<string | null>('cluster rename request', null),
      highlighted: atom<readonly string[]>('highlighted suggestion', []),
    }
    states.set(editor, state)
  }
  return state
}

export function activateCluster(editor: Editor, clusterId: string, rename = false): void {
  const state = clusterUiState(editor)
  state.active.set(clusterId)
  if (rename) state.renameRequest.set(clusterId)
}
