import { minPhaseWeight, phaseSpans, type TimelinePhase } from '@stormline/shared/board/timeline'
import { describe, expect, it } from 'vitest'
import {
  addPhase,
  clampPhaseWeight,
  maxPhaseWeight,
  movePhase,
  newPhaseId,
  removePhase,
  renamePhase,
  setPhaseWeight,
  widthWithAddedPhase,
} from './phase-edits.ts'

const phases: TimelinePhase[] = [
  { id: 'a', name: 'Idea', weight: 1 },
  { id: 'b', name: 'Build', weight: 2 },
  { id: 'c', name: 'Release', weight: 1 },
]
const ids = (list: readonly TimelinePhase[]) => list.map((phase) => phase.id)

describe('renamePhase', () => {
  it('renames only the phase at the index, keeping its id and weight', () => {
    expect(renamePhase(phases, 1, 'Build & CI')[1]).toEqual({
      id: 'b',
      name: 'Build & CI',
      weight: 2,
    })
    expect(renamePhase(phases, 1, 'x')[0]).toBe(phases[0])
  })

  it('ignores an index past the end (a peer just removed that phase)', () => {
    expect(renamePhase(phases, 5, 'x')).toEqual(phases)
  })
})

describe('addPhase', () => {
  it('appends with weight 1 unless told otherwise', () => {
    expect(addPhase(phases, { id: 'd', name: 'Operate' }).at(-1)).toEqual({
      id: 'd',
      name: 'Operate',
      weight: 1,
    })
    expect(addPhase(phases, { id: 'd', name: 'Operate', weight: 3 }).at(-1)?.weight).toBe(3)
  })

  it('does not change the list it was given', () => {
    addPhase(phases, { id: 'd', name: 'Operate' })
    expect(phases).toHaveLength(3)
  })
})

describe('removePhase', () => {
  it('removes the phase at the index', () => {
    expect(ids(removePhase(phases, 1))).toEqual(['a', 'c'])
  })

  it('keeps the last phase: a timeline always has one', () => {
    const single = [{ id: 'a', name: 'Only', weight: 1 }]
    expect(removePhase(single, 0)).toEqual(single)
  })

  it('ignores an index out of range', () => {
    expect(ids(removePhase(phases, -1))).toEqual(['a', 'b', 'c'])
    expect(ids(removePhase(phases, 3))).toEqual(['a', 'b', 'c'])
  })
})

describe('movePhase', () => {
  it('moves a phase earlier or later', () => {
    expect(ids(movePhase(phases, 1, -1))).toEqual(['b', 'a', 'c'])
    expect(ids(movePhase(phases, 0, 1))).toEqual(['b', 'a', 'c'])
    expect(ids(movePhase(phases, 0, 2))).toEqual(['b', 'c', 'a'])
  })

  it('stops at either end', () => {
    expect(ids(movePhase(phases, 0, -1))).toEqual(['a', 'b', 'c'])
    expect(ids(movePhase(phases, 2, 1))).toEqual(['a', 'b', 'c'])
    expect(ids(movePhase(phases, 1, 10))).toEqual(['a', 'c', 'b'])
  })

  it('ignores an index out of range', () => {
    expect(ids(movePhase(phases, 7, -1))).toEqual(['a', 'b', 'c'])
  })
})

describe('setPhaseWeight', () => {
  it('sets the weight of the phase at the index', () => {
    expect(setPhaseWeight(phases, 2, 3)[2]?.weight).toBe(3)
  })

  it('keeps weights between the minimum and the maximum', () => {
    expect(setPhaseWeight(phases, 0, 0)[0]?.weight).toBe(minPhaseWeight)
    expect(setPhaseWeight(phases, 0, -4)[0]?.weight).toBe(minPhaseWeight)
    expect(setPhaseWeight(phases, 0, 1000)[0]?.weight).toBe(maxPhaseWeight)
    expect(clampPhaseWeight(Number.NaN)).toBe(1)
  })
})

describe('widthWithAddedPhase', () => {
  it('grows the timeline so the phases already there keep their spans', () => {
    const w = widthWithAddedPhase(1200, phases)
    expect(w).toBe(1500)
    const before = phaseSpans(0, { w: 1200, phases })
    const after = phaseSpans(0, { w, phases: addPhase(phases, { id: 'd', name: 'New' }) })
    expect(after.slice(0, 3)).toEqual(before)
    expect(after[3]).toMatchObject({ startX: 1200, endX: 1500 })
  })
})

describe('newPhaseId', () => {
  it('makes a short prefixed id', () => {
    expect(newPhaseId(() => '0123456789abcdef')).toBe('phase-01234567')
    expect(newPhaseId()).not.toBe(newPhaseId())
  })
})
