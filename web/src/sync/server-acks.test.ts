import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { listenToServerSync, messageSync, peekSyncMessage } from './server-acks.ts'
import { TestSyncServer } from './test-sync-server.ts'

/** Waits for the sockets' timers; generous, so a busy machine does not fail the test. */
const eventually = <T>(check: () => T): Promise<T> =>
  vi.waitFor(check, { timeout: 5_000, interval: 10 })

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function provider(doc: Y.Doc, server?: TestSyncServer): WebsocketProvider {
  const opened = new WebsocketProvider('ws://test/sync', 'board', doc, {
    connect: server !== undefined,
    disableBc: true,
    ...(server ? { WebSocketPolyfill: server.WebSocket } : {}),
  })
  cleanups.push(() => opened.destroy())
  return opened
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Hands a message to the provider's handler the way its socket's onmessage does. */
function receive(target: WebsocketProvider, message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message)
  const encoder = encoding.createEncoder()
  const type = decoding.readVarUint(decoder)
  target.messageHandlers[type]?.(encoder, decoder, target, true, type)
  return encoding.toUint8Array(encoder)
}

function serverDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 500
  doc.getMap('records').set('shape:a', 'from the server')
  return doc
}

describe('peekSyncMessage', () => {
  it('OFF-2: reads the state vector of a sync step 1', () => {
    const server = serverDoc()
    const message = syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, server))
    const decoder = decoding.createDecoder(message)
    decoding.readVarUint(decoder)
    expect(peekSyncMessage(decoder)).toEqual({
      type: syncProtocol.messageYjsSyncStep1,
      stateVector: new Map([[500, 1]]),
    })
  })

  it('tells step 2 and updates apart, and gives up on garbage', () => {
    const step2 = syncMessage((encoder) => syncProtocol.writeSyncStep2(encoder, serverDoc()))
    const decoder = decoding.createDecoder(step2)
    decoding.readVarUint(decoder)
    expect(peekSyncMessage(decoder)).toEqual({ type: syncProtocol.messageYjsSyncStep2 })
    expect(peekSyncMessage(decoding.createDecoder(new Uint8Array([9])))).toBeNull()
    expect(peekSyncMessage(decoding.createDecoder(new Uint8Array([0, 200])))).toBeNull()
  })
})

describe('listenToServerSync', () => {
  it('OFF-2: reports the server state vector and still lets the provider answer and sync', () => {
    const doc = new Y.Doc()
    doc.getMap('records').set('shape:mine', 'written here')
    const target = provider(doc)
    const states: Map<number, number>[] = []
    let answers = 0
    listenToServerSync(target, {
      onServerState: (vector) => states.push(vector),
      onServerAnswer: () => answers++,
    })

    const server = serverDoc()
    const reply = receive(
      target,
      syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, server)),
    )
    expect(states).toEqual([new Map([[500, 1]])])
    // The stock handler answered with a step 2 holding what the server lacks.
    const decoder = decoding.createDecoder(reply)
    expect(decoding.readVarUint(decoder)).toBe(messageSync)
    expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2)
    Y.applyUpdate(server, decoding.readVarUint8Array(decoder))
    expect(server.getMap('records').get('shape:mine')).toBe('written here')

    // The server's step 2 is applied and marks the provider synced, as without the listener.
    receive(
      target,
      syncMessage((encoder) =>
        syncProtocol.writeSyncStep2(encoder, server, Y.encodeStateVector(doc)),
      ),
    )
    expect(answers).toBe(1)
    expect(target.synced).toBe(true)
    expect(doc.getMap('records').get('shape:a')).toBe('from the server')
  })

  it('puts the stock handler back when stopped', () => {
    const target = provider(new Y.Doc())
    const stock = target.messageHandlers[messageSync]
    const stop = listenToServerSync(target, { onServerState() {}, onServerAnswer() {} })
    expect(target.messageHandlers[messageSync]).not.toBe(stock)
    stop()
    expect(target.messageHandlers[messageSync]).toBe(stock)
  })

  it('OFF-2: over a socket, hears the join and every acknowledgement, and edits still sync', async () => {
    const server = new TestSyncServer()
    const doc = new Y.Doc()
    const target = provider(doc, server)
    const states: Map<number, number>[] = []
    listenToServerSync(target, {
      onServerState: (vector) => states.push(vector),
      onServerAnswer() {},
    })
    await eventually(() => expect(target.synced).toBe(true))
    expect(states).toHaveLength(1)

    doc.getMap('records').set('shape:b', 'typed')
    await eventually(() => expect(states).toHaveLength(2))
    expect(states[1]?.get(doc.clientID)).toBe(1)
    expect(server.doc.getMap('records').get('shape:b')).toBe('typed')
  })

  it('answers only the first server step 1 of a socket when asked to, and still syncs', async () => {
    const server = new TestSyncServer()
    const doc = new Y.Doc()
    const target = provider(doc, server)
    const answered: boolean[] = []
    listenToServerSync(
      target,
      { onServerState: (_vector, wasAnswered) => answered.push(wasAnswered), onServerAnswer() {} },
      { answerAcknowledgements: false },
    )
    await eventually(() => expect(target.synced).toBe(true))
    doc.getMap('records').set('shape:b', 'typed')
    await eventually(() => expect(answered).toHaveLength(2))
    doc.getMap('records').delete('shape:b')
    await eventually(() => expect(server.doc.getMap('records').has('shape:b')).toBe(false))
    await eventually(() => expect(answered).toHaveLength(3))
    expect(answered).toEqual([true, false, false])
    // One step 2 from the client: its answer to the server's greeting.
    expect(server.received.filter((message) => message.kind === 'step2')).toHaveLength(1)

    // A new socket is greeted, and answered, again.
    server.goOffline()
    await eventually(() => expect(target.wsconnected).toBe(false))
    doc.getMap('records').set('shape:c', 'offline')
    server.goOnline()
    target.connect()
    await eventually(() => expect(server.doc.getMap('records').get('shape:c')).toBe('offline'))
    expect(answered[3]).toBe(true)
    expect(server.received.filter((message) => message.kind === 'step2')).toHaveLength(2)
  })
})
