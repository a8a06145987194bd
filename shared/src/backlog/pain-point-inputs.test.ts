import { describe, expect, it } from 'vitest'
import type { StickyModel } from '../board/read-board.ts'
import { painPointInputs } from './board-suggestions.ts'

function sticky(id: string, kind: StickyModel['kind'], x: number): StickyModel {
  return {
    id,
    kind,
    text: `text ${id}`,
    authorId: null,
    authorName: null,
    createdAt: null,
    pageId: 'page:page',
    bounds: { x, y: 0, w: 200, h: 200 },
    phaseId: 'phase:1',
    phaseName: 'One',
    stepId: null,
    context: '',
    needsDeepDive: false,
    durationMinutes: null,
  }
}

describe('painPointInputs', () => {
  it('takes the pain points with their centre x, rounded', () => {
    const inputs = painPointInputs([
      sticky('shape:a', 'pain', 10.4),
      sticky('shape:b', 'step', 0),
      sticky('shape:c', 'pain', 0),
    ])
    expect(inputs).toEqual([
      { id: 'shape:a', text: 'text shape:a', x: 110, phaseId: 'phase:1' },
      { id: 'shape:c', text: 'text shape:c', x: 100, phaseId: 'phase:1' },
    ])
  })
})
