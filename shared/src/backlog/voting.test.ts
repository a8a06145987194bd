import { describe, expect, it } from 'vitest'
import {
  castVote,
  dotsUsed,
  type ParticipantVotes,
  readVoteSession,
  type VoteSession,
  voteTotals,
} from './voting.ts'

const open: VoteSession = { status: 'open', budget: 3, round: 1 }

function spend(session: VoteSession, targets: string[]): ParticipantVotes | null {
  let votes: ParticipantVotes | null = null
  for (const target of targets) {
    const result = castVote(session, votes, 'Ada', target, 1)
    if (!result.ok) throw new Error(result.reason)
    votes = result.votes
  }
  return votes
}

describe('dot voting', () => {
  it('lets a participant place several dots on one target within the budget', () => {
    const votes = spend(open, ['cluster:a', 'cluster:a', 'shape:p'])
    expect(votes?.dots).toEqual({ 'cluster:a': 2, 'shape:p': 1 })
    expect(dotsUsed(votes)).toBe(3)
  })

  it('rejects a dot over the budget and keeps the votes as they were', () => {
    const votes = spend(open, ['a', 'b', 'c'])
    expect(castVote(open, votes, 'Ada', 'd', 1)).toEqual({
      ok: false,
      reason: 'You have used all 3 dots.',
    })
  })

  it('takes a dot back, but not one that is not there', () => {
    const votes = spend(open, ['a'])
    const back = castVote(open, votes, 'Ada', 'a', -1)
    expect(back.ok && back.votes.dots).toEqual({})
    expect(castVote(open, votes, 'Ada', 'b', -1).ok).toBe(false)
  })

  it.each([
    ['idle', { status: 'idle', budget: 3, round: 0 }],
    ['closed', { status: 'closed', budget: 3, round: 1 }],
  ] as const)('rejects votes while the vote is %s', (_name, session) => {
    expect(castVote(session, null, 'Ada', 'a', 1)).toEqual({
      ok: false,
      reason: 'The vote is not open.',
    })
  })

  it('starts afresh in a new round', () => {
    const votes = spend(open, ['a', 'b', 'c'])
    const next = castVote({ ...open, round: 2 }, votes, 'Ada', 'a', 1)
    expect(next.ok && next.votes).toEqual({ participantName: 'Ada', round: 2, dots: { a: 1 } })
  })

  it('totals the current round, capping entries over the budget', () => {
    const totals = voteTotals(open, [
      { participantName: 'Ada', round: 1, dots: { a: 2, b: 1 } },
      { participantName: 'Ben', round: 1, dots: { a: 1 } },
      { participantName: 'Eve', round: 1, dots: { a: 50 } },
      { participantName: 'Old', round: 0, dots: { b: 3 } },
      { participantName: 'Odd', round: 1, dots: { a: -4, b: 1.5, c: 'x' } },
      'garbage',
    ])
    expect(Object.fromEntries(totals)).toEqual({ a: 6, b: 1 })
  })

  it.each([
    [undefined, { status: 'idle', budget: 5, round: 0 }],
    [
      { status: 'open', budget: 3, round: 2 },
      { status: 'open', budget: 3, round: 2 },
    ],
    [
      { status: 'weird', budget: -1, round: 'x' },
      { status: 'idle', budget: 5, round: 0 },
    ],
  ])('reads the vote session %j', (value, expected) => {
    expect(readVoteSession(value)).toEqual(expected)
  })
})
