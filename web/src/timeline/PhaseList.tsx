import type { TimelinePhase, TimelineProps } from '@stormline/shared/board/timeline'
import { useState } from 'react'
import { type Editor, type TLShapeId, useEditor, useValue } from 'tldraw'
import {
  addPhase,
  movePhase,
  newPhaseId,
  removePhase,
  renamePhase,
  setPhaseWeight,
  widthWithAddedPhase,
} from './phase-edits.ts'
import { updateTimelineProps } from './timeline-editing.ts'
import { isTimelineShape } from './timeline-shape.ts'

/** How much the − and + buttons change a phase's relative width. */
const weightStep = 0.5

/**
 * Applies an edit to the timeline as it is in the store right now rather than as last rendered,
 * so quick successive edits (typing, a peer's change in between) never work on stale phases.
 */
function editTimeline(
  editor: Editor,
  id: TLShapeId,
  edit: (props: TimelineProps) => Partial<TimelineProps>,
): void {
  const shape = editor.getShape(id)
  if (isTimelineShape(shape)) updateTimelineProps(editor, id, edit(shape.props))
}

export function PhaseList({ timelineId }: { timelineId: TLShapeId }) {
  const editor = useEditor()
  const phases = useValue('timeline phases', () => {
    const shape = editor.getShape(timelineId)
    return isTimelineShape(shape) ? shape.props.phases : []
  }, [editor, timelineId])
  // The row added last takes the focus, so "Add phase" can be followed by typing its name.
  const [addedId, setAddedId] = useState<string | null>(null)
  const edit = (fn: (props: TimelineProps) => Partial<TimelineProps>) =>
    editTimeline(editor, timelineId, fn)

  return (
    <div className="timeline-panel__phases">
      <ol className="timeline-panel__phase-list">
        {phases.map((phase, index) => (
          <PhaseRow
            key={phase.id}
            phase={phase}
            index={index}
            count={phases.length}
            autoFocus={phase.id === addedId}
            onRename={(name) => edit((p) => ({ phases: renamePhase(p.phases, index, name) }))}
            onWeight={(weight) =>
              edit((p) => ({ phases: setPhaseWeight(p.phases, index, weight) }))
            }
            onMove={(offset) => edit((p) => ({ phases: movePhase(p.phases, index, offset) }))}
            onRemove={() => edit((p) => ({ phases: removePhase(p.phases, index) }))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="timeline-panel__button"
        data-testid="phase-add"
        onClick={() => {
          const id = newPhaseId()
          setAddedId(id)
          edit((p) => ({
            phases: addPhase(p.phases, { id, name: 'New phase' }),
            w: widthWithAddedPhase(p.w, p.phases),
          }))
        }}
      >
        + Add phase
      </button>
    </div>
  )
}

interface PhaseRowProps {
  phase: TimelinePhase
  index: number
  count: number
  autoFocus: boolean
  onRename(name: string): void
  onWeight(weight: number): void
  onMove(offset: number): void
  onRemove(): void
}

function PhaseRow({ phase, index, count, autoFocus, ...on }: PhaseRowProps) {
  const label = `phase ${index + 1}`
  return (
    <li className="timeline-panel__phase">
      <span
        className="timeline-panel__swatch"
        data-parity={index % 2 === 0 ? 'even' : 'odd'}
        aria-hidden="true"
      />
      <input
        className="timeline-panel__phase-name"
        data-testid={`phase-name-${index}`}
        aria-label={`Name of ${label}`}
        value={phase.name}
        // biome-ignore lint/a11y/noAutofocus: focus follows the facilitator's own "Add phase" click
        autoFocus={autoFocus}
        onFocus={(event) => autoFocus && event.target.select()}
        onChange={(event) => on.onRename(event.target.value)}
      />
      <WeightControl index={index} weight={phase.weight} label={label} onChange={on.onWeight} />
      <button
        type="button"
        className="timeline-panel__icon"
        aria-label={`Move ${label} earlier`}
        title="Move earlier"
        disabled={index === 0}
        onClick={() => on.onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="timeline-panel__icon"
        aria-label={`Move ${label} later`}
        title="Move later"
        disabled={index === count - 1}
        onClick={() => on.onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="timeline-panel__icon timeline-panel__icon--danger"
        data-testid={`phase-remove-${index}`}
        aria-label={`Remove ${label}`}
        title={count <= 1 ? 'A timeline keeps at least one phase' : 'Remove phase'}
        disabled={count <= 1}
        onClick={on.onRemove}
      >
        ×
      </button>
    </li>
  )
}

interface WeightControlProps {
  index: number
  weight: number
  label: string
  onChange(weight: number): void
}

/** The phase's relative width: a number field with − and + beside it. */
function WeightControl({ index, weight, label, onChange }: WeightControlProps) {
  // What is being typed, so clearing the field to type a new number does not snap back.
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <span className="timeline-panel__weight" title="Relative width of the phase">
      <button
        type="button"
        className="timeline-panel__icon"
        aria-label={`Narrow ${label}`}
        onClick={() => onChange(Math.max(weightStep, weight - weightStep))}
      >
        −
      </button>
      <input
        type="number"
        inputMode="decimal"
        min={weightStep}
        step={weightStep}
        data-testid={`phase-weight-${index}`}
        aria-label={`Width of ${label}`}
        value={draft ?? String(Number(weight.toFixed(2)))}
        onChange={(event) => {
          setDraft(event.target.value)
          const value = event.target.valueAsNumber
          if (Number.isFinite(value) && value > 0) onChange(value)
        }}
        onBlur={() => setDraft(null)}
      />
      <button
        type="button"
        className="timeline-panel__icon"
        aria-label={`Widen ${label}`}
        onClick={() => onChange(weight + weightStep)}
      >
        +
      </button>
    </span>
  )
}
