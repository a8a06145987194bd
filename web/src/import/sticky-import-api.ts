import type { ApiErrorBody } from '@stormline/shared/api/types'
import type { StickyImportDone, StickyImportPreview } from '@stormline/shared/import/import-api'
import { ApiError } from '../api/client.ts'

/**
 * The sticky import's two calls (`POST /api/boards/:id/stickies/import`, server/src/http/
 * sticky-import-routes.ts): the preview (dry run) and the write. The board cookie authorises
 * them. A failure is an ApiError with the server's code and message.
 */

async function post<T>(boardId: string, csv: string, dryRun: boolean): Promise<T> {
  const path = `/api/boards/${encodeURIComponent(boardId)}/stickies/import${dryRun ? '?dryRun=1' : ''}`
  const response = await fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  })
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) return body as T
  const error = (body as Partial<ApiErrorBody> | null)?.error
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    throw new ApiError(response.status, error.code, error.message)
  }
  throw new ApiError(response.status, 'http_error', `${path} answered ${response.status}`)
}

export function previewStickyImport(boardId: string, csv: string): Promise<StickyImportPreview> {
  return post(boardId, csv, true)
}

export function importStickies(boardId: string, csv: string): Promise<StickyImportDone> {
  return post(boardId, csv, false)
}
