import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { type KeyboardEvent, useEffect, useRef } from 'react'
import { useEditor, usePassThroughWheelEvents, useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { ToolbarWithKindPalette } from '../stickies/sticky-ui-slots.tsx'
import { useDraft } from '../stickies/use-draft.ts'
import {
  addSelection,
  clusterSelection,
  removeSelection,
  rename,
  ungroup,
} from './cluster-actions.ts'
import { clusterUiState } from './cluster-ui-state.ts'
import { useVisibleClusters } from './clusters-signal.ts'
import { selectedPainPointIds } from './pain-points.ts'
import './clusters.css'

/** tldraw's toolbar slot: the cluster bar, above the kind palette and the toolbar (stickies/). */
export function ToolbarWithClusterBar() {
  return (
    <div className="stormline-cluster-toolbar-stack">
      <ClusterBar />
      <ToolbarWithKindPalette />
    </div>
  )
}

/** Contextual actions for the selected pain points and the active cluster. */
function ClusterBar() {
  const editor = useEditor()
  const { doc } = useBoardUi().connection
  const ui = clusterUiState(editor)
  const selected = useValue('selected pain points', () => selectedPainPointIds(editor), [editor])
  const nothingSelected = useValue(
    'nothing selected',
    () => editor.getSelectedShapeIds().length === 0,
    [editor],
  )
  const clusters = useVisibleClusters(editor, doc)
  const activeId = useValue('active cluster', () => ui.active.get(), [ui])
  const active = clusters.find((c) => c.id === activeId)
  const ref = useRef<HTMLDivElement>(null)
  usePassThroughWheelEvents(ref)
  // Viewers may select stickies to read them, but clustering writes to the board.
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])

  // Clicking the empty canvas ends editing a cluster, as it ends any selection.
  useEffect(() => {
    if (nothingSelected) ui.active.set(null)
  }, [nothingSelected, ui])

  if (readonly || (selected.length === 0 && active === undefined)) return null
  const inActive =
    active === undefined ? [] : selected.filter((id) => active.memberIds.includes(id))
  const outside = active === undefined ? selected : selected.filter((id) => !inActive.includes(id))

  return (
    <div className="stormline-cluster-bar" ref={ref} data-testid="cluster-bar">
      {selected.length > 0 && (
        <button
          type="button"
          className="stormline-cluster-bar__button"
          data-testid="cluster-selection"
          title="Group the selected pain points into a new cluster"
          onClick={() => clusterSelection(editor, doc, selected)}
        >
          Cluster{selected.length > 1 ? ` ${selected.length}` : ''}
        </button>
      )}
      {active !== undefined && (
        <>
          <ClusterNameInput cluster={active} />
          {outside.length > 0 && (
            <button
              type="button"
              className="stormline-cluster-bar__button"
              data-testid="cluster-add"
              onClick={() => addSelection(doc, active.id, outside)}
            >
              Add to cluster
            </button>
          )}
          {inActive.length > 0 && (
            <button
              type="button"
              className="stormline-cluster-bar__button"
              data-testid="cluster-remove"
              onClick={() => removeSelection(doc, active.id, inActive)}
            >
              Remove from cluster
            </button>
          )}
          <button
            type="button"
            className="stormline-cluster-bar__button"
            data-testid="cluster-ungroup"
            title="Delete the cluster; its stickies stay"
            onClick={() => ungroup(editor, doc, active.id)}
          >
            Ungroup
          </button>
          <button
            type="button"
            className="stormline-cluster-bar__close"
            aria-label="Stop editing the cluster"
            onClick={() => ui.active.set(null)}
          >
            ×
          </button>
        </>
      )}
    </div>
  )
}

function ClusterNameInput({ cluster }: { cluster: ClusterRecord }) {
  const editor = useEditor()
  const { doc } = useBoardUi().connection
  const ui = clusterUiState(editor)
  const draft = useDraft(cluster.name, (text) => rename(doc, cluster.id, text))
  const input = useRef<HTMLInputElement>(null)
  const requested = useValue('rename request', () => ui.renameRequest.get(), [ui])

  useEffect(() => {
    if (requested !== cluster.id) return
    ui.renameRequest.set(null)
    input.current?.focus()
    input.current?.select()
  }, [requested, cluster.id, ui])

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' || event.key === 'Escape') {
      event.preventDefault()
      input.current?.blur()
      editor.focus()
    }
  }

  return (
    <input
      ref={input}
      className="stormline-cluster-bar__name"
      data-testid="cluster-name-input"
      aria-label="Cluster name"
      maxLength={80}
      {...draft}
      onKeyDown={onKeyDown}
    />
  )
}
