import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv-parse.ts'

const cells = (text: string): string[][] => {
  const parsed = parseCsv(text)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.records.map((r) => r.cells)
}

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(cells('a,b\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ])
  })

  it('drops a byte-order mark and reads CRLF, LF and CR row ends alike', () => {
    expect(cells('\uFEFFtext,kind\r\none,step\rtwo,pain\nthree,tech')).toEqual([
      ['text', 'kind'],
      ['one', 'step'],
      ['two', 'pain'],
      ['three', 'tech'],
    ])
  })

  it('gives each record the line it starts on, counting line breaks inside cells', () => {
    const parsed = parseCsv('h\n"a\r\nb"\n\nc\n')
    expect(parsed.ok && parsed.records.map((r) => [r.line, r.cells])).toEqual([
      [1, ['h']],
      [2, ['a\nb']],
      [5, ['c']],
    ])
  })

  it('keeps empty cells and skips blank lines', () => {
    expect(cells('a,,c\n\n,\n')).toEqual([
      ['a', '', 'c'],
      ['', ''],
    ])
  })

  it.each([
    ['an unclosed quote', 'a\n"never closed\n', 'invalid_csv', 2],
    ['text after a closing quote', 'a\n"x"y\n', 'invalid_csv', 2],
    ['a bare quote inside a cell', 'a\nx"y\n', 'invalid_csv', 2],
  ])('refuses %s with the line', (_name, text, code, line) => {
    const parsed = parseCsv(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatchObject({ code, line })
  })

  it('stops at its bounds instead of reading a hostile file whole', () => {
    const limits = { maxRows: 3, maxCellsPerRow: 4, maxCellLength: 10 }
    const rows = parseCsv('a\nb\nc\nd\n', limits)
    expect(!rows.ok && rows.error).toMatchObject({ code: 'too_many_rows', line: 4 })
    const wide = parseCsv('a,b,c,d,e\n', limits)
    expect(!wide.ok && wide.error.code).toBe('too_many_cells')
    const long = parseCsv(`a\n"${'x'.repeat(11)}"\n`, limits)
    expect(!long.ok && long.error).toMatchObject({ code: 'cell_too_long', line: 2 })
    expect(parseCsv('a\nb\nc\n', limits).ok).toBe(true)
  })
})
