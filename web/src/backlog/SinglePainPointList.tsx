import type { SinglePainPoint } from './single-pain-points.ts'
import { VoteDots } from './VoteDots.tsx'
import type { VoteView } from './vote-view.ts'

interface SinglePainPointListProps {
  painPoints: SinglePainPoint[]
  votes: VoteView
  canVote: boolean
  anonymous: boolean
  onVote(targetId: string, delta: 1 | -1): void
  onFocus(stickyId: string): void
}

/** Unclustered pain points during a vote: they can get dots too, and join the backlog if they do. */
export function SinglePainPointList({
  painPoints,
  votes,
  canVote,
  anonymous,
  onVote,
  onFocus,
}: SinglePainPointListProps) {
  if (painPoints.length === 0) return null
  return (
    <section className="stormline-backlog__singles" data-testid="single-pain-points">
      <h3>Single pain points</h3>
      <ul>
        {painPoints.map((p) => (
          <li key={p.id} className="stormline-single" data-target-id={p.id}>
            <button
              type="button"
              className="stormline-item__title"
              onClick={() => onFocus(p.id)}
              title="Show on the board"
            >
              {p.text || 'Untitled pain point'}
            </button>
            <span className="stormline-item__meta">
              {anonymous ? '' : `${p.authorName ?? 'Unknown'} · `}
              {p.phaseName ?? 'off the timeline'}
            </span>
            <VoteDots targetId={p.id} view={votes} onVote={onVote} canVote={canVote} />
          </li>
        ))}
      </ul>
    </section>
  )
}
