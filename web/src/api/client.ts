import type { ApiErrorBody, BoardMeta, ClientConfig } from '@stormline/shared/api/types'
import type { BoardTemplateId } from '@stormline/shared/board/templates'

/** A failed API call, carrying the server's error code when it sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const { error } = value as { error: unknown }
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Record<string, unknown>).code === 'string' &&
    typeof (error as Record<string, unknown>).message === 'string'
  )
}

async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    if (isApiErrorBody(body)) {
      throw new ApiError(response.status, body.error.code, body.error.message)
    }
    throw new ApiError(response.status, 'http_error', `${path} answered ${response.status}`)
  }
  return body as T
}

/** Without a template the server picks its default (path to production). */
export function createBoard(name?: string, template?: BoardTemplateId): Promise<BoardMeta> {
  return requestJson<BoardMeta>('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(name === undefined ? {} : { name }),
      ...(template === undefined ? {} : { template }),
    }),
  })
}

/** Resolves to null when the board does not exist, so callers need not inspect errors for it. */
export async function getBoard(boardId: string): Promise<BoardMeta | null> {
  try {
    return await requestJson<BoardMeta>(`/api/boards/${encodeURIComponent(boardId)}`)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

export function getClientConfig(): Promise<ClientConfig> {
  return requestJson<ClientConfig>('/api/config')
}
