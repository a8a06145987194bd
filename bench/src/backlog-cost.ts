import { boardSuggestions } from '@stormline/shared/backlog/board-suggestions'
import { buildBacklog } from '@stormline/shared/backlog/build-backlog'
import { exportBacklog } from '@stormline/shared/backlog/export-backlog'
import { acceptAndVote, syntheticWorkshop } from './backlog/synthetic-workshop.ts'
import { median } from './stats.ts'

export interface BacklogCostResult {
  painPoints: number
  suggestions: number
  backlogItems: number
  /** Untimed rounds before the repetitions. */
  warmups?: number
  /** ms of the very first pipeline on this board, before V8 has optimised the code for it. */
  firstMs?: number
  /** Median ms over the repetitions, after the warm-up rounds. */
  clusterMs: number
  scoreMs: number
  exportMarkdownMs: number
  exportCsvMs: number
  exportJsonMs: number
  totalMs: number
  exportBytes: { md: number; csv: number; json: number }
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = run()
  return { value, ms: performance.now() - start }
}

/**
 * The backlog pipeline as the server runs it for GET /suggestions and GET /backlog: suggest
 * clusters, build (score and rank) the backlog, export it in all three formats.
 */
export function measureBacklogCost(
  painPoints: number,
  reps: number,
  warmups = 1,
): BacklogCostResult {
  const { board, maps } = syntheticWorkshop(painPoints)
  const samples = {
    cluster: [] as number[],
    score: [] as number[],
    md: [] as number[],
    csv: [] as number[],
    json: [] as number[],
  }
  let result: Omit<
    BacklogCostResult,
    'clusterMs' | 'scoreMs' | 'exportMarkdownMs' | 'exportCsvMs' | 'exportJsonMs' | 'totalMs'
  > | null = null
  // Untimed rounds first: the figures are for a warm server, which answers these requests again
  // and again, not for V8 compiling the code; the first round is reported on its own.
  let firstMs: number | undefined
  for (let rep = -warmups; rep < reps; rep++) {
    const cluster = timed(() => boardSuggestions(maps))
    const voted = acceptAndVote(maps, cluster.value.suggestions)
    const score = timed(() => buildBacklog(board, voted))
    const md = timed(() => exportBacklog(score.value, 'md', 'http://localhost:3000'))
    const csv = timed(() => exportBacklog(score.value, 'csv', 'http://localhost:3000'))
    const json = timed(() => exportBacklog(score.value, 'json', 'http://localhost:3000'))
    firstMs ??= cluster.ms + score.ms + md.ms + csv.ms + json.ms
    if (rep < 0) continue
    samples.cluster.push(cluster.ms)
    samples.score.push(score.ms)
    samples.md.push(md.ms)
    samples.csv.push(csv.ms)
    samples.json.push(json.ms)
    result = {
      painPoints,
      suggestions: cluster.value.suggestions.length,
      backlogItems: score.value.items.length,
      exportBytes: { md: md.value.length, csv: csv.value.length, json: json.value.length },
    }
  }
  if (!result) throw new Error('no repetitions')
  const clusterMs = median(samples.cluster)
  const scoreMs = median(samples.score)
  const exportMarkdownMs = median(samples.md)
  const exportCsvMs = median(samples.csv)
  const exportJsonMs = median(samples.json)
  return {
    ...result,
    warmups,
    firstMs,
    clusterMs,
    scoreMs,
    exportMarkdownMs,
    exportCsvMs,
    exportJsonMs,
    totalMs: clusterMs + scoreMs + exportMarkdownMs + exportCsvMs + exportJsonMs,
  }
}
