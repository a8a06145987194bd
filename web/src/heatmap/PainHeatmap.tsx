import { painHeat } from '@stormline/shared/board/pain-heat'
import { readBoard } from '@stormline/shared/board/read-board'
import { useMemo } from 'react'
import { type TLShapeId, useEditor, useValue } from 'tldraw'
import { useBoardMaps } from '../backlog/use-board-maps.ts'
import { useVoteSources } from '../backlog/use-vote-sources.ts'
import { voteView } from '../backlog/vote-view.ts'
import { useBoardUi } from '../board/board-context.ts'
import { useCanEdit } from '../facilitation/facilitator-role.ts'
import { heatmapSetting } from './heatmap-setting.ts'
import {
  heatColumns,
  heatFill,
  heatFontSize,
  heatLabel,
  heatVotesOf,
  hotSteps,
} from './heatmap-view.ts'
import './heatmap.css'

/**
 * The pain heat-map on the canvas (tldraw's OnTheCanvas layer, page space), when this browser
 * has it switched on: each phase's column shaded by its pain (pain points plus votes), its counts
 * at the top of the column, and a count badge on each step with pain. Counting is
 * shared/src/board/pain-heat.ts; votes are the closed vote's totals, or only my own dots while
 * a vote is open (never the others' running counts).
 */
export function PainHeatmap() {
  const on = useValue('heat-map on', () => heatmapSetting().get(), [])
  return on ? <PainHeatmapLayer /> : null
}

function PainHeatmapLayer() {
  const editor = useEditor()
  const { doc } = useBoardUi().connection
  const maps = useBoardMaps(doc)
  // A viewer has no dots of their own: during a vote their heat-map counts pain points only.
  const canEdit = useCanEdit()
  const model = useMemo(() => readBoard(maps.records, maps.session), [maps.records, maps.session])
  // Like the board itself, never the running counts while the vote is open.
  const { session, sources } = useVoteSources(doc, false)
  const votes = useMemo(
    () => heatVotesOf(voteView(session, sources, { isFacilitator: false }), canEdit),
    [session, sources, canEdit],
  )
  const heat = useMemo(
    () => painHeat(model, maps.clusters, votes.counts),
    [model, maps.clusters, votes],
  )
  const columns = useMemo(() => heatColumns(model, heat), [model, heat])
  const zoom = useValue('zoom', () => editor.getZoomLevel(), [editor])
  const fontSize = heatFontSize(zoom)
  // Badges follow the steps' live bounds, so they stay on a step while it is dragged.
  const steps = useValue(
    'hot steps',
    () =>
      hotSteps(heat).flatMap((step) => {
        const bounds = editor.getShapePageBounds(step.stepId as TLShapeId)
        const shape = editor.getShape(step.stepId as TLShapeId)
        if (bounds === undefined || shape === undefined) return []
        if (editor.getAncestorPageId(shape) !== editor.getCurrentPageId()) return []
        return [{ ...step, x: bounds.x, y: bounds.y }]
      }),
    [editor, heat],
  )
  const pageId = useValue('current page', () => editor.getCurrentPageId(), [editor])
  // The columns belong to the timeline's page; other pages show only their steps' badges.
  const shown = model.timeline?.pageId === pageId ? columns : []

  return (
    <>
      {shown.map((column) => (
        <div
          key={column.phaseId}
          className="stormline-heat-column"
          aria-hidden="true"
          style={{
            transform: `translate(${column.x}px, ${column.y}px)`,
            width: column.w,
            height: column.h,
            background: heatFill(column.intensity),
          }}
        />
      ))}
      {shown.map((column) => (
        <div
          key={column.phaseId}
          className="stormline-heat-phase"
          data-testid="heatmap-phase"
          data-phase-id={column.phaseId}
          data-pain={column.pain}
          data-votes={column.votes}
          data-intensity={column.intensity.toFixed(2)}
          style={{
            transform: `translate(${column.x + column.w / 2}px, ${column.countsY}px) translate(-50%, 0.3em)`,
            // Within its own column, so neighbouring phases never overlap.
            maxWidth: column.w * 0.94,
            fontSize,
          }}
        >
          <span className="stormline-heat-phase__name">{column.name}</span>
          <span className="stormline-heat-phase__counts">
            {heatLabel(column.pain, column.votes, votes.source)}
          </span>
        </div>
      ))}
      {steps.map((step) => (
        <div
          key={step.stepId}
          className="stormline-heat-step"
          data-testid="heatmap-step"
          data-step-id={step.stepId}
          data-pain={step.pain}
          data-votes={step.votes}
          style={{
            transform: `translate(${step.x}px, ${step.y}px) translate(-0.4em, -60%)`,
            fontSize,
          }}
        >
          {heatLabel(step.pain, step.votes, votes.source)}
        </div>
      ))}
    </>
  )
}
