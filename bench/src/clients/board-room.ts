import { randomUUID } from 'node:crypto'
import type { ServerHandle } from '../servers/server-handle.ts'

/** Where a client connects: the room (board id / document name) and, for Stormline, a token. */
export interface BoardRoom {
  readonly name: string
  readonly token: string | undefined
}

interface CreatedBoardAnswer {
  id: string
  /** Present once the server enforces roles (issue #6); absent before. */
  tokens?: { participant?: string }
}

/**
 * Stormline only syncs boards it knows, so they are created over its API; participants join with
 * the participant token when the server hands out tokens. The reference servers create a
 * document on first connection, so any fresh name will do.
 */
export async function createRoom(server: ServerHandle, name = 'Bench board'): Promise<BoardRoom> {
  if (server.kind !== 'stormline') return { name: `bench-${randomUUID()}`, token: undefined }
  const response = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, template: 'blank' }),
  })
  if (!response.ok) throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`)
  const board = (await response.json()) as CreatedBoardAnswer
  return { name: board.id, token: board.tokens?.participant }
}
