/**
 * A strict RFC 4180 CSV reader for files people upload: quoted cells may hold commas, doubled
 * quotes and line breaks; rows end with CRLF, LF or a lone CR; a leading byte-order mark (Excel
 * writes one) is dropped. It is bounded — rows, cells per row and characters per cell — so a
 * hostile file costs at most its own size to read and is refused with a reason and a line
 * instead of being half read. Strict about quotes: a quote that neither opens nor closes a cell
 * is an error, because guessing what a broken file meant would import something else than the
 * author wrote.
 */

export interface CsvLimits {
  /** Records (the header included). */
  maxRows: number
  maxCellsPerRow: number
  maxCellLength: number
}

export const defaultCsvLimits: Readonly<CsvLimits> = {
  maxRows: 1001,
  maxCellsPerRow: 50,
  maxCellLength: 10_000,
}

/** One record of the file, with the physical line it starts on (1-based). */
export interface CsvRecord {
  line: number
  cells: string[]
}

export type CsvErrorCode = 'invalid_csv' | 'too_many_rows' | 'too_many_cells' | 'cell_too_long'

export interface CsvError {
  code: CsvErrorCode
  message: string
  line: number
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; error: CsvError }

const byteOrderMark = '\uFEFF'

export function parseCsv(input: string, limits: CsvLimits = defaultCsvLimits): CsvParse {
  const text = input.startsWith(byteOrderMark) ? input.slice(1) : input
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let recordLine = 1
  // 'start': nothing read of the cell yet; 'plain'/'quoted': inside one; 'closed': after its
  // closing quote, where only a comma or a line break may follow.
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start'
  const fail = (code: CsvErrorCode, message: string, at = line): CsvParse => ({
    ok: false,
    error: { code, message, line: at },
  })

  const endCell = (): CsvParse | null => {
    if (cells.length >= limits.maxCellsPerRow) {
      return fail(
        'too_many_cells',
        `Line ${recordLine} has more than ${limits.maxCellsPerRow} cells.`,
        recordLine,
      )
    }
    cells.push(cell)
    cell = ''
    state = 'start'
    return null
  }
  const endRecord = (): CsvParse | null => {
    const failed = endCell()
    if (failed) return failed
    // A blank line (one empty cell) is not a record: spreadsheets leave them at the end.
    if (!(cells.length === 1 && cells[0] === '')) {
      if (records.length >= limits.maxRows) {
        return fail(
          'too_many_rows',
          `The file has more than ${limits.maxRows - 1} rows; import at most ${limits.maxRows - 1} at once.`,
          recordLine,
        )
      }
      records.push({ line: recordLine, cells })
    }
    cells = []
    return null
  }

  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    const lineBreak = char === '\n' || char === '\r'
    if (state === 'quoted') {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else state = 'closed'
      } else {
        if (lineBreak) {
          line++
          if (char === '\r' && text[i + 1] === '\n') {
            i++
          }
          // A line break inside a cell is one newline, whatever the file's line ends are.
          cell += '\n'
        } else cell += char
      }
    } else if (char === ',') {
      const failed = endCell()
      if (failed) return failed
    } else if (lineBreak) {
      if (char === '\r' && text[i + 1] === '\n') i++
      const failed = endRecord()
      if (failed) return failed
      line++
      recordLine = line
    } else if (state === 'closed') {
      return fail('invalid_csv', `Line ${line}: text after a quoted cell's closing quote.`)
    } else if (char === '"') {
      if (state === 'plain') {
        return fail(
          'invalid_csv',
          `Line ${line}: a quote inside an unquoted cell (quote the whole cell and double the quote).`,
        )
      }
      state = 'quoted'
    } else {
      cell += char
      state = 'plain'
    }
    if (cell.length > limits.maxCellLength) {
      return fail(
        'cell_too_long',
        `Line ${line}: a cell is longer than ${limits.maxCellLength} characters.`,
      )
    }
  }
  if (state === 'quoted') {
    return fail(
      'invalid_csv',
      `The quoted cell starting on line ${recordLine} is never closed.`,
      recordLine,
    )
  }
  if (state !== 'start' || cells.length > 0) {
    const failed = endRecord()
    if (failed) return failed
  }
  return { ok: true, records }
}
