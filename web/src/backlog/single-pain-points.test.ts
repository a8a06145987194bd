import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { workshopBoard, workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { describe, expect, it } from 'vitest'
import { singlePainPoints } from './single-pain-points.ts'

describe('single pain points', () => {
  it('lists unclustered pain points along the timeline', () => {
    expect(singlePainPoints(workshopMaps, new Set()).map((p) => p.id)).toEqual([
      'shape:pain-markdown',
      'shape:pain-formula',
    ])
  })

  it('leaves out those that are backlog items already', () => {
    const targets = new Set(buildBacklog(workshopBoard, workshopMaps).items.map((i) => i.targetId))
    expect(singlePainPoints(workshopMaps, targets)).toEqual([])
    expect(
      singlePainPoints(workshopMaps, new Set(['shape:pain-formula'])).map((p) => p.phaseName),
    ).toEqual(['Security & compliance review'])
  })
})
