import { viewerTokenHeader } from '@stormline/shared/backlog/backlog-links'
import type { BacklogFormat } from '@stormline/shared/backlog/export-backlog'

/** The backlog export of a board on the API (the board cookie authorises it). */
export function backlogFileUrl(boardId: string, format: BacklogFormat): string {
  return `/api/boards/${encodeURIComponent(boardId)}/backlog?format=${format}`
}

export type BacklogFileResult = { ok: true; blob: Blob } | { ok: false; message: string }

/**
 * The export whose links carry the viewer token, so anyone with the file opens the board
 * read-only. The token goes in a header, never in the URL (logs, history); the server checks it
 * is this board's current viewer token and refuses the export otherwise.
 */
export async function fetchSharedBacklogFile(
  boardId: string,
  format: BacklogFormat,
  viewerToken: string,
  fetcher: typeof fetch = fetch,
): Promise<BacklogFileResult> {
  let response: Response
  try {
    response = await fetcher(backlogFileUrl(boardId, format), {
      headers: { [viewerTokenHeader]: viewerToken },
    })
  } catch {
    return { ok: false, message: 'Could not reach the server. Try again in a moment.' }
  }
  if (response.ok) return { ok: true, blob: await response.blob() }
  const body: unknown = await response.json().catch(() => null)
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message
  return {
    ok: false,
    message: typeof message === 'string' ? message : `The export failed (${response.status}).`,
  }
}
