import { docLayout } from '@stormline/shared/sync/doc-layout'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import { type BoardRecord, stickyRecord } from '@stormline/shared/testing/board-records'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createBoard as createBoardWithLinks } from './boards.ts'

/**
 * Boards and clients for the integration tests that load the server: stock
 * y-websocket providers on the `ws` package (as a Node service would use them),
 * with the participant's token.
 */

export interface TestBoard {
  id: string
  /** The participant's token. */
  token: string
}

export async function createBoard(httpUrl: string, name = 'Load test'): Promise<TestBoard> {
  // Blank: no client lays out a template timeline, so every edit here is a participant's.
  const board = await createBoardWithLinks({ httpUrl }, { name, template: 'blank' })
  return { id: board.id, token: board.tokens.participant }
}

/** The sync URL for raw sockets, with the participant token. */
export function syncUrl(wsUrl: string, board: TestBoard): string {
  return `${wsUrl}/sync/${board.id}?token=${encodeURIComponent(board.token)}`
}

export interface ConnectOptions {
  doc?: Y.Doc
  /** Reconnect quickly in tests; y-websocket's default backs off to 2.5 s. */
  maxBackoffTime?: number
}

export function connectProvider(
  wsUrl: string,
  board: TestBoard,
  options: ConnectOptions = {},
): WebsocketProvider {
  return new WebsocketProvider(`${wsUrl}/sync`, board.id, options.doc ?? new Y.Doc(), {
    disableBc: true,
    maxBackoffTime: options.maxBackoffTime ?? 200,
    params: { token: board.token },
    // ws's WebSocket is what a Node service would pass; the DOM type differs only in typings.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
}

export function records(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(docLayout.records)
}

/** The board's records as plain JSON (record layout v2 decoded), for comparisons. */
export function recordsJson(doc: Y.Doc): Record<string, unknown> {
  return readRecordsJson(doc)
}

/** A valid sticky record; never a timeline, which participants may not write. */
export function sticky(id: string, text: string): BoardRecord {
  return stickyRecord(id, { text })
}

/** Polls until the condition holds; rejects naming what it waited for. */
export function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const check = (): void => {
      if (condition()) resolve()
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`))
      else setTimeout(check, 20)
    }
    check()
  })
}

export const synced = (provider: WebsocketProvider, timeoutMs?: number): Promise<void> =>
  until(() => provider.synced, 'initial sync', timeoutMs)

/** The state vector as a plain object, for readable comparisons in assertions. */
export function stateVector(doc: Y.Doc): Record<string, number> {
  const vector = Y.decodeStateVector(Y.encodeStateVector(doc))
  return Object.fromEntries([...vector].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]))
}

/** Loads the board into a fresh client, returns its document, and disconnects it. */
export async function loadFresh(wsUrl: string, board: TestBoard): Promise<Y.Doc> {
  const provider = connectProvider(wsUrl, board)
  try {
    await synced(provider)
    return provider.doc
  } finally {
    provider.destroy()
  }
}
