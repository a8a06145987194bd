import type { VoteSession } from '@stormline/shared/backlog/voting'
import { describe, expect, it } from 'vitest'
import { noVoteSources, type VoteSources } from '../backlog/vote-view.ts'
import {
  addDotLabel,
  canvasTargetText,
  canvasVoteView,
  chipAnchor,
  chipFontSize,
  dotsLeftText,
  unclusteredPainIds,
  voteKeyAction,
  voteStatusText,
} from './canvas-voting.ts'

const open: VoteSession = { status: 'open', budget: 3, round: 1 }
// What each person's page reads: their own dots, and the server's result once the vote closed.
const result = { round: 1, budget: 3, voters: 2, dots: { 'cluster:a': 3, 'shape:p': 2 } }
const live = { round: 1, status: 'open' as const, voters: 2, dots: { 'cluster:a': 3 } }
const dotsOf: Record<string, VoteSources> = {
  ann: { ...noVoteSources, mine: { round: 1, dots: { 'cluster:a': 2 } }, result, live },
  bob: { ...noVoteSources, mine: { round: 1, dots: { 'cluster:a': 1, 'shape:p': 2 } }, result },
}
const canvasVoteViewOf = (session: VoteSession, who: string) =>
  canvasVoteView(session, dotsOf[who] ?? { ...noVoteSources, result })

describe('canvas vote view', () => {
  it('shows only my own dots on the board while the vote is open, facilitator or not', () => {
    // Ann's page has the facilitator's live counts: the board still shows only her dots.
    const view = canvasVoteViewOf(open, 'ann')
    expect(view.totals).toBeNull()
    expect(canvasTargetText(view, 'cluster:a')).toBe('2 dots yours')
    expect(canvasTargetText(view, 'shape:p')).toBe('no dots yet')
  })

  it('shows the totals once the vote is closed', () => {
    const view = canvasVoteViewOf({ ...open, status: 'closed' }, 'ann')
    expect(canvasTargetText(view, 'cluster:a')).toBe('3 votes (2 yours)')
    expect(canvasTargetText(view, 'shape:p')).toBe('2 votes')
    expect(canvasTargetText(view, 'shape:none')).toBe('0 votes')
  })

  it('shows nothing before any vote', () => {
    const view = canvasVoteViewOf({ status: 'idle', budget: 5, round: 0 }, 'ann')
    expect(canvasTargetText(view, 'cluster:a')).toBeNull()
    expect(dotsLeftText(view)).toBeNull()
  })

  it('counts the dots left next to my name', () => {
    expect(dotsLeftText(canvasVoteViewOf(open, 'bob'))).toBe('0 of 3 dots left')
    expect(dotsLeftText(canvasVoteViewOf(open, 'new'))).toBe('3 of 3 dots left')
    expect(dotsLeftText(canvasVoteView({ ...open, budget: 1 }, noVoteSources))).toBe(
      '1 of 1 dot left',
    )
  })
})

describe('voteStatusText', () => {
  it('says where to vote while the vote is open', () => {
    expect(voteStatusText(canvasVoteViewOf(open, 'ann'), true)).toBe(
      'Vote open: click a cluster name or a pain point on the board to give it a dot (1 left)',
    )
    expect(voteStatusText(canvasVoteViewOf(open, 'bob'), true)).toMatch(
      /all your 3 dots are given; right-click/,
    )
  })

  it('tells a viewer what the others are doing, and everyone when it is over', () => {
    expect(voteStatusText(canvasVoteViewOf(open, 'vic'), false)).toMatch(
      /participants give 3 dots each on the board/,
    )
    expect(voteStatusText(canvasVoteViewOf({ ...open, status: 'closed' }, 'a'), true)).toMatch(
      /closed: the totals are on the board/,
    )
    expect(voteStatusText(canvasVoteViewOf({ ...open, status: 'idle' }, 'a'), true)).toBe(
      'No vote yet',
    )
  })
})

describe('voteKeyAction', () => {
  it('adds with + and takes back with Delete, Backspace and −; Enter and Space click', () => {
    expect(['Enter', ' ', '+', '-', 'Backspace', 'Delete', 'a'].map(voteKeyAction)).toEqual([
      'click',
      'click',
      'add',
      'remove',
      'remove',
      'remove',
      null,
    ])
  })
})

describe('targets and voters', () => {
  it('lets only pain points outside every cluster take dots themselves', () => {
    expect(unclusteredPainIds(['p1', 'p2', 'p3'], [{ memberIds: ['p2'] }])).toEqual(['p1', 'p3'])
  })

  it('names the add button with the target and my dots on it', () => {
    expect(addDotLabel('VM requests', 0)).toMatch(/^Give “VM requests” a dot \(it has none/)
    expect(addDotLabel('VM requests', 2)).toContain('2 dots of yours')
  })
})

describe('chip placement', () => {
  it('keeps the chip about 12 px on screen, within bounds', () => {
    expect(chipFontSize(1)).toBe(12)
    expect(chipFontSize(0.5)).toBe(24)
    expect(chipFontSize(0.1)).toBe(28)
    expect(chipFontSize(4)).toBe(11)
  })

  const sticky = { x: 0, y: 0, w: 200, h: 200 }
  // At font size 10 the chip is 70 × 20, kept 3 units inside the sticky.
  it('sits inside the sticky, in the middle of its bottom edge', () => {
    expect(chipAnchor(sticky, 10)).toEqual({ x: 100, y: 187 })
  })

  it('moves to the top edge when a cluster label covers the bottom', () => {
    const label = { x: -50, y: 170, w: 400, h: 80 }
    expect(chipAnchor(sticky, 10, [label])).toEqual({ x: 100, y: 13 })
  })

  it('stays at the bottom when labels cover both edges', () => {
    const labels = [
      { x: -50, y: 170, w: 400, h: 80 },
      { x: -50, y: -40, w: 400, h: 60 },
    ]
    expect(chipAnchor(sticky, 10, labels)).toEqual({ x: 100, y: 187 })
  })
})
