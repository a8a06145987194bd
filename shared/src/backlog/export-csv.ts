import type { Backlog, BacklogItem, Evidence, UnrankedPainPoint } from './backlog-types.ts'

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
  // Last, so a sheet that reads columns by position keeps working: `ranked`, or `unranked` for
  // a pain point in no cluster without votes ("Not voted yet"), whose rank and score are empty.
  'status',
] as const

export type CsvStatus = 'ranked' | 'unranked'

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
    item.evidence.map(evidenceText).join(' | '),
    `${baseUrl}${item.link}`,
    'ranked' satisfies CsvStatus,
  ]
}

/** An unranked pain point: no rank, score, value, effort, classification or estimate yet. */
function unrankedRow(point: UnrankedPainPoint, baseUrl: string): (string | number)[] {
  return [
    '',
    point.itemId,
    point.title,
    '',
    '',
    '',
    0,
    1,
    1,
    point.phases.join('; '),
    point.steps.join('; '),
    point.systems.join('; '),
    point.teams.join('; '),
    '',
    '',
    '',
    evidenceText(point.evidence),
    `${baseUrl}${point.link}`,
    'unranked' satisfies CsvStatus,
  ]
}

function evidenceText(e: Evidence): string {
  return `${e.text} (${e.authorName ?? 'unknown'}, ${e.phaseName ?? 'off the timeline'})`
}

function estimateText(ballots: number, revealed: boolean, disagreement: boolean): string {
  if (!revealed) return `${ballots} hidden estimates`
  return `${ballots} estimates${disagreement ? ', wide disagreement' : ''}`
}

export function backlogToCsv(backlog: Backlog, baseUrl: string): string {
  const lines = [
    csvColumns.join(','),
    ...backlog.items.map((item) => row(item, baseUrl).map(csvCell).join(',')),
    ...backlog.unranked.map((point) => unrankedRow(point, baseUrl).map(csvCell).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
