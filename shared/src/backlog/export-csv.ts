import type { Backlog, BacklogItem } from './backlog-types.ts'

/**
 * CSV for Excel and Google Sheets: UTF-8 with a byte-order mark (Excel needs
 * it to read UTF-8), CRLF rows and RFC 4180 quoting. Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
 * apostrophe: sticky text is written by anyone on the board. Leading
 * whitespace does not protect a formula (several importers trim cells), nor do
 * the full-width forms of those signs (some locales convert them), so both are
 * caught too.
 */

const formulaStart = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/

export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvColumns = [
  'rank',
  'item_id',
  'title',
  'score',
  'value',
  'effort',
  'votes',
  'pain_points',
  'authors',
  'phases',
  'steps',
  'systems',
  'teams',
  'urgency',
  'horizon',
  'estimate',
  'evidence',
  'link',
] as const

function row(item: BacklogItem, baseUrl: string): (string | number)[] {
  const s = item.score
  const estimate = item.estimate
    ? estimateText(item.estimate.ballots, item.estimate.revealed, item.estimate.disagreement)
    : ''
  return [
    item.rank,
    item.itemId,
    item.title,
    s.score,
    s.value,
    s.effort,
    s.votes,
    s.evidence,
    s.authors,
    item.phases.join('; '),
    item.steps.join('; '),
    item.systems.join('; '),
    item.teams.join('; '),
    item.classification.urgency ?? '',
    item.classification.horizon ?? '',
    estimate,
    item.evidence
      .map((e) => `${e.text} (${e.authorName ?? 'unknown'}, ${e.phaseName ?? 'off the timeline'})`)
      .join(' | '),
    `${baseUrl}${item.link}`,
  ]
}

function estimateText(ballots: number, revealed: boolean, disagreement: boolean): string {
  if (!revealed) return `${ballots} hidden estimates`
  return `${ballots} estimates${disagreement ? ', wide disagreement' : ''}`
}

export function backlogToCsv(backlog: Backlog, baseUrl: string): string {
  const lines = [
    csvColumns.join(','),
    ...backlog.items.map((item) => row(item, baseUrl).map(csvCell).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
