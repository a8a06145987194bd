import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  authMessageType,
  encodeReadOnlyNotice,
  encodeStoredAck,
  readStoredAck,
} from './access-messages.ts'

function afterType(message: Uint8Array): decoding.Decoder {
  const decoder = decoding.createDecoder(message)
  expect(decoding.readVarUint(decoder)).toBe(authMessageType)
  return decoder
}

describe('stored acknowledgement (ACK-1)', () => {
  it('carries the state vector and is told apart from the read-only notice', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('a', 1)
    const vector = Y.encodeStateVector(doc)
    expect(readStoredAck(afterType(encodeStoredAck(vector)))).toEqual(vector)
    expect(readStoredAck(afterType(encodeReadOnlyNotice()))).toBeNull()
    expect(readStoredAck(decoding.createDecoder(new Uint8Array([83, 200])))).toBeNull()
  })

  it('is ignored by a stock y-websocket provider: nothing answered, nothing applied', () => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider('ws://127.0.0.1:1', 'board', doc, { connect: false })
    let warned = 0
    const handler = provider.messageHandlers[authMessageType]
    if (!handler) throw new Error('no auth handler')
    const encoder = encoding.createEncoder()
    const message = encodeStoredAck(Y.encodeStateVector(doc))
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    const originalWarn = console.warn
    console.warn = () => {
      warned++
    }
    try {
      handler(encoder, decoder, provider, true, type)
    } finally {
      console.warn = originalWarn
    }
    expect(encoding.length(encoder)).toBe(0)
    expect(warned).toBe(0)
    provider.destroy()
  })
})
