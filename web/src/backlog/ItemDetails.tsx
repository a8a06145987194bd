import type { Assessment, Horizon, Urgency } from '@stormline/shared/backlog/assessment'
import type { BacklogItem } from '@stormline/shared/backlog/backlog-types'
import type { AssessmentPatch } from './assessment-store.ts'
import { describeBallot, estimatorCount, type PokerView } from './poker-view.ts'

interface ItemDetailsProps {
  item: BacklogItem
  assessment: Assessment
  poker: PokerView
  facilitator: boolean
  anonymous: boolean
  onAssess(patch: AssessmentPatch): void
}

/** The expanded part of a backlog row: the evidence and what it touches, for the discussion. */
export function ItemDetails({
  item,
  assessment,
  poker,
  facilitator,
  anonymous,
  onAssess,
}: ItemDetailsProps) {
  const notes = item.evidence.filter((e) => e.context.trim() !== '' || e.needsDeepDive)
  return (
    <div className="stormline-item__details" data-testid={`backlog-details-${item.targetId}`}>
      {facilitator && (
        <Classification
          targetId={item.targetId}
          value={assessment.classification}
          onChange={(classification) => onAssess({ classification })}
        />
      )}
      <h4>Evidence</h4>
      <ul className="stormline-item__evidence">
        {item.evidence.map((e) => (
          <li key={e.stickyId}>
            <span className="stormline-item__quote">{e.text || 'Untitled pain point'}</span>
            <span className="stormline-item__meta">
              {anonymous ? '' : `${e.authorName ?? 'Unknown'} · `}
              {e.phaseName ?? 'off the timeline'}
            </span>
          </li>
        ))}
      </ul>
      <Related label="Steps" values={item.steps} />
      <Related label="Systems" values={item.systems} />
      <Related label="Teams" values={item.teams} />
      {notes.length > 0 && (
        <>
          <h4>Deep-dive notes</h4>
          <ul className="stormline-item__evidence">
            {notes.map((e) => (
              <li key={e.stickyId}>
                {e.needsDeepDive && <span className="stormline-badge">needs deep-dive</span>}{' '}
                {e.context || <em>No notes yet.</em>}
              </li>
            ))}
          </ul>
        </>
      )}
      {poker.revealedBallots.length > 0 && (
        <>
          <h4>Estimates</h4>
          <ul className="stormline-item__evidence">
            {poker.revealedBallots.map((b) => (
              <li key={b.participantId}>{describeBallot(b, { anonymous })}</li>
            ))}
          </ul>
        </>
      )}
      {assessment.mode === 'poker' &&
        !assessment.revealed &&
        poker.estimators !== null &&
        poker.estimators.count > 0 && (
          <p className="stormline-item__meta" data-testid={`estimators-${item.targetId}`}>
            Estimated so far:{' '}
            {anonymous || poker.estimators.names.length === 0
              ? estimatorCount(poker.estimators.count)
              : poker.estimators.names.join(', ')}
          </p>
        )}
    </div>
  )
}

function Related({ label, values }: { label: string; values: string[] }) {
  if (values.length === 0) return null
  return (
    <p className="stormline-item__related">
      <span className="stormline-item__meta">{label}:</span> {values.join(' · ')}
    </p>
  )
}

const urgencies: Urgency[] = ['forced', 'discretionary']
const horizons: Horizon[] = ['short-term', 'long-term']

function Classification({
  targetId,
  value,
  onChange,
}: {
  targetId: string
  value: Assessment['classification']
  onChange(patch: Partial<Assessment['classification']>): void
}) {
  return (
    <div className="stormline-item__classification">
      <label className="stormline-rating">
        <span>Urgency</span>
        <select
          value={value.urgency ?? ''}
          onChange={(event) =>
            onChange({ urgency: urgencies.find((u) => u === event.target.value) ?? null })
          }
          data-testid={`urgency-${targetId}`}
        >
          <option value="">–</option>
          {urgencies.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label className="stormline-rating">
        <span>Horizon</span>
        <select
          value={value.horizon ?? ''}
          onChange={(event) =>
            onChange({ horizon: horizons.find((h) => h === event.target.value) ?? null })
          }
          data-testid={`horizon-${targetId}`}
        >
          <option value="">–</option>
          {horizons.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
