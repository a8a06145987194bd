import type { PhaseSpan } from '../board/timeline.ts'
import { conceptIdOf, featureTerms, isConceptStem } from '../suggestions/concept-terms.ts'
import {
  builtInCompiled,
  type CompiledVocabulary,
  emptyVocabulary,
} from '../suggestions/vocabulary.ts'
import { averageLinkage, componentGraph, denseCells, denseLimit } from './average-linkage.ts'
import { fnv1a } from './stable-id.ts'
import {
  commonTermsOverBudget,
  positionSimilarity,
  type TermCorpus,
  termCorpus,
} from './suggest-clusters-corpus.ts'
import type {
  ClusterSuggestion,
  PainPointInput,
  SuggestClusters,
  SuggestOptions,
} from './suggestion-types.ts'
import { acronyms, type Term, terms } from './text-terms.ts'

/**
 * Suggests clusters of pain points: TF-IDF cosine similarity of their texts (their words and the
 * vocabulary's concepts they name, ../suggestions/vocabulary.ts), combined with where they sit on
 * the timeline, grouped by average-linkage agglomeration above a threshold; groups smaller than
 * `minGroupSize` are not suggested (ADR 0016). Deterministic: inputs are sorted by id and every
 * tie is broken by id, so the browser and the server agree.
 *
 * Cost: only pairs sharing a term are compared (inverted index), exact up to `pairBudget`
 * candidate pairs; beyond that the most common terms stop proposing pairs (see below). Groups are
 * agglomerated per component of strongly linked pairs with the nearest-neighbour chain, on a
 * dense matrix for components up to `denseLimit` stickies. Figures: bench/results/before-after.md.
 */

/** Weight of text vs position in the combined similarity. */
export const textWeight = 0.7
export const positionWeight = 0.3
/**
 * Groups merge while their average similarity is at least this. Chosen with the smallest group
 * size and the concept weight on the tuning boards of bench/src/suggestion-quality (ADR 0016).
 */
export const linkThreshold = 0.15
/** Smallest group suggested: a pair is rarely a theme worth a backlog item of its own. */
export const minGroupSize = 3
/**
 * Weight of a concept feature relative to a word with the same document frequency. Concepts are
 * named by many pain points, so their IDF is low; twice a word's weight lets one shared concept
 * link two texts that share no word. Chosen on the tuning boards (ADR 0016).
 */
export const conceptWeight = 2

/**
 * The suggester before ADR 0016 (words only, pairs suggested): kept so the bench can show the
 * old suggestions beside the new ones on the same boards.
 */
export const legacySuggestOptions: Readonly<Required<SuggestOptions>> = {
  threshold: 0.3,
  minGroupSize: 2,
  conceptWeight: 0,
  vocabulary: emptyVocabulary,
}
/**
 * Most candidate pairs the inverted index may propose (counted as the sum over terms of
 * stickies-with-the-term choose 2). Boards up to ~1,400 pain points are always exact.
 */
export const pairBudget = 1_000_000

/**
 * A concept named by more than this many pain points (and more than `conceptPairShare` of them)
 * proposes no pairs: on a large board "waiting" is named by hundreds, and comparing all of them
 * cost more than the rest of the pair loop. It still counts in the similarity of pairs that share
 * a word or a rarer concept. Workshop boards (up to a few hundred pain points) are unaffected.
 */
export const conceptPairLimit = 64
export const conceptPairShare = 0.1

function skipCommonConcepts(corpus: TermCorpus, skipped: Uint8Array): void {
  const n = corpus.termStart.length - 1
  const limit = Math.max(conceptPairLimit, Math.floor(n * conceptPairShare))
  for (const [stem, id] of corpus.termIds) {
    const df = (corpus.postingStart[id + 1] ?? 0) - (corpus.postingStart[id] ?? 0)
    if (df > limit && isConceptStem(stem)) skipped[id] = 1
  }
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
  threshold: number,
): { links: LinkList; components: Components } {
  const { termStart, termId, termWeight, postingStart, postings } = corpus
  const n = termStart.length - 1
  const { skipped, pairs } = commonTermsOverBudget(postingStart, pairBudget)
  skipCommonConcepts(corpus, skipped)
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
        if (sim >= threshold) components.join(i, j)
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
  threshold: number,
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
    const graph = componentGraph(componentSize[r] ?? 0, to - from, threshold, scratch)
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

export function displayTerm(surface: string): string {
  if (acronyms.has(surface)) return surface.toUpperCase()
  // "vms" -> "VMs", "k8s" -> "K8s".
  if (surface.length === 3 && surface.endsWith('s') && acronyms.has(surface.slice(0, 2)))
    return `${surface.slice(0, 2).toUpperCase()}s`
  return surface
}

export const suggestClusters: SuggestClusters = (painPoints, phases, options = {}) => {
  const threshold = options.threshold ?? linkThreshold
  const smallest = Math.max(2, options.minGroupSize ?? minGroupSize)
  const vocabulary = options.vocabulary ?? builtInCompiled()
  const boost = conceptBoost(options.conceptWeight ?? conceptWeight)
  const points = [...painPoints].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const n = points.length
  const termLists = points.map((p) => featureTerms(p.text, vocabulary))
  const corpus = termCorpus(termLists, boost)
  const { xs, phaseOf, scale } = timelinePlaces(points, phases)
  const { links, components } = linkPairs(corpus, xs, phaseOf, scale, threshold)
  const groups = agglomerate(n, links, components, threshold)

  const suggestions: ClusterSuggestion[] = []
  const labels = new Map(vocabulary.concepts.map((c) => [c.id, c.label]))
  const clustered = new Uint8Array(n)
  for (const { members: group, inner } of groups) {
    if (group.length < smallest) continue
    group.sort((x, y) => x - y)
    for (const i of group) clustered[i] = 1
    const pairs = (group.length * (group.length - 1)) / 2
    const confidence = Math.min(1, Math.max(0.01, round2(inner / pairs)))
    suggestions.push(
      describe(group, confidence, points, termLists, corpus, phases, vocabulary, labels),
    )
  }
  suggestions.sort(
    (x, y) => y.confidence - x.confidence || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  )
  return {
    suggestions,
    unclustered: points.filter((_p, i) => clustered[i] !== 1).map((p) => p.id),
  }
}

/**
 * The weight factor of concept features (`weight`) beside words (1). Null when it changes
 * nothing, so the vectors are bit for bit those of a corpus without the factor.
 */
export function conceptBoost(weight: number): ((stem: string) => number) | undefined {
  return weight === 1 ? undefined : (stem) => (isConceptStem(stem) ? weight : 1)
}

/**
 * Where the pain points sit, for positionSimilarity: x, phase index (-1 off the timeline or in a
 * phase the timeline no longer has) and the distance scale (a phase's average width).
 */
export function timelinePlaces(
  points: readonly PainPointInput[],
  phases: readonly PhaseSpan[],
): { xs: Float64Array; phaseOf: Int32Array; scale: number } {
  const phaseIndex = new Map(phases.map((p) => [p.id, p.index]))
  const length = phases.length > 0 ? (phases.at(-1)?.endX ?? 0) - (phases[0]?.startX ?? 0) : 0
  const scale = phases.length > 0 && length > 0 ? length / phases.length : 1000
  const xs = Float64Array.from(points, (p) => p.x)
  const phaseOf = Int32Array.from(points, (p) =>
    p.phaseId === null ? -1 : (phaseIndex.get(p.phaseId) ?? -1),
  )
  return { xs, phaseOf, scale }
}

function describe(
  group: number[],
  confidence: number,
  points: PainPointInput[],
  termLists: Term[][],
  corpus: TermCorpus,
  phases: readonly PhaseSpan[],
  vocabulary: CompiledVocabulary,
  labels: ReadonlyMap<string, string>,
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
  // Each shared term is shown as the word most members wrote for it; a shared concept, with
  // every word the members named it by.
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
  const byUse = (id: number): string[] =>
    [...(surfaces.get(id) ?? new Map<string, number>()).entries()]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .map(([surface]) => surface)
  // A concept's words, one per stem ("approval" and "approvals" are one word, not two).
  // Asked up to three times per concept (bridges, naming): stemmed once.
  const conceptWordsOf = new Map<number, string[]>()
  const conceptWords = (id: number): string[] => {
    let words = conceptWordsOf.get(id)
    if (!words) {
      const seen = new Set<string>()
      words = byUse(id).filter((surface) => {
        const stem = terms(surface)[0]?.stem ?? surface
        if (seen.has(stem)) return false
        seen.add(stem)
        return true
      })
      conceptWordsOf.set(id, words)
    }
    return words
  }
  const stemOf = [...termIds.keys()]
  const ranked = [...presence.entries()]
    .filter(([, e]) => e.count >= 2)
    .sort(
      ([ta, a], [tb, b]) =>
        b.count * (idf[tb] ?? 1) - a.count * (idf[ta] ?? 1) || b.weight - a.weight || ta - tb,
    )
    .map(([id]) => id)
  const shared = ranked
    .filter((id) => !isConceptStem(stemOf[id] ?? ''))
    .map((id) => displayTerm(byUse(id)[0] ?? ''))
    .filter(Boolean)
  const sharedTerms = [...new Set(shared)].slice(0, 5)
  // Concepts the members name in different words: what joined them beyond their shared words.
  const bridges = ranked
    .filter((id) => isConceptStem(stemOf[id] ?? '') && conceptWords(id).length >= 2)
    .slice(0, 2)
    .map((id) => ({
      label: labels.get(conceptIdOf(stemOf[id] ?? '')) ?? conceptIdOf(stemOf[id] ?? ''),
      words: conceptWords(id).slice(0, 3).map(displayTerm),
    }))

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

  // Named from its two strongest features: a shared word as the members wrote it, a concept
  // by its label ("access request") when that is what most of them name; never a concept and
  // one of its own words ("Releasing / release").
  const top: string[] = []
  const namedConcepts = new Set<string>()
  for (const id of ranked) {
    if (top.length === 2) break
    const stem = stemOf[id] ?? ''
    // A concept named by one word only says no more than that word.
    if (isConceptStem(stem) && conceptWords(id).length < 2) continue
    const concepts = isConceptStem(stem)
      ? [conceptIdOf(stem)]
      : (vocabulary.conceptsOf.get(stem) ?? []).map((c) => vocabulary.concepts[c]?.id ?? '')
    if (concepts.some((c) => namedConcepts.has(c))) continue
    for (const c of concepts) namedConcepts.add(c)
    const shown = isConceptStem(stem)
      ? (labels.get(conceptIdOf(stem)) ?? conceptIdOf(stem))
      : displayTerm(byUse(id)[0] ?? '')
    // Nor a label and a word it already holds ("Security review / review").
    const inLabel = top.some((t) =>
      t
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .includes(shown.toLowerCase()),
    )
    if (shown !== '' && !top.includes(shown) && !inLabel) top.push(shown)
  }
  const name = top.length > 0 ? capitalise(top.join(' / ')) : 'Related pain points'
  // e.g. 3 pain points mention "approval", "security"; "ticket" and "permission" are the same
  // pain (access request); and sit in Security & compliance review.
  const quoted = sharedTerms.slice(0, 3).map((t) => `"${t}"`)
  const said = bridges.map(
    (b) => `${listed(b.words.map((w) => `"${w}"`))} name the same pain (${b.label})`,
  )
  const mention =
    quoted.length === 0
      ? said.length === 0
        ? 'are worded alike'
        : `say it in other words: ${said.join('; ')}`
      : `mention ${quoted.join(', ')}${said.length === 0 ? '' : `; ${said.join('; ')}`}`
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
export function listed(items: string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
    : (items[0] ?? '')
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
