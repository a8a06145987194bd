import { describe, expect, it } from 'vitest'
import { terms } from '../backlog/text-terms.ts'
import { conceptIdOf, featureTerms, isConceptStem } from './concept-terms.ts'
import {
  builtInVocabulary,
  compileVocabulary,
  conceptIdPattern,
  emptyVocabulary,
  mergeVocabularies,
  readVocabulary,
  vocabularyWordProblem,
} from './vocabulary.ts'

describe('the built-in vocabulary', () => {
  it('has unique ids in the allowed form and a label for every group', () => {
    const ids = builtInVocabulary.concepts.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const c of builtInVocabulary.concepts) {
      expect(c.id).toMatch(conceptIdPattern)
      expect(c.label.trim()).not.toBe('')
      expect(c.words.length).toBeGreaterThan(0)
    }
  })

  it('holds only words that stem to one term (so sticky text can match each)', () => {
    const problems = builtInVocabulary.concepts.flatMap((c) =>
      c.words.flatMap((w) => vocabularyWordProblem(w) ?? []),
    )
    expect(problems).toEqual([])
  })

  it('puts the access words of the issue in one group', () => {
    const compiled = compileVocabulary(builtInVocabulary)
    const access = builtInVocabulary.concepts.findIndex((c) => c.id === 'access')
    for (const word of ['access', 'permissions', 'tickets', 'approval'])
      expect(compiled.conceptsOf.get(terms(word)[0]?.stem ?? '')).toContain(access)
  })
})

describe('vocabularyWordProblem', () => {
  it.each([
    ['approval', null],
    ['VMs', null],
    ['the', /not a meaningful word/],
    ['42', /not a meaningful word/],
    ['access request', /2 words/],
  ])('%j → %s', (word, problem) => {
    const found = vocabularyWordProblem(word)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toMatch(problem)
  })
})

describe('mergeVocabularies', () => {
  const base = {
    concepts: [
      { id: 'access', label: 'access request', words: ['access', 'ticket'] },
      { id: 'waiting', label: 'waiting', words: ['slow'] },
    ],
  }

  it('adds words to a known group, keeping each word once and the order first seen', () => {
    const merged = mergeVocabularies(base, {
      concepts: [{ id: 'access', words: ['ticket', 'servicenow', 'ritm'] }],
    })
    expect(merged.concepts[0]).toEqual({
      id: 'access',
      label: 'access request',
      words: ['access', 'ticket', 'servicenow', 'ritm'],
    })
    expect(merged.concepts[1]).toEqual(base.concepts[1])
  })

  it("takes the operator's label for a known group and appends new groups in their order", () => {
    const merged = mergeVocabularies(base, {
      concepts: [
        { id: 'mainframe', label: 'mainframe batch', words: ['cobol', 'jcl', 'cobol'] },
        { id: 'waiting', label: 'lead time', words: [] },
        { id: 'sap', words: ['abap'] },
      ],
    })
    expect(merged.concepts.map((c) => [c.id, c.label, c.words])).toEqual([
      ['access', 'access request', ['access', 'ticket']],
      ['waiting', 'lead time', ['slow']],
      ['mainframe', 'mainframe batch', ['cobol', 'jcl']],
      ['sap', 'sap', ['abap']],
    ])
  })

  it('does not change its inputs', () => {
    const before = JSON.stringify(base)
    mergeVocabularies(base, { concepts: [{ id: 'access', words: ['iam'] }] })
    expect(JSON.stringify(base)).toBe(before)
  })
})

describe('compileVocabulary and featureTerms', () => {
  const vocabulary = compileVocabulary({
    concepts: [
      { id: 'access', label: 'access request', words: ['access', 'permission', 'approval'] },
      { id: 'sign-off', label: 'sign-off', words: ['approval', 'cab'] },
    ],
  })

  it('maps each stem to every group it is in', () => {
    expect(vocabulary.conceptsOf.get(terms('approvals')[0]?.stem ?? '')).toEqual([0, 1])
    expect(vocabulary.conceptsOf.get(terms('permissions')[0]?.stem ?? '')).toEqual([0])
  })

  it('adds each concept of a text once, after its words, named by the first word that said it', () => {
    const features = featureTerms('Permissions need approval, then more approvals', vocabulary)
    const concepts = features.filter((t) => isConceptStem(t.stem))
    expect(features.slice(0, 3).map((t) => t.surface)).toEqual([
      'permissions',
      'approval',
      'approvals',
    ])
    expect(concepts.map((t) => [conceptIdOf(t.stem), t.surface])).toEqual([
      ['access', 'permissions'],
      ['sign-off', 'approval'],
    ])
  })

  it('gives the words only with no vocabulary', () => {
    expect(featureTerms('Permissions need approval', emptyVocabulary)).toEqual(
      terms('Permissions need approval'),
    )
  })
})

describe('readVocabulary', () => {
  it('accepts what the server serves and refuses anything else', () => {
    expect(readVocabulary(builtInVocabulary)).toEqual(builtInVocabulary)
    expect(readVocabulary(null)).toBeNull()
    expect(readVocabulary({ concepts: 'access' })).toBeNull()
    expect(readVocabulary({ concepts: [{ id: 'a', label: 'a', words: [1] }] })).toBeNull()
    expect(readVocabulary({ concepts: [{ id: 'a', words: ['x'] }] })).toBeNull()
  })
})
