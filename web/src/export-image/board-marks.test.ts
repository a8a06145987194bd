import type { ClusterRecord } from '@stormline/shared/backlog/clusters'
import { describe, expect, it } from 'vitest'
import { boardMarks, type ExportedShape, outlinePadding } from './board-marks.ts'

const cluster = (id: string, name: string, memberIds: string[]): ClusterRecord => ({
  id,
  name,
  memberIds,
  createdAt: '',
  createdBy: '',
  source: 'manual',
})

const note = (id: string, x: number, extra: Partial<ExportedShape> = {}): ExportedShape => ({
  id,
  box: { x, y: 0, w: 200, h: 200 },
  pain: true,
  deepDive: false,
  ...extra,
})

const clusters = [
  cluster('cluster:vm', 'VM provisioning', ['shape:a', 'shape:b']),
  cluster('cluster:cab', 'Slow approvals', ['shape:c']),
]
const shapes = [
  note('shape:a', 0, { deepDive: true }),
  note('shape:b', 300),
  note('shape:c', 1000),
  note('shape:lonely', 2000),
  note('shape:quiet', 2400),
  note('shape:step', 3000, { pain: false, deepDive: true }),
]
const closed = new Map([
  ['cluster:vm', 4],
  ['shape:lonely', 2],
  ['shape:step', 9],
])

describe('boardMarks', () => {
  it('outlines each cluster around its members and names it with its closed-vote total', () => {
    const marks = boardMarks({ clusters, shapes, voteTotals: closed })
    expect(marks.clusters).toEqual([
      {
        id: 'cluster:vm',
        name: 'VM provisioning',
        outline: {
          x: -outlinePadding,
          y: -outlinePadding,
          w: 500 + 2 * outlinePadding,
          h: 200 + 2 * outlinePadding,
        },
        votes: 4,
      },
      expect.objectContaining({ id: 'cluster:cab', votes: 0 }),
    ])
  })

  it('flags deep dives, and counts the dots of voted pain points in no cluster', () => {
    const marks = boardMarks({ clusters, shapes, voteTotals: closed })
    expect(marks.stickies).toEqual([
      { box: shapes[0]?.box, deepDive: true, votes: null },
      { box: shapes[3]?.box, deepDive: false, votes: 2 },
      // Not a pain point: its flag shows, dots on it mean nothing.
      { box: shapes[5]?.box, deepDive: true, votes: null },
    ])
  })

  it('shows no dots at all while the vote is open', () => {
    const marks = boardMarks({ clusters, shapes, voteTotals: null })
    expect(marks.clusters.map((c) => c.votes)).toEqual([null, null])
    expect(marks.stickies.every((s) => s.votes === null)).toBe(true)
    expect(JSON.stringify(marks)).not.toMatch(/"votes":\d/)
  })

  it('for a selection, outlines only the selected members and leaves out clusters with none', () => {
    const marks = boardMarks({ clusters, shapes: [shapes[1] as ExportedShape], voteTotals: closed })
    expect(marks.clusters).toEqual([
      expect.objectContaining({
        id: 'cluster:vm',
        outline: { x: 300 - outlinePadding, y: -outlinePadding, w: 260, h: 260 },
      }),
    ])
    expect(marks.stickies).toEqual([])
  })
})
