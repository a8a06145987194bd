import type { BoardRole } from '@stormline/shared/access/roles'
import type { CreatedBoard } from '@stormline/shared/api/types'
import type { ServerProcess } from './server-process.ts'

/** Creates a board over the API and returns it with its three tokens and links. */
export async function createBoard(
  server: Pick<ServerProcess, 'httpUrl'>,
  body: Record<string, unknown> = {},
): Promise<CreatedBoard> {
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) throw new Error(`board not created: ${response.status}`)
  return (await response.json()) as CreatedBoard
}

/** `path` on the board's API with the role's token in the query. */
export function boardUrl(
  server: Pick<ServerProcess, 'httpUrl'>,
  board: CreatedBoard,
  path = '',
  role: BoardRole = 'facilitator',
): string {
  const separator = path.includes('?') ? '&' : '?'
  return `${server.httpUrl}/api/boards/${board.id}${path}${separator}token=${board.tokens[role]}`
}

/** Websocket URL of the board for a raw socket, with the role's token. */
export function syncUrl(
  server: Pick<ServerProcess, 'wsUrl'>,
  board: CreatedBoard,
  role: BoardRole = 'participant',
): string {
  return `${server.wsUrl}/sync/${board.id}?token=${board.tokens[role]}`
}
