import type { Backlog } from './backlog-types.ts'
import { escapeMarkdown } from './export-markdown.ts'
import { stringifyHtmlSafe } from './html-safe-json.ts'
import { fivePriorityOf, trackerIssues } from './tracker-issues.ts'
import { markdownIssueBody } from './tracker-markdown.ts'

/**
 * GitHub issues as JSON (`schemaVersion: 1`), for `gh issue create`: each issue's `title`,
 * `body` and `labels` are the values of its --title, --body-file and --label flags, and the
 * top-level `labels` lists every label the issues use, so they can be created first (`gh`
 * refuses a label the repository lacks). `githubImportLoop` is the documented loop.
 *
 * JSON rather than a shell script of `gh issue create` lines: a script mixes data (sticky text,
 * written by anyone on the board) with code, so a single quoting mistake runs a stranger's
 * command on the importer's machine, and whoever receives the file must read a script before
 * running it. JSON is only data: `jq` decodes each value and the loop passes it to `gh` as one
 * argument (or on standard input), which no shell ever parses again.
 *
 * Bodies are GitHub Markdown, escaped as the Markdown export is, and an `@` or `#` before a
 * letter or digit gets a zero-width space after it: GitHub would otherwise notify a user or
 * team (`@someone`) or cross-reference an issue (`#12`) named in a sticky. GitHub has no
 * priority field: the rank gives a `priority-…` label (the five Jira priorities: top fifth
 * `priority-highest` … bottom fifth `priority-lowest`); not voted yet gives `not-voted-yet`.
 */

/** GitHub refuses an issue body over 65,536 characters. */
const bodyMax = 65_000

/** Breaks GitHub's @mentions and #references in (already escaped) user text. */
export function breakGithubReferences(text: string): string {
  return text.replace(/([@#])(?=[\p{L}\p{N}_])/gu, '$1\u200B')
}

const githubInline = (text: string): string => breakGithubReferences(escapeMarkdown(text))

export interface GithubIssue {
  itemId: string
  /** null: not voted yet. */
  rank: number | null
  title: string
  body: string
  labels: string[]
}

export interface GithubIssuesFile {
  schemaVersion: 1
  board: { id: string; name: string; link: string }
  /** Every label the issues use, sorted: create them before the issues. */
  labels: string[]
  /** Best first, then the pain points not voted yet: created in this order. */
  issues: GithubIssue[]
}

/**
 * Creates the labels, then one issue per entry, in order, in the current repository (or the
 * one `GH_REPO` names), from the file named by `$file`. POSIX sh; needs `jq` and `gh`. Every
 * value reaches `gh` as a single argument or on its standard input, never as shell code.
 */
export const githubImportLoop = `jq -r '.labels[]' "$file" | while IFS= read -r label; do
  gh label create "$label" --force </dev/null
done
jq -c '.issues[]' "$file" | while IFS= read -r issue; do
  printf '%s\\n' "$issue" | jq -r '.body' | gh issue create \\
    --title="$(printf '%s\\n' "$issue" | jq -r '.title')" \\
    --label="$(printf '%s\\n' "$issue" | jq -r '.labels | join(",")')" \\
    --body-file=-
done
`

export function backlogToGithub(backlog: Backlog, baseUrl: string, boardPath: string): string {
  const ranked = backlog.items.length
  const issues = trackerIssues(backlog, baseUrl, (rank) =>
    rank === null ? [] : [`priority-${fivePriorityOf(rank, ranked).toLowerCase()}`],
  ).map(
    (issue): GithubIssue => ({
      itemId: issue.itemId,
      rank: issue.rank,
      title: issue.title,
      body: markdownIssueBody(issue, {
        boardName: backlog.board.name,
        ranked,
        inline: githubInline,
        max: bodyMax,
      }),
      labels: issue.labels,
    }),
  )
  const file: GithubIssuesFile = {
    schemaVersion: 1,
    board: { id: backlog.board.id, name: backlog.board.name, link: `${baseUrl}${boardPath}` },
    labels: [...new Set(issues.flatMap((issue) => issue.labels))].sort(),
    issues,
  }
  return `${stringifyHtmlSafe(file, 2)}\n`
}
