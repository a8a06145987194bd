import { terms } from '../backlog/text-terms.ts'
import builtIn from './vocabulary.json' with { type: 'json' }

/**
 * The vocabulary of path-to-production discovery: groups of words that name the same pain
 * ("access", "permission", "ticket" and "approval" are all an access request). Kept as data
 * (vocabulary.json) so an operator can extend it (server VOCABULARY_FILE, merged with the
 * built-in groups and served to the browser at GET /api/vocabulary), and read by the cluster
 * suggester as extra features beside the words themselves (ADR 0016).
 */

export interface VocabularyConcept {
  /** Lowercase letters, digits and dashes; an operator's group with a built-in id extends it. */
  id: string
  /** How a reason names the concept, e.g. "access request". */
  label: string
  /** Words as people write them; each is stemmed like sticky text (text-terms.ts). */
  words: string[]
}

export interface Vocabulary {
  concepts: VocabularyConcept[]
}

/** An operator's group: the label may be left out when the id extends a built-in group. */
export interface VocabularyConceptInput {
  id: string
  label?: string | undefined
  words: string[]
}

export interface VocabularyInput {
  concepts: VocabularyConceptInput[]
}

export const builtInVocabulary: Vocabulary = builtIn

/** Bounds on a vocabulary, checked when an operator's file is loaded. */
export const vocabularyLimits = {
  concepts: 500,
  wordsPerConcept: 1000,
  wordLength: 60,
  labelLength: 80,
} as const

export const conceptIdPattern = /^[a-z0-9][a-z0-9-]{0,39}$/

/**
 * Why a word cannot be a vocabulary word, or null when it can: it must be exactly one
 * meaningful term once stemmed, or sticky text could never match it.
 */
export function vocabularyWordProblem(word: string): string | null {
  const found = terms(word)
  if (found.length === 0)
    return `"${word}" is not a meaningful word (a stop word, a number or too short)`
  if (found.length > 1)
    return `"${word}" is ${found.length} words; list each word on its own (a group matches any of its words)`
  return null
}

/**
 * The built-in groups with an operator's added: a group whose id is already known gains the new
 * words (and the operator's label, if given); a new id is a new group, after the built-in ones in
 * the operator's order. Words are kept once each, in the order first seen.
 */
export function mergeVocabularies(base: Vocabulary, extra: VocabularyInput): Vocabulary {
  const concepts = base.concepts.map((c) => ({ ...c, words: [...c.words] }))
  const byId = new Map(concepts.map((c) => [c.id, c]))
  for (const group of extra.concepts) {
    const known = byId.get(group.id)
    if (known) {
      if (group.label !== undefined) known.label = group.label
      for (const word of group.words) if (!known.words.includes(word)) known.words.push(word)
    } else {
      const added = {
        id: group.id,
        label: group.label ?? group.id,
        words: [...new Set(group.words)],
      }
      concepts.push(added)
      byId.set(added.id, added)
    }
  }
  return { concepts }
}

/** A vocabulary ready for matching: each stem's concepts, by index into `concepts`. */
export interface CompiledVocabulary {
  concepts: readonly { id: string; label: string }[]
  /** Stem → indices of the concepts it belongs to, ascending. */
  conceptsOf: ReadonlyMap<string, readonly number[]>
}

/**
 * Stems every word; words that are not one term are skipped here (an operator's file is refused
 * for them when it is loaded, see vocabularyWordProblem).
 */
export function compileVocabulary(vocabulary: Vocabulary): CompiledVocabulary {
  const conceptsOf = new Map<string, number[]>()
  vocabulary.concepts.forEach((concept, index) => {
    for (const word of concept.words) {
      const found = terms(word)
      if (found.length !== 1) continue
      const stem = found[0]?.stem ?? ''
      const list = conceptsOf.get(stem) ?? []
      if (!list.includes(index)) list.push(index)
      conceptsOf.set(stem, list)
    }
  })
  for (const list of conceptsOf.values()) list.sort((a, b) => a - b)
  return {
    concepts: vocabulary.concepts.map(({ id, label }) => ({ id, label })),
    conceptsOf,
  }
}

/** No concepts: the suggester then compares words only (as before ADR 0016). */
export const emptyVocabulary: CompiledVocabulary = { concepts: [], conceptsOf: new Map() }

let compiledBuiltIn: CompiledVocabulary | null = null

/** The built-in vocabulary, compiled once. */
export function builtInCompiled(): CompiledVocabulary {
  compiledBuiltIn ??= compileVocabulary(builtInVocabulary)
  return compiledBuiltIn
}

/**
 * A vocabulary received from the server (GET /api/vocabulary), checked for shape only: the server
 * validated its file at start. Null when the answer is not a vocabulary at all.
 */
export function readVocabulary(value: unknown): Vocabulary | null {
  if (typeof value !== 'object' || value === null) return null
  const concepts = (value as { concepts?: unknown }).concepts
  if (!Array.isArray(concepts)) return null
  const read: VocabularyConcept[] = []
  for (const c of concepts) {
    if (typeof c !== 'object' || c === null) return null
    const { id, label, words } = c as Record<string, unknown>
    if (typeof id !== 'string' || typeof label !== 'string' || !Array.isArray(words)) return null
    if (!words.every((w): w is string => typeof w === 'string')) return null
    read.push({ id, label, words })
  }
  return { concepts: read }
}
