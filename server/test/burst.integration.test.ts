import { isDeepStrictEqual } from 'node:util'
import { CloseCode, stockClientRetries } from '@stormline/shared/sync/close-codes'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  connectProvider,
  createBoard,
  loadFresh,
  records,
  recordsJson,
  synced,
  syncUrl,
  until,
} from './support/board-clients.ts'
import { FuzzSocket } from './support/fuzz-socket.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'
import { emptyWireLog, isAck, recordingWebSocket } from './support/recording-websocket.ts'

/**
 * CLOSE-2 / BAD-2: a stock y-websocket client that writes 500 stickies in a loop (500
 * transactions, so 500 messages) on a server whose rate limit is far below that. The server
 * queues what is over the budget and pauses the socket instead of dropping or closing it: the
 * other client receives all 500, nobody is closed, and the board holds all 500 after a restart.
 * ACK-1: the writer's last stored acknowledgement from the server covers all 500.
 */

const burst = 500
/** Low enough that the burst must wait: 50 at once, then 100 a second (about 4.5 s). */
const limits = { RATE_LIMIT_PER_SECOND: '100', RATE_LIMIT_BURST: '50' }

let server: ObservedServer | undefined
const providers: WebsocketProvider[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server?.dispose()
})

describe(`a stock client's burst of ${burst} single updates`, () => {
  it('CLOSE-2: arrives whole at another stock client, closes nobody, and survives a restart', async () => {
    server = await startObservedServer({ env: limits })
    const board = await createBoard(server.httpUrl, 'Burst')
    const wire = emptyWireLog()
    const writer = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), {
      disableBc: true,
      maxBackoffTime: 200,
      params: { token: board.token },
      WebSocketPolyfill: recordingWebSocket(wire),
    })
    const reader = connectProvider(server.wsUrl, board)
    providers.push(writer, reader)
    const closes: (number | null)[] = []
    for (const provider of providers) {
      provider.on('connection-close', (event) => closes.push(event?.code ?? null))
    }
    await Promise.all([synced(writer), synced(reader)])

    for (let i = 0; i < burst; i++) {
      writeRecord(writer.doc, stickyRecord(`shape:burst-${i}`, { text: `#${i}`, x: i }))
    }
    await until(() => records(reader.doc).size === burst, `the reader to hold all ${burst}`, 60_000)
    expect(closes).toEqual([])
    expect(isDeepStrictEqual(recordsJson(reader.doc), recordsJson(writer.doc))).toBe(true)

    // Backpressure, not a high limit: the server queued part of the burst.
    const throttled = server.events('sync.throttled')
    expect(throttled.length).toBeGreaterThan(0)
    const queued = throttled.reduce((sum, event) => sum + Number(event.queued), 0)
    // Tokens come back while the burst is on the wire, so not quite all of the rest waits.
    expect(queued).toBeGreaterThanOrEqual(burst / 2)
    expect(server.events('sync.overloaded')).toEqual([])

    // ACK-1: the writer is told the server stored all of it.
    const own = (): number =>
      Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID) ?? 0
    await until(
      () => (wire.acks.at(-1)?.get(writer.doc.clientID) ?? 0) >= own(),
      'an acknowledgement covering the whole burst',
    )
    const acks = wire.received.filter(isAck)
    console.info(
      `burst: ${queued} of ${burst} messages queued in ${throttled.length} episode(s); ` +
        `${acks.length} acknowledgements received by the writer`,
    )

    const before = recordsJson(reader.doc)
    for (const provider of providers.splice(0)) provider.destroy()
    server = await server.restart()
    const fresh = await loadFresh(server.wsUrl, board)
    expect(records(fresh).size).toBe(burst)
    expect(recordsJson(fresh)).toEqual(before)
  }, 120_000)
})

describe('a socket whose queue outgrows RATE_LIMIT_QUEUE_BYTES', () => {
  it('BAD-2: is closed with 4529, which a stock client retries; the others carry on', async () => {
    const small = await startObservedServer({
      env: { RATE_LIMIT_BURST: '50', RATE_LIMIT_QUEUE_BYTES: '1024' },
    })
    try {
      const board = await createBoard(small.httpUrl, 'Overload')
      const honest = connectProvider(small.wsUrl, board)
      const honestCloses: (number | null)[] = []
      honest.on('connection-close', (event) => honestCloses.push(event?.code ?? null))
      await synced(honest)
      // Pausing holds back what is still on the wire, but one read from the socket (up to 64 KiB)
      // is handled whole: past the burst, its 600-byte frames fill 1 KiB of queue at once.
      const flooder = await FuzzSocket.open(syncUrl(small.wsUrl, board), 2 ** 41)
      const outcome = await flooder.flood(1_000, 10_000, 600)
      expect(outcome).toEqual({ accepted: false, code: CloseCode.overloaded })
      expect(stockClientRetries(CloseCode.overloaded)).toBe(true)
      expect(small.events('sync.overloaded').length).toBe(1)

      writeRecord(honest.doc, stickyRecord('shape:after', { text: 'still here' }))
      const fresh = await loadFresh(small.wsUrl, board)
      expect(Object.keys(recordsJson(fresh))).toEqual(['shape:after'])
      expect(honestCloses).toEqual([])
      honest.destroy()
    } finally {
      await small.dispose()
    }
  })
})
