import { writeRecord } from '@stormline/shared/testing/board-records'
import type { TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type BoardConnection, syncUrlFor } from './board-connection.ts'
import { testConnection } from './test-connection.ts'
import { noteRecord } from './test-records.ts'

/** What y-websocket emits when a socket opens and the server's state has been received. */
function syncWithServer({ provider }: BoardConnection): void {
  provider.emit('status', [{ status: 'connected' }])
  provider.emit('sync', [true])
}

function dropConnection({ provider }: BoardConnection): void {
  provider.emit('sync', [false])
  provider.emit('status', [{ status: 'disconnected' }])
}

describe('openBoardConnection', () => {
  it('derives the sync url from the page origin', () => {
    expect(syncUrlFor({ protocol: 'https:', host: 'board.example:8443' })).toBe(
      'wss://board.example:8443/sync',
    )
    expect(syncUrlFor({ protocol: 'http:', host: 'localhost:5173' })).toBe(
      'ws://localhost:5173/sync',
    )
  })

  it('stays loading and connecting until the first sync, then is ready and live', () => {
    const board = testConnection()
    expect(board.state.get()).toMatchObject({ phase: 'loading', status: 'connecting' })
    board.provider.emit('status', [{ status: 'connected' }])
    expect(board.state.get()).toMatchObject({ phase: 'loading', status: 'connecting' })
    syncWithServer(board)
    expect(board.state.get()).toMatchObject({ phase: 'ready', status: 'live' })
    expect(board.store.get('page:page' as TLRecord['id'])).toBeDefined()
  })

  it('loads the board on the first sync only, keeping offline edits across reconnects', () => {
    const board = testConnection()
    const server = new Y.Doc()
    writeRecord(server, noteRecord('from-server', 'Hi'))
    Y.applyUpdate(board.doc, Y.encodeStateAsUpdate(server))
    syncWithServer(board)
    expect(board.store.get('shape:from-server' as TLRecord['id'])).toBeDefined()

    dropConnection(board)
    expect(board.state.get()).toMatchObject({ phase: 'ready', status: 'offline' })
    board.store.put([noteRecord('offline', 'Written while offline')])

    syncWithServer(board)
    expect(board.state.get().status).toBe('live')
    expect(board.store.get('shape:offline' as TLRecord['id'])).toBeDefined()
    expect(board.store.get('shape:from-server' as TLRecord['id'])).toBeDefined()
  })

  it('stops reconnecting and reports not-found on close code 4404', () => {
    const board = testConnection()
    board.provider.shouldConnect = true
    board.provider.emit('closed', [{ code: 4404, reason: 'board not found' }, board.provider])
    expect(board.state.get().phase).toBe('not-found')
    expect(board.provider.shouldConnect).toBe(false)
  })

  it.each([
    [4401, 'link-invalid'],
    [4403, 'edit-refused'],
    [4410, 'deleted'],
  ])('stops for good on close code %i and reports %s', (code, phase) => {
    const board = testConnection()
    syncWithServer(board)
    board.provider.shouldConnect = true
    board.provider.emit('closed', [{ code, reason: '' }, board.provider])
    expect(board.state.get().phase).toBe(phase)
    expect(board.provider.shouldConnect).toBe(false)
    board.connect()
    expect(board.provider.shouldConnect).toBe(false)
  })

  it('does not reconnect on a permanent close code or 1009, but does on retryable ones', () => {
    const board = testConnection()
    const close = (code: number) => ({ code }) as CloseEvent
    for (const code of [4401, 4403, 4404, 4410, 4413, 4422, 4426, 1009]) {
      expect(board.provider.shouldReconnect(close(code), board.provider), `${code}`).toBe(false)
    }
    for (const code of [1001, 1011, 1013, 4500, 4529]) {
      expect(board.provider.shouldReconnect(close(code), board.provider), `${code}`).toBe(true)
    }
  })

  it('cleans up the doc, provider and awareness on dispose', () => {
    const board = testConnection()
    syncWithServer(board)
    let destroyed = 0
    board.doc.on('destroy', () => destroyed++)
    board.dispose()
    expect(destroyed).toBe(1)
    expect(board.provider.awareness.getLocalState()).toBeNull()
    expect(board.provider.shouldConnect).toBe(false)
    board.dispose() // idempotent
  })
})
