import { writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import {
  connectProvider,
  createBoard,
  records,
  sticky,
  synced,
  until,
} from './support/board-clients.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * An honest client can send an update that builds on its own edits the server
 * has not seen yet: it edited while offline, reconnected, and edited again
 * before the server's sync step 1 came back (y-websocket sends each local
 * update as soon as the socket is open; the offline edits only travel in its
 * sync step 2, one round trip later). Someone dragging a sticky when the
 * network comes back does exactly this. The server must wait for the step 2,
 * not drop the client.
 *
 * The room holds such an update for its socket until the step 2 arrives (bounded by the
 * board size limit), then applies both.
 */

let server: ObservedServer | undefined
const providers: WebsocketProvider[] = []

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server?.dispose()
})

describe('reconnecting after offline edits', () => {
  it('keeps a client that edits again right after reconnecting', async () => {
    server = await startObservedServer()
    const board = await createBoard(server.httpUrl, 'Reconnect')
    const alice = connectProvider(server.wsUrl, board)
    const bob = connectProvider(server.wsUrl, board)
    providers.push(alice, bob)
    await Promise.all([synced(alice), synced(bob)])

    alice.disconnect()
    writeRecord(alice.doc, sticky('shape:offline', 'typed while offline'))
    const closes: number[] = []
    alice.on('connection-close', (event) => closes.push(event?.code ?? -1))
    let editedOnReconnect = false
    alice.on('status', ({ status }) => {
      if (status !== 'connected' || editedOnReconnect) return
      // The first moment the socket is open: before the server's step 1 can arrive.
      editedOnReconnect = true
      writeRecord(alice.doc, sticky('shape:moved', 'dragged on reconnect'))
    })
    alice.connect()

    await until(
      () => closes.length > 0 || records(bob.doc).has('shape:moved'),
      "bob to get alice's edits, or alice to be dropped",
    )
    expect(closes).toEqual([])
    await until(() => records(bob.doc).has('shape:offline'), 'the offline edit')
  })
})
