import { moveRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  connectProvider,
  createBoard,
  recordsJson,
  synced,
  type TestBoard,
  until,
} from './support/board-clients.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'
import {
  emptyWireLog,
  type Frame,
  isAck,
  isSync,
  recordingWebSocket,
  type WireLog,
} from './support/recording-websocket.ts'

/**
 * ACK-1 against the real server with stock y-websocket clients: after the server stores what a
 * socket sent, it sends that socket its state vector in a "stored" auth message, at most every
 * 200 ms and always once more after the last update. A stock client ignores it, answers nothing and keeps
 * converging.
 */

let server: ObservedServer | undefined
const providers: WebsocketProvider[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server?.dispose()
})

function watchedProvider(wsUrl: string, board: TestBoard, wire: WireLog): WebsocketProvider {
  const provider = new WebsocketProvider(`${wsUrl}/sync`, board.id, new Y.Doc(), {
    disableBc: true,
    params: { token: board.token },
    WebSocketPolyfill: recordingWebSocket(wire),
  })
  providers.push(provider)
  return provider
}

const ownClock = (doc: Y.Doc): number =>
  Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0

describe('storage acknowledgements (ACK-1)', () => {
  it('ACK-1: acknowledges a dragging stock client about 5 times a second, the last move always', async () => {
    server = await startObservedServer()
    const board = await createBoard(server.httpUrl, 'Acknowledgements')
    const wire = emptyWireLog()
    const dragger = watchedProvider(server.wsUrl, board, wire)
    const watcher = connectProvider(server.wsUrl, board)
    providers.push(watcher)
    await Promise.all([synced(dragger), synced(watcher)])

    writeRecord(dragger.doc, stickyRecord('shape:dragged'))
    await until(
      () => (wire.acks.at(-1)?.get(dragger.doc.clientID) ?? 0) >= ownClock(dragger.doc),
      'the creation to be acknowledged',
    )
    // Three seconds of dragging at ~60 updates a second, one transaction per frame as tldraw sends.
    const seconds = 3
    const start = Date.now()
    const receivedBefore = wire.received.length
    const sentBefore = wire.sent.length
    let moves = 0
    while (Date.now() - start < seconds * 1_000) {
      moveRecord(dragger.doc, 'shape:dragged', { x: moves, y: moves })
      moves++
      await new Promise((resolve) => setTimeout(resolve, 16))
    }
    const elapsed = (Date.now() - start) / 1_000
    await until(
      () => (wire.acks.at(-1)?.get(dragger.doc.clientID) ?? 0) >= ownClock(dragger.doc),
      'the last move to be acknowledged',
    )
    const received = wire.received.slice(receivedBefore)
    const sent = wire.sent.slice(sentBefore)
    const acks = received.filter(isAck).length
    const answers = sent.filter(isSync(1)).length
    const updates = sent.filter(isSync(2)).length
    const bytes = (frames: Frame[]): number => frames.reduce((sum, frame) => sum + frame.bytes, 0)
    const perSecond = (n: number): string => (n / elapsed).toFixed(1)
    console.info(
      `ACK-1 drag: ${updates} updates in ${elapsed.toFixed(2)} s (${perSecond(updates)}/s, ` +
        `${perSecond(bytes(sent.filter(isSync(2))))} B/s); ${acks} acknowledgements ` +
        `(${perSecond(acks)}/s, ${perSecond(bytes(received.filter(isAck)))} B/s) and ` +
        `${answers} step-2 answers (${perSecond(answers)}/s, ${perSecond(bytes(sent.filter(isSync(1))))} B/s): ` +
        `${perSecond(acks + answers)} extra messages/s`,
    )
    // At most one per 200 ms, plus the trailing one.
    expect(acks).toBeLessThanOrEqual(Math.ceil(elapsed * 5) + 2)
    expect(acks).toBeGreaterThanOrEqual(Math.floor(elapsed * 2))
    // A stock client answers an acknowledgement with nothing (a sync step 1 would cost a step 2).
    expect(answers).toBe(0)

    // The acknowledgements change nothing: the other stock client converges on the last move.
    await until(
      () => JSON.stringify(recordsJson(watcher.doc)) === JSON.stringify(recordsJson(dragger.doc)),
      'the watcher to converge',
    )
    expect(recordsJson(watcher.doc)['shape:dragged']).toMatchObject({ x: moves - 1, y: moves - 1 })
  }, 60_000)
})
