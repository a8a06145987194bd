import { type Term, terms } from '../backlog/text-terms.ts'
import type { CompiledVocabulary } from './vocabulary.ts'

/**
 * A concept of the vocabulary as a feature of a text, beside its words: "~access" for a text that
 * says "ticket" or "permission". Word stems never hold "~" (text is split on everything that is
 * not a letter or a digit), so the two kinds cannot collide.
 */
export const conceptPrefix = '~'

export function isConceptStem(stem: string): boolean {
  return stem.startsWith(conceptPrefix)
}

/** The concept's id from its feature stem. */
export function conceptIdOf(stem: string): string {
  return stem.slice(conceptPrefix.length)
}

/**
 * The words of a text followed by its concepts, each concept once (with the first word that
 * named it as its surface), in the order the words name them. With an empty vocabulary: the
 * words only, exactly as terms() gives them.
 */
export function featureTerms(text: string, vocabulary: CompiledVocabulary): Term[] {
  const words = terms(text)
  if (vocabulary.conceptsOf.size === 0) return words
  const concepts: Term[] = []
  const seen = new Set<number>()
  for (const word of words) {
    for (const index of vocabulary.conceptsOf.get(word.stem) ?? []) {
      if (seen.has(index)) continue
      seen.add(index)
      const id = vocabulary.concepts[index]?.id ?? String(index)
      concepts.push({ stem: `${conceptPrefix}${id}`, surface: word.surface })
    }
  }
  return concepts.length === 0 ? words : [...words, ...concepts]
}
