import type { Backlog, Evidence } from './backlog-types.ts'
import { csvCell } from './export-csv.ts'
import {
  fitDescription,
  fivePriorityOf,
  type TrackerIssue,
  trackerIssues,
} from './tracker-issues.ts'

/**
 * A CSV that Jira's CSV importer (bulk create, and the admin's External System Import) maps
 * without manual work: its headers are Jira's own field names, which the importer matches to
 * fields by itself, and its values exist in every Jira project.
 * - `Summary`: the item title, one line, at most 255 characters (Jira refuses longer).
 * - `Issue Type`: `Task`, the one type every Jira project template has.
 * - `Priority`: from the rank, in fifths of the ranked items: the top fifth `Highest`, then
 *   `High`, `Medium`, `Low`, the bottom fifth `Lowest` (the names of Jira's default priority
 *   scheme); a pain point not voted yet is `Lowest`.
 * - `Description`: Jira wiki markup (which Jira renders, and converts in Jira Cloud): the rank
 *   and why, a link back to the board, phases, steps, systems, teams, and the evidence (each
 *   pain point with its author, phase and deep-dive note).
 * - `Labels`, repeated: Jira reads one label per column under the same header, and a label has
 *   no spaces: `stormline`, `phase-…`, `system-…`, and `not-voted-yet` when not ranked.
 * No byte-order mark: Jira would read it as part of the first header, `Summary`, which the
 * import needs. Every cell goes through csvCell, so text that a spreadsheet would run as a
 * formula gets a leading apostrophe, as in the CSV export.
 */

/** Jira keeps at most 32,767 characters in a text field; some room is kept for the import. */
const descriptionMax = 32_000

export const jiraIssueType = 'Task'

const lineBreaks = /\r\n?|[\n\v\f\u0085\u2028\u2029]/g

/**
 * Sticky text as inert Jira wiki text: line breaks become spaces (no text starts a line, so
 * none becomes a heading, quote, list item or table row), and every character that starts
 * markup — emphasis, links and mentions (`[~user]`), images (`!…!`), macros (`{html}`,
 * `{code}`), tables, lists — is backslash-escaped, which renders it as typed. A backslash
 * cannot be escaped (two are a line break in Jira), so it is written as the full-width `＼`.
 */
export function escapeJiraWiki(text: string): string {
  return text
    .replace(lineBreaks, ' ')
    .trim()
    .replace(/\\/g, '\uFF3C')
    .replace(/[*_?\-+^~{}[\]!|#]/g, '\\$&')
}

/**
 * A URL as the target of a Jira link `[text|url]`: what could end the link, start an image or
 * a macro, or split it is percent-encoded; the URL addresses the same page.
 */
export function jiraUrl(url: string): string {
  return url.replace(/[[\]|{}!*^~\\\s]/gu, (char) => {
    const code = char.charCodeAt(0)
    return code < 0x80
      ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(char)
  })
}

function evidenceEntry(e: Evidence): string {
  const who = `${escapeJiraWiki(e.authorName ?? 'unknown')}, ${escapeJiraWiki(e.phaseName ?? 'off the timeline')}`
  const text = escapeJiraWiki(e.text) || '(empty sticky)'
  const line = `* ${text} — ${who}${e.needsDeepDive ? ' (needs deep-dive)' : ''}`
  const note = escapeJiraWiki(e.context)
  return note === '' ? line : `${line}\n** Deep-dive note: ${note}`
}

function listLine(label: string, values: string[]): string[] {
  return values.length === 0 ? [] : [`*${label}:* ${values.map(escapeJiraWiki).join(', ')}`]
}

function description(issue: TrackerIssue, boardName: string, ranked: number): string {
  const board = escapeJiraWiki(boardName)
  const head = [
    issue.rank === null
      ? `*Not voted yet:* a pain point in the discovery backlog of ${board} that is in no cluster and has no votes or assessment yet.`
      : `*Rank ${issue.rank} of ${ranked}* in the discovery backlog of ${board}.`,
    ...(issue.reason === null ? [] : [escapeJiraWiki(issue.reason)]),
    `[Open on the Stormline board|${jiraUrl(issue.link)}]`,
    '',
    ...listLine('Phases', issue.phases),
    ...listLine('Steps', issue.steps),
    ...listLine('Systems', issue.systems),
    ...listLine('Teams', issue.teams),
    '',
    'h3. Evidence',
  ]
  return fitDescription(
    head,
    issue.evidence.map(evidenceEntry),
    ['', `Stormline item ${issue.itemId}`],
    descriptionMax,
    (count) => `* … and ${count} more pain point${count === 1 ? '' : 's'} on the board`,
  )
}

export function backlogToJira(backlog: Backlog, baseUrl: string): string {
  const issues = trackerIssues(backlog, baseUrl)
  const ranked = backlog.items.length
  const labelColumns = Math.max(1, ...issues.map((issue) => issue.labels.length))
  const header = ['Summary', 'Issue Type', 'Priority', 'Description']
  const rows = issues.map((issue) => [
    issue.title,
    jiraIssueType,
    fivePriorityOf(issue.rank, ranked),
    description(issue, backlog.board.name, ranked),
    ...Array.from({ length: labelColumns }, (_, i) => issue.labels[i] ?? ''),
  ])
  const lines = [
    [...header, ...Array.from({ length: labelColumns }, () => 'Labels')].join(','),
    ...rows.map((row) => row.map(csvCell).join(',')),
  ]
  return `${lines.join('\r\n')}\r\n`
}
