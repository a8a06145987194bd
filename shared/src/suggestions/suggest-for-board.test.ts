import { describe, expect, it } from 'vitest'
import type { ExistingCluster } from '../backlog/suggestion-types.ts'
import { painPointAt, pathToProductionPhases } from '../testing/timeline-points.ts'
import { suggestForBoard } from './suggest-for-board.ts'
import { builtInCompiled } from './vocabulary.ts'

const phases = pathToProductionPhases
const at = painPointAt

const painPoints = [
  at('shape:acc-1', 'Access to the prod logs needs approval', 1, 100),
  at('shape:acc-2', 'Approval for GitHub access takes a week', 1, 200),
  at('shape:acc-3', 'VPN access took three weeks', 1, 320),
  at('shape:new-ticket', 'Raised five tickets just to get permissions', 1, 150),
  at('shape:sec-1', 'Pen test booked 8 weeks in advance', 4, 100),
  at('shape:sec-2', 'Infosec only look at it right before go-live', 4, 200),
  at('shape:sec-3', 'Vulnerability scan findings arrive as a PDF', 4, 300),
]
const clusters: ExistingCluster[] = [
  {
    id: 'cluster:access',
    name: 'Access',
    memberIds: ['shape:acc-1', 'shape:acc-2', 'shape:acc-3'],
  },
]
const run = (decisions: Record<string, unknown> = {}) =>
  suggestForBoard({ painPoints, clusters, phases, decisions, vocabulary: builtInCompiled() })

describe('suggestForBoard', () => {
  it('suggests additions to existing clusters and groups the rest', () => {
    const result = run()
    expect(result.additions.map((a) => [a.painPointId, a.clusterId])).toEqual([
      ['shape:new-ticket', 'cluster:access'],
    ])
    expect(result.suggestions.map((s) => s.memberIds)).toEqual([
      ['shape:sec-1', 'shape:sec-2', 'shape:sec-3'],
    ])
    expect(result.suggestions[0]?.reason).toMatch(/name the same pain \(security review\)/)
  })

  it('leaves out what the facilitator rejected, and a rejected addition can join a new group', () => {
    const first = run()
    const addition = first.additions[0]?.key ?? ''
    const group = first.suggestions[0]?.key ?? ''
    const rejected = run({ [addition]: 'rejected', [group]: 'rejected' })
    expect(rejected.additions).toEqual([])
    expect(rejected.suggestions).toEqual([])
    expect(rejected.unclustered).toContain('shape:new-ticket')
  })
})
