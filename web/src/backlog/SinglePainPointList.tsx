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

/**
 * Pain points in no cluster that are not ranked. While a vote is open they take dots (and join
 * the ranking if they get any once it closes); otherwise they are listed as "Not voted yet", as
 * in the exports, so nobody's pain point silently drops out of the backlog.
 */
export function SinglePainPointList({
  painPoints,
  votes,
  canVote,
  anonymous,
  onVote,
  onFocus,
}: SinglePainPointListProps) {
  if (painPoints.length === 0) return null
  const voting = votes.status === 'open'
  return (
    <section
      className="stormline-backlog__singles"
      data-testid={voting ? 'single-pain-points' : 'backlog-unranked'}
      aria-labelledby="stormline-backlog-singles-heading"
    >
      <h3 id="stormline-backlog-singles-heading">
        {voting ? 'Single pain points' : 'Not voted yet'}
      </h3>
      <p className="stormline-backlog__hint">
        {voting
          ? 'In no cluster: dots on them count once the vote closes.'
          : 'In no cluster, without votes or an assessment: not ranked, but kept in the exports.'}
      </p>
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
              {p.needsDeepDive && (
                <span className="stormline-single__flag"> · needs deep-dive</span>
              )}
            </span>
            {voting && <VoteDots targetId={p.id} view={votes} onVote={onVote} canVote={canVote} />}
          </li>
        ))}
      </ul>
    </section>
  )
}
