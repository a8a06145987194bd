import type { CreatedBoard } from '@stormline/shared/api/types'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { readRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createBoard, syncUrl } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/** Hostile or broken peers lose their own socket and nothing else. */

let server: ServerProcess
let board: CreatedBoard
let boardId: string
let witness: WebsocketProvider
const kept = stickyRecord('shape:kept', { text: 'must survive' })

beforeAll(async () => {
  server = await startServer({ env: { MAX_MESSAGE_BYTES: String(64 * 1024) } })
  board = await createBoard(server)
  boardId = board.id
  witness = new WebsocketProvider(`${server.wsUrl}/sync`, boardId, new Y.Doc(), {
    disableBc: true,
    params: { token: board.tokens.participant },
  })
  await new Promise<void>((resolve) => witness.once('sync', () => resolve()))
  writeRecord(witness.doc, kept)
})

afterAll(async () => {
  witness.destroy()
  await server.dispose()
})

function closeCodeAfterSending(frame: string | Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(syncUrl(server, board))
    socket.binaryType = 'arraybuffer'
    socket.onopen = () => socket.send(frame)
    socket.onclose = (event) => resolve(event.code)
    socket.onerror = () => {}
    setTimeout(() => reject(new Error('socket was not closed')), 10_000)
  })
}

describe('malformed websocket frames', () => {
  it.each([
    ['a text frame', 'hello', CloseCode.unsupportedData],
    ['an unknown message type', new Uint8Array([77, 1, 2]), CloseCode.malformedMessage],
    ['a truncated update', new Uint8Array([0, 2, 250, 1]), CloseCode.malformedMessage],
    ['an oversized frame', new Uint8Array(128 * 1024), CloseCode.messageTooBig],
  ])('closes the sender of %s with its documented code', async (_name, frame, code) => {
    expect(await closeCodeAfterSending(frame)).toBe(code)
  })

  it('leaves the server, the room and other clients working', async () => {
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200)
    expect(witness.wsconnected).toBe(true)
    const late = new WebsocketProvider(`${server.wsUrl}/sync`, boardId, new Y.Doc(), {
      disableBc: true,
      params: { token: board.tokens.viewer },
    })
    await new Promise<void>((resolve) => late.once('sync', () => resolve()))
    await expect.poll(() => readRecord(late.doc, 'shape:kept')).toEqual(kept)
    late.destroy()
  })
})
