import { boardSchema } from '@stormline/shared/sync/board-schema'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { encodeSchemaParam, schemaParamName } from '@stormline/shared/sync/schema-compat'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createBoard, synced, type TestBoard, until } from './support/board-clients.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * SCHEMA-1 with stock y-websocket providers that pass `?schema=` as the web app does (the
 * `params` option): the board's schema or none is let in; an older app is told to reload (4426,
 * the provider stops); a newer app is told to come back later (1013, the provider retries).
 */

const board = boardSchema.serialize()
const [sequence, version] = Object.entries(board.sequences).find(([, v]) => v > 0) as [
  string,
  number,
]
const older = encodeSchemaParam({ sequences: { ...board.sequences, [sequence]: version - 1 } })
const newer = encodeSchemaParam({ sequences: { ...board.sequences, [sequence]: version + 1 } })

let server: ObservedServer
let testBoard: TestBoard
const providers: WebsocketProvider[] = []

beforeAll(async () => {
  server = await startObservedServer()
  testBoard = await createBoard(server.httpUrl, 'Schemas')
})

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server?.dispose()
})

interface Watched {
  provider: WebsocketProvider
  /** Codes of every close, in order. */
  closes: number[]
  /** The code the provider stopped on for good, if it did. */
  final: number | null
}

function connect(schema: string | undefined): Watched {
  const params: Record<string, string> = { token: testBoard.token }
  if (schema !== undefined) params[schemaParamName] = schema
  const provider = new WebsocketProvider(`${server.wsUrl}/sync`, testBoard.id, new Y.Doc(), {
    disableBc: true,
    maxBackoffTime: 200,
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  providers.push(provider)
  const watched: Watched = { provider, closes: [], final: null }
  provider.on('connection-close', (event) => watched.closes.push(event?.code ?? -1))
  provider.on('closed', (event) => {
    watched.final = event.code
  })
  return watched
}

describe('the schema handshake (SCHEMA-1)', () => {
  it("SCHEMA-1: lets in a client with the board's schema, and one with none", async () => {
    const same = connect(encodeSchemaParam(board))
    const stock = connect(undefined)
    await Promise.all([synced(same.provider), synced(stock.provider)])
    expect([...same.closes, ...stock.closes]).toEqual([])
  })

  it.each([
    ['an older app', () => older],
    ['an unreadable schema', () => 'not-a-schema'],
  ])(
    'SCHEMA-1: tells %s to reload with 4426, and a stock provider stops',
    async (_name, schema) => {
      const client = connect(schema())
      await until(() => client.final !== null, 'the provider to stop')
      expect(client.final).toBe(CloseCode.reloadRequired)
      expect(client.closes).toEqual([CloseCode.reloadRequired])
      expect(client.provider.shouldConnect).toBe(false)
      expect(client.provider.synced).toBe(false)
    },
  )

  it('SCHEMA-1: tells a newer app to try again later with 1013, which a stock provider retries', async () => {
    const client = connect(newer)
    await until(() => client.closes.length >= 2, 'the provider to try again')
    expect(new Set(client.closes)).toEqual(new Set([CloseCode.tryAgainLater]))
    expect(client.final).toBeNull()
    expect(client.provider.synced).toBe(false)
    client.provider.destroy()
    expect(server.events('sync.schema_refused').length).toBeGreaterThanOrEqual(4)
  })
})
