import { describe, expect, it } from 'vitest'
import { compareRank, type ScoreInput, scoreParts, scoreReason } from './score.ts'

const base: ScoreInput = {
  value: 3,
  valueSource: 'default',
  effort: 3,
  effortSource: 'default',
  votes: 0,
  evidence: 1,
  authors: 1,
  phases: 1,
}

describe('scoreParts', () => {
  it.each([
    ['an unassessed single pain point', {}, 3.52, 1.17],
    ['value 5, effort 1', { value: 5, effort: 1 }, 5.87, 5.87],
    ['value 5, effort 5', { value: 5, effort: 5 }, 5.87, 1.17],
    ['7 votes', { votes: 7 }, 6.64, 2.21],
    ['5 pain points from 3 people in 2 phases', { evidence: 5, authors: 3, phases: 2 }, 5.24, 1.75],
  ] as [string, Partial<ScoreInput>, number, number][])(
    '%s',
    (_name, overrides, weighted, score) => {
      const parts = scoreParts({ ...base, ...overrides })
      expect(parts.weightedValue).toBeCloseTo(weighted, 1)
      expect(parts.score).toBeCloseTo(score, 1)
    },
  )

  it('raises value with votes, evidence and breadth, and divides by effort', () => {
    const s = (o: Partial<ScoreInput>) => scoreParts({ ...base, ...o }).score
    expect(s({ votes: 3 })).toBeGreaterThan(s({ votes: 1 }))
    expect(s({ evidence: 4 })).toBeGreaterThan(s({ evidence: 2 }))
    expect(s({ authors: 3 })).toBeGreaterThan(s({ authors: 1 }))
    expect(s({ phases: 3 })).toBeGreaterThan(s({ phases: 1 }))
    expect(s({ effort: 1 })).toBeGreaterThan(s({ effort: 2 }))
    // Diminishing returns: the first vote is worth more than the tenth.
    expect(s({ votes: 1 }) - s({ votes: 0 })).toBeGreaterThan(s({ votes: 10 }) - s({ votes: 9 }))
  })

  it('never divides by less than 1', () => {
    expect(scoreParts({ ...base, effort: 0 }).score).toBe(scoreParts({ ...base, effort: 1 }).score)
  })
})

describe('compareRank', () => {
  const item = (itemId: string, o: Partial<ScoreInput>) => ({
    itemId,
    score: scoreParts({ ...base, ...o }),
  })

  it.each([
    ['higher score first', item('b', { value: 5 }), item('a', { value: 2 })],
    [
      'equal score: more votes first',
      item('b', { votes: 2, value: 2 }),
      item('a', { votes: 0, value: 2.7 }),
    ],
    ['equal everything: smaller item id first', item('a', {}), item('b', {})],
  ])('%s', (_name, first, second) => {
    expect(compareRank(first, second)).toBeLessThan(0)
    expect(compareRank(second, first)).toBeGreaterThan(0)
  })

  it('gives the same order whatever the input order', () => {
    const items = [item('c', { votes: 1 }), item('a', {}), item('b', { value: 5 }), item('d', {})]
    const sorted = [...items].sort(compareRank).map((i) => i.itemId)
    expect(
      [...items]
        .reverse()
        .sort(compareRank)
        .map((i) => i.itemId),
    ).toEqual(sorted)
    expect(sorted).toEqual(['b', 'c', 'a', 'd'])
  })
})

describe('scoreReason', () => {
  it('explains every part of the score', () => {
    const reason = scoreReason(
      scoreParts({
        ...base,
        value: 4,
        valueSource: 'facilitator',
        effort: 2,
        effortSource: 'estimate',
        votes: 7,
        evidence: 5,
        authors: 3,
        phases: 2,
      }),
    )
    expect(reason).toMatch(
      /^Value 4 \(set by the facilitator\) raised by 7 votes, 5 pain points from 3 people across 2 phases to [\d.]+, divided by effort 2 \(group estimate\) = [\d.]+\.$/,
    )
  })
})
