import { defaultDotBudget } from '@stormline/shared/backlog/voting'
import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { voteStatusText } from '../voting-canvas/canvas-voting.ts'
import { useCanvasVoting } from '../voting-canvas/use-canvas-voting.ts'
import { useVoteSources } from './use-vote-sources.ts'
import { closeVote, openVote } from './vote-store.ts'
import { votersText, voteView } from './vote-view.ts'
import './backlog.css'

/**
 * The dot vote in the cockpit: everyone sees whether a vote is open and where to vote (on the
 * board: cluster names and pain points take dots; the backlog drawer takes them too); the
 * facilitator sets the budget, opens and closes it, and sees how many people have voted so far
 * (the server's count: nobody's dots are on the board while the vote is open).
 */
export function VoteControls({ doc, facilitator }: { doc: Y.Doc; facilitator: boolean }) {
  const voting = useCanvasVoting(doc)
  const { session, sources } = useVoteSources(doc, facilitator)
  const voters = votersText(
    useMemo(
      () => voteView(session, sources, { isFacilitator: facilitator }),
      [session, sources, facilitator],
    ),
  )
  const [budget, setBudget] = useState(String(session.budget ?? defaultDotBudget))
  const parsed = Number(budget)
  const budgetValid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 100

  return (
    <section className="stormline-vote" aria-label="Dot vote">
      <p className="stormline-vote__status" data-testid="vote-status" data-state={session.status}>
        <span className="stormline-vote__dot" style={{ flex: 'none' }} aria-hidden />
        <span>{voteStatusText(voting.view, voting.canVote)}</span>
      </p>
      {voters !== null && (
        <p className="stormline-vote__voters" data-testid="vote-voters-count">
          {voters}
        </p>
      )}
      {facilitator && session.status !== 'open' && (
        <div className="stormline-vote__controls">
          <label className="stormline-vote__budget">
            Dots each
            <input
              type="number"
              min={1}
              max={100}
              value={budget}
              onChange={(event) => setBudget(event.target.value)}
              aria-invalid={!budgetValid}
              data-testid="vote-budget"
            />
          </label>
          <button
            type="button"
            className="stormline-button stormline-button--primary"
            disabled={!budgetValid}
            onClick={() => openVote(doc, parsed)}
            data-testid="vote-open"
          >
            {session.status === 'closed' ? 'Open a new vote' : 'Open vote'}
          </button>
        </div>
      )}
      {facilitator && session.status === 'open' && (
        <div className="stormline-vote__controls">
          <button
            type="button"
            className="stormline-button"
            onClick={() => closeVote(doc)}
            data-testid="vote-close"
          >
            Close vote
          </button>
        </div>
      )}
    </section>
  )
}
