import type { Tally } from '@stormline/shared/api/types'
import { summariseBallots } from '@stormline/shared/backlog/estimates'
import { describe, expect, it } from 'vitest'
import {
  describeBallot,
  describeEstimate,
  estimatorCount,
  hasHiddenPokerRound,
  pokerStatusText,
  pokerView,
  readMyBallot,
} from './poker-view.ts'

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

// The board's ballots map: what the server published for revealed targets.
const shared = {
  'cluster:a|bob': ballot('bob', 'Bob', 5, 2),
  'cluster:a|ann': ballot('ann', 'Ann', 3, 2),
  'cluster:b|ann': { ...ballot('ann', 'Ann', 1, 1), targetId: 'cluster:b' },
  // Written under someone else's key: not counted as anyone's.
  'cluster:a|eve': ballot('mallory', 'Mallory', 1, 1),
}
const mine = { 'cluster:a': { value: 3, effort: 2, name: 'Ann' } }

const tally = (ballots: Tally['ballots']): Tally => ({
  vote: { round: 0, status: 'idle', voters: 0, dots: {} },
  ballots,
  silentWriting: { writers: 0, drafts: 0 },
  presentWithoutStickies: 0,
})

describe('poker view', () => {
  it('shows a participant their own ballot and nothing of anyone else before the reveal', () => {
    const view = pokerView({ shared, mine, tally: null }, 'cluster:a', false)
    expect(view.mine).toEqual({ value: 3, effort: 2 })
    expect(view.estimators).toBeNull()
    expect(view.revealedBallots).toEqual([])
    expect(pokerStatusText(null, view, false)).toBe(
      'Your estimate is in; everyone’s are hidden until revealed',
    )
    const without = pokerView({ shared, mine: {}, tally: null }, 'cluster:a', false)
    expect(pokerStatusText(null, without, false)).toBe('Estimates hidden until revealed')
  })

  it("shows the facilitator the server's count and names before the reveal", () => {
    const counts = tally({ 'cluster:a': { count: 2, names: ['Ann', ''] } })
    const view = pokerView({ shared: {}, mine: {}, tally: counts }, 'cluster:a', false)
    expect(view.estimators).toEqual({ count: 2, names: ['Ann', 'Anonymous'] })
    expect(pokerStatusText(null, view, false)).toBe('2 estimates in, hidden until revealed')
    const none = pokerView({ shared: {}, mine: {}, tally: counts }, 'cluster:b', false)
    expect(none.estimators).toEqual({ count: 0, names: [] })
  })

  it('shows everyone’s numbers once revealed', () => {
    const view = pokerView({ shared, mine: {}, tally: null }, 'cluster:a', true)
    expect(view.mine).toBeNull()
    expect(view.revealedBallots.map((b) => describeBallot(b))).toEqual([
      'Ann: value 3, effort 2 (M)',
      'Bob: value 5, effort 2 (M)',
    ])
    const summary = summariseBallots(view.revealedBallots, true)
    expect(pokerStatusText(summary, view, true)).toBe(
      'Value median 4, spread 2 · effort median 2, spread 0',
    )
    // Revealed, but the server has not published the ballots yet.
    expect(pokerStatusText(summariseBallots([], false), view, true)).toBe(
      'Revealing the estimates…',
    )
  })

  it('names nobody in anonymous mode', () => {
    const view = pokerView({ shared, mine: {}, tally: null }, 'cluster:a', true)
    expect(view.revealedBallots.map((b) => describeBallot(b, { anonymous: true }))).toEqual([
      'value 3, effort 2 (M)',
      'value 5, effort 2 (M)',
    ])
    expect(estimatorCount(2)).toBe('2 people')
    expect(estimatorCount(1)).toBe('1 person')
  })

  it('reads my ballot defensively', () => {
    expect(readMyBallot({ value: 9, effort: 'x' })).toBeNull()
    expect(readMyBallot(null)).toBeNull()
    expect(readMyBallot({ value: 2 })).toEqual({ value: 2, effort: null })
  })

  it('knows when a round is still hidden', () => {
    expect(hasHiddenPokerRound({ a: { mode: 'poker', revealed: false } })).toBe(true)
    expect(hasHiddenPokerRound({ a: { mode: 'poker', revealed: true } })).toBe(false)
    expect(hasHiddenPokerRound({ a: { mode: 'facilitator' } })).toBe(false)
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
