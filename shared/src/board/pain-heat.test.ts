import { describe, expect, it } from 'vitest'
import type { VoteSession } from '../backlog/voting.ts'
import { pageRecord, stickyRecord, timelineRecord } from '../testing/board-records.ts'
import { apportion, heatVotes, painHeat } from './pain-heat.ts'
import { readBoard } from './read-board.ts'

/** A timeline at x 0–900 with three equal phases: a 0–300, b 300–600, c 600–900. */
const timeline = timelineRecord({
  w: 900,
  h: 100,
  startLabel: 'Start',
  endLabel: 'End',
  phases: [
    { id: 'a', name: 'Ask', weight: 1 },
    { id: 'b', name: 'Build', weight: 1 },
    { id: 'c', name: 'Check', weight: 1 },
  ],
})

/** Stickies are 200 × 200; x is the left edge, so the centre decides the phase. */
const step = (id: string, x: number) => stickyRecord(id, { kind: 'step', x, y: -400 })
const pain = (id: string, x: number, y = -190) => stickyRecord(id, { kind: 'pain', x, y })

const board = readBoard([
  pageRecord,
  timeline,
  step('shape:s1', 50), // phase a
  step('shape:s2', 350), // phase b
  pain('shape:p1', 50), // under s1, phase a
  pain('shape:p2', 60, 20), // under p1: next to s1? 210 below s1's bottom → no step
  pain('shape:p3', 350), // under s2, phase b
  pain('shape:p4', 700), // phase c, no step near
  pain('shape:p5', 2000), // off the timeline
])

const cluster = (id: string, memberIds: string[]) => ({ id, name: id, memberIds })

describe('painHeat', () => {
  it('counts pain points per phase and per step, with nothing voted yet', () => {
    const heat = painHeat(board, {}, new Map())
    expect(heat.phases.map((p) => [p.phaseId, p.pain, p.votes])).toEqual([
      ['a', 2, 0],
      ['b', 1, 0],
      ['c', 1, 0],
    ])
    expect(heat.steps.map((s) => [s.stepId, s.pain, s.votes])).toEqual([
      ['shape:s1', 1, 0],
      ['shape:s2', 1, 0],
    ])
    expect(heat.offTimeline).toEqual({ pain: 1, votes: 0 })
    expect(heat.withoutStep).toEqual({ pain: 3, votes: 0 })
  })

  it('places a dot on a single pain point where the sticky is', () => {
    const heat = painHeat(board, {}, new Map([['shape:p3', 4]]))
    expect(heat.phases.find((p) => p.phaseId === 'b')?.votes).toBe(4)
    expect(heat.steps.find((s) => s.stepId === 'shape:s2')?.votes).toBe(4)
  })

  it('splits a cluster’s votes over its members’ phases and steps, adding up to its votes', () => {
    // Two members in phase a (one under s1, one under no step), one in b under s2.
    const clusters = { 'cluster:x': cluster('cluster:x', ['shape:p1', 'shape:p2', 'shape:p3']) }
    const heat = painHeat(board, clusters, new Map([['cluster:x', 5]]))
    // 5 × 2/3 = 3.33 and 5 × 1/3 = 1.67: 3 and 1, and the dot left goes to the larger remainder.
    expect(heat.phases.map((p) => p.votes)).toEqual([3, 2, 0])
    // Per step: s1 1/3, s2 1/3, no step 1/3 → 1.67 each: 2, 2, 1 by tie order (s1, s2, none).
    expect(heat.steps.map((s) => s.votes)).toEqual([2, 2])
    expect(heat.withoutStep.votes).toBe(1)
    const phaseSum = heat.phases.reduce((sum, p) => sum + p.votes, 0) + heat.offTimeline.votes
    expect(phaseSum).toBe(5)
  })

  it('ignores dots on a sticky that has joined a cluster since, as the backlog does', () => {
    const clusters = { 'cluster:x': cluster('cluster:x', ['shape:p4']) }
    const heat = painHeat(board, clusters, new Map([['shape:p4', 2]]))
    expect(heat.phases.find((p) => p.phaseId === 'c')?.votes).toBe(0)
  })

  it('keeps the share of members off the timeline out of the phases but in the sum', () => {
    const clusters = { 'cluster:y': cluster('cluster:y', ['shape:p4', 'shape:p5']) }
    const heat = painHeat(board, clusters, new Map([['cluster:y', 3]]))
    expect(heat.phases.find((p) => p.phaseId === 'c')?.votes).toBe(2)
    expect(heat.offTimeline).toEqual({ pain: 1, votes: 1 })
  })

  it('scales intensity to the hottest phase and step', () => {
    const heat = painHeat(board, {}, new Map([['shape:p3', 3]]))
    // a: 2 pain; b: 1 pain + 3 votes = 4; c: 1 pain.
    expect(heat.phases.map((p) => [p.heat, p.intensity])).toEqual([
      [2, 0.5],
      [4, 1],
      [1, 0.25],
    ])
    expect(heat.steps.map((s) => s.intensity)).toEqual([0.25, 1])
  })

  it('has no phases without a timeline and zero intensity on a painless board', () => {
    const bare = readBoard([pageRecord, step('shape:s1', 0)])
    const heat = painHeat(bare, {}, new Map())
    expect(heat.phases).toEqual([])
    expect(heat.steps).toEqual([
      { stepId: 'shape:s1', phaseId: null, pain: 0, votes: 0, heat: 0, intensity: 0 },
    ])
  })
})

describe('heatVotes', () => {
  const open: VoteSession = { status: 'open', budget: 3, round: 2 }
  const votes = {
    ann: { participantName: 'Ann', round: 2, dots: { 'cluster:a': 2, 'shape:p': 1 } },
    bob: { participantName: 'Bob', round: 2, dots: { 'cluster:a': 1 } },
    old: { participantName: 'Old', round: 1, dots: { 'cluster:a': 3 } },
  }

  it('counts only my own dots while the vote is open', () => {
    const mine = heatVotes(open, votes, 'bob')
    expect(mine.source).toBe('mine')
    expect([...mine.counts]).toEqual([['cluster:a', 1]])
    expect([...heatVotes(open, votes, 'new').counts]).toEqual([])
    expect([...heatVotes(open, votes, null).counts]).toEqual([])
  })

  it('counts everyone’s dots of this round once the vote is closed', () => {
    const totals = heatVotes({ ...open, status: 'closed' }, votes, 'bob')
    expect(totals.source).toBe('totals')
    expect(totals.counts.get('cluster:a')).toBe(3)
    expect(totals.counts.get('shape:p')).toBe(1)
  })

  it('counts nothing before any vote', () => {
    const none = heatVotes({ status: 'idle', budget: 5, round: 0 }, votes, 'ann')
    expect(none).toEqual({ source: 'none', counts: new Map() })
  })
})

describe('apportion', () => {
  it('splits in whole numbers adding up to the total, ties to the earlier group', () => {
    expect([
      ...apportion(5, [
        ['x', 1],
        ['y', 1],
      ]),
    ]).toEqual([
      ['x', 3],
      ['y', 2],
    ])
    expect([
      ...apportion(7, [
        ['x', 3],
        ['y', 1],
      ]),
    ]).toEqual([
      ['x', 5],
      ['y', 2],
    ])
    expect([...apportion(0, [['x', 1]])]).toEqual([['x', 0]])
  })
})
