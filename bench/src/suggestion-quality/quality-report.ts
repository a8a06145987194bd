import { type Target, table } from '../markdown.ts'
import type { GroupingScore } from './evaluate.ts'
import type { SuggestionQualityBoard, SuggestionQualityResult } from './quality-section.ts'

/** Section 6 of latest.md: suggestion quality beside the old suggester and the baseline. */

const two = (v: number | null): string => (v === null ? '–' : v.toFixed(2))
const pct = (v: number | null): string => (v === null ? '–' : `${Math.round(v * 100)} %`)

type Grouper = 'ours' | 'old' | 'baseline' | 'baselineTerms'
const grouperName: Record<Grouper, string> = {
  ours: 'Stormline (not told k)',
  old: 'Stormline before ADR 0016',
  baseline: 'TF-IDF + average linkage (told k)',
  baselineTerms: 'same on Stormline’s terms (told k)',
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length
}

/** Means over boards (purity over the boards where something was grouped). */
export function meanScore(boards: readonly SuggestionQualityBoard[], grouper: Grouper) {
  const scores: GroupingScore[] = boards.map((b) => b[grouper])
  const purities = scores.flatMap((s) => (s.purity === null ? [] : [s.purity]))
  return {
    ari: mean(scores.map((s) => s.ari)),
    purity: purities.length === 0 ? null : mean(purities),
    coverage: mean(scores.map((s) => s.coverage)),
    groups: scores.reduce((sum, s) => sum + s.groups, 0),
    pairs: scores.reduce((sum, s) => sum + s.pairs, 0),
  }
}

export function suggestionQualityTargets(r: SuggestionQualityResult): Target[] {
  const holdout = r.boards.filter((b) => b.use === 'holdout')
  const ours = meanScore(holdout, 'ours').ari
  const baseline = meanScore(holdout, 'baseline').ari
  return [
    {
      name: 'Suggestion quality, holdout boards: mean ARI (not told k) vs TF-IDF + average linkage told k',
      target: `≥ baseline + 0.2 (${two(baseline + 0.2)})`,
      figure: `${two(ours)} (baseline ${two(baseline)})`,
      met: holdout.length > 0 ? ours >= baseline + 0.2 : null,
    },
  ]
}

export function renderSuggestionQuality(r: SuggestionQualityResult): string[] {
  const parts: string[] = []
  parts.push('## 6. Suggestion quality (labelled boards)')
  parts.push(
    [
      `${r.boards.length} hand-written boards (bench/src/suggestion-quality/boards/): pain points as participants write them, several themes per board that share few words, a few one-offs. "tuning" boards chose the settings (threshold, smallest group, concept weight, addition threshold); "holdout" boards were written before and never used for tuning. Computed in ${Math.round(r.ms)} ms; deterministic.`,
      '- **ARI**: adjusted Rand index of the suggested groups against the themes (a pain point in no group counts as a group of its own; 1 = the themes exactly, 0 = chance).',
      '- **Purity**: share of the pain points placed in a group whose most common theme is theirs. **Coverage**: share of the pain points placed in a group of two or more.',
      '- **Baseline**: scikit-learn-style `TfidfVectorizer()` + `AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")`, told k = the number of themes plus one-offs; Stormline is not told k. "Same on Stormline’s terms" is that baseline on Stormline’s tokens (stop words dropped, stemmed): the words alone, without concepts or position, even when told k.',
    ].join('\n'),
  )
  const groupers: Grouper[] = ['ours', 'old', 'baseline', 'baselineTerms']
  const summary: string[][] = []
  for (const use of ['holdout', 'tuning', 'all'] as const) {
    const boards = use === 'all' ? r.boards : r.boards.filter((b) => b.use === use)
    for (const g of groupers) {
      const m = meanScore(boards, g)
      summary.push([
        `${use} (${boards.length})`,
        grouperName[g],
        two(m.ari),
        two(m.purity),
        pct(m.coverage),
        String(m.groups),
        String(m.pairs),
      ])
    }
  }
  parts.push(
    table(
      [
        'boards',
        'grouping',
        'mean ARI',
        'mean purity',
        'mean coverage',
        'groups',
        'of which pairs',
      ],
      summary,
    ),
  )
  parts.push('Per board (ARI / purity / coverage):')
  parts.push(
    table(
      ['board', 'use', 'pain points', 'themes + one-offs', ...groupers.map((g) => grouperName[g])],
      r.boards.map((b) => [
        b.name,
        b.use,
        String(b.painPoints),
        `${b.themes} + ${b.oneOffs}`,
        ...groupers.map((g) => `${two(b[g].ari)} / ${two(b[g].purity)} / ${pct(b[g].coverage)}`),
      ]),
    ),
  )
  parts.push(
    `**Learn mode.** About 30 % of each theme's pain points clustered by hand (three seeded draws per board, counts summed), the rest offered to the suggester: an addition is right when it names the pain point's own theme's cluster. Recall is over the pain points left that belong to a theme; one-offs left can only be wrong additions.`,
  )
  const learnRows = r.boards.map((b) => [
    b.name,
    b.use,
    String(b.learn.belonging + b.learn.oneOffs),
    String(b.learn.suggested),
    String(b.learn.right),
    pct(b.learn.precision),
    pct(b.learn.recall),
  ])
  for (const use of ['holdout', 'tuning'] as const) {
    const boards = r.boards.filter((b) => b.use === use)
    const suggested = boards.reduce((s, b) => s + b.learn.suggested, 0)
    const right = boards.reduce((s, b) => s + b.learn.right, 0)
    const belonging = boards.reduce((s, b) => s + b.learn.belonging, 0)
    const left = boards.reduce((s, b) => s + b.learn.belonging + b.learn.oneOffs, 0)
    learnRows.push([
      `**all ${use} boards**`,
      use,
      String(left),
      String(suggested),
      String(right),
      pct(suggested === 0 ? null : right / suggested),
      pct(belonging === 0 ? null : right / belonging),
    ])
  }
  parts.push(
    table(
      ['board', 'use', 'left to suggest', 'suggested', 'right cluster', 'precision', 'recall'],
      learnRows,
    ),
  )
  return parts
}
