import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { type CSSProperties, type PointerEvent, type ReactNode, useMemo, useRef } from 'react'
import { type Editor, type TLShapeId, useEditor, useValue } from 'tldraw'
import { useBoardUi } from '../board/board-context.ts'
import { addDotLabel } from '../voting-canvas/canvas-voting.ts'
import { PainPointVoteChips } from '../voting-canvas/PainPointVoteChips.tsx'
import { type CanvasVoting, useCanvasVoting } from '../voting-canvas/use-canvas-voting.ts'
import { useVoteKeys } from '../voting-canvas/use-vote-keys.ts'
import { DotRow, VoteTarget } from '../voting-canvas/VoteTarget.tsx'
import { selectCluster } from './cluster-actions.ts'
import { clusterUiState } from './cluster-ui-state.ts'
import {
  clusterSizes,
  type LabelSlot,
  labelSlotStyle,
  labelStyle,
  layoutLabels,
  outlineAround,
  outlinePadding,
  outlineStyle,
  type Rect,
} from './cluster-view.ts'
import { useVisibleClusters } from './clusters-signal.ts'
import './clusters.css'

/** The box around those of `ids` on the current page, in page space. */
function outlineOf(editor: Editor, ids: readonly string[]): { box: Rect; ids: string[] } | null {
  const page = editor.getCurrentPageId()
  const onPage = ids.filter((id) => {
    const shape = editor.getShape(id as TLShapeId)
    return shape !== undefined && editor.getAncestorPageId(shape) === page
  })
  const bounds = onPage.flatMap((id) => editor.getShapePageBounds(id as TLShapeId) ?? [])
  const box = outlineAround(bounds, outlinePadding)
  return box === null ? null : { box, ids: onPage }
}

// tldraw would start a selection brush from a pointer down that reaches the canvas.
const stop = (event: PointerEvent): void => event.stopPropagation()

/**
 * tldraw's OnTheCanvas slot, drawn in page space under the shapes: a dashed outline around each
 * cluster's members with its name on top, and the members of the suggestion being looked at.
 * Outlines let every pointer event through to the board; only the labels take clicks.
 * While a vote is open, labels and unclustered pain points take dots (voting-canvas/).
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
  // Labels and strokes keep a readable size on screen (about 15 px) whatever the zoom.
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  const { fontSize, stroke } = clusterSizes(zoom)
  const highlight = useValue(
    'suggestion highlight',
    () => outlineOf(editor, ui.highlighted.get()),
    [editor, ui],
  )
  const voting = useCanvasVoting(doc)
  // The row under the name: my dots while I may vote, everyone's totals once the vote is closed.
  const withRow = voting.canVote || voting.view.status === 'closed'
  const slots = useMemo(
    () =>
      layoutLabels(
        outlines.map(({ cluster, box }) => ({ id: cluster.id, name: cluster.name, box, withRow })),
        fontSize,
      ),
    [outlines, fontSize, withRow],
  )
  const labelBoxes = useMemo(() => slots.map((slot) => slot.box), [slots])

  return (
    <>
      {outlines.map(({ cluster, box }) => (
        <div
          key={cluster.id}
          className="stormline-cluster-outline"
          data-active={cluster.id === activeId}
          style={outlineStyle(box, stroke)}
        />
      ))}
      {outlines.map(({ cluster, ids }) => {
        const slot = slots.find((s) => s.id === cluster.id)
        if (slot === undefined) return null
        return (
          <ClusterLabel
            key={cluster.id}
            cluster={cluster}
            slot={slot}
            fontSize={fontSize}
            active={cluster.id === activeId}
            voting={voting}
            withRow={withRow}
            onSelect={() => selectCluster(editor, cluster.id, ids)}
            memberCount={ids.length}
          />
        )
      })}
      {highlight !== null && (
        <div
          className="stormline-cluster-outline stormline-cluster-outline--suggested"
          data-testid="suggestion-highlight"
          style={outlineStyle(highlight.box, stroke + 1)}
        />
      )}
      <PainPointVoteChips voting={voting} clusters={clusters} labels={labelBoxes} />
    </>
  )
}

interface ClusterLabelProps {
  cluster: ClusterRecord
  slot: LabelSlot
  fontSize: number
  active: boolean
  voting: CanvasVoting
  withRow: boolean
  memberCount: number
  onSelect(): void
}

/**
 * A cluster's name above its outline, in the slot layoutLabels gave it (wrapped, never over
 * another label). Clicking it selects the cluster's members; while a vote is open it gives the
 * cluster one of my dots instead, and the row under the name shows them.
 */
function ClusterLabel(props: ClusterLabelProps) {
  const { cluster, slot, fontSize, active, voting, withRow } = props
  const s = labelStyle
  const mine = voting.view.mine.get(cluster.id) ?? 0
  // Above every shape, so a sticky or the timeline never hides it.
  const style = { ...labelSlotStyle(slot, fontSize), zIndex: 100000 }
  const name = (
    <button
      type="button"
      className="stormline-cluster-label__name"
      data-testid={`cluster-label-${cluster.id}`}
      data-active={active}
      title={
        voting.canVote
          ? `${cluster.name}: click to give it a dot, right-click to take one back`
          : `${cluster.name}: select its ${props.memberCount} pain point${props.memberCount === 1 ? '' : 's'}`
      }
      aria-label={voting.canVote ? addDotLabel(cluster.name, mine) : undefined}
      style={{ lineHeight: s.lineHeight, WebkitLineClamp: slot.lines }}
      onClick={voting.canVote ? () => voting.cast(cluster.id, 1) : props.onSelect}
    >
      {cluster.name}
    </button>
  )
  if (withRow) {
    return (
      <VoteTarget
        targetId={cluster.id}
        name={cluster.name}
        voting={voting}
        className="stormline-cluster-label"
        style={style}
        active={active}
      >
        {name}
        <DotRow targetId={cluster.id} name={cluster.name} voting={voting} />
      </VoteTarget>
    )
  }
  return (
    <PlainLabel style={style} active={active}>
      {name}
    </PlainLabel>
  )
}

/** A label outside a vote: only its name, which selects the cluster. */
function PlainLabel({
  style,
  active,
  children,
}: {
  style: CSSProperties
  active: boolean
  children: ReactNode
}) {
  const ref = useRef<HTMLDivElement>(null)
  // Enter on the focused name must click it, not reach the board (which would edit a sticky).
  useVoteKeys(ref, null)
  return (
    <div
      ref={ref}
      className="stormline-cluster-label"
      data-active={active}
      style={style}
      onPointerDown={stop}
      onPointerUp={stop}
    >
      {children}
    </div>
  )
}
