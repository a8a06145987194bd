import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { changesOwnEntry } from './own-awareness.ts'
import { testConnection } from './test-connection.ts'

/** Gives the provider an open socket that records what it sends. */
function attachSocket(provider: WebsocketProvider): Uint8Array[] {
  const sent: Uint8Array[] = []
  const socket = {
    readyState: 1,
    OPEN: 1,
    send: (data: Uint8Array) => sent.push(data),
    close: () => {},
  }
  // A stand-in for the browser socket: only what broadcasting reads.
  provider.ws = socket as unknown as WebSocket
  provider.wsconnected = true
  return sent
}

/** A peer's presence as the server relays it: an awareness frame for another client. */
function peerPresenceFrame(): Uint8Array {
  const peer = new awarenessProtocol.Awareness(new Y.Doc())
  peer.setLocalState({ user: { name: 'Peer' }, cursor: { x: 1, y: 2 } })
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(peer, [peer.doc.clientID]),
  )
  return encoding.toUint8Array(encoder)
}

/** Hands a frame to the provider's handler table, as y-websocket does for a socket message. */
function receive(provider: WebsocketProvider, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  provider.messageHandlers[type]?.(encoding.createEncoder(), decoder, provider, false, type)
}

/** Client ids of the entries in a sent awareness frame. */
function entriesOf(frame: Uint8Array): number[] {
  const decoder = decoding.createDecoder(frame)
  expect(decoding.readVarUint(decoder)).toBe(1)
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const ids: number[] = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    ids.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return ids
}

describe('presence sent by a board connection', () => {
  it("does not send a peer's presence back to the server", () => {
    const board = testConnection()
    const sent = attachSocket(board.provider)
    receive(board.provider, peerPresenceFrame())
    expect(board.provider.awareness.getStates().size).toBe(2)
    expect(sent).toEqual([])
  })

  it('sends its own presence, and only its own entry', () => {
    const board = testConnection()
    receive(board.provider, peerPresenceFrame())
    const sent = attachSocket(board.provider)
    board.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 })
    expect(sent).toHaveLength(1)
    expect(entriesOf(sent[0] as Uint8Array)).toEqual([board.doc.clientID])
  })

  it('is needed: a stock provider echoes every peer presence it hears', () => {
    const provider = new WebsocketProvider('ws://localhost:1/sync', 'board', new Y.Doc(), {
      connect: false,
      disableBc: true,
    })
    const sent = attachSocket(provider)
    receive(provider, peerPresenceFrame())
    expect(sent).toHaveLength(1)
    provider.destroy()
  })
})

describe('changesOwnEntry', () => {
  it.each([
    [{ added: [7], updated: [], removed: [] }, true],
    [{ added: [], updated: [3, 7], removed: [] }, true],
    [{ added: [], updated: [], removed: [7] }, true],
    [{ added: [3], updated: [4], removed: [5] }, false],
  ])('%j → %s', (changes, expected) => {
    expect(changesOwnEntry(changes, 7)).toBe(expected)
  })
})
