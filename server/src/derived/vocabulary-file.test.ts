import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { builtInVocabulary } from '@stormline/shared/suggestions/vocabulary'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { loadVocabulary, parseVocabulary, vocabularySchema } from './vocabulary-file.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stormline-vocabulary-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function file(content: string): string {
  const name = path.join(dir, 'vocabulary.json')
  writeFileSync(name, content)
  return name
}

describe('the vocabulary file', () => {
  it('accepts the built-in vocabulary itself', () => {
    expect(vocabularySchema.safeParse(builtInVocabulary).success).toBe(true)
  })

  it('is the built-in vocabulary when no file is named', () => {
    expect(loadVocabulary(null)).toBe(builtInVocabulary)
    expect(loadConfig({}).vocabulary).toBe(builtInVocabulary)
  })

  it("merges the operator's groups with the built-in ones", () => {
    const merged = loadVocabulary(
      file(
        JSON.stringify({
          concepts: [
            { id: 'access', words: ['servicenow', 'RITM'] },
            { id: 'mainframe', label: 'mainframe batch', words: ['cobol', 'jcl'] },
          ],
        }),
      ),
    )
    const access = merged.concepts.find((c) => c.id === 'access')
    expect(access?.words).toEqual(expect.arrayContaining(['permission', 'servicenow', 'RITM']))
    expect(merged.concepts.at(-1)).toEqual({
      id: 'mainframe',
      label: 'mainframe batch',
      words: ['cobol', 'jcl'],
    })
    expect(merged.concepts).toHaveLength(builtInVocabulary.concepts.length + 1)
  })

  it.each([
    ['not JSON', '{ concepts: [', /not valid JSON/],
    ['no concepts', '{}', /concepts/],
    ['an unknown field', '{"concepts": [], "extra": 1}', /extra/],
    [
      'a bad id',
      '{"concepts": [{"id": "Access Request", "words": ["ticket"]}]}',
      /concepts\.0\.id/,
    ],
    [
      'a phrase for a word',
      '{"concepts": [{"id": "access", "words": ["access request"]}]}',
      /concepts\.0\.words\.0: "access request" is 2 words/,
    ],
    ['a stop word', '{"concepts": [{"id": "x", "words": ["the"]}]}', /not a meaningful word/],
    ['no words', '{"concepts": [{"id": "x", "words": []}]}', /concepts\.0\.words/],
    [
      'an id twice',
      '{"concepts": [{"id": "x", "words": ["cobol"]}, {"id": "x", "words": ["jcl"]}]}',
      /"x" is listed twice/,
    ],
  ])('refuses %s with a message naming the file and the problem', (_what, content, problem) => {
    const name = file(content)
    expect(() => loadVocabulary(name)).toThrow(problem)
    expect(() => loadVocabulary(name)).toThrow(`VOCABULARY_FILE ${name}`)
  })

  it('stops the configuration from loading, with a readable message', () => {
    const name = file('{"concepts": [{"id": "x", "words": ["the"]}]}')
    expect(() => loadConfig({ VOCABULARY_FILE: name })).toThrow(
      /^Invalid configuration: VOCABULARY_FILE .*vocabulary\.json: concepts\.0\.words\.0: "the" is not a meaningful word/,
    )
    expect(() => loadConfig({ VOCABULARY_FILE: path.join(dir, 'missing.json') })).toThrow(
      /Invalid configuration: VOCABULARY_FILE .*missing\.json: cannot be read/,
    )
  })

  it('parses a vocabulary already read', () => {
    expect(parseVocabulary({ concepts: [{ id: 'x', words: ['cobol'] }] }, 'test')).toEqual({
      concepts: [{ id: 'x', words: ['cobol'] }],
    })
    expect(() => parseVocabulary([], 'test')).toThrow(/^test: /)
  })
})
