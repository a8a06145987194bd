import { readParticipantVotes, type VoteSession, voteTotals } from './voting.ts'

/**
 * The outcome of a closed dot vote, as the server publishes it (ADR 0013). While a vote is open
 * each person's dots live only in their private document; when the facilitator closes the vote
 * the server counts every member's dots of that round (each capped at the budget) and writes
 * this one value into the board's `session` map under `voteResultKey`. Clients cannot write it.
 */
export interface VoteResult {
  round: number
  budget: number
  /** People who gave at least one dot. */
  voters: number
  /** Dots per target (cluster id or pain-point sticky id). */
  dots: Record<string, number>
}

/** Session map key holding the VoteResult of the last closed vote. */
export const voteResultKey = 'voteResult'

export function readVoteResult(value: unknown): VoteResult | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  const int = (x: unknown): number | null =>
    typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : null
  const round = int(v.round)
  const budget = int(v.budget)
  const voters = int(v.voters)
  if (round === null || budget === null || voters === null) return null
  if (typeof v.dots !== 'object' || v.dots === null || Array.isArray(v.dots)) return null
  const dots: Record<string, number> = {}
  for (const [target, count] of Object.entries(v.dots as Record<string, unknown>)) {
    const n = int(count)
    if (n !== null && n > 0) dots[target] = n
  }
  return { round, budget, voters, dots }
}

/**
 * Counts one round from each member's own votes entry (one entry per person: the private
 * documents are keyed by member, so nobody can add a second voice). Entries of other rounds
 * are ignored; dots beyond the budget are capped as in voteTotals.
 */
export function computeVoteResult(session: VoteSession, entries: Iterable<unknown>): VoteResult {
  const list = [...entries]
  const totals = voteTotals(session, list)
  let voters = 0
  for (const entry of list) {
    const votes = readParticipantVotes(entry, session.round)
    if (votes && Object.keys(votes.dots).length > 0) voters++
  }
  return {
    round: session.round,
    budget: session.budget,
    voters,
    dots: Object.fromEntries([...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
  }
}

/** The published totals of this session's round, or null while it is open or not yet counted. */
export function closedVoteTotals(
  session: VoteSession,
  result: VoteResult | null,
): Map<string, number> | null {
  if (session.status !== 'closed' || result === null || result.round !== session.round) return null
  return new Map(Object.entries(result.dots))
}
