import type { BacklogItem } from '@stormline/shared/backlog/backlog-types'
import { readAssessment } from '@stormline/shared/backlog/estimates'
import { AssessmentControls } from './AssessmentControls.tsx'
import { type AssessmentPatch, unassessed } from './assessment-store.ts'
import { ItemDetails } from './ItemDetails.tsx'
import type { PokerView } from './poker-view.ts'
import { VoteDots } from './VoteDots.tsx'
import type { VoteView } from './vote-view.ts'

interface BacklogItemRowProps {
  item: BacklogItem
  rawAssessment: unknown
  poker: PokerView
  votes: VoteView
  facilitator: boolean
  canEdit: boolean
  anonymous: boolean
  expanded: boolean
  onToggle(): void
  onFocus(): void
  onVote(targetId: string, delta: 1 | -1): void
  onAssess(patch: AssessmentPatch): void
  onBallot(patch: { value?: number | null; effort?: number | null }): void
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** One ranked backlog item: why it ranks there, its dots, its value and effort, its evidence. */
export function BacklogItemRow(props: BacklogItemRowProps) {
  const { item, poker, votes, facilitator, canEdit, anonymous, expanded } = props
  const assessment = readAssessment(props.rawAssessment) ?? unassessed
  const { urgency, horizon } = item.classification
  return (
    <li
      className="stormline-item"
      data-testid={`backlog-item-${item.rank}`}
      data-target-id={item.targetId}
      data-score={item.score.score}
    >
      <div className="stormline-item__head">
        <span className="stormline-item__rank">{item.rank}</span>
        <button
          type="button"
          className="stormline-item__title"
          onClick={props.onFocus}
          title="Show on the board"
        >
          {item.title}
        </button>
        <span className="stormline-item__score" title="Score: weighted value ÷ effort">
          {item.score.score}
        </span>
      </div>
      <p className="stormline-item__reason">{item.reason}</p>
      <div className="stormline-item__facts">
        <span>{plural(item.score.evidence, 'pain point')}</span>
        {item.kind === 'pain-point' && <span className="stormline-badge">single</span>}
        {urgency && <span className="stormline-badge">{urgency}</span>}
        {horizon && <span className="stormline-badge">{horizon}</span>}
        <VoteDots targetId={item.targetId} view={votes} onVote={props.onVote} canVote={canEdit} />
      </div>
      <AssessmentControls
        targetId={item.targetId}
        assessment={assessment}
        estimate={item.estimate}
        poker={poker}
        facilitator={facilitator}
        canEdit={canEdit}
        onAssess={props.onAssess}
        onBallot={props.onBallot}
      />
      <button
        type="button"
        className="stormline-item__expand"
        aria-expanded={expanded}
        onClick={props.onToggle}
        data-testid={`backlog-expand-${item.targetId}`}
      >
        {expanded ? 'Hide details' : 'Details'}
      </button>
      {expanded && (
        <ItemDetails
          item={item}
          assessment={assessment}
          poker={poker}
          facilitator={facilitator}
          anonymous={anonymous}
          onAssess={props.onAssess}
        />
      )}
    </li>
  )
}
