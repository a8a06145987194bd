import { describe, expect, it } from 'vitest'
import { emptyBoardMaps } from './board-maps.ts'
import { buildBacklog } from './build-backlog.ts'
import { backlogItemId } from './stable-id.ts'
import { workshopBoard, workshopMaps } from './workshop-fixture.ts'

describe('buildBacklog on a finished workshop', () => {
  const backlog = buildBacklog(workshopBoard, workshopMaps)
  const item = (targetId: string) => backlog.items.find((i) => i.targetId === targetId)

  it('ranks the clusters and the voted single pain point by value for effort', () => {
    expect(backlog.items.map((i) => [i.rank, i.targetId])).toEqual([
      [1, 'cluster:vm'],
      [2, 'cluster:approvals'],
      [3, 'shape:pain-formula'],
      [4, 'shape:pain-markdown'],
    ])
    expect(backlog.schemaVersion).toBe(1)
  })

  it('scores a cluster from its evidence, votes, breadth and the facilitator’s value and effort', () => {
    expect(item('cluster:vm')?.score).toMatchObject({
      value: 5,
      valueSource: 'facilitator',
      effort: 2,
      effortSource: 'facilitator',
      votes: 4,
      evidence: 3,
      authors: 3,
      phases: 1,
    })
    expect(item('cluster:vm')?.reason).toContain(
      'Value 5 (set by the facilitator) raised by 4 votes',
    )
  })

  it('caps an over-budget participant and ignores votes of an earlier round', () => {
    expect(item('shape:pain-formula')?.score.votes).toBe(9)
  })

  it('uses the median of revealed estimates and flags wide disagreement', () => {
    const approvals = item('cluster:approvals')
    expect(approvals?.score).toMatchObject({
      value: 4,
      valueSource: 'estimate',
      effort: 4,
      effortSource: 'estimate',
    })
    expect(approvals?.estimate).toEqual({
      ballots: 3,
      revealed: true,
      valueMedian: 4,
      valueSpread: 2,
      effortMedian: 4,
      effortSpread: 3,
      disagreement: true,
    })
  })

  it('quotes the evidence in timeline order with authors, phases and deep-dive notes', () => {
    const vm = item('cluster:vm')
    expect(vm?.evidence.map((e) => e.stickyId)).toEqual([
      'shape:pain-vm-wait',
      'shape:pain-vm-form',
      'shape:pain-firewall',
    ])
    expect(vm?.evidence[0]).toMatchObject({
      authorName: 'Ada',
      phaseName: 'Environments & infrastructure',
      needsDeepDive: true,
      context: expect.stringContaining('network team queue'),
    })
    expect(vm?.evidence[1]?.text).toBe('VM request form asks for\ncost centre *and* owner')
  })

  it('names the steps, systems and teams around the pain points', () => {
    expect(item('cluster:vm')).toMatchObject({
      steps: ['Request a VM'],
      systems: ['Jira service desk'],
      teams: ['Network team'],
      phases: ['Environments & infrastructure'],
    })
    expect(item('cluster:approvals')).toMatchObject({
      steps: ['Book a pen test', 'Change advisory board'],
      teams: ['Security office'],
      phases: ['Security & compliance review', 'Release'],
    })
  })

  it('links every item back to the board and keeps its id stable', () => {
    expect(item('cluster:vm')?.link).toBe(`/b/${workshopBoard.id}?focus=cluster%3Avm`)
    expect(item('cluster:vm')?.itemId).toBe(backlogItemId('cluster:vm'))
    const later = buildBacklog(workshopBoard, {
      ...workshopMaps,
      clusters: {
        ...workshopMaps.clusters,
        'cluster:vm': { ...(workshopMaps.clusters['cluster:vm'] as object), name: 'Renamed' },
      },
    })
    expect(later.items.find((i) => i.targetId === 'cluster:vm')?.itemId).toBe(
      item('cluster:vm')?.itemId,
    )
  })

  it('keeps the pain point nobody clustered or voted for, unranked, with its context', () => {
    expect(backlog.unranked).toEqual([
      {
        itemId: backlogItemId('shape:pain-staging'),
        targetId: 'shape:pain-staging',
        kind: 'pain-point',
        title: 'Staging data is months old',
        evidence: {
          stickyId: 'shape:pain-staging',
          text: 'Staging data is months old',
          authorName: 'Dan',
          phaseName: 'Release',
          context: 'Refreshed by hand, when someone remembers.',
          needsDeepDive: true,
        },
        phases: ['Release'],
        steps: ['Change advisory board'],
        systems: [],
        teams: [],
        link: `/b/${workshopBoard.id}?focus=shape%3Apain-staging`,
      },
    ])
  })

  it('ranks an unranked pain point as soon as it gets a vote or an assessment, keeping its id', () => {
    const assessed = buildBacklog(workshopBoard, {
      ...workshopMaps,
      assessments: { ...workshopMaps.assessments, 'shape:pain-staging': { mode: 'facilitator' } },
    })
    expect(assessed.unranked).toEqual([])
    expect(assessed.items.find((i) => i.targetId === 'shape:pain-staging')?.itemId).toBe(
      backlogItemId('shape:pain-staging'),
    )
    const voted = buildBacklog(workshopBoard, {
      ...workshopMaps,
      votes: {
        ...workshopMaps.votes,
        'p-eve': { participantName: 'Eve', round: 2, dots: { 'shape:pain-staging': 1 } },
      },
    })
    expect(voted.unranked).toEqual([])
    expect(voted.items.map((i) => i.targetId)).toContain('shape:pain-staging')
  })

  it('lists every pain point exactly once: in a cluster, as an item, or unranked', () => {
    const listed = [
      ...backlog.items.flatMap((i) => i.evidence.map((e) => e.stickyId)),
      ...backlog.unranked.map((p) => p.targetId),
    ]
    const pain = Object.values(workshopMaps.records).filter(
      (r) => (r as { meta?: { stormline?: { kind?: string } } }).meta?.stormline?.kind === 'pain',
    )
    expect([...listed].sort()).toEqual(pain.map((r) => (r as { id: string }).id).sort())
  })

  it('is deterministic whatever order the maps list things in', () => {
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse())
    const shuffled = buildBacklog(workshopBoard, {
      ...workshopMaps,
      records: reversed(workshopMaps.records),
      clusters: reversed(workshopMaps.clusters),
      votes: reversed(workshopMaps.votes),
      ballots: reversed(workshopMaps.ballots),
    })
    expect(shuffled).toEqual(backlog)
  })
})

describe('buildBacklog while voting and on empty boards', () => {
  it('keeps votes secret while the vote is open: they do not move the ranking', () => {
    const open = buildBacklog(workshopBoard, {
      ...workshopMaps,
      session: { vote: { status: 'open', budget: 5, round: 2 } },
    })
    expect(open.items.every((i) => i.score.votes === 0)).toBe(true)
    // Single pain points stay listed while their dots are secret: unranked, not dropped.
    expect(open.unranked.map((p) => p.targetId)).toEqual([
      'shape:pain-markdown',
      'shape:pain-staging',
      'shape:pain-formula',
    ])
  })

  it('gives an empty backlog for an empty board', () => {
    expect(buildBacklog(workshopBoard, emptyBoardMaps)).toMatchObject({ items: [], unranked: [] })
  })

  it('drops clusters whose members are gone, and claims a sticky for one cluster only', () => {
    const backlog = buildBacklog(workshopBoard, {
      ...workshopMaps,
      clusters: {
        ...workshopMaps.clusters,
        'cluster:aaa': { id: 'cluster:aaa', name: 'Duplicate', memberIds: ['shape:pain-cab'] },
        'cluster:empty': { id: 'cluster:empty', name: 'Empty', memberIds: ['shape:gone'] },
        junk: 'not a cluster',
      },
    })
    expect(backlog.items.find((i) => i.targetId === 'cluster:empty')).toBeUndefined()
    expect(
      backlog.items.find((i) => i.targetId === 'cluster:aaa')?.evidence.map((e) => e.stickyId),
    ).toEqual(['shape:pain-cab'])
    expect(
      backlog.items
        .find((i) => i.targetId === 'cluster:approvals')
        ?.evidence.map((e) => e.stickyId),
    ).toEqual(['shape:pain-pentest'])
  })
})
