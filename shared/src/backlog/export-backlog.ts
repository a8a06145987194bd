import { boardPagePath, withViewerLinks } from './backlog-links.ts'
import type { Backlog } from './backlog-types.ts'
import { backlogToCsv } from './export-csv.ts'
import { backlogToGithub } from './export-github.ts'
import { backlogToJira } from './export-jira.ts'
import { backlogToJson } from './export-json.ts'
import { backlogToLinear } from './export-linear.ts'
import { backlogToMarkdown } from './export-markdown.ts'

/** The backlog's own formats, then the tracker-shaped ones (one issue per item). */
export const backlogFormats = ['md', 'csv', 'json', 'jira', 'github', 'linear'] as const
export type BacklogFormat = (typeof backlogFormats)[number]

export const trackerFormats = ['jira', 'github', 'linear'] as const satisfies BacklogFormat[]
export type TrackerFormat = (typeof trackerFormats)[number]

export const backlogMediaTypes: Readonly<Record<BacklogFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jira: 'text/csv; charset=utf-8',
  github: 'application/json; charset=utf-8',
  linear: 'text/csv; charset=utf-8',
}

/** What a downloaded file ends with: a tracker file says which tracker it is for. */
const fileEndings: Readonly<Record<BacklogFormat, string>> = {
  md: '.md',
  csv: '.csv',
  json: '.json',
  jira: '-jira.csv',
  github: '-github.json',
  linear: '-linear.csv',
}

export function isBacklogFormat(value: unknown): value is BacklogFormat {
  return typeof value === 'string' && (backlogFormats as readonly string[]).includes(value)
}

export interface BacklogExportOptions {
  /**
   * The board's current viewer token, to put in every link so that anyone who has the file can
   * open the board read-only (backlog-links.ts). The caller must have checked that it is this
   * board's viewer token; without one, links are plain.
   */
  viewerToken?: string | null
}

/** The one entry point the API, the CLI and the UI's downloads share. */
export function exportBacklog(
  backlog: Backlog,
  format: BacklogFormat,
  baseUrl: string,
  options: BacklogExportOptions = {},
): string {
  const base = baseUrl.replace(/\/+$/, '')
  const token = options.viewerToken ?? null
  const linked = withViewerLinks(backlog, token)
  const boardPath = boardPagePath(backlog.board.id, token)
  switch (format) {
    case 'md':
      return backlogToMarkdown(linked, base, boardPath)
    case 'csv':
      return backlogToCsv(linked, base)
    case 'json':
      return backlogToJson(linked, base)
    case 'jira':
      return backlogToJira(linked, base)
    case 'github':
      return backlogToGithub(linked, base, boardPath)
    case 'linear':
      return backlogToLinear(linked, base)
  }
}

/**
 * The board name as a file-name stem safe on every OS and in a
 * Content-Disposition header: lower-case ASCII letters, digits and dashes.
 */
export function fileNameSlug(boardName: string): string {
  const slug = boardName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '')
  return slug || 'board'
}

/** A file name safe on every OS, from the board name. */
export function backlogFileName(boardName: string, format: BacklogFormat): string {
  return `${fileNameSlug(boardName)}-backlog${fileEndings[format]}`
}
