import {
  encodeReadOnlyNotice,
  encodeStoredAck,
  storedAck,
} from '@stormline/shared/sync/access-messages'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { listenForReadOnlyNotice } from './read-only-notice.ts'
import { listenToServerSync, messageSync, peekStoredAck, peekSyncMessage } from './server-acks.ts'
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

/** An auth message (type 2) of a sub-type this client does not know. */
function unknownAuthMessage(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint(encoder, 7)
  encoding.writeVarString(encoder, 'something new')
  return encoding.toUint8Array(encoder)
}

/** The decoder of an auth message, past its top-level type. */
function afterType(message: Uint8Array): decoding.Decoder {
  const decoder = decoding.createDecoder(message)
  decoding.readVarUint(decoder)
  return decoder
}

describe('peekStoredAck', () => {
  it('ACK-1: reads the state vector of a stored acknowledgement', () => {
    const message = encodeStoredAck(Y.encodeStateVector(serverDoc()))
    expect(peekStoredAck(afterType(message))).toEqual(new Map([[500, 1]]))
  })

  it('ignores other auth messages and bytes that are not a state vector', () => {
    expect(peekStoredAck(afterType(encodeReadOnlyNotice()))).toBeNull()
    expect(peekStoredAck(afterType(unknownAuthMessage()))).toBeNull()
    expect(peekStoredAck(decoding.createDecoder(new Uint8Array([storedAck, 3, 1])))).toBeNull()
    expect(peekStoredAck(decoding.createDecoder(new Uint8Array([])))).toBeNull()
  })
})

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
  it('OFF-2: reports the server state vector of the join and still lets the provider answer and sync', () => {
    const doc = new Y.Doc()
    doc.getMap('records').set('shape:mine', 'written here')
    const target = provider(doc)
    const states: [Map<number, number>, boolean][] = []
    let answers = 0
    listenToServerSync(target, {
      onServerState: (vector, answered) => states.push([vector, answered]),
      onServerAnswer: () => answers++,
    })

    const server = serverDoc()
    const reply = receive(
      target,
      syncMessage((encoder) => syncProtocol.writeSyncStep1(encoder, server)),
    )
    expect(states).toEqual([[new Map([[500, 1]]), true]])
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

  it('ACK-1: reports a stored acknowledgement as server state, and answers nothing', () => {
    const target = provider(new Y.Doc())
    const states: [Map<number, number>, boolean][] = []
    listenToServerSync(target, {
      onServerState: (vector, answered) => states.push([vector, answered]),
      onServerAnswer() {},
    })
    const reply = receive(target, encodeStoredAck(Y.encodeStateVector(serverDoc())))
    expect(states).toEqual([[new Map([[500, 1]]), false]])
    expect(reply).toHaveLength(0)
  })

  it('ignores an auth message of an unknown sub-type, as the stock provider does', () => {
    const target = provider(new Y.Doc())
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const states: unknown[] = []
    listenToServerSync(target, {
      onServerState: (vector) => states.push(vector),
      onServerAnswer() {},
    })
    expect(receive(target, unknownAuthMessage())).toHaveLength(0)
    expect(states).toEqual([])
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })

  it('keeps the read-only notice working, whose handler it wraps', () => {
    const target = provider(new Y.Doc())
    let readOnly = 0
    listenForReadOnlyNotice(target, () => readOnly++)
    const states: unknown[] = []
    listenToServerSync(target, {
      onServerState: (vector) => states.push(vector),
      onServerAnswer() {},
    })

    receive(target, encodeStoredAck(Y.encodeStateVector(serverDoc())))
    expect(readOnly).toBe(0)
    expect(states).toHaveLength(1)
    receive(target, encodeReadOnlyNotice())
    expect(readOnly).toBe(1)
    expect(states).toHaveLength(1)
  })

  it('puts the handlers it found back when stopped', () => {
    const target = provider(new Y.Doc())
    const stockSync = target.messageHandlers[messageSync]
    const stockAuth = target.messageHandlers[2]
    const stop = listenToServerSync(target, { onServerState() {}, onServerAnswer() {} })
    expect(target.messageHandlers[messageSync]).not.toBe(stockSync)
    expect(target.messageHandlers[2]).not.toBe(stockAuth)
    stop()
    expect(target.messageHandlers[messageSync]).toBe(stockSync)
    expect(target.messageHandlers[2]).toBe(stockAuth)
  })

  it('OFF-2: over a socket, hears the join and every acknowledgement, and edits still sync', async () => {
    const server = new TestSyncServer()
    const doc = new Y.Doc()
    const target = provider(doc, server)
    const states: [Map<number, number>, boolean][] = []
    listenToServerSync(target, {
      onServerState: (vector, answered) => states.push([vector, answered]),
      onServerAnswer() {},
    })
    await eventually(() => expect(target.synced).toBe(true))
    expect(states.map(([, answered]) => answered)).toEqual([true])

    doc.getMap('records').set('shape:b', 'typed')
    await eventually(() => expect(states).toHaveLength(2))
    expect(states[1]?.[0].get(doc.clientID)).toBe(1)
    expect(states[1]?.[1]).toBe(false)
    expect(server.doc.getMap('records').get('shape:b')).toBe('typed')

    doc.getMap('records').delete('shape:b')
    await eventually(() => expect(states).toHaveLength(3))
    expect(server.doc.getMap('records').has('shape:b')).toBe(false)
    // The only step 1 and step 2 from the client: its own greeting and its answer to the
    // server's. Acknowledgements cost the client nothing to send.
    expect(server.received.filter((message) => message.kind === 'step1')).toHaveLength(1)
    expect(server.received.filter((message) => message.kind === 'step2')).toHaveLength(1)

    // A new socket is greeted, and answered, again.
    server.goOffline()
    await eventually(() => expect(target.wsconnected).toBe(false))
    doc.getMap('records').set('shape:c', 'offline')
    server.goOnline()
    target.connect()
    await eventually(() => expect(server.doc.getMap('records').get('shape:c')).toBe('offline'))
    expect(states[3]?.[1]).toBe(true)
    expect(server.received.filter((message) => message.kind === 'step2')).toHaveLength(2)
  })
})
