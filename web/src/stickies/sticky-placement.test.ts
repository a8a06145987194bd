import { readBoard } from '@stormline/shared/board/read-board'
import { timelineRecord } from '@stormline/shared/testing/board-records'
import { describe, expect, it } from 'vitest'
import { placementIn, untitledStep } from './sticky-placement.ts'

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
})

function note(id: string, x: number, kind: string, text: string) {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    x,
    y: 300,
    parentId: 'page:page',
    props: { color: 'orange', richText: doc(text), scale: 1, growY: 0 },
    meta: { stormline: { kind } },
  }
}

const timeline = timelineRecord({
  w: 1000,
  h: 100,
  startLabel: 'Start',
  endLabel: 'End',
  phases: [
    { id: 'a', name: 'Discovery', weight: 1 },
    { id: 'b', name: 'Delivery', weight: 1 },
  ],
})

describe('placementIn', () => {
  const board = readBoard([
    timeline,
    note('step', 600, 'step', 'Deploy'),
    note('pain', 650, 'pain', 'Slow'),
    note('blank', 2000, 'step', ''),
    note('lonely', 2100, 'question', 'Who?'),
    note('far', 5000, 'tech', 'Jenkins'),
  ])

  it('names the phase and the step an overlay belongs to', () => {
    expect(placementIn(board, 'shape:pain')).toEqual({ phase: 'Delivery', step: 'Deploy' })
  })

  it('shows no step for a step itself', () => {
    expect(placementIn(board, 'shape:step')).toEqual({ phase: 'Delivery', step: null })
  })

  it('is off the timeline past its end, and names an empty step as untitled', () => {
    expect(placementIn(board, 'shape:lonely')).toEqual({ phase: null, step: untitledStep })
  })

  it('has no step for an overlay far from every step', () => {
    expect(placementIn(board, 'shape:far')).toEqual({ phase: null, step: null })
  })

  it('knows nothing of stickies it cannot find', () => {
    expect(placementIn(board, 'shape:missing')).toEqual({ phase: null, step: null })
  })
})
