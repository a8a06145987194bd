import { isDeepStrictEqual } from 'node:util'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { readRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  connectProvider,
  createBoard as createTestBoard,
  recordsJson,
  synced,
  type TestBoard,
  until,
} from './support/board-clients.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/**
 * The real server process, real SQLite in a temp dir, and stock y-websocket
 * clients: the same provider the browser uses, running in Node.
 */

const servers: ServerProcess[] = []
const providers: WebsocketProvider[] = []

afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  for (const server of servers.splice(0)) await server.dispose()
})

async function launch(): Promise<ServerProcess> {
  const server = await startServer()
  servers.push(server)
  return server
}

async function createBoard(server: ServerProcess): Promise<TestBoard> {
  return createTestBoard(server.httpUrl, 'Integration')
}

function connect(server: ServerProcess, board: TestBoard, doc = new Y.Doc()): WebsocketProvider {
  const provider = connectProvider(server.wsUrl, board, { doc })
  providers.push(provider)
  return provider
}

const records = (provider: WebsocketProvider): Record<string, unknown> => recordsJson(provider.doc)

describe('sync server with stock y-websocket clients', () => {
  it('converges concurrent edits and brings a late joiner up to date', async () => {
    const server = await launch()
    const board = await createBoard(server)
    const alice = connect(server, board)
    const bob = connect(server, board)
    await Promise.all([synced(alice), synced(bob)])

    // Both edit the same record and their own records in the same tick.
    alice.doc.transact(() => {
      writeRecord(alice.doc, stickyRecord('shape:shared', { text: 'alice' }))
      writeRecord(alice.doc, stickyRecord('shape:alice', { x: 1 }))
    })
    bob.doc.transact(() => {
      writeRecord(bob.doc, stickyRecord('shape:shared', { text: 'bob' }))
      writeRecord(bob.doc, stickyRecord('shape:bob', { x: 2 }))
    })
    await until(
      () =>
        Object.keys(records(alice)).length === 3 && isDeepStrictEqual(records(alice), records(bob)),
      'alice and bob to converge',
    )

    const carol = connect(server, board)
    await synced(carol)
    await until(() => isDeepStrictEqual(records(carol), records(alice)), 'carol')
  })

  it('keeps every update that reached another client when the server is killed', async () => {
    let server = await launch()
    const board = await createBoard(server)
    const writer = connect(server, board)
    const witness = connect(server, board)
    await Promise.all([synced(writer), synced(witness)])

    for (let i = 0; i < 50; i++) writeRecord(writer.doc, stickyRecord(`shape:${i}`, { x: i }))
    await until(() => witness.doc.getMap('records').size === 50, 'witness to see 50 updates')

    // Stop the clients first so nothing can be re-sent from them after the restart.
    writer.destroy()
    witness.destroy()
    server = await server.restart()
    servers.push(server)

    const fresh = connect(server, board)
    await synced(fresh)
    expect(fresh.doc.getMap('records').size).toBe(50)
    expect(readRecord(fresh.doc, 'shape:49')).toEqual(stickyRecord('shape:49', { x: 49 }))
  })

  it('keeps edits made while the server is down and sends them on reconnect', async () => {
    let server = await launch()
    const board = await createBoard(server)
    const alice = connect(server, board)
    await synced(alice)
    await server.crash()
    await until(() => !alice.wsconnected, 'alice to notice the crash')
    writeRecord(alice.doc, stickyRecord('shape:offline', { text: 'typed while offline' }))

    server = await server.restart()
    servers.push(server)
    await until(() => alice.synced, 'alice to reconnect')
    const bob = connect(server, board)
    await until(() => bob.doc.getMap('records').has('shape:offline'), 'bob to get the offline edit')
  })

  it('closes the socket with the board-not-found code for an unknown board', async () => {
    const server = await launch()
    const closes: number[] = []
    const provider = connect(server, { id: 'AAAAAAAAAAAAAAAAAAAAAA', token: 'A'.repeat(32) })
    provider.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    await until(() => closes.length > 0, 'the server to close the socket')
    expect(closes[0]).toBe(CloseCode.boardNotFound)
    // y-websocket treats 44xx as final: it must not keep hammering the server.
    expect(provider.shouldConnect).toBe(false)
  })
})
