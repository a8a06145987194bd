import type { Tally } from '@stormline/shared/api/types'
import { type Ballot, ballotKey, isScale } from '@stormline/shared/backlog/assessment'
import type { EstimateSummary } from '@stormline/shared/backlog/backlog-types'
import { readAssessment, readBallot } from '@stormline/shared/backlog/estimates'
import { effortLabel, formatRating } from './rating-choices.ts'

/**
 * What a person sees of a target's planning-poker round (ADR 0013): their own ballot (from their
 * private document), before the reveal only the facilitator's count of who has estimated (from
 * the server's tally, so they know when to reveal), and everyone's numbers once revealed (the
 * server copies the ballots into the board then). Seeing others' numbers first would anchor
 * the estimate.
 */

/** My ballot for one target, as my private document's `ballots` map holds it. */
export interface MyBallot {
  value: number | null
  effort: number | null
}

export interface PokerView {
  mine: MyBallot | null
  /**
   * Before the reveal, for the facilitator only: how many have estimated, and their names
   * (none on an anonymous board). Null: this viewer may not know, or the counts are loading.
   */
  estimators: { count: number; names: string[] } | null
  /** Every ballot with its numbers, in name order; empty until revealed. */
  revealedBallots: Ballot[]
}

export function readMyBallot(value: unknown): MyBallot | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  const ballot = {
    value: isScale(v.value) ? v.value : null,
    effort: isScale(v.effort) ? v.effort : null,
  }
  return ballot.value === null && ballot.effort === null ? null : ballot
}

export interface PokerInputs {
  /** The board's `ballots` map: the revealed targets' ballots, written by the server. */
  shared: Readonly<Record<string, unknown>>
  /** My private document's `ballots` map. */
  mine: Readonly<Record<string, unknown>>
  /** The facilitator's live counts; null for everyone else. */
  tally: Tally | null
}

export function pokerView(inputs: PokerInputs, targetId: string, revealed: boolean): PokerView {
  const revealedBallots = revealed
    ? Object.entries(inputs.shared)
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
    : []
  const counted = revealed ? undefined : inputs.tally?.ballots[targetId]
  const estimators =
    inputs.tally === null || revealed
      ? null
      : {
          count: counted?.count ?? 0,
          names: (counted?.names ?? []).map((name) => name || 'Anonymous'),
        }
  return { mine: readMyBallot(inputs.mine[targetId]), estimators, revealedBallots }
}

/** Whether any target has a planning-poker round whose ballots are still hidden. */
export function hasHiddenPokerRound(assessments: Readonly<Record<string, unknown>>): boolean {
  return Object.values(assessments).some((raw) => {
    const assessment = readAssessment(raw)
    return assessment?.mode === 'poker' && !assessment.revealed
  })
}

/** One line for a revealed round: medians with their spread. */
export function describeEstimate(summary: EstimateSummary): string {
  if (!summary.revealed) return estimatesInText(summary.ballots)
  const spread = (n: number | null): string => (n === null ? '' : `, spread ${n}`)
  return (
    `Value median ${formatRating(summary.valueMedian)}${spread(summary.valueSpread)} · ` +
    `effort median ${formatRating(summary.effortMedian)}${spread(summary.effortSpread)}`
  )
}

function estimatesInText(count: number): string {
  return `${count} ${count === 1 ? 'estimate' : 'estimates'} in, hidden until revealed`
}

/**
 * The round's line under the ballot: the medians once revealed; before that the facilitator's
 * count, and for everyone else only whether their own estimate is in.
 */
export function pokerStatusText(
  estimate: EstimateSummary | null,
  view: PokerView,
  revealed: boolean,
): string {
  if (revealed && estimate?.revealed) return describeEstimate(estimate)
  if (revealed) return 'Revealing the estimates…'
  if (view.estimators !== null) return estimatesInText(view.estimators.count)
  return view.mine === null
    ? 'Estimates hidden until revealed'
    : 'Your estimate is in; everyone’s are hidden until revealed'
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
