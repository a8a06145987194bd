import { describe, expect, it } from 'vitest'
import { fileTooLarge, summarizePreview } from './import-summary.ts'

const sticky = {
  kind: 'step' as const,
  text: 'x',
  phaseId: 'p',
  phaseName: 'P',
  context: '',
  authorName: null,
  x: 0,
  y: 0,
}

describe('summarizePreview', () => {
  it('offers to import every row when none has an error', () => {
    const summary = summarizePreview({
      ok: true,
      rows: [
        { line: 2, sticky },
        { line: 3, sticky },
      ],
    })
    expect(summary).toMatchObject({ good: 2, bad: 0, action: 'Import 2 stickies', canImport: true })
    expect(summarizePreview({ ok: true, rows: [{ line: 2, sticky }] }).action).toBe(
      'Import 1 sticky',
    )
  })

  it('refuses to import while any row has an error, and says how many', () => {
    const summary = summarizePreview({
      ok: false,
      rows: [
        { line: 2, sticky },
        { line: 3, error: 'text is empty' },
      ],
    })
    expect(summary.canImport).toBe(false)
    expect(summary.status).toBe(
      '1 of 2 rows have errors: fix them in the file and choose it again.',
    )
  })
})

describe('fileTooLarge', () => {
  it('says so only above the limit', () => {
    expect(fileTooLarge(1024, 1024 * 1024)).toBeNull()
    expect(fileTooLarge(3 * 1024 * 1024, 1024 * 1024)).toBe('The file is 3.0 MB; at most 1 MB.')
  })
})
