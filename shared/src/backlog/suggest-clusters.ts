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
 * Cost: only pairs sharing a term are compared (inverted index), exact up to `pairBudget`
 * candidate pairs; beyond that the most common terms stop proposing pairs (see below). Groups are
 * agglomerated per component of strongly linked pairs with the nearest-neighbour chain, on a
 * dense matrix for components up to `denseLimit` stickies. About 70 ms for 1,000 and 210 ms for
 * 10,000 synthetic pain points (bench/: `pnpm bench`), was 0.5 s and 3–4 s with a merge heap.
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
  /** Term ids (ids follow term order), ascending, and the unit-length TF-IDF weight of each. */
  ids: Int32Array
  values: Float64Array
}

/** Weight of term `id` in a vector, 0 when absent (vectors hold a handful of terms). */
function weightOf(vector: Vector, id: number | undefined): number {
  const at = id === undefined ? -1 : vector.ids.indexOf(id)
  return at < 0 ? 0 : (vector.values[at] ?? 0)
}

function tfidfVectors(docs: string[][]): {
  vectors: Vector[]
  idf: Map<string, number>
  termIds: Map<string, number>
} {
  const df = new Map<string, number>()
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1)
  const n = docs.length
  const idf = new Map<string, number>()
  for (const [term, count] of df) idf.set(term, Math.log((1 + n) / (1 + count)) + 1)
  const termIds = new Map([...df.keys()].sort().map((term, id) => [term, id]))
  const idfById = Float64Array.from(termIds.keys(), (term) => idf.get(term) ?? 1)
  const vectors = docs.map((doc) => {
    // Term ids in ascending (term) order; runs of one id are its term frequency.
    const sorted = Int32Array.from(doc, (term) => termIds.get(term) ?? 0).sort()
    let distinct = 0
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++
    const ids = new Int32Array(distinct)
    const values = new Float64Array(distinct)
    let norm = 0
    for (let k = 0, d = -1; k < sorted.length; k++) {
      const id = sorted[k] ?? 0
      if (k > 0 && id === sorted[k - 1]) continue
      let tf = 1
      while (sorted[k + tf] === id) tf++
      const w = (1 + Math.log(tf)) * (idfById[id] ?? 1)
      d++
      ids[d] = id
      values[d] = w
      norm += w * w
    }
    norm = Math.sqrt(norm)
    for (let d = 0; d < distinct; d++) values[d] = norm > 0 ? (values[d] ?? 0) / norm : 0
    return { ids, values }
  })
  return { vectors, idf, termIds }
}

/**
 * How close two pain points sit on the timeline: their phases (same, neighbouring, other) and
 * their distance along it. `phase` is the phase's index, or -1 when off the timeline.
 */
function positionSimilarity(xa: number, xb: number, pa: number, pb: number, scale: number): number {
  const distance = Math.exp(-Math.abs(xa - xb) / scale)
  if (pa < 0 || pb < 0) return distance
  const gap = Math.abs(pa - pb)
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
 * Summed similarities between the groups of one component: a dense matrix while it fits in
 * `denseLimit` stickies (fast, no hashing), otherwise a hash table of pairs. Both give the same
 * sums.
 */
interface ComponentGraph {
  readonly size: number
  link(i: number, j: number, sim: number): void
  /** Summed similarity of groups g and h (0 when unlinked). */
  sum(g: number, h: number): number
  /**
   * The live neighbour of g first in merge order (see `averageLinkage`), or -1 when none reaches
   * the threshold. `groupSize` and `first` hold each group's size and first member.
   */
  nearest(g: number, groupSize: Int32Array, first: Int32Array, alive: Uint8Array): number
  /**
   * Merges groups a and b: their sums to every other group add up. Returns the one that stays
   * (the other is empty afterwards).
   */
  fold(a: number, b: number, alive: Uint8Array): number
}

/**
 * The best candidate seen so far for a merge with group g: higher average similarity first, then
 * the pair whose first members come first (by id), so every pair has its own place in the order.
 */
class BestNeighbour {
  group = -1
  private sim = 0
  private lo = 0
  private hi = 0
  private readonly fg: number
  private readonly sizeG: number
  constructor(fg: number, sizeG: number) {
    this.fg = fg
    this.sizeG = sizeG
  }
  offer(h: number, sum: number, sizeH: number, fh: number): void {
    const sim = sum / (this.sizeG * sizeH)
    if (sim < linkThreshold) return
    const lo = Math.min(this.fg, fh)
    const hi = Math.max(this.fg, fh)
    if (
      this.group === -1 ||
      sim > this.sim ||
      (sim === this.sim && (lo < this.lo || (lo === this.lo && hi < this.hi)))
    ) {
      this.group = h
      this.sim = sim
      this.lo = lo
      this.hi = hi
    }
  }
}

/** Largest component kept as a dense matrix (8 bytes × size²: 32 MiB at 2,048). */
const denseLimit = 2048

function componentGraph(size: number, links: number): ComponentGraph {
  return size <= denseLimit ? denseGraph(size) : sparseGraph(size, links)
}

function denseGraph(size: number): ComponentGraph {
  const sums = new Float64Array(size * size)
  return {
    size,
    link: (i, j, sim) => {
      sums[i * size + j] = sim
      sums[j * size + i] = sim
    },
    sum: (g, h) => sums[g * size + h] ?? 0,
    nearest: (g, groupSize, first, alive) => {
      const best = new BestNeighbour(first[g] ?? g, groupSize[g] ?? 1)
      const base = g * size
      for (let h = 0; h < size; h++) {
        const s = sums[base + h] ?? 0
        if (s !== 0 && h !== g && alive[h] === 1) best.offer(h, s, groupSize[h] ?? 1, first[h] ?? h)
      }
      return best.group
    },
    fold: (a, b, alive) => {
      const keep = Math.min(a, b)
      const gone = Math.max(a, b)
      const k = keep * size
      const x = gone * size
      for (let c = 0; c < size; c++) {
        if (alive[c] !== 1 || c === keep || c === gone) continue
        const total = (sums[k + c] ?? 0) + (sums[x + c] ?? 0)
        sums[k + c] = total
        sums[c * size + keep] = total
      }
      // The gone group is out of every row: alive[] hides it from neighbours() callers.
      for (let c = 0; c < size; c++) {
        sums[x + c] = 0
        sums[c * size + gone] = 0
      }
      return keep
    },
  }
}

/**
 * Summed similarity per pair of groups in one open-addressing table (typed arrays, linear probing,
 * never deletes: pairs with a merged-away group simply stop being read). Cheaper than a map per
 * group, whose updates and garbage dominated large components.
 */
class PairSums {
  private lo: Int32Array
  private hi: Int32Array
  private values: Float64Array
  private mask: number
  private count = 0
  constructor(expected: number) {
    let capacity = 16
    while (capacity < expected * 2) capacity *= 2
    this.lo = new Int32Array(capacity).fill(-1)
    this.hi = new Int32Array(capacity)
    this.values = new Float64Array(capacity)
    this.mask = capacity - 1
  }
  private slot(a: number, b: number): number {
    // Mixed so that the low bits used as the slot depend on all bits of both indices.
    let h = (Math.imul(a, 0x9e3779b1) + b) | 0
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
    let at = (h ^ (h >>> 13)) & this.mask
    while (this.lo[at] !== -1 && (this.lo[at] !== a || this.hi[at] !== b)) at = (at + 1) & this.mask
    return at
  }
  get(g: number, h: number): number {
    const at = this.slot(Math.min(g, h), Math.max(g, h))
    return this.lo[at] === -1 ? 0 : (this.values[at] ?? 0)
  }
  /** Sets the pair's sum; true when the pair was new. */
  set(g: number, h: number, value: number): boolean {
    const a = Math.min(g, h)
    const b = Math.max(g, h)
    const at = this.slot(a, b)
    this.values[at] = value
    if (this.lo[at] !== -1) return false
    this.lo[at] = a
    this.hi[at] = b
    if (++this.count * 2 > this.mask) this.grow()
    return true
  }
  private grow(): void {
    const { lo, hi, values } = this
    this.lo = new Int32Array(lo.length * 2).fill(-1)
    this.hi = new Int32Array(lo.length * 2)
    this.values = new Float64Array(lo.length * 2)
    this.mask = lo.length * 2 - 1
    for (let k = 0; k < lo.length; k++) {
      const a = lo[k] ?? -1
      if (a === -1) continue
      const b = hi[k] ?? 0
      const at = this.slot(a, b)
      this.lo[at] = a
      this.hi[at] = b
      this.values[at] = values[k] ?? 0
    }
  }
}

function sparseGraph(size: number, links: number): ComponentGraph {
  const sums = new PairSums(links)
  // Each group's neighbours, in the order they were linked; merged-away ones stay listed.
  const rows: number[][] = Array.from({ length: size }, () => [])
  const rowOf = (g: number): number[] => rows[g] ?? []
  return {
    size,
    link: (i, j, sim) => {
      if (sums.set(i, j, sim)) {
        rowOf(i).push(j)
        rowOf(j).push(i)
      }
    },
    sum: (g, h) => sums.get(g, h),
    nearest: (g, groupSize, first, alive) => {
      const best = new BestNeighbour(first[g] ?? g, groupSize[g] ?? 1)
      for (const h of rowOf(g)) {
        if (alive[h] === 1) best.offer(h, sums.get(g, h), groupSize[h] ?? 1, first[h] ?? h)
      }
      return best.group
    },
    fold: (a, b, alive) => {
      // The group with more neighbours absorbs the other, so each merge costs the smaller row.
      const larger =
        rowOf(a).length > rowOf(b).length || (rowOf(a).length === rowOf(b).length && a < b)
      const keep = larger ? a : b
      const gone = larger ? b : a
      for (const c of rowOf(gone)) {
        if (c === keep || alive[c] !== 1) continue
        if (sums.set(keep, c, sums.get(keep, c) + sums.get(gone, c))) {
          rowOf(keep).push(c)
          rowOf(c).push(keep)
        }
      }
      rows[gone] = []
      return keep
    },
  }
}

/**
 * Average-linkage agglomeration of one component: merge the two groups with the highest average
 * similarity (ties: by the groups' first members, i.e. by id) while it is at least the threshold.
 *
 * The merges are found with the nearest-neighbour chain, which needs no priority queue: follow
 * each group's best neighbour until two groups are each other's best, and merge those. Average
 * linkage is reducible (a merged group is never more similar to a third group than the closer of
 * its parts was), and pairs are totally ordered by (similarity, first members), so this makes
 * the same merges as taking the best pair first, and a group whose best neighbour is below the
 * threshold can never merge again.
 */
function averageLinkage(graph: ComponentGraph): { members: number[]; inner: number }[] {
  const count = graph.size
  const members: number[][] = Array.from({ length: count }, (_v, i) => [i])
  const inner = new Float64Array(count)
  // Local indices follow id order, so a group's first member is its smallest index.
  const first = Int32Array.from(members, (_m, i) => i)
  const alive = new Uint8Array(count).fill(1)
  const finished = new Uint8Array(count)
  const groupSize = new Int32Array(count).fill(1)
  const merge = (a: number, b: number): number => {
    const innerSum = (inner[a] ?? 0) + (inner[b] ?? 0) + graph.sum(a, b)
    const keep = graph.fold(a, b, alive)
    const gone = keep === a ? b : a
    inner[keep] = innerSum
    alive[gone] = 0
    // Members are sorted at the end; append the smaller list to the larger.
    const ma = members[a] ?? []
    const mb = members[b] ?? []
    const [big, small] = ma.length >= mb.length ? [ma, mb] : [mb, ma]
    for (const m of small) big.push(m)
    members[keep] = big
    members[gone] = []
    groupSize[keep] = big.length
    groupSize[gone] = 0
    first[keep] = Math.min(first[a] ?? a, first[b] ?? b)
    return keep
  }
  // Groups still to start a chain from: every sticky, and each group a merge creates.
  const pending: number[] = []
  for (let i = count - 1; i >= 0; i--) pending.push(i)
  const chain: number[] = []
  for (;;) {
    if (chain.length === 0) {
      let start = pending.pop()
      while (start !== undefined && (finished[start] === 1 || alive[start] !== 1))
        start = pending.pop()
      if (start === undefined) break
      chain.push(start)
    }
    const top = chain[chain.length - 1] ?? 0
    const next = graph.nearest(top, groupSize, first, alive)
    if (next === -1) {
      finished[top] = 1
      chain.pop()
    } else if (chain.length >= 2 && chain[chain.length - 2] === next) {
      chain.length -= 2
      pending.push(merge(top, next))
    } else {
      chain.push(next)
    }
  }
  const groups: { members: number[]; inner: number }[] = []
  for (let g = 0; g < count; g++) {
    if (alive[g] === 1) groups.push({ members: members[g] ?? [], inner: inner[g] ?? 0 })
  }
  return groups
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
  const { vectors, idf, termIds } = tfidfVectors(docs)
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
  const postingsOf = new Map(
    [...postings.entries()].map(([term, list]) => [
      term,
      { skip: skipped.has(term), list: Int32Array.from(list) },
    ]),
  )
  const termsOf = uniqueTerms.map((doc) => doc.flatMap((term) => postingsOf.get(term) ?? []))
  // Sticky i's weights spread over a dense vector indexed by term id, so each cosine with a
  // candidate costs only the candidate's few terms. Products of shared terms are summed in term
  // order and the others add exact zeros: the dot product of the two unit vectors, bit for bit.
  const dense = new Float64Array(idf.size)
  // Every vector's terms in flat arrays, and positions as numbers: the pair loop below runs up to
  // `pairBudget` times and reads nothing else.
  const termStart = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) termStart[i + 1] = (termStart[i] ?? 0) + (vectors[i]?.ids.length ?? 0)
  const termId = new Int32Array(termStart[n] ?? 0)
  const termWeight = new Float64Array(termStart[n] ?? 0)
  vectors.forEach((v, i) => {
    termId.set(v.ids, termStart[i])
    termWeight.set(v.values, termStart[i])
  })
  const xs = Float64Array.from(points, (p) => p.x)
  const phaseOf = Int32Array.from(points, (p) =>
    p.phaseId === null ? -1 : (phaseIndex.get(p.phaseId) ?? -1),
  )
  const visitedBy = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const a = vectors[i] as Vector
    for (let k = 0; k < a.ids.length; k++) dense[a.ids[k] ?? 0] = a.values[k] ?? 0
    const xi = xs[i] ?? 0
    const pi = phaseOf[i] ?? -1
    for (const { skip, list } of termsOf[i] ?? []) {
      if (skip) continue
      // Postings are in index order: walk down from the end while the partner comes after i.
      for (let p = list.length - 1; p >= 0; p--) {
        const j = list[p] ?? 0
        if (j <= i) break
        if (visitedBy[j] === i) continue
        visitedBy[j] = i
        let text = 0
        const end = termStart[j + 1] ?? 0
        for (let k = termStart[j] ?? 0; k < end; k++)
          text += (dense[termId[k] ?? 0] ?? 0) * (termWeight[k] ?? 0)
        if (text <= 0) continue
        const sim =
          textWeight * text +
          positionWeight * positionSimilarity(xi, xs[j] ?? 0, pi, phaseOf[j] ?? -1, scale)
        links.push(i, j, sim)
        if (sim >= linkThreshold) {
          const ri = root(i)
          const rj = root(j)
          if (ri !== rj) component[Math.max(ri, rj)] = Math.min(ri, rj)
        }
      }
    }
    for (let k = 0; k < a.ids.length; k++) dense[a.ids[k] ?? 0] = 0
  }

  // Each component is agglomerated on its own, its stickies numbered in index (so id) order.
  const componentOf = new Int32Array(n)
  const localIndex = new Int32Array(n)
  const componentMembers = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const r = root(i)
    componentOf[i] = r
    const list = componentMembers.get(r)
    localIndex[i] = list ? list.length : 0
    if (list) list.push(i)
    else componentMembers.set(r, [i])
  }
  // Links bucketed by component, so one component's graph exists at a time.
  const linkStart = new Map<number, number>()
  let linked = 0
  for (let k = 0; k < links.length; k++) {
    const r = componentOf[links.from[k] ?? 0] ?? 0
    if (r !== componentOf[links.to[k] ?? 0]) continue
    linkStart.set(r, (linkStart.get(r) ?? 0) + 1)
    linked++
  }
  let offset = 0
  for (const [r, count] of linkStart) {
    linkStart.set(r, offset)
    offset += count
  }
  const bucketEnd = new Map(linkStart)
  const bucket = new Int32Array(linked)
  for (let k = 0; k < links.length; k++) {
    const r = componentOf[links.from[k] ?? 0] ?? 0
    if (r !== componentOf[links.to[k] ?? 0]) continue
    const at = bucketEnd.get(r) ?? 0
    bucket[at] = k
    bucketEnd.set(r, at + 1)
  }
  const groups: { members: number[]; inner: number }[] = []
  for (const [r, from] of linkStart) {
    const list = componentMembers.get(r) ?? []
    const graph = componentGraph(list.length, (bucketEnd.get(r) ?? from) - from)
    for (let at = from; at < (bucketEnd.get(r) ?? from); at++) {
      const k = bucket[at] ?? 0
      graph.link(
        localIndex[links.from[k] ?? 0] ?? 0,
        localIndex[links.to[k] ?? 0] ?? 0,
        links.sim[k] ?? 0,
      )
    }
    for (const group of averageLinkage(graph)) {
      groups.push({ members: group.members.map((m) => list[m] ?? 0), inner: group.inner })
    }
  }

  const suggestions: ClusterSuggestion[] = []
  const clustered = new Set<number>()
  for (const { members: group, inner } of groups) {
    if (group.length < 2) continue
    group.sort((x, y) => x - y)
    for (const i of group) clustered.add(i)
    const pairs = (group.length * (group.length - 1)) / 2
    const confidence = Math.min(1, Math.max(0.01, round2(inner / pairs)))
    suggestions.push(describe(group, confidence, points, termLists, vectors, idf, termIds, phases))
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
  termIds: Map<string, number>,
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
      entry.weight += weightOf(vectors[i] as Vector, termIds.get(stemTerm))
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
