/**
 * Turns short workshop sticky texts into comparable terms: lowercase words,
 * stop words dropped, light stemming so "approvals", "approving" and
 * "approved" meet. Deliberately small and deterministic; stickies are a few
 * words, not documents.
 */

const stopWords = new Set(
  (
    'the a an to of and or but is are was were be been being for we our us you your they their it its ' +
    'on in at by with from into onto over under up down out off no not nor too very so than then that ' +
    'this these those there here what which who whom when where why how all any both each few more most ' +
    'other some such only own same can will just should could would may might must do does did doing ' +
    'have has had having get gets got getting take takes took taking make makes made lot lots much many ' +
    'again always never ever also still even every need needs needed one two three via per etc because ' +
    'about after before while until if else once i me my mine he she him her them ' +
    // Contractions, after their apostrophe is removed ("don't" -> "dont").
    'dont doesnt didnt isnt arent wasnt werent cant cannot wont wouldnt shouldnt couldnt ' +
    'havent hasnt hadnt im ive youre theyre thats theres whats lets'
  ).split(' '),
)

/**
 * Two-letter words that carry meaning in delivery work. "IT" (the department) is not here: it
 * cannot be told apart from the pronoun, which is a stop word.
 */
export const acronyms = new Set([
  'ci',
  'cd',
  'vm',
  'qa',
  'ux',
  'ui',
  'db',
  'ip',
  'os',
  'pr',
  'dr',
  'ad',
  'hr',
  'k8',
])

/** Acronyms whose plural is the acronym plus "s": "VMs", "PRs", "k8s". ("hrs" is hours.) */
const pluralAcronyms = new Set(['vm', 'db', 'pr', 'ip', 'ui', 'k8'])

/** Conservative suffix stripping: plural first, then one derivational ending. */
export function stem(word: string): string {
  if (word.length === 3 && word.endsWith('s') && pluralAcronyms.has(word.slice(0, 2)))
    return word.slice(0, 2)
  let w = word
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2)
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us'))
    w = w.slice(0, -1)

  if (w.length > 7 && w.endsWith('ment')) w = w.slice(0, -4)
  // -ing and -ed only where a vowel is left ("string", "bred" stay) and not from -eed ("speed").
  else if (w.length > 5 && w.endsWith('ing') && hasVowel(w.slice(0, -3)))
    w = undouble(w.slice(0, -3))
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed') && hasVowel(w.slice(0, -2)))
    w = undouble(w.slice(0, -2))
  else if (w.length > 6 && w.endsWith('al')) w = w.slice(0, -2)
  else if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

function hasVowel(w: string): boolean {
  return /[aeiouy]/.test(w)
}

function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w
}

export interface Term {
  stem: string
  surface: string
}

/** The meaningful terms of a text, in order, with the word each came from. */
export function terms(text: string): Term[] {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    // Apostrophes inside a word join it: "don't" -> "dont" (a stop word), "team's" -> "teams".
    .replace(/(\p{L})['\u2019](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
  const result: Term[] = []
  for (const word of words) {
    let stemmed = stems.get(word)
    if (stemmed === undefined) {
      stemmed = stemOf(word)
      // Bounded: a board's vocabulary is small, but a hostile one must not grow memory forever.
      if (stems.size >= maxRememberedWords) stems.clear()
      stems.set(word, stemmed)
    }
    if (stemmed !== null) result.push({ stem: stemmed, surface: word })
  }
  return result
}

/** The stem of a meaningful word, or null for a word that is not a term. */
function stemOf(word: string): string | null {
  if (word === '' || /^\p{N}+$/u.test(word) || stopWords.has(word)) return null
  // Short Latin words are mostly noise; CJK words are often two characters and meaningful.
  if (word.length < 3 && /^\p{Script=Latin}+$/u.test(word) && !acronyms.has(word)) return null
  return stem(word)
}

/**
 * Words already stemmed, since a board repeats the same few hundred words thousands of times
 * (the cluster suggester reads every sticky on every call).
 */
const stems = new Map<string, string | null>()
const maxRememberedWords = 50_000
