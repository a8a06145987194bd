import { CloseCode } from '@stormline/shared/sync/close-codes'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoard, syncUrl, type TestBoard } from './support/board-clients.ts'
import { FuzzSocket, type Outcome } from './support/fuzz-socket.ts'
import { type ObservedServer, startObservedServer } from './support/observed-server.ts'

/**
 * Found by the fuzz campaign: an update whose clocks start past what the server
 * has for that client cannot be integrated, so Yjs keeps it "pending" in memory
 * and emits no update event. The room never counts those bytes, so
 * MAX_BOARD_BYTES does not bound them: a peer can make the server hold any
 * amount of memory (locally, 120 MiB of 1 MiB frames against the 50 MiB default
 * limit, no close). Nothing of it is visible, stored in the log, or relayed.
 *
 * The room now refuses such an update and forgets what could not be integrated.
 */

const maxBoardBytes = 64 * 1024

let server: ObservedServer
let board: TestBoard

beforeAll(async () => {
  server = await startObservedServer({ env: { MAX_BOARD_BYTES: String(maxBoardBytes) } })
  board = await createBoard(server.httpUrl, 'Pending')
})

afterAll(async () => {
  await server.dispose()
})

/** A sync update from a new client that leaves out its first edit (clock 0). */
function gappedUpdate(clientId: number, bytes: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  writeRecord(doc, stickyRecord('shape:never-sent'))
  const withoutFirstEdit = Y.encodeStateVector(doc)
  writeRecord(doc, stickyRecord(`shape:${clientId}`, { text: 'x'.repeat(bytes) }))
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // sync
  encoding.writeVarUint(encoder, 2) // update
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, withoutFirstEdit))
  return encoding.toUint8Array(encoder)
}

describe('updates the server cannot integrate yet', () => {
  it('are refused instead of held in memory', async () => {
    const socket = await FuzzSocket.open(syncUrl(server.wsUrl, board), 2 ** 41)
    const outcomes: Outcome[] = []
    // Eight times the limit, in frames well under the limit each.
    for (let i = 0; i < 32 && socket.isOpen; i++) {
      outcomes.push(await socket.sendFrame(gappedUpdate(7_000 + i, 16 * 1024), true))
    }
    socket.close()
    const refused = outcomes.find((outcome) => !outcome.accepted)
    expect(refused).toMatchObject({ accepted: false, code: expect.any(Number) })
    expect([
      CloseCode.malformedMessage,
      CloseCode.forbiddenEdit,
      CloseCode.boardTooLarge,
    ]).toContain(refused?.accepted === false ? refused.code : 0)
  })
})
