import type { MemberGrantRequest, MeResponse } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type {
  ApiErrorBody,
  BoardAccess,
  BoardMeta,
  ClientConfig,
  CreatedBoard,
  RotatedLinks,
  Tally,
} from '@stormline/shared/api/types'
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

/**
 * A JSON call to the API; the board cookie authorises it. A failure is an ApiError with the
 * server's code and message. Exported for the feature folders' own calls (history/).
 */
export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  })
  // 204 (delete) has no body; a proxy's HTML error page is no JSON either.
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    if (isApiErrorBody(body)) {
      throw new ApiError(response.status, body.error.code, body.error.message)
    }
    throw new ApiError(response.status, 'http_error', `${path} answered ${response.status}`)
  }
  return body as T
}

export const jsonBody = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

export const apiBoardPath = (boardId: string): string =>
  `/api/boards/${encodeURIComponent(boardId)}`

/**
 * Without a template the server picks its default (path to production). An anonymous board
 * starts in anonymous mode, before anyone has written a sticky.
 */
export function createBoard(
  name?: string,
  template?: BoardTemplateId,
  anonymous = false,
): Promise<CreatedBoard> {
  return requestJson<CreatedBoard>('/api/boards', {
    method: 'POST',
    ...jsonBody({
      ...(name === undefined ? {} : { name }),
      ...(template === undefined ? {} : { template }),
      ...(anonymous ? { anonymous } : {}),
    }),
  })
}

/**
 * Makes a new board from a board file (a facilitator's download of a whole board); the new
 * board has its own id and links, the file's board is untouched.
 */
export function importBoard(file: string): Promise<CreatedBoard> {
  return requestJson<CreatedBoard>('/api/boards/import', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: file,
  })
}

/** Where the facilitator downloads the whole board as a file (the board cookie authorises it). */
export function boardFileUrl(boardId: string): string {
  return `${apiBoardPath(boardId)}/export`
}

/**
 * Trades a link's token for the board's HttpOnly cookie, so the token can leave the address bar
 * and later requests and the websocket carry it without the page's JavaScript holding it.
 */
export function claimAccess(boardId: string, token: string): Promise<BoardAccess> {
  return requestJson<BoardAccess>(`${apiBoardPath(boardId)}/access`, {
    method: 'POST',
    ...jsonBody({ token }),
  })
}

/** The board and this browser's role on it, from the board's cookie. */
export function getBoardAccess(boardId: string): Promise<BoardAccess> {
  return requestJson<BoardAccess>(apiBoardPath(boardId))
}

/**
 * Who this browser is on the board (ADR 0013): the member its cookie proves, or a new one the
 * server mints and puts in the member cookie. Asked before the sockets open, so both of them
 * (board and private document) carry the same person.
 */
export function getMe(boardId: string): Promise<MeResponse> {
  return requestJson<MeResponse>(`${apiBoardPath(boardId)}/me`, { method: 'POST' })
}

/** Makes a participant a co-facilitator, or takes it back (facilitator only). */
export async function grantCoFacilitator(
  boardId: string,
  memberId: string,
  coFacilitator: boolean,
): Promise<void> {
  const body: MemberGrantRequest = { coFacilitator }
  await requestJson<unknown>(
    `${apiBoardPath(boardId)}/members/${encodeURIComponent(memberId)}/grant`,
    { method: 'PUT', ...jsonBody(body) },
  )
}

/** The live counts of what is still secret (facilitator only). */
export function getTally(boardId: string): Promise<Tally> {
  return requestJson<Tally>(`${apiBoardPath(boardId)}/tally`)
}

export function renameBoard(boardId: string, name: string): Promise<BoardMeta> {
  return requestJson<BoardMeta>(apiBoardPath(boardId), { method: 'PATCH', ...jsonBody({ name }) })
}

export async function deleteBoard(boardId: string): Promise<void> {
  await requestJson<null>(apiBoardPath(boardId), { method: 'DELETE' })
}

/** New links for `roles` (the server's default: participant and viewer); old ones stop working. */
export function rotateLinks(boardId: string, roles?: readonly BoardRole[]): Promise<RotatedLinks> {
  return requestJson<RotatedLinks>(`${apiBoardPath(boardId)}/links/rotate`, {
    method: 'POST',
    ...jsonBody(roles === undefined ? {} : { roles }),
  })
}

export function getClientConfig(): Promise<ClientConfig> {
  return requestJson<ClientConfig>('/api/config')
}
