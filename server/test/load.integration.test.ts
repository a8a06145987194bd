import { isDeepStrictEqual } from 'node:util'
import { writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import {
  connectProvider,
  createBoard,
  loadFresh,
  records,
  recordsJson,
  sticky,
  synced,
  until,
} from './support/board-clients.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * A big workshop on one board: 200 stock y-websocket clients, all connected at
 * once, each adding a few stickies. The server runs with its default limits, so
 * this also shows honest clients stay under the per-connection rate limit.
 * Correctness only: how fast it goes is the benchmarks' business.
 */

const clientCount = 200
const keysPerClient = 5

let server: ObservedServer | undefined
const providers: WebsocketProvider[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server?.dispose()
})

describe(`${clientCount} clients on one board`, () => {
  it('all converge to the same board holding every edit', async () => {
    server = await startObservedServer()
    const board = await createBoard(server.httpUrl, 'Load')
    const closes: number[] = []
    for (let i = 0; i < clientCount; i++) {
      const provider = connectProvider(server.wsUrl, board)
      provider.on('connection-close', (event) => closes.push(event?.code ?? -1))
      providers.push(provider)
    }
    await Promise.all(providers.map((provider) => synced(provider, 60_000)))

    providers.forEach((provider, c) => {
      // One transaction per key: a message per edit, as a person adding stickies sends.
      for (let k = 0; k < keysPerClient; k++) {
        writeRecord(provider.doc, sticky(`shape:c${c}-k${k}`, `${c}/${k}`))
      }
    })

    const total = clientCount * keysPerClient
    await until(
      () => providers.every((provider) => records(provider.doc).size === total),
      `every client to hold all ${total} stickies`,
      90_000,
    )
    const reference = recordsJson(providers[0]?.doc ?? loadFailed())
    const diverged = providers.filter(
      (provider) => !isDeepStrictEqual(recordsJson(provider.doc), reference),
    )
    expect(diverged.length).toBe(0)
    expect(reference['shape:c199-k4']).toEqual(sticky('shape:c199-k4', '199/4'))
    // Nobody was dropped on the way (a 4429 would mean honest clients hit the rate limit).
    expect(closes).toEqual([])

    const fresh = await loadFresh(server.wsUrl, board)
    expect(recordsJson(fresh)).toEqual(reference)
  }, 120_000)
})

function loadFailed(): never {
  throw new Error('no clients were created')
}
