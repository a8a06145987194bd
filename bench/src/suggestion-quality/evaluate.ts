import { legacySuggestOptions, suggestClusters } from '@stormline/shared/backlog/suggest-clusters'
import type { SuggestOptions } from '@stormline/shared/backlog/suggestion-types'
import { terms } from '@stormline/shared/backlog/text-terms'
import { tfidfAverageLinkage } from '@stormline/shared/suggestions/baseline-tfidf-average'
import {
  adjustedRandIndex,
  coverage,
  partitionOf,
  purity,
} from '@stormline/shared/suggestions/cluster-metrics'
import { suggestForBoard } from '@stormline/shared/suggestions/suggest-for-board'
import { builtInCompiled, type CompiledVocabulary } from '@stormline/shared/suggestions/vocabulary'
import { seededRandom } from '@stormline/shared/testing/seeded-random'
import type { EvalBoard } from './eval-boards.ts'

/** Scores of one grouping of one board against its themes. */
export interface GroupingScore {
  ari: number
  /** Null when nothing was grouped. */
  purity: number | null
  coverage: number
  groups: number
  /** Groups of exactly two pain points. */
  pairs: number
}

export type Grouper = 'ours' | 'old' | 'baseline' | 'baselineTerms'

export function scoreGroups(board: EvalBoard, groups: number[][]): GroupingScore {
  const placed = groups.filter((g) => g.length >= 2)
  const n = board.painPoints.length
  return {
    ari: adjustedRandIndex(board.truth, partitionOf(n, placed)),
    purity: purity(board.truth, placed),
    coverage: coverage(n, placed),
    groups: placed.length,
    pairs: placed.filter((g) => g.length === 2).length,
  }
}

function indicesOf(board: EvalBoard, memberIds: readonly string[][]): number[][] {
  const index = new Map(board.painPoints.map((p, i) => [p.id, i]))
  return memberIds.map((ids) => ids.map((id) => index.get(id) ?? -1))
}

/** The suggester's groups (not told the number of themes). */
export function suggesterGroups(board: EvalBoard, options: SuggestOptions = {}): number[][] {
  const result = suggestClusters(board.painPoints, board.phases, options)
  return indicesOf(
    board,
    result.suggestions.map((s) => s.memberIds),
  )
}

export function grouping(board: EvalBoard, grouper: Grouper): number[][] {
  switch (grouper) {
    case 'ours':
      return suggesterGroups(board)
    case 'old':
      return suggesterGroups(board, legacySuggestOptions)
    case 'baseline':
      // Told the true number of themes: every theme and every one-off.
      return tfidfAverageLinkage(
        board.painPoints.map((p) => p.text),
        new Set(board.truth).size,
      )
    case 'baselineTerms':
      // The same, on Stormline's words (stop words dropped, stemmed): what the words alone give.
      return tfidfAverageLinkage(
        board.painPoints.map((p) => p.text),
        new Set(board.truth).size,
        (text) => terms(text).map((t) => t.stem),
      )
  }
}

/** "Learn" mode: what share of the rest is suggested into the right existing cluster. */
export interface LearnScore {
  /** Pain points clustered by hand before the suggestions (per seed, summed over seeds). */
  preClustered: number
  /** Pain points left that belong to a theme (so to one of the clusters). */
  belonging: number
  /** One-offs left (any addition of theirs is wrong). */
  oneOffs: number
  suggested: number
  right: number
  /** right ÷ suggested (null: none suggested). */
  precision: number | null
  /** right ÷ belonging. */
  recall: number
}

/** The share of each theme (at least one pain point) clustered by hand before the suggestions. */
export const preClusteredShare = 0.3
/** Which pain points are pre-clustered is drawn with these seeds; the counts are summed. */
export const learnSeeds = [1, 2, 3] as const

export function learnMode(
  board: EvalBoard,
  vocabulary: CompiledVocabulary = builtInCompiled(),
): LearnScore {
  const total = { preClustered: 0, belonging: 0, oneOffs: 0, suggested: 0, right: 0 }
  for (const seed of learnSeeds) {
    const run = learnOnce(board, seed, vocabulary)
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += run[key]
  }
  return {
    ...total,
    precision: total.suggested === 0 ? null : total.right / total.suggested,
    recall: total.belonging === 0 ? 0 : total.right / total.belonging,
  }
}

function learnOnce(
  board: EvalBoard,
  seed: number,
  vocabulary: CompiledVocabulary,
): Omit<LearnScore, 'precision' | 'recall'> {
  const random = seededRandom(seed)
  const byTheme = new Map<string, number[]>()
  board.truth.forEach((theme, i) => {
    if (theme.startsWith('one-off:')) return
    byTheme.set(theme, [...(byTheme.get(theme) ?? []), i])
  })
  const clusters = [...byTheme.entries()].sort().map(([theme, members]) => {
    // A seeded shuffle picks which of the theme's pain points the group clustered by hand.
    const order = members
      .map((i) => ({ i, r: random() }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.i)
    const take = Math.max(1, Math.round(members.length * preClusteredShare))
    return {
      id: `cluster:${theme}`,
      name: theme,
      memberIds: order.slice(0, take).map((i) => board.painPoints[i]?.id ?? ''),
    }
  })
  const clustered = new Set(clusters.flatMap((c) => c.memberIds))
  const result = suggestForBoard({
    painPoints: board.painPoints,
    clusters,
    phases: board.phases,
    decisions: {},
    vocabulary,
  })
  const themeOf = new Map(board.painPoints.map((p, i) => [p.id, board.truth[i] ?? '']))
  const left = board.painPoints.filter((p) => !clustered.has(p.id))
  const oneOffs = left.filter((p) => (themeOf.get(p.id) ?? '').startsWith('one-off:')).length
  return {
    preClustered: clustered.size,
    belonging: left.length - oneOffs,
    oneOffs,
    suggested: result.additions.length,
    right: result.additions.filter((a) => `cluster:${themeOf.get(a.painPointId)}` === a.clusterId)
      .length,
  }
}
