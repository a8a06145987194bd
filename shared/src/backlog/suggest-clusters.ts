import type { PhaseSpan } from '../board/timeline.ts'
import { fnv1a } from './stable-id.ts'
import type { ClusterSuggestion, PainPointInput, SuggestClusters } from './suggestion-types.ts'
import { acronyms, terms } from './text-terms.ts'

/**
 * Suggests clusters of pain points: TF-IDF cosine similarity of their texts,
 * combined with where they sit on the timeline, grouped by average-linkage
 * agglomeration above a threshold. Deterministic: inputs are sorted by id and
 * every tie is broken by id, so the browser and the server agree.
 */

/** Weight of text vs position in the combined similarity. */
export const textWeight = 0.7
export const positionWeight = 0.3
/** Groups merge while their average similarity is at least this. */
export const linkThreshold = 0.3

interface Vector {
  weights: Map<string, number>
}

function tfidfVectors(docs: string[][]): { vectors: Vector[]; idf: Map<string, number> } {
  const df = new Map<string, number>()
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1)
  const n = docs.length
  const idf = new Map<string, number>()
  for (const [term, count] of df) idf.set(term, Math.log((1 + n) / (1 + count)) + 1)
  const vectors = docs.map((doc) => {
    const tf = new Map<string, number>()
    for (const term of doc) tf.set(term, (tf.get(term) ?? 0) + 1)
    const weights = new Map<string, number>()
    let norm = 0
    for (const term of [...tf.keys()].sort()) {
      const w = (1 + Math.log(tf.get(term) ?? 1)) * (idf.get(term) ?? 1)
      weights.set(term, w)
      norm += w * w
    }
    norm = Math.sqrt(norm)
    for (const [term, w] of weights) weights.set(term, norm > 0 ? w / norm : 0)
    return { weights }
  })
  return { vectors, idf }
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a]
  let dot = 0
  for (const [term, w] of small.weights) dot += w * (large.weights.get(term) ?? 0)
  return dot
}

function positionSimilarity(
  a: PainPointInput,
  b: PainPointInput,
  phaseIndex: Map<string, number>,
  scale: number,
): number {
  const distance = Math.exp(-Math.abs(a.x - b.x) / scale)
  const ia = a.phaseId === null ? undefined : phaseIndex.get(a.phaseId)
  const ib = b.phaseId === null ? undefined : phaseIndex.get(b.phaseId)
  if (ia === undefined || ib === undefined) return distance
  const gap = Math.abs(ia - ib)
  const phase = gap === 0 ? 1 : gap === 1 ? 0.5 : 0
  return 0.6 * phase + 0.4 * distance
}

/** A binary max-heap of candidate merges, ordered by similarity, then by the smaller ids. */
interface Merge {
  sim: number
  a: number
  b: number
  versionA: number
  versionB: number
}

function before(x: Merge, y: Merge): boolean {
  return x.sim > y.sim || (x.sim === y.sim && (x.a < y.a || (x.a === y.a && x.b < y.b)))
}

class MergeHeap {
  private readonly items: Merge[] = []
  push(item: Merge): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(items[i] as Merge, items[parent] as Merge)) break
      ;[items[i], items[parent]] = [items[parent] as Merge, items[i] as Merge]
      i = parent
    }
  }
  pop(): Merge | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length > 0 && last) {
      items[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let best = i
        if (l < items.length && before(items[l] as Merge, items[best] as Merge)) best = l
        if (r < items.length && before(items[r] as Merge, items[best] as Merge)) best = r
        if (best === i) break
        ;[items[i], items[best]] = [items[best] as Merge, items[i] as Merge]
        i = best
      }
    }
    return top
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100

function displayTerm(surface: string): string {
  return acronyms.has(surface) ? surface.toUpperCase() : surface
}

export const suggestClusters: SuggestClusters = (painPoints, phases) => {
  const points = [...painPoints].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const n = points.length
  const termLists = points.map((p) => terms(p.text))
  const docs = termLists.map((list) => list.map((t) => t.stem))
  const { vectors, idf } = tfidfVectors(docs)
  const phaseIndex = new Map(phases.map((p) => [p.id, p.index]))
  const length = phases.length > 0 ? (phases.at(-1)?.endX ?? 0) - (phases[0]?.startX ?? 0) : 0
  const scale = phases.length > 0 && length > 0 ? length / phases.length : 1000

  // Only pairs that share a term can be similar enough to link; an inverted index finds them
  // without comparing every pair. Terms on more than 5% of stickies (at least 25) are too common
  // to say two stickies belong together, so they do not propose pairs (they still count in the
  // similarity of pairs found through rarer terms) — this keeps large boards near-linear.
  const postings = new Map<string, number[]>()
  const uniqueTerms = docs.map((doc) => [...new Set(doc)].sort())
  uniqueTerms.forEach((doc, i) => {
    for (const term of doc) {
      const list = postings.get(term)
      if (list) list.push(i)
      else postings.set(term, [i])
    }
  })
  const maxPostings = Math.max(25, Math.ceil(n * 0.05))
  const pairSims = new Map<number, Map<number, number>>()
  const setSim = (i: number, j: number, sim: number): void => {
    const row = pairSims.get(i)
    if (row) row.set(j, sim)
    else pairSims.set(i, new Map([[j, sim]]))
  }
  const visitedBy = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    for (const term of uniqueTerms[i] ?? []) {
      const list = postings.get(term) ?? []
      if (list.length > maxPostings) continue
      for (const j of list) {
        if (j <= i || visitedBy[j] === i) continue
        visitedBy[j] = i
        const text = cosine(vectors[i] as Vector, vectors[j] as Vector)
        if (text <= 0) continue
        const sim =
          textWeight * text +
          positionWeight *
            positionSimilarity(
              points[i] as PainPointInput,
              points[j] as PainPointInput,
              phaseIndex,
              scale,
            )
        setSim(i, j, sim)
        setSim(j, i, sim)
      }
    }
  }

  // Average-linkage agglomeration. Each group keeps the summed similarity to its neighbours;
  // the heap holds candidate merges and stale ones are skipped by version.
  const members = new Map<number, number[]>(points.map((_p, i) => [i, [i]]))
  const version = new Map<number, number>(points.map((_p, i) => [i, 0]))
  const sums = new Map<number, Map<number, number>>()
  for (const [i, row] of pairSims) sums.set(i, new Map(row))
  const heap = new MergeHeap()
  const offer = (a: number, b: number): void => {
    const [lo, hi] = a < b ? [a, b] : [b, a]
    const sum = sums.get(lo)?.get(hi) ?? 0
    const avg = sum / ((members.get(lo)?.length ?? 1) * (members.get(hi)?.length ?? 1))
    if (avg >= linkThreshold)
      heap.push({
        sim: avg,
        a: lo,
        b: hi,
        versionA: version.get(lo) ?? 0,
        versionB: version.get(hi) ?? 0,
      })
  }
  for (const [i, row] of sums) for (const j of row.keys()) if (i < j) offer(i, j)

  for (let merge = heap.pop(); merge; merge = heap.pop()) {
    const { a, b } = merge
    if (
      !members.has(a) ||
      !members.has(b) ||
      version.get(a) !== merge.versionA ||
      version.get(b) !== merge.versionB
    )
      continue
    // Merge b into a (a is the smaller index, so the group keeps its smallest id as its name).
    members.set(a, [...(members.get(a) ?? []), ...(members.get(b) ?? [])])
    members.delete(b)
    version.set(a, (version.get(a) ?? 0) + 1)
    const rowA = sums.get(a) ?? new Map<number, number>()
    const rowB = sums.get(b) ?? new Map<number, number>()
    rowA.delete(b)
    for (const [c, s] of rowB) {
      if (c === a) continue
      rowA.set(c, (rowA.get(c) ?? 0) + s)
      const rowC = sums.get(c)
      rowC?.delete(b)
      rowC?.set(a, rowA.get(c) ?? 0)
    }
    sums.set(a, rowA)
    sums.delete(b)
    for (const c of rowA.keys()) offer(a, c)
  }

  const suggestions: ClusterSuggestion[] = []
  const clustered = new Set<number>()
  for (const group of members.values()) {
    if (group.length < 2) continue
    group.sort((x, y) => x - y)
    for (const i of group) clustered.add(i)
    suggestions.push(describe(group, points, termLists, vectors, idf, pairSims, phases))
  }
  suggestions.sort(
    (x, y) => y.confidence - x.confidence || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  )
  return {
    suggestions,
    unclustered: points.filter((_p, i) => !clustered.has(i)).map((p) => p.id),
  }
}

function describe(
  group: number[],
  points: PainPointInput[],
  termLists: ReturnType<typeof terms>[],
  vectors: Vector[],
  idf: Map<string, number>,
  pairSims: Map<number, Map<number, number>>,
  phases: readonly PhaseSpan[],
): ClusterSuggestion {
  const memberIds = group.map((i) => (points[i] as PainPointInput).id)
  // Shared terms: in at least two members, strongest summed weight first.
  const presence = new Map<
    string,
    { count: number; weight: number; surfaces: Map<string, number> }
  >()
  for (const i of group) {
    const list = termLists[i] ?? []
    for (const stemTerm of new Set(list.map((t) => t.stem))) {
      const entry = presence.get(stemTerm) ?? { count: 0, weight: 0, surfaces: new Map() }
      entry.count++
      entry.weight += (vectors[i] as Vector).weights.get(stemTerm) ?? 0
      presence.set(stemTerm, entry)
    }
    for (const t of list) {
      const entry = presence.get(t.stem)
      entry?.surfaces.set(t.surface, (entry.surfaces.get(t.surface) ?? 0) + 1)
    }
  }
  const shared = [...presence.entries()]
    .filter(([, e]) => e.count >= 2)
    .sort(
      ([ta, a], [tb, b]) =>
        b.count * (idf.get(tb) ?? 1) - a.count * (idf.get(ta) ?? 1) ||
        b.weight - a.weight ||
        (ta < tb ? -1 : 1),
    )
    .map(([, e]) =>
      displayTerm(
        [...e.surfaces.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ??
          '',
      ),
    )
    .filter(Boolean)
  const sharedTerms = [...new Set(shared)].slice(0, 5)

  const phaseById = new Map(phases.map((p) => [p.id, p]))
  const phaseIds = [
    ...new Set(group.flatMap((i) => (points[i]?.phaseId ? [points[i]?.phaseId as string] : []))),
  ].sort(
    (a, b) => (phaseById.get(a)?.index ?? 0) - (phaseById.get(b)?.index ?? 0) || (a < b ? -1 : 1),
  )
  const phaseNames = phaseIds.flatMap((id) => phaseById.get(id)?.name ?? [])

  let total = 0
  let pairs = 0
  for (let x = 0; x < group.length; x++) {
    for (let y = x + 1; y < group.length; y++) {
      total += pairSims.get(group[x] as number)?.get(group[y] as number) ?? 0
      pairs++
    }
  }
  const confidence = Math.min(1, Math.max(0.01, round2(pairs > 0 ? total / pairs : 0)))

  const top = sharedTerms.slice(0, 2)
  const name = top.length > 0 ? capitalise(top.join(' / ')) : 'Related pain points'
  const quoted = sharedTerms.slice(0, 3).map((t) => `"${t}"`)
  const mention =
    quoted.length === 0
      ? 'are worded alike'
      : `mention ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : quoted[0]}`
  const where =
    phaseNames.length === 0
      ? ''
      : phaseNames.length === 1
        ? ` and sit in ${phaseNames[0]}`
        : ` across ${phaseNames.join(', ')}`
  return {
    key: `suggestion:${fnv1a([...memberIds].sort().join('\n')).toString(36)}`,
    name,
    memberIds,
    sharedTerms,
    phaseIds,
    reason: `${group.length} pain points ${mention}${where}.`,
    confidence,
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
