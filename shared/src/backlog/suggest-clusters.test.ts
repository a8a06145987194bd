import { describe, expect, it } from 'vitest'
import { boardTemplates, templatePhaseId } from '../board/templates.ts'
import { phaseSpans } from '../board/timeline.ts'
import { suggestClusters } from './suggest-clusters.ts'
import type { PainPointInput } from './suggestion-types.ts'

/** The path-to-production timeline, 7 phases of 400 units from x = 0. */
const phases = phaseSpans(0, {
  w: 2800,
  phases: (boardTemplates['path-to-production'].timeline?.phases ?? []).map((name, i) => ({
    id: templatePhaseId('path-to-production', i),
    name,
    weight: 1,
  })),
})
const phaseId = (index: number) => templatePhaseId('path-to-production', index)
const at = (id: string, text: string, phase: number, offset = 200): PainPointInput => ({
  id,
  text,
  x: phase * 400 + offset,
  phaseId: phaseId(phase),
})

/** A hand-written workshop over all 7 phases: four known groups and four loners. */
const board: PainPointInput[] = [
  // Waiting for VMs / environments (Environments & infrastructure, phase 2).
  at('shape:vm-1', 'VM requests take two weeks', 2, 100),
  at('shape:vm-2', 'Nobody knows who approves VM requests', 2, 180),
  at('shape:vm-3', 'VM request form rejected for missing cost centre', 2, 260),
  at('shape:vm-4', 'Waiting weeks for new VMs', 2, 340),
  // Security review approvals (Security & compliance review, phase 4).
  at('shape:sec-1', 'Security review approval takes a month', 4, 120),
  at('shape:sec-2', 'Security review needs three approvals', 4, 200),
  at('shape:sec-3', 'Pen test booking for security review is slow', 4, 300),
  at('shape:sec-4', "Compliance checklist can't start before security approval", 4, 360),
  // Flaky CI builds (Build & CI, phase 3).
  at('shape:ci-1', 'Flaky CI builds fail randomly', 3, 100),
  at('shape:ci-2', 'CI pipeline flaky tests block merges', 3, 200),
  at('shape:ci-3', 'Rerunning flaky builds wastes hours', 3, 320),
  at('shape:ci-4', 'Pipelines break when CI runners are busy', 3, 380),
  // Unclear on-call ownership (Live & operate, phase 6).
  at('shape:oncall-1', 'Unclear on-call ownership after go-live', 6, 100),
  at('shape:oncall-2', 'Who owns on-call for the new service?', 6, 250),
  at('shape:oncall-3', "No runbooks, so it's unclear who is on call", 6, 330),
  // Loners.
  at('shape:lone-coffee', 'Coffee machine on floor 3 is broken', 0, 50),
  at('shape:lone-budget', 'Budget sign-off happens only quarterly', 0, 300),
  at('shape:lone-laptops', "New joiners don't get laptops for a month", 1, 200),
  at('shape:lone-release', 'Release notes written by hand', 5, 200),
]

const groupsOf = (result: ReturnType<typeof suggestClusters>) =>
  result.suggestions
    .map((s) => [...s.memberIds].sort())
    .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1))

describe('suggestClusters on a hand-written workshop', () => {
  const result = suggestClusters(board, phases)

  it('finds the known groups exactly and leaves the loners out', () => {
    expect(groupsOf(result)).toEqual([
      ['shape:ci-1', 'shape:ci-2', 'shape:ci-3'],
      ['shape:oncall-1', 'shape:oncall-2'],
      ['shape:sec-1', 'shape:sec-2', 'shape:sec-3'],
      ['shape:vm-1', 'shape:vm-2', 'shape:vm-3'],
    ])
    expect(result.unclustered).toEqual([
      'shape:lone-budget',
      'shape:lone-coffee',
      'shape:lone-release',
    ])
  })

  it.each([
    ['shape:vm-1', /VM/, 'Environments & infrastructure'],
    ['shape:sec-1', /security|review/i, 'Security & compliance review'],
    ['shape:ci-1', /flaky|CI/i, 'Build & CI'],
    ['shape:oncall-1', /call|own/i, 'Live & operate'],
  ])(
    'names the group of %s from its shared terms and says where it sits',
    (member, name, phase) => {
      const suggestion = result.suggestions.find((s) => s.memberIds.includes(member))
      expect(suggestion?.name).toMatch(name)
      expect(suggestion?.reason).toContain(phase)
      expect(suggestion?.reason).toMatch(/^\d pain points mention "/)
      expect(suggestion?.confidence).toBeGreaterThan(0)
      expect(suggestion?.confidence).toBeLessThanOrEqual(1)
      expect(suggestion?.key).toMatch(/^suggestion:[0-9a-z]+$/)
    },
  )

  it('gives the same output for the same input in any order', () => {
    const orders = [
      [...board].reverse(),
      [...board.slice(7), ...board.slice(0, 7)],
      board.filter((_p, i) => i % 2 === 0).concat(board.filter((_p, i) => i % 2 === 1)),
    ]
    for (const order of orders) expect(suggestClusters(order, phases)).toEqual(result)
  })
})

describe('suggestClusters: position matters', () => {
  it('groups two stickies with one weak shared word in the same phase, but not far apart', () => {
    const near = [
      at('shape:a', 'Manual handover of credentials', 1, 100),
      at('shape:b', 'Manual firewall change', 1, 250),
    ]
    const far = [
      at('shape:a', 'Manual handover of credentials', 0, 50),
      at('shape:b', 'Manual firewall change', 6, 350),
    ]
    expect(suggestClusters(near, phases).suggestions).toHaveLength(1)
    expect(suggestClusters(far, phases).suggestions).toHaveLength(0)
  })

  it('never groups stickies that share no words, however close they are', () => {
    const result = suggestClusters(
      [at('shape:a', 'Slow laptops', 1, 100), at('shape:b', 'Missing documentation', 1, 110)],
      phases,
    )
    expect(result.suggestions).toEqual([])
  })
})

describe('suggestClusters on odd input', () => {
  it.each([
    ['no pain points', []],
    ['one pain point', [at('shape:a', 'Slow approvals', 1)]],
    ['empty texts', [at('shape:a', '', 1), at('shape:b', '', 1)]],
    ['emoji and symbols only', [at('shape:a', '🔥🔥', 1), at('shape:b', '!!!', 1)]],
    [
      'pain points off the timeline',
      [
        { id: 'shape:a', text: 'slow deploys', x: -9000, phaseId: null },
        { id: 'shape:b', text: 'slow deploys', x: 9000, phaseId: null },
      ],
    ],
  ])('copes with %s', (_name, input) => {
    const result = suggestClusters(input as PainPointInput[], phases)
    expect(result.suggestions.flatMap((s) => s.memberIds).length + result.unclustered.length).toBe(
      input.length,
    )
  })

  it('works without a timeline', () => {
    const result = suggestClusters(
      [
        { id: 'shape:a', text: 'VM requests are slow', x: 0, phaseId: null },
        { id: 'shape:b', text: 'VM requests get lost', x: 100, phaseId: null },
      ],
      [],
    )
    expect(result.suggestions[0]?.memberIds).toEqual(['shape:a', 'shape:b'])
  })
})
