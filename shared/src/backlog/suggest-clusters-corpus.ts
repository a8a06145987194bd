import type { Term } from './text-terms.ts'

/**
 * TF-IDF vectors of short texts in flat typed arrays, shared by the cluster suggester
 * (suggest-clusters.ts) and the suggestions that add a pain point to an existing cluster
 * (../suggestions/suggest-additions.ts), so both weigh words the same way.
 */

/**
 * The texts as unit-length TF-IDF vectors over term ids, in flat arrays: sticky i's terms are
 * `termId[termStart[i] .. termStart[i+1]]`, ascending, with their weights in `termWeight`. Each
 * term's posting list (the stickies that have it, in index order) is
 * `postings[postingStart[id] .. postingStart[id+1]]`. Term ids follow term order (the sorted
 * stems). Flat arrays, because small typed arrays per sticky cost more to allocate than to use.
 */
export interface TermCorpus {
  termStart: Int32Array
  termId: Int32Array
  termWeight: Float64Array
  postingStart: Int32Array
  postings: Int32Array
  /** Inverse document frequency by term id. */
  idf: Float64Array
  termIds: Map<string, number>
}

/**
 * `boost(stem)` scales a term's weight before the vectors are normalised: concept features
 * (../suggestions/concept-terms.ts) weigh less or more than the words they stand for. Without it
 * every weight is exactly as before concepts existed.
 */
export function termCorpus(
  docs: readonly (readonly Term[])[],
  boost?: (stem: string) => number,
): TermCorpus {
  // Stems get provisional ids in order of appearance, then their rank among the sorted stems.
  const provisional = new Map<string, number>()
  const rawStart = new Int32Array(docs.length + 1)
  for (let i = 0; i < docs.length; i++)
    rawStart[i + 1] = (rawStart[i] ?? 0) + (docs[i]?.length ?? 0)
  const raw = new Int32Array(rawStart[docs.length] ?? 0)
  docs.forEach((doc, i) => {
    let at = rawStart[i] ?? 0
    for (const { stem } of doc) {
      let id = provisional.get(stem)
      if (id === undefined) {
        id = provisional.size
        provisional.set(stem, id)
      }
      raw[at++] = id
    }
  })
  const stems = [...provisional.keys()].sort()
  const termIds = new Map(stems.map((term, id) => [term, id]))
  const rank = new Int32Array(stems.length)
  for (const [term, id] of provisional) rank[id] = termIds.get(term) ?? 0
  // Each text's ids in term order (insertion sort: a text has a handful), then distinct counts.
  const n = docs.length
  const df = new Int32Array(stems.length)
  const termStart = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    const from = rawStart[i] ?? 0
    const to = rawStart[i + 1] ?? 0
    for (let k = from; k < to; k++) {
      const id = rank[raw[k] ?? 0] ?? 0
      let at = k
      while (at > from && (raw[at - 1] ?? 0) > id) {
        raw[at] = raw[at - 1] ?? 0
        at--
      }
      raw[at] = id
    }
    let distinct = 0
    for (let k = from; k < to; k++) {
      if (k > from && raw[k] === raw[k - 1]) continue
      const id = raw[k] ?? 0
      df[id] = (df[id] ?? 0) + 1
      distinct++
    }
    termStart[i + 1] = (termStart[i] ?? 0) + distinct
  }
  const idf = Float64Array.from(df, (count) => Math.log((1 + n) / (1 + count)) + 1)
  const factor = boost ? Float64Array.from(stems, (term) => boost(term)) : null
  const postingStart = new Int32Array(stems.length + 1)
  for (let id = 0; id < stems.length; id++)
    postingStart[id + 1] = (postingStart[id] ?? 0) + (df[id] ?? 0)
  const postings = new Int32Array(postingStart[stems.length] ?? 0)
  const filled = postingStart.slice(0, stems.length)
  const termId = new Int32Array(termStart[n] ?? 0)
  const termWeight = new Float64Array(termStart[n] ?? 0)
  for (let i = 0; i < n; i++) {
    const from = rawStart[i] ?? 0
    const to = rawStart[i + 1] ?? 0
    const first = termStart[i] ?? 0
    let d = first - 1
    let norm = 0
    for (let k = from; k < to; k++) {
      const id = raw[k] ?? 0
      if (k > from && id === raw[k - 1]) continue
      // Runs of one id are its term frequency.
      let tf = 1
      while (k + tf < to && raw[k + tf] === id) tf++
      const w = (1 + Math.log(tf)) * (idf[id] ?? 1) * (factor === null ? 1 : (factor[id] ?? 1))
      d++
      termId[d] = id
      termWeight[d] = w
      norm += w * w
      postings[filled[id] ?? 0] = i
      filled[id] = (filled[id] ?? 0) + 1
    }
    norm = Math.sqrt(norm)
    for (let k = first; k <= d; k++) termWeight[k] = norm > 0 ? (termWeight[k] ?? 0) / norm : 0
  }
  return { termStart, termId, termWeight, postingStart, postings, idf, termIds }
}

/**
 * Terms that stop proposing pairs so the rest fit in the budget: most common first, ties by term
 * (term ids follow term order). Returns a flag per term id.
 */
export function commonTermsOverBudget(
  postingStart: Int32Array,
  pairBudget: number,
): { skipped: Uint8Array; pairs: number } {
  const terms = postingStart.length - 1
  const pairsOf = (id: number): number => {
    const count = (postingStart[id + 1] ?? 0) - (postingStart[id] ?? 0)
    return (count * (count - 1)) / 2
  }
  const byCount = Array.from({ length: terms }, (_v, id) => id).sort(
    (x, y) => pairsOf(y) - pairsOf(x) || x - y,
  )
  let total = 0
  for (let id = 0; id < terms; id++) total += pairsOf(id)
  const skipped = new Uint8Array(terms)
  for (const id of byCount) {
    if (total <= pairBudget) break
    skipped[id] = 1
    total -= pairsOf(id)
  }
  return { skipped, pairs: total }
}

/**
 * How close two pain points sit on the timeline: their phases (same, neighbouring, other) and
 * their distance along it. `phase` is the phase's index, or -1 when off the timeline.
 */
export function positionSimilarity(
  xa: number,
  xb: number,
  pa: number,
  pb: number,
  scale: number,
): number {
  const distance = Math.exp(-Math.abs(xa - xb) / scale)
  if (pa < 0 || pb < 0) return distance
  const gap = Math.abs(pa - pb)
  const phase = gap === 0 ? 1 : gap === 1 ? 0.5 : 0
  return 0.6 * phase + 0.4 * distance
}
