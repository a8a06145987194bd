/**
 * Dot voting. The facilitator opens a vote with a budget of dots per
 * participant; each participant writes only their own entry in the `votes`
 * map; others' dots are hidden in the UI until the vote is closed.
 */

export const defaultDotBudget = 5

export interface VoteSession {
  status: 'idle' | 'open' | 'closed'
  budget: number
  /** Increases each time a vote is opened, so dots from an earlier round do not count. */
  round: number
}

export interface ParticipantVotes {
  participantName: string
  round: number
  /** Dots per target (cluster id or pain-point sticky id). */
  dots: Record<string, number>
}

/** Session map key holding the VoteSession. */
export const voteSessionKey = 'vote'

export function readVoteSession(value: unknown): VoteSession {
  if (typeof value !== 'object' || value === null)
    return { status: 'idle', budget: defaultDotBudget, round: 0 }
  const v = value as Record<string, unknown>
  const status = v.status === 'open' || v.status === 'closed' ? v.status : 'idle'
  const budget =
    typeof v.budget === 'number' && Number.isInteger(v.budget) && v.budget > 0 && v.budget <= 100
      ? v.budget
      : defaultDotBudget
  const round =
    typeof v.round === 'number' && Number.isInteger(v.round) && v.round >= 0 ? v.round : 0
  return { status, budget, round }
}

export function readParticipantVotes(value: unknown, round: number): ParticipantVotes | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (v.round !== round || typeof v.dots !== 'object' || v.dots === null) return null
  const dots: Record<string, number> = {}
  for (const [target, count] of Object.entries(v.dots as Record<string, unknown>)) {
    if (typeof count === 'number' && Number.isInteger(count) && count > 0) dots[target] = count
  }
  return {
    participantName: typeof v.participantName === 'string' ? v.participantName : '',
    round,
    dots,
  }
}

export function dotsUsed(votes: ParticipantVotes | null): number {
  if (!votes) return 0
  return Object.values(votes.dots).reduce((sum, n) => sum + n, 0)
}

export type VoteResult = { ok: true; votes: ParticipantVotes } | { ok: false; reason: string }

/**
 * Adds (delta 1) or takes back (delta -1) one dot on a target. Rejected when
 * the vote is not open, when it would exceed the budget, or take back a dot
 * that is not there.
 */
export function castVote(
  session: VoteSession,
  current: ParticipantVotes | null,
  participantName: string,
  targetId: string,
  delta: 1 | -1,
): VoteResult {
  if (session.status !== 'open') return { ok: false, reason: 'The vote is not open.' }
  const votes: ParticipantVotes =
    current && current.round === session.round
      ? { ...current, participantName, dots: { ...current.dots } }
      : { participantName, round: session.round, dots: {} }
  const onTarget = votes.dots[targetId] ?? 0
  if (delta === 1 && dotsUsed(votes) >= session.budget) {
    return { ok: false, reason: `You have used all ${session.budget} dots.` }
  }
  if (delta === -1 && onTarget === 0) return { ok: false, reason: 'There is no dot to take back.' }
  const next = onTarget + delta
  if (next === 0) delete votes.dots[targetId]
  else votes.dots[targetId] = next
  return { ok: true, votes }
}

/**
 * Totals per target across participants. Entries beyond a participant's budget
 * (written by an old or modified client) are capped, so the totals never count
 * more dots than the budget allows.
 */
export function voteTotals(session: VoteSession, entries: Iterable<unknown>): Map<string, number> {
  const totals = new Map<string, number>()
  for (const entry of entries) {
    const votes = readParticipantVotes(entry, session.round)
    if (!votes) continue
    let left = session.budget
    for (const target of Object.keys(votes.dots).sort()) {
      const counted = Math.min(left, votes.dots[target] ?? 0)
      left -= counted
      if (counted > 0) totals.set(target, (totals.get(target) ?? 0) + counted)
    }
  }
  return totals
}
