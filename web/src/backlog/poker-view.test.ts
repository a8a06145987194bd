import { summariseBallots } from '@stormline/shared/backlog/estimates'
import { describe, expect, it } from 'vitest'
import { describeBallot, describeEstimate, estimatorCount, pokerView } from './poker-view.ts'

const ballot = (
  participantId: string,
  name: string,
  value: number | null,
  effort: number | null,
) => ({
  targetId: 'cluster:a',
  participantId,
  participantName: name,
  value,
  effort,
})

const ballots = {
  'cluster:a|bob': ballot('bob', 'Bob', 5, 2),
  'cluster:a|ann': ballot('ann', 'Ann', 3, 2),
  'cluster:b|ann': { ...ballot('ann', 'Ann', 1, 1), targetId: 'cluster:b' },
  // Written under someone else's key: not counted as anyone's.
  'cluster:a|eve': ballot('mallory', 'Mallory', 1, 1),
}

describe('poker view', () => {
  it('shows my own ballot and who has estimated, but no numbers before the reveal', () => {
    const view = pokerView(ballots, 'cluster:a', 'ann', false)
    expect(view.mine?.value).toBe(3)
    expect(view.estimators).toEqual(['Ann', 'Bob'])
    expect(view.revealedBallots).toEqual([])
  })

  it('shows everyone’s numbers once revealed', () => {
    const view = pokerView(ballots, 'cluster:a', 'cid', true)
    expect(view.mine).toBeNull()
    expect(view.revealedBallots.map((b) => describeBallot(b))).toEqual([
      'Ann: value 3, effort 2 (M)',
      'Bob: value 5, effort 2 (M)',
    ])
  })

  it('names nobody in anonymous mode', () => {
    const view = pokerView(ballots, 'cluster:a', 'cid', true)
    expect(view.revealedBallots.map((b) => describeBallot(b, { anonymous: true }))).toEqual([
      'value 3, effort 2 (M)',
      'value 5, effort 2 (M)',
    ])
    expect(estimatorCount(view.estimators.length)).toBe('2 people')
    expect(estimatorCount(1)).toBe('1 person')
  })

  it('describes a hidden round by its count only', () => {
    const summary = summariseBallots([ballot('ann', 'Ann', 3, 2)], false)
    expect(describeEstimate(summary)).toBe('1 estimate in, hidden until revealed')
  })

  it('describes a revealed round by medians and spreads, and flags wide disagreement', () => {
    const summary = summariseBallots(
      [ballot('ann', 'Ann', 2, 1), ballot('bob', 'Bob', 5, 2), ballot('cid', 'Cid', 4, null)],
      true,
    )
    expect(describeEstimate(summary)).toBe('Value median 4, spread 3 · effort median 1.5, spread 1')
    expect(summary.disagreement).toBe(true)
  })

  it('leaves out the spread of a rating nobody gave', () => {
    const summary = summariseBallots([ballot('ann', 'Ann', 3, null)], true)
    expect(describeEstimate(summary)).toBe('Value median 3, spread 0 · effort median –')
    expect(summary.disagreement).toBe(false)
  })
})
