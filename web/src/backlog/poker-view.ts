import { type Ballot, ballotKey } from '@stormline/shared/backlog/assessment'
import type { EstimateSummary } from '@stormline/shared/backlog/backlog-types'
import { readBallot } from '@stormline/shared/backlog/estimates'
import { effortLabel, formatRating } from './rating-choices.ts'

/**
 * What a participant sees of a target's planning-poker round: their own ballot, who has
 * estimated (names only, so the facilitator knows when to reveal), and everyone's numbers only
 * once revealed — seeing others' numbers first would anchor the estimate.
 */

export interface PokerView {
  mine: Ballot | null
  estimators: string[]
  /** Every ballot with its numbers, in name order; empty until revealed. */
  revealedBallots: Ballot[]
}

export function pokerView(
  ballots: Readonly<Record<string, unknown>>,
  targetId: string,
  viewerId: string,
  revealed: boolean,
): PokerView {
  const forTarget = Object.entries(ballots)
    .flatMap(([key, value]) => {
      const ballot = readBallot(value)
      // The key decides whose ballot it is, as in buildBacklog.
      return ballot?.targetId === targetId && key === ballotKey(targetId, ballot.participantId)
        ? [ballot]
        : []
    })
    .sort(
      (a, b) =>
        a.participantName.localeCompare(b.participantName) ||
        (a.participantId < b.participantId ? -1 : 1),
    )
  return {
    mine: forTarget.find((b) => b.participantId === viewerId) ?? null,
    estimators: forTarget.map((b) => b.participantName || 'Anonymous'),
    revealedBallots: revealed ? forTarget : [],
  }
}

/** One line for a revealed round: medians with their spread. */
export function describeEstimate(summary: EstimateSummary): string {
  if (!summary.revealed) {
    return `${summary.ballots} ${summary.ballots === 1 ? 'estimate' : 'estimates'} in, hidden until revealed`
  }
  const spread = (n: number | null): string => (n === null ? '' : `, spread ${n}`)
  return (
    `Value median ${formatRating(summary.valueMedian)}${spread(summary.valueSpread)} · ` +
    `effort median ${formatRating(summary.effortMedian)}${spread(summary.effortSpread)}`
  )
}

/**
 * A revealed ballot as "Ann: value 4, effort 2 (M)"; in anonymous mode without the name, so
 * nobody is held to their number.
 */
export function describeBallot(ballot: Ballot, { anonymous = false } = {}): string {
  const numbers = `value ${formatRating(ballot.value)}, effort ${effortLabel(ballot.effort)}`
  return anonymous ? numbers : `${ballot.participantName || 'Anonymous'}: ${numbers}`
}

/** Who has estimated, when names are hidden: just how many. */
export function estimatorCount(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`
}
