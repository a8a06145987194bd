import { fnv1a } from '../backlog/stable-id.ts'
import {
  conceptBoost,
  conceptPairLimit,
  conceptPairShare,
  conceptWeight,
  displayTerm,
  listed,
  positionWeight,
  textWeight,
  timelinePlaces,
} from '../backlog/suggest-clusters.ts'
import { positionSimilarity, termCorpus } from '../backlog/suggest-clusters-corpus.ts'
import type {
  ClusterAddition,
  ExistingCluster,
  PainPointInput,
} from '../backlog/suggestion-types.ts'
import type { Term } from '../backlog/text-terms.ts'
import type { PhaseSpan } from '../board/timeline.ts'
import { conceptIdOf, conceptPrefix, featureTerms, isConceptStem } from './concept-terms.ts'
import { builtInCompiled, type CompiledVocabulary } from './vocabulary.ts'

/**
 * Suggestions that learn (ADR 0016): once the group has made clusters, each pain point in no
 * cluster is compared with every cluster's members (the suggester's similarity: TF-IDF of words
 * and concepts, and position on the timeline) and suggested into the cluster it is closest to on
 * average, when that average reaches `additionThreshold`. Pure and deterministic: inputs are read
 * in id order and ties go to the cluster first by id.
 *
 * Cost: only pairs of an unclustered and a clustered pain point that share a term are compared
 * (inverted index), at most `additionPairBudget` of them; past that the most common terms stop
 * proposing pairs, and so do concepts named by many pain points, as in the cluster suggester.
 */

/**
 * Average similarity to a cluster's members at which a pain point is suggested into it. Chosen on
 * the tuning boards of bench/src/suggestion-quality (ADR 0016).
 */
export const additionThreshold = 0.15

/**
 * Most candidate pairs compared (per term: unclustered × clustered pain points with it). Exact on
 * workshop boards; on 10,000 pain points with 2,500 in clusters it keeps the additions to about
 * a third of the whole suggestion read.
 */
export const additionPairBudget = 200_000

export interface AdditionOptions {
  vocabulary?: CompiledVocabulary
  threshold?: number
  conceptWeight?: number
}

interface ClusterOf {
  members: PainPointInput[]
  cluster: ExistingCluster
}

const byId = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * `clusters` with their members as pain point inputs (`pointsById` holds every pain point on the
 * board); `unclustered` are the candidates. A candidate that is also a member is not one.
 */
export function suggestAdditions(
  unclustered: readonly PainPointInput[],
  clusters: readonly ExistingCluster[],
  pointsById: ReadonlyMap<string, PainPointInput>,
  phases: readonly PhaseSpan[],
  options: AdditionOptions = {},
): ClusterAddition[] {
  const vocabulary = options.vocabulary ?? builtInCompiled()
  const threshold = options.threshold ?? additionThreshold
  const sorted: ClusterOf[] = [...clusters]
    .sort(byId)
    .map((cluster) => ({
      cluster,
      members: [...new Set(cluster.memberIds)].flatMap((id) => pointsById.get(id) ?? []),
    }))
    .filter((c) => c.members.length > 0)
  if (sorted.length === 0 || unclustered.length === 0) return []
  const memberOf = new Map<string, number>()
  sorted.forEach((c, index) => {
    for (const m of c.members) if (!memberOf.has(m.id)) memberOf.set(m.id, index)
  })
  const candidates = [...new Map(unclustered.map((p) => [p.id, p])).values()]
    .filter((p) => !memberOf.has(p.id))
    .sort(byId)
  const members = [...memberOf.keys()].sort().flatMap((id) => pointsById.get(id) ?? [])
  // One corpus over the whole board: members first, then candidates (each part in id order).
  const points = [...members, ...candidates]
  const termLists = points.map((p) => featureTerms(p.text, vocabulary))
  const corpus = termCorpus(termLists, conceptBoost(options.conceptWeight ?? conceptWeight))
  const { termStart, termId, termWeight, postingStart, postings } = corpus
  const { xs, phaseOf, scale } = timelinePlaces(points, phases)
  const clusterOf = Int32Array.from(points, (p) => memberOf.get(p.id) ?? -1)
  const size = Int32Array.from(sorted, (c) => c.members.length)
  const skipped = termsOverBudget(postingStart, postings, clusterOf, corpus.termIds)

  const dense = new Float64Array(postingStart.length - 1)
  const sums = new Float64Array(sorted.length)
  const visitedBy = new Int32Array(points.length).fill(-1)
  const additions: ClusterAddition[] = []
  // Each chosen cluster's words, counted when it is first chosen.
  const summaries: (ClusterWords | undefined)[] = []
  // Built once: cluster members' indices (for their words) and concept labels (for reasons).
  const indexOf = new Map(points.map((p, k) => [p.id, k]))
  const labels = new Map(vocabulary.concepts.map((c) => [c.id, c.label]))
  for (let i = members.length; i < points.length; i++) {
    const from = termStart[i] ?? 0
    const to = termStart[i + 1] ?? 0
    for (let k = from; k < to; k++) dense[termId[k] ?? 0] = termWeight[k] ?? 0
    sums.fill(0)
    for (let t = from; t < to; t++) {
      const term = termId[t] ?? 0
      if (skipped[term] === 1) continue
      for (let p = postingStart[term] ?? 0; p < (postingStart[term + 1] ?? 0); p++) {
        const j = postings[p] ?? 0
        const c = clusterOf[j] ?? -1
        if (c < 0 || visitedBy[j] === i) continue
        visitedBy[j] = i
        let text = 0
        for (let k = termStart[j] ?? 0; k < (termStart[j + 1] ?? 0); k++)
          text += (dense[termId[k] ?? 0] ?? 0) * (termWeight[k] ?? 0)
        if (text <= 0) continue
        sums[c] =
          (sums[c] ?? 0) +
          textWeight * text +
          positionWeight *
            positionSimilarity(xs[i] ?? 0, xs[j] ?? 0, phaseOf[i] ?? -1, phaseOf[j] ?? -1, scale)
      }
    }
    for (let k = from; k < to; k++) dense[termId[k] ?? 0] = 0
    let best = -1
    let bestAverage = 0
    for (let c = 0; c < sorted.length; c++) {
      const average = (sums[c] ?? 0) / (size[c] ?? 1)
      if (average > bestAverage) {
        best = c
        bestAverage = average
      }
    }
    const chosen = sorted[best]
    const point = points[i]
    if (!chosen || !point || bestAverage < threshold) continue
    let said = summaries[best]
    if (!said) {
      said = clusterWords(
        chosen,
        chosen.members.map((m) => termLists[indexOf.get(m.id) ?? -1] ?? []),
        vocabulary,
      )
      summaries[best] = said
    }
    additions.push(
      describeAddition(point, termLists[i] ?? [], chosen, said, {
        confidence: Math.min(1, Math.max(0.01, Math.round(bestAverage * 100) / 100)),
        labels,
        phases,
      }),
    )
  }
  return additions.sort(
    (a, b) => b.confidence - a.confidence || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
}

/**
 * Terms that stop proposing pairs so the candidate pairs (per term: unclustered × clustered
 * pain points with it) fit in the budget: the costliest first, ties by term.
 */
function termsOverBudget(
  postingStart: Int32Array,
  postings: Int32Array,
  clusterOf: Int32Array,
  termIds: ReadonlyMap<string, number>,
): Uint8Array {
  const terms = postingStart.length - 1
  const n = clusterOf.length
  const conceptLimit = Math.max(conceptPairLimit, Math.floor(n * conceptPairShare))
  const cost = new Float64Array(terms)
  const skipped = new Uint8Array(terms)
  let total = 0
  for (const [stem, id] of termIds) {
    let clustered = 0
    const from = postingStart[id] ?? 0
    const to = postingStart[id + 1] ?? 0
    if (isConceptStem(stem) && to - from > conceptLimit) {
      skipped[id] = 1
      continue
    }
    for (let p = from; p < to; p++) if ((clusterOf[postings[p] ?? 0] ?? -1) >= 0) clustered++
    cost[id] = clustered * (to - from - clustered)
    total += cost[id] ?? 0
  }
  if (total <= additionPairBudget) return skipped
  const order = Array.from({ length: terms }, (_v, id) => id).sort(
    (x, y) => (cost[y] ?? 0) - (cost[x] ?? 0) || x - y,
  )
  for (const id of order) {
    if (total <= additionPairBudget) break
    skipped[id] = 1
    total -= cost[id] ?? 0
  }
  return skipped
}

/**
 * What a cluster's members say, counted once per cluster (not per addition: a large board can
 * have thousands of additions into one cluster): how many members use each word, the words they
 * name each concept by, and how many sit in each phase.
 */
interface ClusterWords {
  /** Word stem → members that use it. */
  members: Map<string, number>
  /** Concept feature stem → word stem → the word as most members wrote it, and how many. */
  conceptWords: Map<string, Map<string, { surface: string; count: number }>>
  /** Phase id → members in it. */
  phases: Map<string, number>
}

function clusterWords(
  chosen: ClusterOf,
  lists: readonly Term[][],
  vocabulary: CompiledVocabulary,
): ClusterWords {
  const members = new Map<string, number>()
  const conceptWords = new Map<string, Map<string, { surface: string; count: number }>>()
  const phases = new Map<string, number>()
  for (const [k, member] of chosen.members.entries()) {
    if (member.phaseId !== null) phases.set(member.phaseId, (phases.get(member.phaseId) ?? 0) + 1)
    const seen = new Set<string>()
    for (const t of lists[k] ?? []) {
      if (isConceptStem(t.stem) || seen.has(t.stem)) continue
      seen.add(t.stem)
      members.set(t.stem, (members.get(t.stem) ?? 0) + 1)
      for (const index of vocabulary.conceptsOf.get(t.stem) ?? []) {
        const concept = `${conceptPrefix}${vocabulary.concepts[index]?.id ?? index}`
        let words = conceptWords.get(concept)
        if (!words) {
          words = new Map()
          conceptWords.set(concept, words)
        }
        const entry = words.get(t.stem)
        if (entry) entry.count++
        else words.set(t.stem, { surface: t.surface, count: 1 })
      }
    }
  }
  return { members, conceptWords, phases }
}

/**
 * The reason, from the words the pain point shares with the members ("approval" in 3 of its 4)
 * and the concepts it names in other words ("ticket" means the same as "permission").
 */
function describeAddition(
  point: PainPointInput,
  own: Term[],
  chosen: ClusterOf,
  said: ClusterWords,
  context: {
    confidence: number
    labels: ReadonlyMap<string, string>
    phases: readonly PhaseSpan[]
  },
): ClusterAddition {
  const total = chosen.members.length
  const words = [...new Map(own.filter((t) => !isConceptStem(t.stem)).map((t) => [t.stem, t]))]
    .map(([stem, t]) => ({ surface: t.surface, count: said.members.get(stem) ?? 0 }))
    .filter((w) => w.count > 0)
    .sort((a, b) => b.count - a.count || (a.surface < b.surface ? -1 : 1))
    .slice(0, 3)
  const ownStems = new Set(own.map((t) => t.stem))
  const { labels } = context
  const bridges = own
    .filter((t) => isConceptStem(t.stem))
    .flatMap((concept) => {
      // Named by a word the members use too: the shared words already say it.
      if (words.some((w) => w.surface === concept.surface)) return []
      const id = conceptIdOf(concept.stem)
      // The words members name the concept by that this pain point does not use.
      const named = [...(said.conceptWords.get(concept.stem) ?? new Map()).entries()]
        .filter(([stem]) => !ownStems.has(stem))
        .map(([, w]) => w)
        .sort((a, b) => b.count - a.count || (a.surface < b.surface ? -1 : 1))
        .slice(0, 2)
        .map((w) => `"${displayTerm(w.surface)}"`)
      if (named.length === 0) return []
      return [
        `"${displayTerm(concept.surface)}" means the same as ${listed(named)} (${labels.get(id) ?? id})`,
      ]
    })
    .slice(0, 2)
  const shares =
    words.length === 0
      ? ''
      : `shares ${words
          .map((w, k) =>
            k === 0
              ? `"${displayTerm(w.surface)}" with ${w.count} of its ${total} pain point${total === 1 ? '' : 's'}`
              : `"${displayTerm(w.surface)}" with ${w.count}`,
          )
          .join(', ')}`
  const parts = [shares, ...bridges].filter(Boolean)
  const phase = context.phases.find((p) => p.id === point.phaseId)
  const alongside = phase ? (said.phases.get(phase.id) ?? 0) : 0
  const where =
    phase && alongside > 0 ? ` It sits in ${phase.name}, like ${alongside} of them.` : ''
  const sentence = parts.length > 0 ? parts.join('; ') : 'is worded like its pain points'
  return {
    key: `addition:${fnv1a(`${chosen.cluster.id}\n${point.id}`).toString(36)}`,
    clusterId: chosen.cluster.id,
    clusterName: chosen.cluster.name,
    painPointId: point.id,
    sharedTerms: words.map((w) => displayTerm(w.surface)),
    reason: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${where}`,
    confidence: context.confidence,
  }
}
