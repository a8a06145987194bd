import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord, readRecordsJson } from '@stormline/shared/sync/record-layout'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { connectProvider, createBoard, type TestBoard } from './support/board-clients.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/**
 * VAL-1 end to end: a stock y-websocket client that writes a record tldraw's schema rejects is
 * closed with 4422 (a code a stock client does not retry), nobody else receives the record, the
 * stored board never holds it, and clients that connect afterwards work normally.
 */

let server: ServerProcess
let board: TestBoard

beforeAll(async () => {
  server = await startServer()
  board = await createBoard(server.httpUrl, 'Validated')
})

afterAll(async () => {
  await server.dispose()
})

const synced = (provider: WebsocketProvider) =>
  new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('an invalid record from a stock client (VAL-1)', () => {
  it('closes the sender with 4422 and reaches neither the other clients nor the board', async () => {
    const writer = connectProvider(server.wsUrl, board)
    const watcher = connectProvider(server.wsUrl, board)
    const closes: number[] = []
    writer.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    try {
      await Promise.all([synced(writer), synced(watcher)])
      writeRecord(writer.doc, stickyRecord('shape:fine', { text: 'Fine' }))
      await until(() => 'shape:fine' in readRecordsJson(watcher.doc), 'the valid sticky')

      writer.doc.transact(() => {
        writeRecord(writer.doc, stickyRecord('shape:also-fine', { text: 'Lost with the rest' }))
        writer.doc
          .getMap<unknown>(docLayout.records)
          .set('shape:bad', encodeRecord({ ...stickyRecord('shape:bad'), rotation: 'upside down' }))
      })
      await until(() => closes.length > 0, 'the close')
      expect(closes).toEqual([CloseCode.invalidRecord])
      // A stock provider gives up on a 44xx close; it does not hammer the server.
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(writer.wsconnected || writer.wsconnecting).toBe(false)
      expect(Object.keys(readRecordsJson(watcher.doc))).toEqual(['shape:fine'])

      const model = (await (
        await fetch(`${server.httpUrl}/api/boards/${board.id}/model?token=${board.token}`)
      ).json()) as { stickies: { id: string }[] }
      expect(model.stickies.map((sticky) => sticky.id)).toEqual(['shape:fine'])
      expect(server.events('sync.invalid_record')).toEqual([
        expect.objectContaining({ boardId: board.id, recordId: 'shape:bad' }),
      ])

      // A fresh client (or the same person after reloading) gets the board and can write.
      const fresh = connectProvider(server.wsUrl, board)
      try {
        await synced(fresh)
        expect(Object.keys(readRecordsJson(fresh.doc))).toEqual(['shape:fine'])
        writeRecord(fresh.doc, stickyRecord('shape:after', { text: 'After' }))
        await until(() => 'shape:after' in readRecordsJson(watcher.doc), 'the later sticky')
      } finally {
        fresh.destroy()
      }
    } finally {
      writer.destroy()
      watcher.destroy()
    }
  })
})
