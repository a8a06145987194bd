import type { VoteResult } from '@stormline/shared/backlog/vote-result'
import type { VoteSession } from '@stormline/shared/backlog/voting'
import { describe, expect, it } from 'vitest'
import { noVoteSources, type VoteSources, voteLabel, votersText, voteView } from './vote-view.ts'

const open: VoteSession = { status: 'open', budget: 3, round: 2 }
const closed: VoteSession = { ...open, status: 'closed' }
const bobsDots = { round: 2, dots: { 'cluster:a': 1 } }
const result: VoteResult = {
  round: 2,
  budget: 3,
  voters: 2,
  dots: { 'cluster:a': 3, 'shape:p': 1 },
}
const live = { round: 2, status: 'open' as const, voters: 2, dots: { 'cluster:a': 3 } }

const sources = (patch: Partial<VoteSources>): VoteSources => ({ ...noVoteSources, ...patch })

describe('vote view', () => {
  it('shows a participant only their own dots while the vote is open', () => {
    // Even with counts at hand (a stale poll), a participant is shown none.
    const view = voteView(open, sources({ mine: bobsDots, live }), { isFacilitator: false })
    expect(view.totals).toBeNull()
    expect(view.voters).toBeNull()
    expect(view.mine.get('cluster:a')).toBe(1)
    expect(view.used).toBe(1)
    expect(view.remaining).toBe(2)
    expect(voteLabel(view, 'cluster:a')).toBe('1 dot from you')
    expect(voteLabel(view, 'shape:p')).toBe('0 dots from you')
  })

  it("shows the facilitator the server's running counts while the vote is open", () => {
    const view = voteView(open, sources({ live }), { isFacilitator: true })
    expect(view.totals?.get('cluster:a')).toBe(3)
    expect(view.remaining).toBe(3)
    expect(voteLabel(view, 'cluster:a')).toBe('3 votes')
    expect(voteLabel(view, 'cluster:none')).toBe('0 votes')
    expect(votersText(view)).toBe('2 people voting so far')
  })

  it('ignores counts of another round (the poll from before the vote was reopened)', () => {
    const stale = { ...live, round: 1 }
    expect(voteView(open, sources({ live: stale }), { isFacilitator: true }).totals).toBeNull()
    const closedTally = { ...live, status: 'closed' as const }
    expect(
      voteView(open, sources({ live: closedTally }), { isFacilitator: true }).totals,
    ).toBeNull()
  })

  it('shows everyone the published totals once the vote is closed', () => {
    const mine = { round: 2, dots: { 'cluster:a': 2, 'shape:p': 1 } }
    const view = voteView(closed, sources({ mine, result }), { isFacilitator: false })
    expect(view.totals?.get('cluster:a')).toBe(3)
    expect(view.totals?.get('shape:p')).toBe(1)
    expect(voteLabel(view, 'cluster:a')).toBe('3 votes (2 yours)')
    expect(voteLabel(view, 'shape:p')).toBe('1 vote (1 yours)')
    expect(votersText(view)).toBe('2 people voted')
  })

  it('shows no totals while the server is still counting a vote just closed', () => {
    const earlier = { ...result, round: 1 }
    const view = voteView(closed, sources({ mine: bobsDots, result: earlier }), {
      isFacilitator: true,
    })
    expect(view.totals).toBeNull()
    expect(voteLabel(view, 'cluster:a')).toBe('1 dot from you')
  })

  it('reads a vote closed before per-person identity from the legacy map', () => {
    const legacy = {
      ann: { participantName: 'Ann', round: 2, dots: { 'cluster:a': 2 } },
      bob: { participantName: 'Bob', round: 2, dots: { 'cluster:a': 1 } },
      cid: { participantName: 'Cid', round: 1, dots: { 'cluster:a': 3 } },
    }
    const view = voteView(closed, sources({ legacy }), { isFacilitator: false })
    expect(view.totals?.get('cluster:a')).toBe(3)
    expect(view.voters).toBe(2)
  })

  it('shows nothing before any vote', () => {
    const view = voteView({ status: 'idle', budget: 5, round: 0 }, sources({ mine: bobsDots }), {
      isFacilitator: true,
    })
    expect(view.totals).toBeNull()
    expect(view.mine.size).toBe(0)
    expect(view.remaining).toBe(5)
    expect(voteLabel(view, 'cluster:a')).toBeNull()
  })

  it('counts a person without dots, or with dots of an earlier round, as having every dot left', () => {
    expect(voteView(open, noVoteSources, { isFacilitator: false }).remaining).toBe(3)
    const earlier = { round: 1, dots: { 'cluster:a': 3 } }
    expect(voteView(open, sources({ mine: earlier }), { isFacilitator: false }).remaining).toBe(3)
  })
})
