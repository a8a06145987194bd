import type { Backlog } from './backlog-types.ts'
import { csvCell } from './export-csv.ts'
import { escapeMarkdown } from './export-markdown.ts'
import { priorityTier, trackerIssues } from './tracker-issues.ts'
import { markdownIssueBody } from './tracker-markdown.ts'

/**
 * A CSV in the columns of Linear's own CSV export, which Linear's CSV importer reads:
 * - `Title`: the item title, one line, at most 255 characters.
 * - `Description`: Markdown (Linear renders it), escaped as the Markdown export is: the rank
 *   and why, a link back to the board, phases, steps, systems, teams and the evidence.
 * - `Priority`: from the rank, in thirds of the ranked items: `High`, `Medium`, `Low`; a pain
 *   point not voted yet has `No priority`. Linear's `Urgent` is left out on purpose: it is
 *   meant for drop-everything work, which a discovery finding is not.
 * - `Status`: `Backlog`, the state Linear gives new work in every team.
 * - `Labels`: comma-and-space separated, as Linear writes and splits them: `stormline`,
 *   `phase-…`, `system-…`, and `not-voted-yet` when not ranked.
 * No byte-order mark: the importer would read it as part of `Title`. Cells that a spreadsheet
 * would run as a formula get a leading apostrophe (csvCell), as Linear's export does itself;
 * its importer removes it again before `=`, `+`, `-` and `@`.
 */

export const linearPriorities = ['High', 'Medium', 'Low'] as const
export const linearStatus = 'Backlog'

/** Linear keeps long descriptions; capped like GitHub's so no file grows without bound. */
const descriptionMax = 65_000

export function backlogToLinear(backlog: Backlog, baseUrl: string): string {
  const ranked = backlog.items.length
  const rows = trackerIssues(backlog, baseUrl).map((issue) => [
    issue.title,
    markdownIssueBody(issue, {
      boardName: backlog.board.name,
      ranked,
      inline: escapeMarkdown,
      max: descriptionMax,
    }),
    issue.rank === null
      ? 'No priority'
      : (linearPriorities[priorityTier(issue.rank, ranked, linearPriorities.length)] ?? 'Low'),
    linearStatus,
    issue.labels.join(', '),
  ])
  const lines = [
    'Title,Description,Priority,Status,Labels',
    ...rows.map((row) => row.map(csvCell).join(',')),
  ]
  return `${lines.join('\r\n')}\r\n`
}
