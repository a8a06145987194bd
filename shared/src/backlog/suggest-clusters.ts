import type { PhaseSpan } from '../board/timeline.ts'
import { fnv1a } from './stable-id.ts'
import type { ClusterSuggestion, PainPointInput, SuggestClusters } from './suggestion-types.ts'
import { acronyms, terms } from './text-terms.ts'

/**
 * Suggests clusters of pain points: TF-IDF cosine similarity of their texts,
 * combined with where they sit on the timeline, grouped by average-linkage
 * agglomeration above a threshold. Deterministic: inputs are sorted by id and
 * every tie is broken by id, so the browser and the server agree.
 *
 * Cost: only pairs sharing a term are compared (inverted index), and merging
 * touches only the changed rows, so it scales with the number of such pairs
 * rather than n². Exact up to `pairBudget` candidate pairs; beyond that the
 * most common terms stop proposing pairs (see below). About 0.5 s for 1,000 and
 * 3–4 s for 10,000 deliberately dense synthetic pain points (Node 24, 2 cores).
 */

/** Weight of text vs position in the combined similarity. */
export const textWeight = 0.7
export const positionWeight = 0.3
/** Groups merge while their average similarity is at least this. */
export const linkThreshold = 0.3
/**
 * Most candidate pairs the inverted index may propose (counted as the sum over terms of
 * stickies-with-the-term choose 2). Boards up to ~1,400 pain points are always exact.
 */
export const pairBudget = 1_000_000

/** Terms that stop proposing pairs so the rest fit in the budget: most common first, ties by term. */
function commonTermsOverBudget(postings: Map<string, number[]>): Set<string> {
  const byCount = [...postings.entries()]
    .map(([term, list]) => ({ term, pairs: (list.length * (list.length - 1)) / 2 }))
    .sort((x, y) => y.pairs - x.pairs || (x.term < y.term ? -1 : 1))
  let total = byCount.reduce((sum, t) => sum + t.pairs, 0)
  const skipped = new Set<string>()
  for (const { term, pairs } of byCount) {
    if (total <= pairBudget) break
    skipped.add(term)
    total -= pairs
  }
  return skipped
}

interface Vector {
  weights: Map<string, number>
  /** The same weights as parallel arrays sorted by term id (ids follow term order), for cosine. */
  ids: Int32Array
  values: Float64Array
}

function tfidfVectors(docs: string[][]): { vectors: Vector[]; idf: Map<string, number> } {
  const df = new Map<string, number>()
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1)
  const n = docs.length
  const idf = new Map<string, number>()
  for (const [term, count] of df) idf.set(term, Math.log((1 + n) / (1 + count)) + 1)
  const termIds = new Map([...df.keys()].sort().map((term, id) => [term, id]))
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
    return {
      weights,
      ids: Int32Array.from(weights.keys(), (term) => termIds.get(term) ?? -1),
      values: Float64Array.from(weights.values()),
    }
  })
  return { vectors, idf }
}

/** Dot product of two unit vectors, summed in term order. */
function cosine(a: Vector, b: Vector): number {
  let dot = 0
  let x = 0
  let y = 0
  while (x < a.ids.length && y < b.ids.length) {
    const ia = a.ids[x] ?? 0
    const ib = b.ids[y] ?? 0
    if (ia === ib) dot += (a.values[x++] ?? 0) * (b.values[y++] ?? 0)
    else if (ia < ib) x++
    else y++
  }
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

/** A growable list of (i, j, similarity) triples in typed arrays. */
class LinkList {
  from = new Int32Array(1024)
  to = new Int32Array(1024)
  sim = new Float64Array(1024)
  length = 0
  push(i: number, j: number, sim: number): void {
    if (this.length === this.from.length) {
      const grow = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
        fresh.set(old)
        return fresh
      }
      this.from = grow(this.from, new Int32Array(this.length * 2))
      this.to = grow(this.to, new Int32Array(this.length * 2))
      this.sim = grow(this.sim, new Float64Array(this.length * 2))
    }
    this.from[this.length] = i
    this.to[this.length] = j
    this.sim[this.length] = sim
    this.length++
  }
}

/**
 * A candidate merge of the groups rooted at a and b. Ties are broken by the groups' first members
 * (lo < hi, indices into the id-sorted input), so they are broken by id.
 */
interface Merge {
  sim: number
  lo: number
  hi: number
  a: number
  b: number
  versionA: number
  versionB: number
}

function before(x: Merge, y: Merge): boolean {
  return x.sim > y.sim || (x.sim === y.sim && (x.lo < y.lo || (x.lo === y.lo && x.hi < y.hi)))
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
  if (acronyms.has(surface)) return surface.toUpperCase()
  // "vms" -> "VMs", "k8s" -> "K8s".
  if (surface.length === 3 && surface.endsWith('s') && acronyms.has(surface.slice(0, 2)))
    return `${surface.slice(0, 2).toUpperCase()}s`
  return surface
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

  // Only pairs that share a term can be linked (text similarity > 0), so an inverted index
  // proposes them instead of comparing every pair. This is exact while the candidate pairs fit in
  // `pairBudget`; past that (thousands of stickies), the most common terms stop proposing pairs,
  // most common first, until they fit. Such terms still count in the similarity of pairs found
  // through rarer terms; pairs sharing only skipped terms are treated as unrelated.
  const postings = new Map<string, number[]>()
  const uniqueTerms = docs.map((doc) => [...new Set(doc)].sort())
  uniqueTerms.forEach((doc, i) => {
    for (const term of doc) {
      const list = postings.get(term)
      if (list) list.push(i)
      else postings.set(term, [i])
    }
  })
  const skipped = commonTermsOverBudget(postings)
  // Links (pairs with text in common) are collected first. Groups only merge through a pair at
  // or above the threshold, so a group never spans two components of such "strong" pairs: pairs
  // across components cannot affect any merge and are dropped before the agglomeration.
  const links = new LinkList()
  const component = Int32Array.from(points, (_p, i) => i)
  const root = (i: number): number => {
    let r = i
    while (component[r] !== r) {
      const up = component[component[r] ?? r] ?? r
      component[r] = up
      r = up
    }
    return r
  }
  const visitedBy = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    for (const term of uniqueTerms[i] ?? []) {
      if (skipped.has(term)) continue
      for (const j of postings.get(term) ?? []) {
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
        links.push(i, j, sim)
        if (sim >= linkThreshold) {
          const ri = root(i)
          const rj = root(j)
          if (ri !== rj) component[Math.max(ri, rj)] = Math.min(ri, rj)
        }
      }
    }
  }
  // Summed similarity between groups, both directions; at first each sticky is its own group.
  const sums = new Map<number, Map<number, number>>()
  const link = (i: number, j: number, sim: number): void => {
    const row = sums.get(i)
    if (row) row.set(j, sim)
    else sums.set(i, new Map([[j, sim]]))
  }
  for (let k = 0; k < links.length; k++) {
    const i = links.from[k] ?? 0
    const j = links.to[k] ?? 0
    if (root(i) !== root(j)) continue
    const sim = links.sim[k] ?? 0
    link(i, j, sim)
    link(j, i, sim)
  }

  // Average-linkage agglomeration. Each group keeps the summed similarity to its neighbouring
  // groups (unlinked pairs count as 0) and the summed similarity of its own pairs (for
  // confidence). The heap holds candidate merges; stale ones are skipped by version.
  // A merged group's average similarity to a neighbour is a weighted mean of its parts'
  // averages, so only neighbours that one of the parts was already linked to at the threshold
  // (`hot`, a superset kept per group) need to be offered again.
  const members = new Map<number, number[]>(points.map((_p, i) => [i, [i]]))
  const version = new Int32Array(n)
  const first = Int32Array.from(points, (_p, i) => i)
  const inner = new Float64Array(n)
  const hot = new Map<number, Set<number>>()
  const sizeOf = (root: number): number => members.get(root)?.length ?? 1
  const heap = new MergeHeap()
  const offer = (a: number, b: number, sum: number): boolean => {
    const sim = sum / (sizeOf(a) * sizeOf(b))
    if (sim < linkThreshold) return false
    const fa = first[a] ?? a
    const fb = first[b] ?? b
    heap.push({
      sim,
      lo: Math.min(fa, fb),
      hi: Math.max(fa, fb),
      a,
      b,
      versionA: version[a] ?? 0,
      versionB: version[b] ?? 0,
    })
    return true
  }
  const heat = (a: number, b: number): void => {
    const set = hot.get(a)
    if (set) set.add(b)
    else hot.set(a, new Set([b]))
  }
  for (const [i, row] of sums) {
    for (const [j, sum] of row) {
      if (i < j && offer(i, j, sum)) {
        heat(i, j)
        heat(j, i)
      }
    }
  }

  for (let merge = heap.pop(); merge; merge = heap.pop()) {
    const { a, b } = merge
    if (
      !members.has(a) ||
      !members.has(b) ||
      version[a] !== merge.versionA ||
      version[b] !== merge.versionB
    )
      continue
    // The group with more neighbours absorbs the other, so each merge costs the smaller row.
    const rowA = sums.get(a) ?? new Map<number, number>()
    const rowB = sums.get(b) ?? new Map<number, number>()
    const [keep, gone, rowKeep, rowGone] =
      rowA.size > rowB.size || (rowA.size === rowB.size && a < b)
        ? [a, b, rowA, rowB]
        : [b, a, rowB, rowA]
    inner[keep] = (inner[a] ?? 0) + (inner[b] ?? 0) + (rowKeep.get(gone) ?? 0)
    members.set(keep, [...(members.get(a) ?? []), ...(members.get(b) ?? [])])
    members.delete(gone)
    first[keep] = Math.min(first[a] ?? a, first[b] ?? b)
    version[keep] = (version[keep] ?? 0) + 1
    rowKeep.delete(gone)
    for (const [c, s] of rowGone) {
      if (c === keep) continue
      const total = (rowKeep.get(c) ?? 0) + s
      rowKeep.set(c, total)
      const rowC = sums.get(c)
      rowC?.delete(gone)
      rowC?.set(keep, total)
    }
    sums.set(keep, rowKeep)
    sums.delete(gone)
    const candidates = [...(hot.get(a) ?? []), ...(hot.get(b) ?? [])]
      .filter((c) => c !== a && c !== b && members.has(c))
      .sort((x, y) => x - y)
    const stillHot = new Set<number>()
    for (const c of candidates) {
      if (stillHot.has(c)) continue
      if (offer(keep, c, rowKeep.get(c) ?? 0)) {
        stillHot.add(c)
        heat(c, keep)
      }
    }
    hot.set(keep, stillHot)
    hot.delete(gone)
  }

  const suggestions: ClusterSuggestion[] = []
  const clustered = new Set<number>()
  for (const [root, group] of members) {
    if (group.length < 2) continue
    group.sort((x, y) => x - y)
    for (const i of group) clustered.add(i)
    const pairs = (group.length * (group.length - 1)) / 2
    const confidence = Math.min(1, Math.max(0.01, round2((inner[root] ?? 0) / pairs)))
    suggestions.push(describe(group, confidence, points, termLists, vectors, idf, phases))
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
  confidence: number,
  points: PainPointInput[],
  termLists: ReturnType<typeof terms>[],
  vectors: Vector[],
  idf: Map<string, number>,
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
  // Only phases on the timeline: a stale phase id counts as no phase, as in the similarity.
  const phaseIds = [
    ...new Set(
      group.flatMap((i) => {
        const id = points[i]?.phaseId
        return id != null && phaseById.has(id) ? [id] : []
      }),
    ),
  ].sort(
    (a, b) => (phaseById.get(a)?.index ?? 0) - (phaseById.get(b)?.index ?? 0) || (a < b ? -1 : 1),
  )
  const phaseNames = phaseIds.flatMap((id) => phaseById.get(id)?.name ?? [])

  const top = sharedTerms.slice(0, 2)
  const name = top.length > 0 ? capitalise(top.join(' / ')) : 'Related pain points'
  // e.g. 3 pain points mention "approval", "security" and sit in Security & compliance review.
  const quoted = sharedTerms.slice(0, 3).map((t) => `"${t}"`)
  const mention = quoted.length === 0 ? 'are worded alike' : `mention ${quoted.join(', ')}`
  const where = phaseNames.length === 0 ? '' : ` and sit in ${listed(phaseNames)}`
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

/** "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
    : (items[0] ?? '')
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
