/**
 * Reads RFC 4180 CSV (quoted cells may hold commas, quotes doubled, and line breaks; rows end
 * with CRLF or LF) into rows of cells, as an importer would, so tests check exported files by
 * their cells rather than by string matching. A leading byte-order mark is kept in the first
 * cell, as a naive importer would keep it.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char !== '"') cell += char
      else if (text[i + 1] === '"') {
        cell += '"'
        i++
      } else quoted = false
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += char
  }
  if (quoted) throw new Error('CSV ends inside a quoted cell')
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}
