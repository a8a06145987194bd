import type { Backlog, Evidence } from './backlog-types.ts'

/**
 * What the tracker exports (Jira, GitHub, Linear) share: one issue per ranked item, then one per
 * pain point not voted yet, each with a one-line title, labels a tracker accepts, and a priority
 * tier from the rank. Sticky text stays data here; each format neutralises it for its own markup.
 */

export interface TrackerIssue {
  itemId: string
  /** 1 = best; null for a pain point not voted yet. */
  rank: number | null
  kind: 'cluster' | 'pain-point'
  /** One line, at most `trackerTitleMax` characters, never empty. */
  title: string
  /** Why it ranks where it does; null when not ranked. */
  reason: string | null
  evidence: Evidence[]
  phases: string[]
  steps: string[]
  systems: string[]
  teams: string[]
  /** Absolute (with the viewer token when the export shares read-only access). */
  link: string
  labels: string[]
}

/**
 * Jira's summary holds 255 characters, GitHub's title 256; a longer one fails that issue's
 * import, so titles are cut here rather than in the tracker.
 */
export const trackerTitleMax = 255

/** GitHub refuses a label name longer than 50 characters; Jira and Linear take it. */
const labelMax = 50

/** Every exported issue carries it, so the imported set can be found (and undone) at once. */
export const sourceLabel = 'stormline'
/** Replaces the priority label of a pain point nobody ranked yet. */
export const notVotedLabel = 'not-voted-yet'

/** A one-line title: trackers keep no line breaks in titles and refuse an empty one. */
export function trackerTitle(title: string, itemId: string): string {
  const line = title.replace(/\s+/g, ' ').trim()
  if (line === '') return `Untitled item ${itemId}`
  return line.length > trackerTitleMax ? `${line.slice(0, trackerTitleMax - 1)}…` : line
}

/**
 * A phase or system name as a label: lower-case letters and digits (any script) joined by
 * dashes, behind a prefix that says what it is. No spaces (Jira splits labels on them), no
 * commas (Linear's CSV and `gh --label` separate labels with them), and since it starts with
 * the prefix it can never start a spreadsheet formula. Null when nothing of the name is left.
 */
export function labelOf(prefix: string, name: string): string | null {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  if (slug === '') return null
  return `${prefix}-${slug}`.slice(0, labelMax).replace(/-+$/, '')
}

function labelsOf(phases: string[], systems: string[], extra: string[]): string[] {
  const named = [
    ...phases.map((p) => labelOf('phase', p)),
    ...systems.map((s) => labelOf('system', s)),
  ].filter((label): label is string => label !== null)
  return [...new Set([sourceLabel, ...extra, ...named])]
}

/**
 * The priority tier (0 = best) of a rank among `ranked` items cut into `tiers` equal bands:
 * with 5 tiers, the top fifth is tier 0 and the bottom fifth tier 4. With fewer items than
 * tiers, the bands below the last item stay empty (four items are tiers 0, 1, 2, 3).
 */
export function priorityTier(rank: number, ranked: number, tiers: number): number {
  if (ranked <= 0) return 0
  const clamped = Math.min(Math.max(rank, 1), ranked)
  return Math.min(tiers - 1, Math.floor(((clamped - 1) * tiers) / ranked))
}

/**
 * The five priorities of Jira's default scheme, best first; GitHub gets them as labels. A pain
 * point not voted yet is Lowest in Jira and labelled `not-voted-yet` on GitHub.
 */
export const fivePriorities = ['Highest', 'High', 'Medium', 'Low', 'Lowest'] as const
export type FivePriority = (typeof fivePriorities)[number]

export function fivePriorityOf(rank: number | null, ranked: number): FivePriority {
  return rank === null ? 'Lowest' : (fivePriorities[priorityTier(rank, ranked, 5)] ?? 'Lowest')
}

/**
 * The backlog as tracker issues, best first, then the pain points not voted yet in timeline
 * order. `extraLabels` adds a format's own labels (GitHub's priority label) to each issue.
 */
export function trackerIssues(
  backlog: Backlog,
  baseUrl: string,
  extraLabels: (rank: number | null) => string[] = () => [],
): TrackerIssue[] {
  return [
    ...backlog.items.map(
      (item): TrackerIssue => ({
        itemId: item.itemId,
        rank: item.rank,
        kind: item.kind,
        title: trackerTitle(item.title, item.itemId),
        reason: item.reason,
        evidence: item.evidence,
        phases: item.phases,
        steps: item.steps,
        systems: item.systems,
        teams: item.teams,
        link: `${baseUrl}${item.link}`,
        labels: labelsOf(item.phases, item.systems, extraLabels(item.rank)),
      }),
    ),
    ...backlog.unranked.map(
      (point): TrackerIssue => ({
        itemId: point.itemId,
        rank: null,
        kind: point.kind,
        title: trackerTitle(point.title, point.itemId),
        reason: null,
        evidence: [point.evidence],
        phases: point.phases,
        steps: point.steps,
        systems: point.systems,
        teams: point.teams,
        link: `${baseUrl}${point.link}`,
        labels: labelsOf(point.phases, point.systems, [notVotedLabel, ...extraLabels(null)]),
      }),
    ),
  ]
}

/**
 * Joins a description's parts. When the text would pass `max` characters, whole evidence
 * entries are left out from the end and a line says how many: a description over the tracker's
 * limit fails that issue's import, and the board keeps every pain point anyway. Head and tail
 * are short (our own words and the item's names); the final cut only guards the limit.
 */
export function fitDescription(
  head: string[],
  evidence: string[],
  tail: string[],
  max: number,
  leftOut: (count: number) => string,
): string {
  const all = [...head, ...evidence, ...tail].join('\n')
  if (all.length <= max) return all
  const fixed = [...head, ...tail].join('\n').length + leftOut(evidence.length).length + 2
  const kept: string[] = []
  let used = fixed
  for (const entry of evidence) {
    if (used + entry.length + 1 > max) break
    kept.push(entry)
    used += entry.length + 1
  }
  return [...head, ...kept, leftOut(evidence.length - kept.length), ...tail]
    .join('\n')
    .slice(0, max)
}
