import type { StickyImportPreview } from '@stormline/shared/import/import-api'

/** What the import dialog says about a preview, and whether it may write. */
export interface ImportSummary {
  good: number
  bad: number
  /** The write button's label. */
  action: string
  /** False while any row has an error (the server would refuse the file anyway). */
  canImport: boolean
  /** One line for screen readers and the dialog's status. */
  status: string
}

const stickies = (n: number): string => `${n} ${n === 1 ? 'sticky' : 'stickies'}`

export function summarizePreview(preview: StickyImportPreview): ImportSummary {
  const bad = preview.rows.filter((row) => 'error' in row).length
  const good = preview.rows.length - bad
  return {
    good,
    bad,
    action: `Import ${stickies(good)}`,
    canImport: bad === 0 && good > 0,
    status:
      bad === 0
        ? `${stickies(good)} ready to import.`
        : `${bad} of ${preview.rows.length} rows have errors: fix them in the file and choose it again.`,
  }
}

/** Files larger than the server takes are refused before reading them (the server says 413). */
export function fileTooLarge(size: number, limit: number): string | null {
  if (size <= limit) return null
  return `The file is ${(size / 1024 / 1024).toFixed(1)} MB; at most ${(limit / 1024 / 1024).toFixed(0)} MB.`
}
