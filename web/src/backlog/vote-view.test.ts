import type { VoteSession } from '@stormline/shared/backlog/voting'
import { describe, expect, it } from 'vitest'
import { voteLabel, voteView } from './vote-view.ts'

const open: VoteSession = { status: 'open', budget: 3, round: 2 }
const closed: VoteSession = { ...open, status: 'closed' }
const votes = {
  ann: { participantName: 'Ann', round: 2, dots: { 'cluster:a': 2, 'shape:p': 1 } },
  bob: { participantName: 'Bob', round: 2, dots: { 'cluster:a': 1 } },
  // An earlier round's dots no longer count.
  cid: { participantName: 'Cid', round: 1, dots: { 'cluster:a': 3 } },
}

describe('vote view', () => {
  it('shows a participant only their own dots while the vote is open', () => {
    const view = voteView(open, votes, { participantId: 'bob', isFacilitator: false })
    expect(view.totals).toBeNull()
    expect(view.mine.get('cluster:a')).toBe(1)
    expect(view.used).toBe(1)
    expect(view.remaining).toBe(2)
    expect(voteLabel(view, 'cluster:a')).toBe('1 dot from you')
    expect(voteLabel(view, 'shape:p')).toBe('0 dots from you')
  })

  it('shows the facilitator the running counts while the vote is open', () => {
    const view = voteView(open, votes, { participantId: 'fac', isFacilitator: true })
    expect(view.totals?.get('cluster:a')).toBe(3)
    expect(view.remaining).toBe(3)
    expect(voteLabel(view, 'cluster:a')).toBe('3 votes')
    expect(voteLabel(view, 'cluster:none')).toBe('0 votes')
  })

  it('shows everyone the totals once the vote is closed', () => {
    const view = voteView(closed, votes, { participantId: 'ann', isFacilitator: false })
    expect(view.totals?.get('cluster:a')).toBe(3)
    expect(view.totals?.get('shape:p')).toBe(1)
    expect(voteLabel(view, 'cluster:a')).toBe('3 votes (2 yours)')
    expect(voteLabel(view, 'shape:p')).toBe('1 vote (1 yours)')
  })

  it('shows nothing before any vote', () => {
    const view = voteView({ status: 'idle', budget: 5, round: 0 }, votes, {
      participantId: 'ann',
      isFacilitator: true,
    })
    expect(view.totals).toBeNull()
    expect(view.mine.size).toBe(0)
    expect(view.remaining).toBe(5)
    expect(voteLabel(view, 'cluster:a')).toBeNull()
  })

  it('counts a participant without an entry as having every dot left', () => {
    const view = voteView(open, votes, { participantId: 'new', isFacilitator: false })
    expect(view.used).toBe(0)
    expect(view.remaining).toBe(3)
  })
})
