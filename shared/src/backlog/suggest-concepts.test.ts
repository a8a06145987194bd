import { describe, expect, it } from 'vitest'
import { compileVocabulary, emptyVocabulary } from '../suggestions/vocabulary.ts'
import { painPointAt, pathToProductionPhases } from '../testing/timeline-points.ts'
import { legacySuggestOptions, minGroupSize, suggestClusters } from './suggest-clusters.ts'

/** The vocabulary's concepts and the smallest group size in the cluster suggester (ADR 0016). */

const phases = pathToProductionPhases
const at = painPointAt

/** Three ways of saying "we wait for access", without a word in common. */
const access = [
  at('shape:a', 'Took 3 weeks to get my AD account', 1, 100),
  at('shape:b', 'Raised 6 tickets to read the prod logs', 1, 200),
  at('shape:c', 'Permissions copied from a leaver', 1, 300),
]

describe('suggestClusters with the vocabulary', () => {
  it('groups pain points that name the same pain in different words, and says which', () => {
    const [group, ...others] = suggestClusters(access, phases).suggestions
    expect(others).toEqual([])
    expect(group?.memberIds).toEqual(['shape:a', 'shape:b', 'shape:c'])
    expect(group?.name).toBe('Access request')
    expect(group?.sharedTerms).toEqual([])
    expect(group?.reason).toBe(
      '3 pain points say it in other words: "account", "permissions" and "tickets" name the same pain (access request) and sit in Team & access.',
    )
  })

  it('does not group them on words alone (the suggester before ADR 0016)', () => {
    expect(suggestClusters(access, phases, legacySuggestOptions).suggestions).toEqual([])
    expect(
      suggestClusters(access, phases, { vocabulary: emptyVocabulary, minGroupSize: 2 }).suggestions,
    ).toEqual([])
  })

  it("uses an operator's concept like a built-in one", () => {
    const texts = [
      at('shape:x', 'COBOL copybooks drift', 3, 100),
      at('shape:y', 'JCL edited in production', 3, 200),
      at('shape:z', 'Nobody can read the mainframe batch', 3, 300),
    ]
    expect(suggestClusters(texts, phases).suggestions).toEqual([])
    const operator = compileVocabulary({
      concepts: [{ id: 'mainframe', label: 'mainframe', words: ['cobol', 'jcl', 'mainframe'] }],
    })
    const [group] = suggestClusters(texts, phases, { vocabulary: operator }).suggestions
    expect(group?.memberIds).toEqual(['shape:x', 'shape:y', 'shape:z'])
    expect(group?.reason).toContain('name the same pain (mainframe)')
  })
})

describe('suggestClusters: useful groups, not pairs', () => {
  const pair = [
    at('shape:p', 'Security review approval takes a month', 4, 100),
    at('shape:q', 'Security review needs three approvals', 4, 200),
  ]

  it(`suggests no group smaller than ${minGroupSize}; the pair stays unclustered`, () => {
    const result = suggestClusters(pair, phases)
    expect(result.suggestions).toEqual([])
    expect(result.unclustered).toEqual(['shape:p', 'shape:q'])
  })

  it('suggests the same pair when asked for groups of two', () => {
    const [group] = suggestClusters(pair, phases, { minGroupSize: 2 }).suggestions
    expect(group?.memberIds).toEqual(['shape:p', 'shape:q'])
  })

  it('gives the same result for any input order', () => {
    const board = [...access, ...pair, at('shape:r', 'Pen test booked 8 weeks out', 4, 300)]
    const result = suggestClusters(board, phases)
    expect(suggestClusters([...board].reverse(), phases)).toEqual(result)
    expect(suggestClusters([...board.slice(3), ...board.slice(0, 3)], phases)).toEqual(result)
  })
})
