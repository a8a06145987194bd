import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { TestSyncServer } from '../sync/test-sync-server.ts'
import {
  openPrivateConnection,
  type PrivateConnection,
  privateRoomName,
} from './private-connection.ts'
import { readPrivateMember } from './private-member.ts'

const boardId = 'b'.repeat(22)
const memberId = 'm'.repeat(22)
const opened: PrivateConnection[] = []

function open(server: TestSyncServer): PrivateConnection {
  const connection = openPrivateConnection({
    boardId,
    syncUrl: 'ws://stormline.test/sync',
    WebSocketPolyfill: server.WebSocket,
  })
  opened.push(connection)
  return connection
}

afterEach(() => {
  for (const connection of opened.splice(0)) connection.dispose()
})

describe('openPrivateConnection', () => {
  it('opens the member’s own room next to the board’s', () => {
    expect(privateRoomName(boardId)).toBe(`${boardId}/private`)
    const server = new TestSyncServer()
    server.acknowledges = false
    const connection = open(server)
    expect(connection.provider.url).toBe(`ws://stormline.test/sync/${boardId}/private`)
  })

  it('loads the server’s copy and follows the member entry the server writes', async () => {
    const server = new TestSyncServer()
    server.acknowledges = false
    const member = server.doc.getMap(privateLayout.member)
    member.set('memberId', memberId)
    member.set('role', 'participant')
    member.set('coFacilitator', false)
    server.doc.getMap(privateLayout.votes).set(myVotesKey, { round: 1, dots: { a: 2 } })
    const connection = open(server)
    expect(connection.loaded.get()).toBe(false)
    await vi.waitFor(() => expect(connection.synced.get()).toBe(true))
    expect(connection.loaded.get()).toBe(true)
    expect(connection.member.get()).toEqual({ memberId, role: 'participant', coFacilitator: false })
    expect(connection.doc.getMap(privateLayout.votes).get(myVotesKey)).toEqual({
      round: 1,
      dots: { a: 2 },
    })

    // Promoted: the server rewrites the entry, and the page learns it at once.
    const socket = [...server.sockets][0]
    server.doc.transact(() => {
      member.set('role', 'facilitator')
      member.set('coFacilitator', true)
    })
    const update = Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(connection.doc))
    Y.applyUpdate(connection.doc, update, socket)
    expect(connection.member.get()).toEqual({ memberId, role: 'facilitator', coFacilitator: true })
  })

  it('stays loaded but not synced while offline, and comes back', async () => {
    const server = new TestSyncServer()
    server.acknowledges = false
    const connection = open(server)
    await vi.waitFor(() => expect(connection.synced.get()).toBe(true))
    server.goOffline()
    await vi.waitFor(() => expect(connection.synced.get()).toBe(false))
    expect(connection.loaded.get()).toBe(true)
    server.goOnline()
    await vi.waitFor(() => expect(connection.synced.get()).toBe(true), { timeout: 5000 })
  })

  it('ends for good on a final close code, like the board’s socket', async () => {
    const server = new TestSyncServer()
    server.acknowledges = false
    const connection = open(server)
    await vi.waitFor(() => expect(connection.synced.get()).toBe(true))
    server.closeAll(4403, 'forbidden edit')
    await vi.waitFor(() => expect(connection.ended.get()).toBe('edit-refused'))
    expect(connection.provider.shouldConnect).toBe(false)
  })
})

describe('readPrivateMember', () => {
  it('reads the entry as the server writes it, and tolerates junk', () => {
    expect(readPrivateMember({ memberId, role: 'viewer', coFacilitator: 'yes' })).toEqual({
      memberId,
      role: 'viewer',
      coFacilitator: false,
    })
    expect(
      readPrivateMember({ member: { memberId, role: 'facilitator', coFacilitator: true } }),
    ).toEqual({ memberId, role: 'facilitator', coFacilitator: true })
    expect(readPrivateMember({})).toBeNull()
    expect(readPrivateMember({ memberId, role: 'admin' })).toBeNull()
    expect(readPrivateMember(null)).toBeNull()
  })
})
