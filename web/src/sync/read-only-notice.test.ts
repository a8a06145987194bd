import { encodeReadOnlyNotice, encodeStoredAck } from '@stormline/shared/sync/access-messages'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { BoardConnection } from './board-connection.ts'
import { testConnection } from './test-connection.ts'

/** Hands a frame to the provider's handler table, as y-websocket does for a socket message. */
function receive({ provider }: BoardConnection, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  const handler = provider.messageHandlers[type]
  if (handler === undefined) throw new Error(`no handler for message type ${type}`)
  handler(encoding.createEncoder(), decoder, provider, false, type)
}

describe('the read-only notice', () => {
  it('switches the connection to read-only', () => {
    const board = testConnection()
    expect(board.readOnly.get()).toBe(false)
    receive(board, encodeReadOnlyNotice())
    expect(board.readOnly.get()).toBe(true)
  })

  it('shares the auth message with stored acknowledgements: both still work', () => {
    const board = testConnection()
    // A local edit of the doc (the store only writes to it once the board has loaded).
    board.doc.getMap('scratch').set('mine', 1)
    expect(board.unsaved.get()).toBe(1)
    receive(board, encodeStoredAck(Y.encodeStateVector(board.doc)))
    expect(board.unsaved.get()).toBe(0)
    expect(board.readOnly.get()).toBe(false)
    receive(board, encodeReadOnlyNotice())
    expect(board.readOnly.get()).toBe(true)
  })

  it('only logs another denial', () => {
    const board = testConnection()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 2)
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarString(encoder, 'something else')
    receive(board, encoding.toUint8Array(encoder))
    expect(board.readOnly.get()).toBe(false)
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})
