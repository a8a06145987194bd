import { CloseCode } from '@stormline/shared/sync/close-codes'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import { connectProvider, createBoard, synced, syncUrl, until } from './support/board-clients.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * BAD-2, outgoing side: a peer that stops reading while the room keeps talking to it. The server
 * buffers what the peer has not taken only up to SEND_BUFFER_BYTES, then closes it with 4529
 * (retryable) instead of letting memory grow; the others carry on.
 */

let server: ObservedServer | undefined
const providers: WebsocketProvider[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server?.dispose()
})

describe('a peer that stops reading', () => {
  it('BAD-2: is closed with 4529 once its unsent bytes pass SEND_BUFFER_BYTES', async () => {
    server = await startObservedServer({
      env: { MAX_BOARD_BYTES: String(64 * 1024), SEND_BUFFER_BYTES: String(64 * 1024) },
    })
    const board = await createBoard(server.httpUrl, 'Slow reader')
    const slow = new WebSocket(syncUrl(server.wsUrl, board))
    let slowClose: number | null = null
    slow.on('close', (code) => {
      slowClose = code
    })
    slow.on('error', () => {})
    await new Promise((resolve) => slow.once('open', resolve))
    // Reads nothing more: the kernel buffers fill, then the server's.
    slow.pause()

    const talker = connectProvider(server.wsUrl, board)
    providers.push(talker)
    const talkerCloses: number[] = []
    talker.on('connection-close', (event) => talkerCloses.push(event?.code ?? -1))
    await synced(talker)
    // Presence is relayed to everyone and never stored: 100 kB states, as fast as allowed.
    const blob = 'x'.repeat(100_000)
    const observed = server
    for (let i = 0; i < 2_000 && observed.events('sync.send_overloaded').length === 0; i++) {
      talker.awareness.setLocalState({ blob, i })
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(observed.events('sync.send_overloaded').length).toBe(1)

    // The close frame waits behind what the peer never read; once it reads, it gets the code.
    slow.resume()
    await until(() => slowClose !== null, 'the slow peer to see its close')
    expect(slowClose).toBe(CloseCode.overloaded)
    expect(talkerCloses).toEqual([])
  }, 60_000)
})
