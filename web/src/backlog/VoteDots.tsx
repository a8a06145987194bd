import { type VoteView, voteLabel } from './vote-view.ts'

interface VoteDotsProps {
  targetId: string
  view: VoteView
  onVote(targetId: string, delta: 1 | -1): void
  /** Viewers see the counts but have no dots to cast. */
  canVote: boolean
}

/** A target's vote count as this viewer may see it, and while the vote is open, my dot buttons. */
export function VoteDots({ targetId, view, onVote, canVote }: VoteDotsProps) {
  const label = voteLabel(view, targetId)
  if (label === null) return null
  const mine = view.mine.get(targetId) ?? 0
  const voting = view.status === 'open' && canVote
  return (
    <span className="stormline-dots" data-testid={`votes-${targetId}`}>
      {voting && (
        <button
          type="button"
          className="stormline-dots__button"
          onClick={() => onVote(targetId, -1)}
          disabled={mine === 0}
          aria-label="Take back a dot"
          title="Take back a dot"
          data-testid={`vote-remove-${targetId}`}
        >
          −
        </button>
      )}
      {/* My dots at a glance; the label says the number for screen readers. */}
      <span className="stormline-dots__mine" aria-hidden>
        {'●'.repeat(Math.min(mine, 10))}
      </span>
      <span className="stormline-dots__label">{label}</span>
      {voting && (
        // Stays enabled with no dots left, so the click explains why nothing happened.
        <button
          type="button"
          className="stormline-dots__button"
          onClick={() => onVote(targetId, 1)}
          aria-label="Add a dot"
          title="Add a dot"
          data-testid={`vote-add-${targetId}`}
        >
          +
        </button>
      )}
    </span>
  )
}
