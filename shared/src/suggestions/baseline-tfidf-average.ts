/**
 * The library baseline of the suggestion-quality bench: what scikit-learn does with
 * `TfidfVectorizer()` (default settings) and `AgglomerativeClustering(n_clusters=k,
 * metric="cosine", linkage="average")`, written out plainly: lowercase tokens of two or more
 * word characters, no stop words, raw term counts, smooth idf = ln((1 + n) / (1 + df)) + 1,
 * rows scaled to unit length; then average-linkage merging of the closest pair of groups (by
 * average cosine distance; ties by the groups' first members) until k groups are left. It is
 * told k, the true number of themes; the suggester is not.
 */

/** scikit-learn's default tokens: lowercase runs of two or more word characters. */
export function libraryTokens(text: string): string[] {
  return text.toLowerCase().match(/\b\w\w+\b/gu) ?? []
}

export function tfidfVectors(
  texts: readonly string[],
  tokens: (text: string) => string[] = libraryTokens,
): Map<string, number>[] {
  const docs = texts.map(tokens)
  const df = new Map<string, number>()
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1)
  const n = docs.length
  return docs.map((doc) => {
    const counts = new Map<string, number>()
    for (const term of doc) counts.set(term, (counts.get(term) ?? 0) + 1)
    const vector = new Map<string, number>()
    let norm = 0
    for (const [term, count] of counts) {
      const weight = count * (Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1)
      vector.set(term, weight)
      norm += weight * weight
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm)
    return vector
  })
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0)
  return dot
}

/** Average linkage on a distance matrix, merged down to `k` groups (index lists, ascending). */
export function averageLinkageToK(distance: readonly (readonly number[])[], k: number): number[][] {
  let groups = distance.map((_row, i) => [i])
  const between = (a: readonly number[], b: readonly number[]): number => {
    let sum = 0
    for (const x of a) for (const y of b) sum += distance[x]?.[y] ?? 1
    return sum / (a.length * b.length)
  }
  while (groups.length > Math.max(1, k)) {
    let best = { a: 0, b: 1, d: Number.POSITIVE_INFINITY }
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const d = between(groups[a] ?? [], groups[b] ?? [])
        if (d < best.d) best = { a, b, d }
      }
    }
    const merged = [...(groups[best.a] ?? []), ...(groups[best.b] ?? [])].sort((x, y) => x - y)
    groups = groups.filter((_g, i) => i !== best.a && i !== best.b)
    groups.push(merged)
    groups.sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))
  }
  return groups
}

/**
 * The baseline's groups of the texts (every text in exactly one group, singletons included).
 * `tokens` replaces the library's tokens (the bench also runs it on Stormline's stemmed terms).
 */
export function tfidfAverageLinkage(
  texts: readonly string[],
  k: number,
  tokens: (text: string) => string[] = libraryTokens,
): number[][] {
  const vectors = tfidfVectors(texts, tokens)
  const distance = vectors.map((a) => vectors.map((b) => 1 - cosine(a, b)))
  return averageLinkageToK(distance, k)
}
