import {
  dotsUsed,
  readParticipantVotes,
  type VoteSession,
  voteTotals,
} from '@stormline/shared/backlog/voting'

/**
 * Who sees which dots. While a vote is open a participant sees only their own dots, so nobody
 * follows the crowd; the facilitator sees the running counts to pace the session. Once the vote
 * is closed everyone sees the totals.
 */

export interface VoteViewer {
  participantId: string
  isFacilitator: boolean
}

export interface VoteView {
  status: VoteSession['status']
  budget: number
  /** The viewer's own dots in the current round, per target. */
  mine: ReadonlyMap<string, number>
  used: number
  remaining: number
  /** Everyone's dots per target, or null when this viewer may not see them (yet). */
  totals: ReadonlyMap<string, number> | null
}

export function voteView(
  session: VoteSession,
  votes: Readonly<Record<string, unknown>>,
  viewer: VoteViewer,
): VoteView {
  const own =
    session.status === 'idle'
      ? null
      : readParticipantVotes(votes[viewer.participantId], session.round)
  const used = dotsUsed(own)
  const totalsVisible =
    session.status === 'closed' || (session.status === 'open' && viewer.isFacilitator)
  return {
    status: session.status,
    budget: session.budget,
    mine: new Map(Object.entries(own?.dots ?? {})),
    used,
    remaining: Math.max(0, session.budget - used),
    totals: totalsVisible ? voteTotals(session, Object.values(votes)) : null,
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The vote count a row shows to this viewer; null when there is no vote to speak of. */
export function voteLabel(view: VoteView, targetId: string): string | null {
  if (view.status === 'idle') return null
  const mine = view.mine.get(targetId) ?? 0
  if (view.totals === null) return `${plural(mine, 'dot')} from you`
  const total = view.totals.get(targetId) ?? 0
  return mine > 0 ? `${plural(total, 'vote')} (${mine} yours)` : plural(total, 'vote')
}
