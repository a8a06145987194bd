import type { PhaseSpan } from '../board/timeline.ts'
import { averageLinkage, componentGraph, denseCells, denseLimit } from './average-linkage.ts'
import { fnv1a } from './stable-id.ts'
import type { ClusterSuggestion, PainPointInput, SuggestClusters } from './suggestion-types.ts'
import { acronyms, type Term, terms } from './text-terms.ts'

/**
 * Suggests clusters of pain points: TF-IDF cosine similarity of their texts,
 * combined with where they sit on the timeline, grouped by average-linkage
 * agglomeration above a threshold. Deterministic: inputs are sorted by id and
 * every tie is broken by id, so the browser and the server agree.
 *
 * Cost: only pairs sharing a term are compared (inverted index), exact up to `pairBudget`
 * candidate pairs; beyond that the most common terms stop proposing pairs (see below). Groups are
 * agglomerated per component of strongly linked pairs with the nearest-neighbour chain, on a
 * dense matrix for components up to `denseLimit` stickies. Figures: bench/results/before-after.md.
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

/**
 * The texts as unit-length TF-IDF vectors over term ids, in flat arrays: sticky i's terms are
 * `termId[termStart[i] .. termStart[i+1]]`, ascending, with their weights in `termWeight`. Each
 * term's posting list (the stickies that have it, in index order) is
 * `postings[postingStart[id] .. postingStart[id+1]]`. Term ids follow term order (the sorted
 * stems). Flat arrays, because small typed arrays per sticky cost more to allocate than to use.
 */
interface TermCorpus {
  termStart: Int32Array
  termId: Int32Array
  termWeight: Float64Array
  postingStart: Int32Array
  postings: Int32Array
  /** Inverse document frequency by term id. */
  idf: Float64Array
  termIds: Map<string, number>
}

function termCorpus(docs: readonly (readonly Term[])[]): TermCorpus {
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
      const w = (1 + Math.log(tf)) * (idf[id] ?? 1)
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
function commonTermsOverBudget(postingStart: Int32Array): { skipped: Uint8Array; pairs: number } {
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
function positionSimilarity(xa: number, xb: number, pa: number, pb: number, scale: number): number {
  const distance = Math.exp(-Math.abs(xa - xb) / scale)
  if (pa < 0 || pb < 0) return distance
  const gap = Math.abs(pa - pb)
  const phase = gap === 0 ? 1 : gap === 1 ? 0.5 : 0
  return 0.6 * phase + 0.4 * distance
}

/**
 * (i, j, similarity) triples in typed arrays, allocated once: the candidate pairs counted before
 * the pair loop bound how many links it can make.
 */
class LinkList {
  readonly from: Int32Array
  readonly to: Int32Array
  readonly sim: Float64Array
  length = 0
  constructor(capacity: number) {
    this.from = new Int32Array(capacity)
    this.to = new Int32Array(capacity)
    this.sim = new Float64Array(capacity)
  }
  get capacity(): number {
    return this.from.length
  }
}

/**
 * One link list kept between calls (at most `pairBudget` links, 16 MiB): allocating it afresh for
 * every large board cost more in garbage collection than the pair loop that fills it. Calls are
 * synchronous, so no two ever share it.
 */
let reusedLinks: LinkList | null = null

function emptyLinkList(capacity: number): LinkList {
  if (reusedLinks === null || reusedLinks.capacity < capacity) reusedLinks = new LinkList(capacity)
  reusedLinks.length = 0
  return reusedLinks
}

/** Union-find over sticky indices; the root of a set is its smallest index. */
class Components {
  private readonly parent: Int32Array
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_v, i) => i)
  }
  root(i: number): number {
    const parent = this.parent
    let r = i
    while (parent[r] !== r) {
      const up = parent[parent[r] ?? r] ?? r
      parent[r] = up
      r = up
    }
    return r
  }
  join(i: number, j: number): void {
    const ri = this.root(i)
    const rj = this.root(j)
    if (ri !== rj) this.parent[Math.max(ri, rj)] = Math.min(ri, rj)
  }
}

/**
 * Links every pair of pain points that share a term (text similarity > 0) with its combined
 * similarity, and joins the components of strong pairs (at or above the threshold).
 *
 * Only pairs that share a term can be linked, so the inverted index proposes them instead of
 * comparing every pair. This is exact while the candidate pairs fit in `pairBudget`; past that
 * (thousands of stickies), the most common terms stop proposing pairs, most common first, until
 * they fit. Such terms still count in the similarity of pairs found through rarer terms; pairs
 * sharing only skipped terms are treated as unrelated.
 */
function linkPairs(
  corpus: TermCorpus,
  xs: Float64Array,
  phaseOf: Int32Array,
  scale: number,
): { links: LinkList; components: Components } {
  const { termStart, termId, termWeight, postingStart, postings } = corpus
  const n = termStart.length - 1
  const { skipped, pairs } = commonTermsOverBudget(postingStart)
  // Sticky i's weights spread over a dense vector indexed by term id, so each cosine with a
  // candidate costs only the candidate's few terms. Products of shared terms are summed in term
  // order and the others add exact zeros: the dot product of the two unit vectors, bit for bit.
  const dense = new Float64Array(skipped.length)
  const links = emptyLinkList(pairs)
  // The list's arrays and length in locals: the loop below writes up to `pairBudget` links.
  const linkFrom = links.from
  const linkTo = links.to
  const linkSim = links.sim
  let linked = 0
  const components = new Components(n)
  const visitedBy = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const from = termStart[i] ?? 0
    const to = termStart[i + 1] ?? 0
    for (let k = from; k < to; k++) dense[termId[k] ?? 0] = termWeight[k] ?? 0
    const xi = xs[i] ?? 0
    const pi = phaseOf[i] ?? -1
    for (let t = from; t < to; t++) {
      const term = termId[t] ?? 0
      if (skipped[term] === 1) continue
      // Postings are in index order: walk down from the end while the partner comes after i.
      const first = postingStart[term] ?? 0
      for (let p = (postingStart[term + 1] ?? 0) - 1; p >= first; p--) {
        const j = postings[p] ?? 0
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
        linkFrom[linked] = i
        linkTo[linked] = j
        linkSim[linked] = sim
        linked++
        if (sim >= linkThreshold) components.join(i, j)
      }
    }
    for (let k = from; k < to; k++) dense[termId[k] ?? 0] = 0
  }
  links.length = linked
  return { links, components }
}

/**
 * Groups of pain points by average linkage. Groups only merge through a pair at or above the
 * threshold, so a group never spans two components of strong pairs: each component is
 * agglomerated on its own, its stickies numbered in index (so id) order, and links across
 * components, which cannot affect any merge, are dropped.
 */
function agglomerate(
  n: number,
  links: LinkList,
  components: Components,
): { members: number[]; inner: number }[] {
  const componentOf = new Int32Array(n)
  const localIndex = new Int32Array(n)
  const componentSize = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const r = components.root(i)
    componentOf[i] = r
    localIndex[i] = componentSize[r] ?? 0
    componentSize[r] = (componentSize[r] ?? 0) + 1
  }
  // Links bucketed by component (counting sort on the root), so one component's graph exists at
  // a time, in one scratch buffer sized for the largest dense component.
  const linkStart = new Int32Array(n + 1)
  for (let k = 0; k < links.length; k++) {
    const r = componentOf[links.from[k] ?? 0] ?? 0
    if (r === componentOf[links.to[k] ?? 0]) linkStart[r + 1] = (linkStart[r + 1] ?? 0) + 1
  }
  for (let r = 0; r < n; r++) linkStart[r + 1] = (linkStart[r + 1] ?? 0) + (linkStart[r] ?? 0)
  const bucket = new Int32Array(linkStart[n] ?? 0)
  const filled = linkStart.slice(0, n)
  for (let k = 0; k < links.length; k++) {
    const r = componentOf[links.from[k] ?? 0] ?? 0
    if (r !== componentOf[links.to[k] ?? 0]) continue
    bucket[filled[r] ?? 0] = k
    filled[r] = (filled[r] ?? 0) + 1
  }
  const membersOf = new Int32Array(n)
  const memberStart = new Int32Array(n + 1)
  for (let r = 0; r < n; r++) memberStart[r + 1] = (memberStart[r] ?? 0) + (componentSize[r] ?? 0)
  for (let i = 0; i < n; i++) {
    const r = componentOf[i] ?? 0
    membersOf[(memberStart[r] ?? 0) + (localIndex[i] ?? 0)] = i
  }
  let largestDense = 0
  for (let r = 0; r < n; r++) {
    const size = componentSize[r] ?? 0
    if (size <= denseLimit && size > largestDense && linkStart[r + 1] !== linkStart[r])
      largestDense = size
  }
  const scratch = new Float64Array(denseCells(largestDense))
  const groups: { members: number[]; inner: number }[] = []
  for (let r = 0; r < n; r++) {
    const from = linkStart[r] ?? 0
    const to = linkStart[r + 1] ?? 0
    if (from === to) continue
    const graph = componentGraph(componentSize[r] ?? 0, to - from, linkThreshold, scratch)
    for (let at = from; at < to; at++) {
      const k = bucket[at] ?? 0
      graph.link(
        localIndex[links.from[k] ?? 0] ?? 0,
        localIndex[links.to[k] ?? 0] ?? 0,
        links.sim[k] ?? 0,
      )
    }
    const base = memberStart[r] ?? 0
    for (const group of averageLinkage(graph)) {
      groups.push({
        members: group.members.map((m) => membersOf[base + m] ?? 0),
        inner: group.inner,
      })
    }
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
  const corpus = termCorpus(termLists)
  const phaseIndex = new Map(phases.map((p) => [p.id, p.index]))
  const length = phases.length > 0 ? (phases.at(-1)?.endX ?? 0) - (phases[0]?.startX ?? 0) : 0
  const scale = phases.length > 0 && length > 0 ? length / phases.length : 1000
  const xs = Float64Array.from(points, (p) => p.x)
  const phaseOf = Int32Array.from(points, (p) =>
    p.phaseId === null ? -1 : (phaseIndex.get(p.phaseId) ?? -1),
  )
  const { links, components } = linkPairs(corpus, xs, phaseOf, scale)
  const groups = agglomerate(n, links, components)

  const suggestions: ClusterSuggestion[] = []
  const clustered = new Uint8Array(n)
  for (const { members: group, inner } of groups) {
    if (group.length < 2) continue
    group.sort((x, y) => x - y)
    for (const i of group) clustered[i] = 1
    const pairs = (group.length * (group.length - 1)) / 2
    const confidence = Math.min(1, Math.max(0.01, round2(inner / pairs)))
    suggestions.push(describe(group, confidence, points, termLists, corpus, phases))
  }
  suggestions.sort(
    (x, y) => y.confidence - x.confidence || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  )
  return {
    suggestions,
    unclustered: points.filter((_p, i) => clustered[i] !== 1).map((p) => p.id),
  }
}

function describe(
  group: number[],
  confidence: number,
  points: PainPointInput[],
  termLists: ReturnType<typeof terms>[],
  corpus: TermCorpus,
  phases: readonly PhaseSpan[],
): ClusterSuggestion {
  const memberIds = group.map((i) => (points[i] as PainPointInput).id)
  const { termStart, termId, termWeight, termIds, idf } = corpus
  // Shared terms: in at least two members, strongest summed weight first.
  const presence = new Map<number, { count: number; weight: number }>()
  for (const i of group) {
    for (let k = termStart[i] ?? 0; k < (termStart[i + 1] ?? 0); k++) {
      const id = termId[k] ?? 0
      const entry = presence.get(id)
      if (entry) {
        entry.count++
        entry.weight += termWeight[k] ?? 0
      } else presence.set(id, { count: 1, weight: termWeight[k] ?? 0 })
    }
  }
  // Each shared term is shown as the word most members wrote for it.
  const surfaces = new Map<number, Map<string, number>>()
  for (const i of group) {
    for (const t of termLists[i] ?? []) {
      const id = termIds.get(t.stem) ?? -1
      if ((presence.get(id)?.count ?? 0) < 2) continue
      let counts = surfaces.get(id)
      if (!counts) {
        counts = new Map()
        surfaces.set(id, counts)
      }
      counts.set(t.surface, (counts.get(t.surface) ?? 0) + 1)
    }
  }
  const shared = [...presence.entries()]
    .filter(([, e]) => e.count >= 2)
    .sort(
      ([ta, a], [tb, b]) =>
        b.count * (idf[tb] ?? 1) - a.count * (idf[ta] ?? 1) || b.weight - a.weight || ta - tb,
    )
    .map(([id]) =>
      displayTerm(
        [...(surfaces.get(id) ?? new Map<string, number>()).entries()].sort(
          (x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1),
        )[0]?.[0] ?? '',
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
