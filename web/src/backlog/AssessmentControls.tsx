import type { Assessment } from '@stormline/shared/backlog/assessment'
import type { EstimateSummary } from '@stormline/shared/backlog/backlog-types'
import type { AssessmentPatch } from './assessment-store.ts'
import { type PokerView, pokerStatusText } from './poker-view.ts'
import { RatingSelect } from './RatingSelect.tsx'
import { effortLabel, formatRating } from './rating-choices.ts'

interface AssessmentControlsProps {
  targetId: string
  assessment: Assessment
  estimate: EstimateSummary | null
  /** My own ballot, the facilitator's count before the reveal, everyone's after it. */
  poker: PokerView
  facilitator: boolean
  /** Viewers see the assessment and the revealed estimate but cast no ballot. */
  canEdit: boolean
  onAssess(patch: AssessmentPatch): void
  onBallot(patch: { value?: number | null; effort?: number | null }): void
}

/**
 * Value and effort of a backlog item: set by the facilitator, or — in planning-poker mode —
 * estimated privately by everyone and revealed by the facilitator.
 */
export function AssessmentControls(props: AssessmentControlsProps) {
  const { targetId, assessment, facilitator, onAssess } = props
  const poker = assessment.mode === 'poker'
  return (
    <div className="stormline-assess">
      {poker ? (
        <PokerRound {...props} />
      ) : facilitator ? (
        <>
          <RatingSelect
            label="Value"
            scale="value"
            rating={assessment.value}
            onChange={(value) => onAssess({ value })}
            testId={`value-${targetId}`}
          />
          <RatingSelect
            label="Effort"
            scale="effort"
            rating={assessment.effort}
            onChange={(effort) => onAssess({ effort })}
            testId={`effort-${targetId}`}
          />
        </>
      ) : (
        <span className="stormline-assess__readout">
          {assessment.value === null && assessment.effort === null
            ? 'Value and effort not assessed yet'
            : `Value ${formatRating(assessment.value)} · effort ${effortLabel(assessment.effort)}`}
        </span>
      )}
      {facilitator && (
        <label className="stormline-assess__toggle">
          <input
            type="checkbox"
            checked={poker}
            onChange={(event) =>
              onAssess({ mode: event.target.checked ? 'poker' : 'facilitator', revealed: false })
            }
            data-testid={`poker-${targetId}`}
          />
          Poker
        </label>
      )}
    </div>
  )
}

function PokerRound({
  targetId,
  assessment,
  estimate,
  poker,
  facilitator,
  canEdit,
  onAssess,
  onBallot,
}: AssessmentControlsProps) {
  const myBallot = poker.mine
  // The board's summary counts only revealed ballots (the server publishes them at the reveal).
  const revealed = assessment.revealed && estimate?.revealed === true
  return (
    <div className="stormline-poker" data-testid={`poker-round-${targetId}`}>
      {canEdit && (
        <div className="stormline-poker__ballot">
          <span className="stormline-poker__label">Your estimate</span>
          <RatingSelect
            label="Value"
            scale="value"
            rating={myBallot?.value ?? null}
            onChange={(value) => onBallot({ value })}
            testId={`ballot-value-${targetId}`}
          />
          <RatingSelect
            label="Effort"
            scale="effort"
            rating={myBallot?.effort ?? null}
            onChange={(effort) => onBallot({ effort })}
            testId={`ballot-effort-${targetId}`}
          />
        </div>
      )}
      <div className="stormline-poker__result">
        <span data-testid={`estimate-${targetId}`} data-revealed={revealed}>
          {pokerStatusText(estimate, poker, assessment.revealed)}
        </span>
        {estimate?.disagreement && (
          <span
            className="stormline-badge stormline-badge--warning"
            title="The estimates are far apart: talk it through before trusting the median."
            data-testid={`discuss-${targetId}`}
          >
            discuss
          </span>
        )}
        {facilitator && (
          <button
            type="button"
            className="stormline-button"
            onClick={() => onAssess({ revealed: !assessment.revealed })}
            data-testid={`reveal-${targetId}`}
          >
            {assessment.revealed ? 'Hide' : 'Reveal'}
          </button>
        )}
      </div>
    </div>
  )
}
