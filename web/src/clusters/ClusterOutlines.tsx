import type { PointerEvent } from 'react'
import { type Editor, type TLShapeId, useEditor, useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { selectCluster } from './cluster-actions.ts'
import { clusterUiState } from './cluster-ui-state.ts'
import { outlineAround, type Rect } from './cluster-view.ts'
import { useVisibleClusters } from './clusters-signal.ts'

/** Page units between the members and the outline. */
const padding = 30

/** The box around those of `ids` on the current page, in page space. */
function outlineOf(editor: Editor, ids: readonly string[]): { box: Rect; ids: string[] } | null {
  const page = editor.getCurrentPageId()
  const onPage = ids.filter((id) => {
    const shape = editor.getShape(id as TLShapeId)
    return shape !== undefined && editor.getAncestorPageId(shape) === page
  })
  const bounds = onPage.flatMap((id) => editor.getShapePageBounds(id as TLShapeId) ?? [])
  const box = outlineAround(bounds, padding)
  return box === null ? null : { box, ids: onPage }
}

function place(box: Rect, stroke: number) {
  return {
    transform: `translate(${box.x}px, ${box.y}px)`,
    width: box.w,
    height: box.h,
    borderWidth: stroke,
  }
}

/**
 * tldraw's OnTheCanvas slot, drawn in page space under the shapes: a dashed outline around each
 * cluster's members with its name on top, and the members of the suggestion being looked at.
 * Outlines let every pointer event through to the board; only the labels take clicks.
 */
export function ClusterOutlines() {
  const editor = useEditor()
  const { doc } = useBoardUi().connection
  const ui = clusterUiState(editor)
  const clusters = useVisibleClusters(editor, doc)
  const activeId = useValue('active cluster', () => ui.active.get(), [ui])
  const outlines = useValue(
    'cluster outlines',
    () =>
      clusters.flatMap((cluster) => {
        const outline = outlineOf(editor, cluster.memberIds)
        return outline === null ? [] : [{ cluster, ...outline }]
      }),
    [editor, clusters],
  )
  // Labels and strokes keep a readable size on screen when the board is zoomed out.
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  const fontSize = Math.min(60, Math.max(18, 14 / zoom))
  const stroke = Math.min(8, Math.max(3, 2 / zoom))
  const highlight = useValue(
    'suggestion highlight',
    () => outlineOf(editor, ui.highlighted.get()),
    [editor, ui],
  )

  // tldraw would start a selection brush from a pointer down that reaches the canvas.
  const stop = (event: PointerEvent): void => event.stopPropagation()

  return (
    <>
      {outlines.map(({ cluster, box, ids }) => (
        <div key={cluster.id}>
          <div
            className="stormline-cluster-outline"
            data-active={cluster.id === activeId}
            style={place(box, stroke)}
          />
          <button
            type="button"
            className="stormline-cluster-label"
            data-testid={`cluster-label-${cluster.id}`}
            data-active={cluster.id === activeId}
            title={`${cluster.name}: select its ${ids.length} pain point${ids.length === 1 ? '' : 's'}`}
            // Above every shape, so a sticky or the timeline under it never hides the name.
            style={{
              transform: `translate(${box.x}px, ${box.y}px) translateY(calc(-100% - 4px))`,
              fontSize,
              maxWidth: Math.max(box.w, 12 * fontSize),
              zIndex: 100000,
            }}
            onPointerDown={stop}
            onPointerUp={stop}
            onClick={() => selectCluster(editor, cluster.id, ids)}
          >
            {cluster.name}
          </button>
        </div>
      ))}
      {highlight !== null && (
        <div
          className="stormline-cluster-outline stormline-cluster-outline--suggested"
          data-testid="suggestion-highlight"
          style={place(highlight.box, stroke + 1)}
        />
      )}
    </>
  )
}
