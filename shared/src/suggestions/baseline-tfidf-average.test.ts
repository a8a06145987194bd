import { describe, expect, it } from 'vitest'
import {
  averageLinkageToK,
  libraryTokens,
  tfidfAverageLinkage,
  tfidfVectors,
} from './baseline-tfidf-average.ts'

describe('the TF-IDF + average-linkage baseline', () => {
  it("tokenises like scikit-learn's default: lowercase, two or more word characters", () => {
    expect(libraryTokens("CI is a pain, isn't it? x 42")).toEqual([
      'ci',
      'is',
      'pain',
      'isn',
      'it',
      '42',
    ])
  })

  it('weighs with smooth idf and scales each vector to unit length', () => {
    const [a, b] = tfidfVectors(['alpha beta', 'alpha'])
    // idf(alpha) = ln(3/3) + 1 = 1, idf(beta) = ln(3/2) + 1.
    const beta = Math.log(3 / 2) + 1
    const norm = Math.sqrt(1 + beta * beta)
    expect(a?.get('alpha')).toBeCloseTo(1 / norm, 12)
    expect(a?.get('beta')).toBeCloseTo(beta / norm, 12)
    expect(b?.get('alpha')).toBeCloseTo(1, 12)
  })

  it('merges the closest groups by average distance until k are left', () => {
    // 0 and 1 close, 2 near them on average, 3 far from all.
    const d = [
      [0, 0.1, 0.5, 0.9],
      [0.1, 0, 0.3, 0.9],
      [0.5, 0.3, 0, 0.9],
      [0.9, 0.9, 0.9, 0],
    ]
    expect(averageLinkageToK(d, 3)).toEqual([[0, 1], [2], [3]])
    // Average of 0.5 and 0.3 = 0.4 < 0.9: 2 joins {0, 1}.
    expect(averageLinkageToK(d, 2)).toEqual([[0, 1, 2], [3]])
    expect(averageLinkageToK(d, 1)).toEqual([[0, 1, 2, 3]])
  })

  it('groups texts that share words when told how many groups there are', () => {
    const groups = tfidfAverageLinkage(
      ['flaky tests fail', 'tests are flaky', 'vm request slow', 'slow vm request queue'],
      2,
    )
    expect(groups).toEqual([
      [0, 1],
      [2, 3],
    ])
  })
})
