import type { Evidence } from './backlog-types.ts'
import { markdownUrl } from './export-markdown.ts'
import { fitDescription, type TrackerIssue } from './tracker-issues.ts'

/**
 * The Markdown description of a tracker issue (GitHub's issue body, Linear's description): the
 * rank and why, a link back to the board, phases, steps, systems, teams, and the evidence. User
 * text goes through `inline`, which escapes it as the Markdown export does (no HTML, no links,
 * no headings or list items of its own); GitHub's adds what GitHub alone would act on.
 */

export interface MarkdownBodyOptions {
  boardName: string
  /** How many items are ranked. */
  ranked: number
  /** Escapes one piece of user text for this tracker. */
  inline: (text: string) => string
  /** The tracker's length limit for the description. */
  max: number
}

function evidenceEntry(e: Evidence, inline: (text: string) => string): string {
  const who = `${inline(e.authorName ?? 'unknown')}, ${inline(e.phaseName ?? 'off the timeline')}`
  const text = inline(e.text) || '_(empty sticky)_'
  const line = `- ${text} — ${who}${e.needsDeepDive ? ' · needs deep-dive' : ''}`
  const note = inline(e.context)
  return note === '' ? line : `${line}\n  - **Deep-dive note:** ${note}`
}

export function markdownIssueBody(issue: TrackerIssue, options: MarkdownBodyOptions): string {
  const { inline } = options
  const board = inline(options.boardName)
  const list = (label: string, values: string[]): string[] =>
    values.length === 0 ? [] : [`- **${label}:** ${values.map(inline).join(', ')}`]
  const details = [
    ...list('Phases', issue.phases),
    ...list('Steps', issue.steps),
    ...list('Systems', issue.systems),
    ...list('Teams', issue.teams),
  ]
  const head = [
    issue.rank === null
      ? `**Not voted yet:** a pain point in the discovery backlog of ${board} that is in no cluster and has no votes or assessment yet.`
      : `**Rank ${issue.rank} of ${options.ranked}** in the discovery backlog of ${board}.`,
    '',
    ...(issue.reason === null ? [] : [inline(issue.reason), '']),
    `[Open on the Stormline board](${markdownUrl(issue.link)})`,
    '',
    ...(details.length === 0 ? [] : [...details, '']),
    '### Evidence',
    '',
  ]
  return fitDescription(
    head,
    issue.evidence.map((e) => evidenceEntry(e, inline)),
    ['', `Stormline item \`${issue.itemId}\``],
    options.max,
    (count) => `- … and ${count} more pain point${count === 1 ? '' : 's'} on the board`,
  )
}
