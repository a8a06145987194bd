import { describe, expect, it } from 'vitest'
import { boardTemplates, templatePhaseId } from '../board/templates.ts'
import { phaseSpans } from '../board/timeline.ts'
import { legacySuggestOptions, pairBudget, suggestClusters } from './suggest-clusters.ts'
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
  at('shape:ci-4', 'Flaky pipelines: CI runners time out', 3, 380),
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

/** Fisher–Yates with a fixed LCG: the same permutation every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items]
  let state = seed >>> 0
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const j = state % (i + 1)
    ;[result[i], result[j]] = [result[j] as T, result[i] as T]
  }
  return result
}

const groupsOf = (result: ReturnType<typeof suggestClusters>) =>
  result.suggestions
    .map((s) => [...s.memberIds].sort())
    .sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1))

describe('suggestClusters on a hand-written workshop', () => {
  const result = suggestClusters(board, phases)

  it('finds the known groups exactly and leaves the loners out', () => {
    expect(groupsOf(result)).toEqual([
      ['shape:ci-1', 'shape:ci-2', 'shape:ci-3', 'shape:ci-4'],
      ['shape:oncall-1', 'shape:oncall-2', 'shape:oncall-3'],
      ['shape:sec-1', 'shape:sec-2', 'shape:sec-3', 'shape:sec-4'],
      ['shape:vm-1', 'shape:vm-2', 'shape:vm-3', 'shape:vm-4'],
    ])
    // lone-laptops shares "month" with sec-1 and "new" with oncall-2, but phases away.
    expect(result.unclustered).toEqual([
      'shape:lone-budget',
      'shape:lone-coffee',
      'shape:lone-laptops',
      'shape:lone-release',
    ])
  })

  it('orders suggestions by confidence, lists members by id and phases in timeline order', () => {
    const confidences = result.suggestions.map((s) => s.confidence)
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a))
    for (const s of result.suggestions) expect(s.memberIds).toEqual([...s.memberIds].sort())
    const security = result.suggestions.find((s) => s.memberIds.includes('shape:sec-1'))
    expect(security?.phaseIds).toEqual([phaseId(4)])
    expect(security?.sharedTerms).toEqual(expect.arrayContaining(['security', 'review']))
    // The shared words, then the concept its members name in other words (ADR 0016).
    expect(security?.reason).toBe(
      `4 pain points mention ${security?.sharedTerms
        .slice(0, 3)
        .map((t) => `"${t}"`)
        .join(
          ', ',
        )}; "security", "compliance" and "pen" name the same pain (security review) and sit in Security & compliance review.`,
    )
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

  it.each([1, 2, 3, 42, 2026])('gives the same output for input shuffled with seed %i', (seed) => {
    expect(suggestClusters(shuffled(board, seed), phases)).toEqual(result)
  })

  it('gives the same output reversed and interleaved', () => {
    const orders = [
      [...board].reverse(),
      [...board.slice(7), ...board.slice(0, 7)],
      board.filter((_p, i) => i % 2 === 0).concat(board.filter((_p, i) => i % 2 === 1)),
    ]
    for (const order of orders) expect(suggestClusters(order, phases)).toEqual(result)
  })

  it('keys a group by its members only', () => {
    const vms = board.filter((p) => p.id.startsWith('shape:vm-'))
    const alone = suggestClusters(vms, phases).suggestions[0]
    const inBoard = result.suggestions.find((s) => s.memberIds.includes('shape:vm-1'))
    expect(alone?.key).toBe(inBoard?.key)
  })
})

// The position part of the similarity, on its own: words only, pairs shown (the settings before
// ADR 0016; concepts and the smallest group size are tested in suggest-concepts.test.ts).
describe('suggestClusters: position matters', () => {
  const a = 'Manual handover of credentials'
  const b = 'Manual firewall change'
  it.each([
    ['in the same phase', at('shape:a', a, 1, 100), at('shape:b', b, 1, 250), true],
    ['a phase width apart', at('shape:a', a, 1, 200), at('shape:b', b, 2, 200), false],
    ['two phases apart', at('shape:a', a, 1, 200), at('shape:b', b, 3, 200), false],
    ['at opposite ends', at('shape:a', a, 0, 50), at('shape:b', b, 6, 350), false],
    [
      'off the timeline but close',
      { id: 'shape:a', text: a, x: 500, phaseId: null },
      { id: 'shape:b', text: b, x: 560, phaseId: null },
      true,
    ],
  ])('one weak shared word, %s: grouped = %s', (_where, first, second, grouped) => {
    expect(suggestClusters([first, second], phases, legacySuggestOptions).suggestions).toHaveLength(
      grouped ? 1 : 0,
    )
  })

  it('never groups stickies that share no words, however close they are', () => {
    const result = suggestClusters(
      [at('shape:a', 'Slow laptops', 1, 100), at('shape:b', 'Missing documentation', 1, 110)],
      phases,
      legacySuggestOptions,
    )
    expect(result.suggestions).toEqual([])
  })
})

describe('suggestClusters on larger boards', () => {
  const filler = (i: number) => `topic${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`

  it('groups many stickies that share a common term (no cut-off on common words)', () => {
    const ci = Array.from({ length: 30 }, (_v, i) =>
      at(`shape:ci-${String(i).padStart(2, '0')}`, `Flaky CI ${filler(i)}`, 3, 10 + i * 12),
    )
    const others = Array.from({ length: 30 }, (_v, i) =>
      at(`shape:other-${i}`, `${filler(100 + i)} ${filler(200 + i)}`, i % 3, 200),
    )
    const result = suggestClusters([...ci, ...others], phases)
    expect(result.suggestions.map((s) => s.memberIds)).toEqual([ci.map((p) => p.id)])
    expect(result.suggestions[0]?.name).toMatch(/^(Flaky \/ CI|CI \/ flaky)$/)
  })

  it(`stops a term proposing pairs once candidate pairs exceed the budget (${pairBudget})`, () => {
    // Every sticky says "deploy"; 1,500 choose 2 is over the budget, so the term is skipped.
    const many = Array.from({ length: 1500 }, (_v, i) =>
      at(`shape:${String(i).padStart(4, '0')}`, `Deploy ${filler(i)}`, 2, 200),
    )
    expect((1500 * 1499) / 2).toBeGreaterThan(pairBudget)
    const result = suggestClusters(many, phases)
    expect(result.suggestions).toEqual([])
    expect(result.unclustered).toHaveLength(1500)
  })
})

describe('suggestClusters on odd input', () => {
  it.each([
    ['no pain points', []],
    ['one pain point', [at('shape:a', 'Slow approvals', 1)]],
    ['empty texts', [at('shape:a', '', 1), at('shape:b', '', 1)]],
    ['emoji and symbols only', [at('shape:a', '🔥🔥', 1), at('shape:b', '!!!', 1)]],
    [
      'odd text',
      [
        at('shape:a', '🔥 déploiement   lent!!! 🔥', 1),
        at('shape:b', 'DÉPLOIEMENT lent\n\t(encore)', 1),
        at('shape:c', "''''—–…", 1),
        at('shape:d', 'x'.repeat(5000), 1),
      ],
    ],
    [
      'duplicate texts at the same spot',
      [at('shape:a', 'Slow VMs', 1), at('shape:b', 'Slow VMs', 1), at('shape:c', 'Slow VMs', 1)],
    ],
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

  it('treats a phase id missing from the timeline like no phase', () => {
    const result = suggestClusters(
      [
        { id: 'shape:a', text: 'VMs are slow', x: 100, phaseId: 'gone' },
        { id: 'shape:b', text: 'Slow VM requests', x: 120, phaseId: phaseId(0) },
      ],
      phases,
      { minGroupSize: 2 },
    )
    expect(result.suggestions[0]?.phaseIds).toEqual([phaseId(0)])
    expect(result.suggestions[0]?.name).toMatch(/^(VMs? \/ slow|Slow \/ VMs?)$/)
  })

  it('works without a timeline', () => {
    const result = suggestClusters(
      [
        { id: 'shape:a', text: 'VM requests are slow', x: 0, phaseId: null },
        { id: 'shape:b', text: 'VM requests get lost', x: 100, phaseId: null },
      ],
      [],
      { minGroupSize: 2 },
    )
    expect(result.suggestions[0]?.memberIds).toEqual(['shape:a', 'shape:b'])
  })
})
