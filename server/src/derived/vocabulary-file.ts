import { readFileSync } from 'node:fs'
import {
  builtInVocabulary,
  conceptIdPattern,
  mergeVocabularies,
  type Vocabulary,
  type VocabularyInput,
  vocabularyLimits,
  vocabularyWordProblem,
} from '@stormline/shared/suggestions/vocabulary'
import { z } from 'zod'

/**
 * The operator's vocabulary file (VOCABULARY_FILE, ADR 0016): groups of words that name the same
 * pain, merged with the built-in ones. Read and checked once at start, so a bad file stops the
 * server with a message naming the file and what is wrong, never a failure later in a worker.
 */

const word = z
  .string()
  .trim()
  .min(1)
  .max(vocabularyLimits.wordLength)
  .superRefine((value, ctx) => {
    const problem = vocabularyWordProblem(value)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  })

const concept = z.strictObject({
  id: z
    .string()
    .regex(
      conceptIdPattern,
      'lowercase letters, digits and dashes, starting with a letter or digit (at most 40)',
    ),
  label: z.string().trim().min(1).max(vocabularyLimits.labelLength).optional(),
  words: z.array(word).min(1).max(vocabularyLimits.wordsPerConcept),
})

export const vocabularySchema = z
  .strictObject({ concepts: z.array(concept).max(vocabularyLimits.concepts) })
  .superRefine((value, ctx) => {
    const seen = new Set<string>()
    value.concepts.forEach((c, index) => {
      if (seen.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['concepts', index, 'id'],
          message: `"${c.id}" is listed twice; put all its words in one group`,
        })
      seen.add(c.id)
    })
  })

/** Checks a parsed vocabulary; throws an Error listing every problem, prefixed with `source`. */
export function parseVocabulary(json: unknown, source: string): VocabularyInput {
  const parsed = vocabularySchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`,
    )
    throw new Error(`${source}: ${problems.join('; ')}`)
  }
  return parsed.data
}

/**
 * The vocabulary the server suggests with: the built-in groups, plus the operator's file when
 * one is named. Throws a readable error for a file that is missing, not JSON or not a vocabulary.
 */
export function loadVocabulary(file: string | null): Vocabulary {
  if (file === null) return builtInVocabulary
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(
      `VOCABULARY_FILE ${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(
      `VOCABULARY_FILE ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  return mergeVocabularies(builtInVocabulary, parseVocabulary(json, `VOCABULARY_FILE ${file}`))
}
