import type { BoardModel } from '../board/read-board.ts'
import type { StickyKind } from '../board/sticky-kinds.ts'
import { type CsvErrorCode, type CsvLimits, defaultCsvLimits, parseCsv } from './csv-parse.ts'
import { layoutImported } from './import-layout.ts'
import { type ColumnMap, kindFromColorName, kindFromName, mapHeader } from './sticky-columns.ts'

/**
 * Reads an uploaded CSV of stickies against a board: every data row becomes either a sticky to
 * create (kind, text, phase, and where it goes) or an error saying what is wrong with it. The
 * plan is `ok` only when every row is; the server writes nothing otherwise, and the preview shows
 * the same rows. Pure: the server plans the real write with the very board it writes into.
 *
 * Text is kept as the plain text it is — a cell starting with `=` is shown on a sticky, never
 * run (our own CSV exports neutralise formulas again on the way out) — minus control characters,
 * which no one types on a sticky and which confuse terminals and parsers downstream.
 */

export const maxStickyTextLength = 1000
export const maxContextLength = 5000
export const maxAuthorLength = 100
/** Data rows in one import (the header is not counted). */
export const maxImportRows = 1000

export interface ImportedSticky {
  kind: StickyKind
  text: string
  phaseId: string | null
  phaseName: string | null
  context: string
  /** Display name only (never a member id); null when none, or on an anonymous board. */
  authorName: string | null
  x: number
  y: number
}

export type ImportRow = { line: number; sticky: ImportedSticky } | { line: number; error: string }

export interface StickyImportPlan {
  rows: ImportRow[]
  ok: boolean
}

export type ImportFileErrorCode = CsvErrorCode | 'missing_columns' | 'no_rows'

export interface ImportFileError {
  code: ImportFileErrorCode
  message: string
  line: number
}

export type StickyImportParse =
  | { ok: true; plan: StickyImportPlan }
  | { ok: false; error: ImportFileError }

/** The board as the import needs it: its timeline, its stickies' boxes, and whether it is anonymous. */
export type ImportTarget = Pick<BoardModel, 'timeline' | 'stickies'> & {
  session: Pick<BoardModel['session'], 'anonymous'>
}

// C0 and C1 controls, except tab and line feed (a cell's line breaks were made LF by the parser).
const controlChars = /[^\P{Cc}\t\n]/gu

function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(controlChars, '').trim()
}

const normalizeName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase()

/** A user's value quoted in an error message, shortened: messages are read, not scrolled. */
function quoted(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value
  return JSON.stringify(short)
}

interface RowDraft {
  kind: StickyKind
  text: string
  phaseId: string | null
  phaseName: string | null
  context: string
  authorName: string | null
}

function readRow(
  cells: readonly string[],
  columns: ColumnMap,
  board: ImportTarget,
): RowDraft | string {
  const cell = (index: number | undefined): string =>
    index === undefined ? '' : cleanText(cells[index] ?? '')
  const errors: string[] = []

  const text = cell(columns.text)
  if (text === '') errors.push('text is empty')
  else if (text.length > maxStickyTextLength)
    errors.push(`text is ${text.length} characters long; at most ${maxStickyTextLength}`)

  const kindCell = cell(columns.kind)
  const colorCell = cell(columns.color)
  const kind = kindFromName(kindCell) ?? kindFromColorName(colorCell)
  if (kind === null) {
    if (kindCell === '' && colorCell === '') errors.push('kind is empty')
    else
      errors.push(
        `unknown kind ${quoted(kindCell || colorCell)}; use step, pain, tech, time, team or question`,
      )
  }

  const phaseCell = cell(columns.phase)
  let phaseId: string | null = null
  let phaseName: string | null = null
  const phases = board.timeline?.phases ?? []
  if (phaseCell === '') {
    if (phases.length > 0)
      errors.push(`phase is empty; use one of: ${phases.map((p) => p.name).join(', ')}`)
  } else if (board.timeline === null) {
    errors.push(`this board has no timeline, so phase must be empty (not ${quoted(phaseCell)})`)
  } else {
    const wanted = normalizeName(phaseCell)
    const phase =
      phases.find((p) => normalizeName(p.name) === wanted) ?? phases.find((p) => p.id === phaseCell)
    if (phase) {
      phaseId = phase.id
      phaseName = phase.name
    } else {
      errors.push(
        `unknown phase ${quoted(phaseCell)}; use one of: ${phases.map((p) => p.name).join(', ')}`,
      )
    }
  }

  const context = cell(columns.context)
  if (context.length > maxContextLength)
    errors.push(`context is ${context.length} characters long; at most ${maxContextLength}`)

  // A name on one line: it is shown under the sticky.
  const author = cell(columns.author).replace(/\s+/g, ' ')
  if (author.length > maxAuthorLength)
    errors.push(`author is ${author.length} characters long; at most ${maxAuthorLength}`)

  if (errors.length > 0 || kind === null) return errors.join('; ')
  return {
    kind,
    text,
    phaseId,
    phaseName,
    context,
    authorName: board.session.anonymous || author === '' ? null : author,
  }
}

export function planStickyImport(
  csv: string,
  board: ImportTarget,
  limits: CsvLimits = { ...defaultCsvLimits, maxRows: maxImportRows + 1 },
): StickyImportParse {
  const parsed = parseCsv(csv, limits)
  if (!parsed.ok) return parsed
  const [header, ...records] = parsed.records
  if (header === undefined) {
    return {
      ok: false,
      error: { code: 'no_rows', message: 'The file is empty.', line: 1 },
    }
  }
  const mapping = mapHeader(header.cells)
  if (!mapping.ok) {
    return {
      ok: false,
      error: { code: 'missing_columns', message: mapping.message, line: header.line },
    }
  }
  if (records.length === 0) {
    return {
      ok: false,
      error: {
        code: 'no_rows',
        message: 'The file has a header row but no stickies.',
        line: header.line,
      },
    }
  }
  const drafts = records.map((record) => ({
    line: record.line,
    draft: readRow(record.cells, mapping.columns, board),
  }))
  const placed = drafts.filter(
    (d): d is { line: number; draft: RowDraft } => typeof d.draft !== 'string',
  )
  const positions = layoutImported(
    { timeline: board.timeline, occupied: board.stickies.map((s) => s.bounds) },
    placed.map((d) => d.draft.phaseId),
  )
  let next = 0
  const rows: ImportRow[] = drafts.map(({ line, draft }) =>
    typeof draft === 'string'
      ? { line, error: draft }
      : { line, sticky: { ...draft, ...(positions[next++] ?? { x: 0, y: 0 }) } },
  )
  return { ok: true, plan: { rows, ok: rows.every((row) => 'sticky' in row) } }
}
