import { useId } from 'react'
import { useEditor, useValue } from 'tldraw'
import { PhaseList } from './PhaseList.tsx'
import {
  addTemplateTimeline,
  findBoardTimeline,
  fitTimelineInView,
  setTimelineLocked,
  updateTimelineProps,
} from './timeline-editing.ts'
import { lockProtects } from './timeline-guard.ts'
import type { TimelineShape } from './timeline-shape.ts'
import './timeline-panel.css'

/**
 * The facilitator's timeline editor, the body of the cockpit's Timeline section (the cockpit
 * folds it and remembers whether it is open).
 */
export function TimelineEditor() {
  const editor = useEditor()
  const timeline = useValue('board timeline', () => findBoardTimeline(editor), [editor])
  if (timeline !== undefined) return <TimelineForm timeline={timeline} />
  return (
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
  )
}

function TimelineForm({ timeline }: { timeline: TimelineShape }) {
  const editor = useEditor()
  const { id, isLocked, props } = timeline
  const lockStatusId = useId()
  return (
    <div className="timeline-panel__body" data-locked={isLocked}>
      {/* First in the panel, so what the lock protects is read before the fields it disables. */}
      <div className="timeline-panel__lock-row">
        <button
          type="button"
          className="timeline-panel__button timeline-panel__lock"
          data-testid="timeline-lock"
          aria-pressed={isLocked}
          aria-describedby={lockStatusId}
          onClick={() => setTimelineLocked(editor, id, !isLocked)}
        >
          {/* One name in both states: aria-pressed tells which (a toggle's name must not flip). */}
          <LockGlyph locked={isLocked} /> Lock timeline
        </button>
        <p
          className="timeline-panel__lock-status"
          id={lockStatusId}
          data-testid="timeline-lock-status"
        >
          {isLocked ? `${lockProtects} Press “Lock timeline” again to unlock.` : lockOffers}
        </p>
      </div>
      {/* A disabled fieldset disables every input and button in it, the phase list's too. */}
      <fieldset
        className="timeline-panel__fields"
        data-testid="timeline-fields"
        disabled={isLocked}
        aria-describedby={isLocked ? lockStatusId : undefined}
      >
        <legend className="timeline-panel__legend">Phases and labels</legend>
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
              onChange={(event) =>
                updateTimelineProps(editor, id, { endLabel: event.target.value })
              }
            />
          </label>
        </div>
        <PhaseList timelineId={id} />
      </fieldset>
      <div className="timeline-panel__footer">
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

/** What locking would do, said while it is unlocked. */
const lockOffers =
  'Lock it when the phases are settled: nobody can then rename, reorder, resize, move or ' +
  'delete them, you included, until you unlock it.'

function LockGlyph({ locked }: { locked: boolean }) {
  return (
    <svg className="timeline-panel__lock-glyph" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d={
          locked
            ? 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V7a3 3 0 0 0-6 0z'
            : 'M9 10h9a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1V7a5 5 0 0 1 9.6-2l-1.8.9A3 3 0 0 0 9 7z'
        }
        fill="currentColor"
      />
    </svg>
  )
}
