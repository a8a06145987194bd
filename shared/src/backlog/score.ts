import type { ScoreParts } from './backlog-types.ts'

/**
 * The backlog's scoring formula, favouring the most value for the least
 * effort:
 *
 *   weightedValue = value × (1 + 0.5·ln(1+votes) + 0.25·ln(1+painPoints)
 *                              + 0.1·(authors−1) + 0.1·(phases−1))
 *   score         = weightedValue ÷ effort
 *
 * value and effort are 1–5 (effort sizes S/M/L/XL count 1/2/3/5); both default
 * to a neutral 3 until someone assesses them. Votes and evidence raise value
 * with diminishing returns (the tenth vote adds less than the first); breadth
 * (more people, more phases) raises it linearly but gently. Documented in the
 * README; changing it changes every ranking, so its table tests pin it.
 */
export const scoringWeights = { votes: 0.5, evidence: 0.25, authors: 0.1, phases: 0.1 } as const
export const neutralRating = 3

export interface ScoreInput {
  value: number
  valueSource: ScoreParts['valueSource']
  effort: number
  effortSource: ScoreParts['effortSource']
  votes: number
  evidence: number
  authors: number
  phases: number
}

const round2 = (n: number): number => Math.round(n * 100) / 100

export function scoreParts(input: ScoreInput): ScoreParts {
  const boost =
    scoringWeights.votes * Math.log1p(Math.max(0, input.votes)) +
    scoringWeights.evidence * Math.log1p(Math.max(0, input.evidence)) +
    scoringWeights.authors * Math.max(0, input.authors - 1) +
    scoringWeights.phases * Math.max(0, input.phases - 1)
  const weightedValue = input.value * (1 + boost)
  return {
    ...input,
    weightedValue: round2(weightedValue),
    score: round2(weightedValue / Math.max(1, input.effort)),
  }
}

export interface Rankable {
  itemId: string
  score: ScoreParts
}

/**
 * Highest score first; ties go to more votes, then more evidence, then less
 * effort, then the item id, so a ranking never depends on input order.
 */
export function compareRank(a: Rankable, b: Rankable): number {
  return (
    b.score.score - a.score.score ||
    b.score.votes - a.score.votes ||
    b.score.evidence - a.score.evidence ||
    a.score.effort - b.score.effort ||
    (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
  )
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

const sourceLabel = {
  facilitator: 'set by the facilitator',
  estimate: 'group estimate',
  default: 'not assessed yet',
}

/** One sentence explaining a score, for the backlog panel and the exports. */
export function scoreReason(parts: ScoreParts): string {
  return (
    `Value ${parts.value} (${sourceLabel[parts.valueSource]}) raised by ${plural(parts.votes, 'vote')}, ` +
    `${plural(parts.evidence, 'pain point')} from ${plural(parts.authors, 'person')} ` +
    `across ${plural(parts.phases, 'phase')} to ${parts.weightedValue}, ` +
    `divided by effort ${parts.effort} (${sourceLabel[parts.effortSource]}) = ${parts.score}.`
  )
    .replace('1 persons', '1 person')
    .replace(/(\d+) persons/, '$1 people')
}
