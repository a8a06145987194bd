import { type Assessment, type Ballot, disagreementSpread, isScale } from './assessment.ts'
import type { EstimateSummary } from './backlog-types.ts'

export function readAssessment(value: unknown): Assessment | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const c =
    typeof v.classification === 'object' && v.classification !== null
      ? (v.classification as Record<string, unknown>)
      : {}
  return {
    mode: v.mode === 'poker' ? 'poker' : 'facilitator',
    value: isScale(v.value) ? v.value : null,
    effort: isScale(v.effort) ? v.effort : null,
    revealed: v.revealed === true,
    classification: {
      urgency: c.urgency === 'forced' || c.urgency === 'discretionary' ? c.urgency : null,
      horizon: c.horizon === 'short-term' || c.horizon === 'long-term' ? c.horizon : null,
    },
  }
}

export function readBallot(value: unknown): Ballot | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.targetId !== 'string' || typeof v.participantId !== 'string') return null
  return {
    targetId: v.targetId,
    participantId: v.participantId,
    participantName: typeof v.participantName === 'string' ? v.participantName : '',
    value: isScale(v.value) ? v.value : null,
    effort: isScale(v.effort) ? v.effort : null,
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const m =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  return m
}

function spread(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values) - Math.min(...values)
}

/**
 * Median and spread of a target's ballots. Until the facilitator reveals them
 * only the number of ballots is known, so nobody anchors on others' numbers.
 */
export function summariseBallots(ballots: readonly Ballot[], revealed: boolean): EstimateSummary {
  const values = ballots.flatMap((b) => (b.value === null ? [] : [b.value]))
  const efforts = ballots.flatMap((b) => (b.effort === null ? [] : [b.effort]))
  if (!revealed) {
    return {
      ballots: ballots.length,
      revealed: false,
      valueMedian: null,
      valueSpread: null,
      effortMedian: null,
      effortSpread: null,
      disagreement: false,
    }
  }
  const valueSpread = spread(values)
  const effortSpread = spread(efforts)
  return {
    ballots: ballots.length,
    revealed: true,
    valueMedian: median(values),
    valueSpread,
    effortMedian: median(efforts),
    effortSpread,
    disagreement:
      (valueSpread ?? 0) >= disagreementSpread || (effortSpread ?? 0) >= disagreementSpread,
  }
}
