import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { richTextToPlainText } from '@stormline/shared/board/rich-text'
import { type TLShapeId, useEditor, useValue } from 'tldraw'
import { isPainPointShape } from '../clusters/pain-points.ts'
import { addDotLabel, chipAnchor, chipFontSize, unclusteredPainIds } from './canvas-voting.ts'
import type { CanvasVoting } from './use-canvas-voting.ts'
import { DotRow, VoteTarget } from './VoteTarget.tsx'

/** Long sticky texts are cut for the button's name; the sticky itself shows all of it. */
function shortName(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return 'Untitled pain point'
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat
}

/**
 * Dot controls on the unclustered pain points, drawn in page space (tldraw's OnTheCanvas layer)
 * inside each sticky at the middle of its bottom edge (its top edge when a cluster label is
 * there). They follow the sticky's live bounds, so they stay
 * on it while it is dragged and at any zoom, and they are an overlay, not part of the note: the
 * rest of the sticky selects and drags as before. Only stickies in view get controls.
 * While the vote is open they give and take dots; once it is closed, they show the totals of
 * the pain points that got any.
 */
export function PainPointVoteChips({
  voting,
  clusters,
  labels,
}: {
  voting: CanvasVoting
  clusters: readonly ClusterRecord[]
  /** Where the cluster labels are (page space): chips keep out of their way. */
  labels: readonly { x: number; y: number; w: number; h: number }[]
}) {
  const editor = useEditor()
  const { status } = voting.view
  const shown = voting.canVote || status === 'closed'
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  const fontSize = chipFontSize(zoom)
  const targets = useValue('vote chips', () => {
    if (!shown) return []
    const viewport = editor.getViewportPageBounds()
    const shapes = editor.getCurrentPageShapes().filter(isPainPointShape)
    const ids = unclusteredPainIds(
      shapes.map((s) => s.id),
      clusters,
    )
    return ids.flatMap((id) => {
      const bounds = editor.getShapePageBounds(id as TLShapeId)
      const shape = editor.getShape(id as TLShapeId)
      if (bounds === undefined || shape === undefined || !viewport.collides(bounds)) return []
      const text = richTextToPlainText((shape.props as { richText?: unknown }).richText)
      return [{ id, anchor: chipAnchor(bounds, fontSize, labels), name: shortName(text) }]
    })
  }, [editor, clusters, shown, fontSize, labels])

  return (
    <>
      {targets.map(({ id, anchor, name }) => {
        const mine = voting.view.mine.get(id) ?? 0
        // After the vote, only pain points that got dots say so; the rest stay quiet.
        if (!voting.canVote && (voting.view.totals?.get(id) ?? 0) === 0) return null
        return (
          <VoteTarget
            key={id}
            targetId={id}
            name={name}
            voting={voting}
            className="stormline-vote-chip"
            style={{
              transform: `translate(${anchor.x}px, ${anchor.y}px) translate(-50%, -50%)`,
              fontSize,
            }}
          >
            {voting.canVote && (
              <button
                type="button"
                className="stormline-vote-chip__add"
                aria-label={addDotLabel(name, mine)}
                title="Give a dot (right-click or Delete takes one back)"
                onClick={() => voting.cast(id, 1)}
              >
                +
              </button>
            )}
            <DotRow targetId={id} name={name} voting={voting} compact />
          </VoteTarget>
        )
      })}
    </>
  )
}
