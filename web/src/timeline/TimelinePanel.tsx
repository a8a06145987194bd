import { useRef, useState } from 'react'
import { useEditor, usePassThroughWheelEvents, useValue } from 'tldraw'
import { useIsFacilitator } from '../facilitation/facilitator-role.ts'
import { PhaseList } from './PhaseList.tsx'
import {
  addTemplateTimeline,
  findBoardTimeline,
  fitTimelineInView,
  setTimelineLocked,
  updateTimelineProps,
} from './timeline-editing.ts'
import type { TimelineShape } from './timeline-shape.ts'
import './timeline-panel.css'

/** The facilitator's timeline editor: a collapsible panel under tldraw's menu. */
export function TimelinePanel() {
  const isFacilitator = useIsFacilitator()
  return isFacilitator ? <FacilitatorTimelinePanel /> : null
}

function FacilitatorTimelinePanel() {
  const editor = useEditor()
  const [open, setOpen] = useState(false)
  const timeline = useValue('board timeline', () => findBoardTimeline(editor), [editor])
  const ref = useRef<HTMLElement>(null)
  // Scrolling over the panel pans and zooms the board, as over tldraw's own panels.
  usePassThroughWheelEvents(ref)
  return (
    <section className="timeline-panel" aria-label="Timeline" ref={ref}>
      <button
        type="button"
        className="timeline-panel__toggle"
        data-testid="timeline-edit-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Timeline
      </button>
      {open &&
        (timeline === undefined ? (
          <div className="timeline-panel__body">
            <p className="timeline-panel__hint">This board has no timeline.</p>
            <button
              type="button"
              className="timeline-panel__button"
              data-testid="timeline-add"
              onClick={() => addTemplateTimeline(editor)}
            >
              Add timeline
            </button>
          </div>
        ) : (
          <TimelineForm timeline={timeline} />
        ))}
    </section>
  )
}

function TimelineForm({ timeline }: { timeline: TimelineShape }) {
  const editor = useEditor()
  const { id, isLocked, props } = timeline
  return (
    <div className="timeline-panel__body">
      <div className="timeline-panel__ends">
        <label className="timeline-panel__field">
          <span>Start</span>
          <input
            data-testid="timeline-start-label"
            value={props.startLabel}
            onChange={(event) =>
              updateTimelineProps(editor, id, { startLabel: event.target.value })
            }
          />
        </label>
        <label className="timeline-panel__field">
          <span>End</span>
          <input
            data-testid="timeline-end-label"
            value={props.endLabel}
            onChange={(event) => updateTimelineProps(editor, id, { endLabel: event.target.value })}
          />
        </label>
      </div>
      <PhaseList timelineId={id} />
      <div className="timeline-panel__footer">
        <button
          type="button"
          className="timeline-panel__button timeline-panel__lock"
          data-testid="timeline-lock"
          aria-pressed={isLocked}
          title={
            isLocked
              ? 'Nobody can move, resize or select the timeline on the board'
              : 'Lock it so nobody moves the timeline by accident'
          }
          onClick={() => setTimelineLocked(editor, id, !isLocked)}
        >
          {isLocked ? 'Timeline locked' : 'Lock timeline'}
        </button>
        <button
          type="button"
          className="timeline-panel__button timeline-panel__button--quiet"
          onClick={() => fitTimelineInView(editor, id, { animate: true })}
        >
          Show on board
        </button>
      </div>
    </div>
  )
}
