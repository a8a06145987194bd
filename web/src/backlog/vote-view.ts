import type { Tally } from '@stormline/shared/api/types'
import { closedVoteTotals, type VoteResult } from '@stormline/shared/backlog/vote-result'
import {
  dotsUsed,
  readParticipantVotes,
  type VoteSession,
  voteTotals,
} from '@stormline/shared/backlog/voting'

/**
 * Who sees which dots (ADR 0013). While a vote is open each person's dots are in their own
 * private document and nowhere else: a participant sees only theirs; the facilitator sees the
 * server's running counts (GET /tally) to pace the session. Once the vote is closed everyone
 * sees the totals the server published (session.voteResult).
 */

export interface VoteSources {
  /** This person's own entry (the private document's `votes.mine`). */
  mine: unknown
  /** What the server published when the vote closed (session map, `voteResult`). */
  result: VoteResult | null
  /**
   * The shared `votes` map: a board whose vote closed before per-person identity has no
   * published result, and its dots are still there, one entry per browser.
   */
  legacy: Readonly<Record<string, unknown>>
  /** The facilitator's live counts while the vote is open; null when not (yet) polled. */
  live: Tally['vote'] | null
}

export interface VoteViewer {
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
  /** How many people gave a dot, when the totals are shown and it is known. */
  voters: number | null
}

export const noVoteSources: VoteSources = { mine: null, result: null, legacy: {}, live: null }

function legacyVoters(session: VoteSession, legacy: Readonly<Record<string, unknown>>): number {
  return Object.values(legacy).filter((entry) => {
    const votes = readParticipantVotes(entry, session.round)
    return votes !== null && Object.keys(votes.dots).length > 0
  }).length
}

/**
 * The totals of a closed vote: the published ones; for a board closed before they were
 * published, the legacy map's of that round. Null while the server is still counting (the
 * close has just arrived, the result not yet).
 */
function closedTotals(
  session: VoteSession,
  sources: VoteSources,
): { totals: ReadonlyMap<string, number>; voters: number } | null {
  const published = closedVoteTotals(session, sources.result)
  if (published !== null) return { totals: published, voters: sources.result?.voters ?? 0 }
  const voters = legacyVoters(session, sources.legacy)
  if (voters === 0) return null
  return { totals: voteTotals(session, Object.values(sources.legacy)), voters }
}

function liveTotals(
  session: VoteSession,
  live: Tally['vote'] | null,
): { totals: ReadonlyMap<string, number>; voters: number } | null {
  // A tally of another round (the poll before the vote was reopened) is not this vote's.
  if (live === null || live.status !== 'open' || live.round !== session.round) return null
  return { totals: new Map(Object.entries(live.dots)), voters: live.voters }
}

export function voteView(session: VoteSession, sources: VoteSources, viewer: VoteViewer): VoteView {
  const own = session.status === 'idle' ? null : readParticipantVotes(sources.mine, session.round)
  const used = dotsUsed(own)
  const shown =
    session.status === 'closed'
      ? closedTotals(session, sources)
      : session.status === 'open' && viewer.isFacilitator
        ? liveTotals(session, sources.live)
        : null
  return {
    status: session.status,
    budget: session.budget,
    mine: new Map(Object.entries(own?.dots ?? {})),
    used,
    remaining: Math.max(0, session.budget - used),
    totals: shown?.totals ?? null,
    voters: shown?.voters ?? null,
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

/** "3 people voted": how many took part, when this viewer may know it. */
export function votersText(view: VoteView): string | null {
  if (view.voters === null) return null
  const people = view.voters === 1 ? '1 person' : `${view.voters} people`
  return view.status === 'open' ? `${people} voting so far` : `${people} voted`
}
