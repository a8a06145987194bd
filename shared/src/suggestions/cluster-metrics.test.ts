import { describe, expect, it } from 'vitest'
import { adjustedRandIndex, coverage, partitionOf, purity } from './cluster-metrics.ts'

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition, whatever the labels are called', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b', 'c'], [2, 2, 0, 0, 1])).toBe(1)
  })

  it('matches the worked example of scikit-learn (0.5714…) and is symmetric', () => {
    // sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) == 0.5714285714285715
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12)
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12)
  })

  it('is negative for a partition worse than chance and 0 for one class against all apart', () => {
    // sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12)
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0)
  })

  it('computes a hand-counted contingency table', () => {
    // Truth: x x x y y y; groups: 0 0 0 0 1 1. Cells (x,0) = 3, (y,0) = 1, (y,1) = 2:
    // index = C(3,2) + C(1,2) + C(2,2) = 4, rows = 3 + 3 = 6, columns = C(4,2) + C(2,2) = 7,
    // expected = 6 × 7 / C(6,2) = 2.8, max = (6 + 7) / 2 = 6.5 → (4 − 2.8) / (6.5 − 2.8).
    const ari = adjustedRandIndex(['x', 'x', 'x', 'y', 'y', 'y'], [0, 0, 0, 0, 1, 1])
    expect(ari).toBeCloseTo(1.2 / 3.7, 12)
  })

  it('is 1 for trivial partitions that agree and refuses labellings of different lengths', () => {
    expect(adjustedRandIndex([0, 1, 2], [5, 6, 7])).toBe(1)
    expect(adjustedRandIndex([], [])).toBe(1)
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(/different lengths/)
  })
})

describe('partitionOf, purity and coverage', () => {
  const truth = ['a', 'a', 'a', 'b', 'b', 'one-off']

  it('gives every index outside the groups a group of its own', () => {
    expect(
      partitionOf(6, [
        [0, 1],
        [3, 4],
      ]),
    ).toEqual([0, 0, 2, 1, 1, 3])
  })

  it('purity counts the majority theme of each group over the placed pain points', () => {
    expect(
      purity(truth, [
        [0, 1, 3],
        [4, 5],
      ]),
    ).toBeCloseTo(3 / 5, 12)
    expect(
      purity(truth, [
        [0, 1, 2],
        [3, 4],
      ]),
    ).toBe(1)
    expect(purity(truth, [])).toBeNull()
  })

  it('coverage is the share of pain points placed in a group', () => {
    expect(
      coverage(6, [
        [0, 1, 3],
        [4, 5],
      ]),
    ).toBeCloseTo(5 / 6, 12)
    expect(coverage(6, [])).toBe(0)
    expect(coverage(0, [])).toBe(0)
  })
})
