import type { ApiErrorBody } from '../api/types.ts'
import type { ImportRow } from './sticky-import.ts'

/** `POST /api/boards/:id/stickies/import?dryRun=1`: what the import would do, row by row. */
export interface StickyImportPreview {
  rows: ImportRow[]
  ok: boolean
}

/** 201 of `POST /api/boards/:id/stickies/import`: the stickies written, in file order. */
export interface StickyImportDone {
  created: number
  ids: string[]
}

/** 422: some rows are wrong; nothing was written. */
export type StickyImportRefused = ApiErrorBody & { rows: ImportRow[] }

/** 400 for a file that cannot be read at all: the line where reading stopped. */
export type StickyImportFileRefused = ApiErrorBody & { line?: number }

/** The largest CSV the import accepts (the server answers 413 above it). */
export const maxStickyImportBytes = 1024 * 1024
