import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { workshopBoard, workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { describe, expect, it } from 'vitest'
import { singlePainPoints, unrankedPainPoints } from './single-pain-points.ts'

describe('single pain points', () => {
  it('lists unclustered pain points along the timeline', () => {
    expect(singlePainPoints(workshopMaps, new Set()).map((p) => p.id)).toEqual([
      'shape:pain-markdown',
      'shape:pain-staging',
      'shape:pain-formula',
    ])
  })

  it('leaves out those that are backlog items already', () => {
    const targets = new Set(buildBacklog(workshopBoard, workshopMaps).items.map((i) => i.targetId))
    expect(singlePainPoints(workshopMaps, targets).map((p) => p.id)).toEqual(['shape:pain-staging'])
    expect(
      singlePainPoints(workshopMaps, new Set(['shape:pain-formula'])).map((p) => p.phaseName),
    ).toEqual(['Security & compliance review', 'Release'])
  })
})

describe('unranked pain points in the drawer', () => {
  it('are the backlog’s unranked list, the one the exports write under "Not voted yet"', () => {
    const backlog = buildBacklog(workshopBoard, workshopMaps)
    expect(unrankedPainPoints(backlog)).toEqual([
      {
        id: 'shape:pain-staging',
        text: 'Staging data is months old',
        authorName: 'Dan',
        phaseName: 'Release',
        needsDeepDive: true,
      },
    ])
  })

  it('are the same pain points that can take dots while a vote is open', () => {
    const open = { ...workshopMaps, session: { vote: { status: 'open', budget: 5, round: 2 } } }
    const backlog = buildBacklog(workshopBoard, open)
    const targets = new Set(backlog.items.map((i) => i.targetId))
    expect(new Set(unrankedPainPoints(backlog).map((p) => p.id))).toEqual(
      new Set(singlePainPoints(open, targets).map((p) => p.id)),
    )
  })
})
