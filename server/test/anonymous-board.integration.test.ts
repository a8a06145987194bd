import { sessionKeys } from '@stormline/shared/board/session'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import type { JsonObject } from '@stormline/shared/sync/json-value'
import { readRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  eventually,
  newMember,
  type StockClient,
  StockClients,
  sessionOf,
  synced,
} from './support/stock-clients.ts'

/**
 * Anonymous means anonymous (ADR 0013), with STOCK y-websocket clients: when the facilitator
 * switches a board to anonymous, the server strips every sticky's author for everyone; from then
 * on a sticky may carry no author at all.
 */

let server: ServerProcess
let clients: StockClients

beforeAll(async () => {
  server = await startServer()
  clients = new StockClients(server)
})

afterAll(async () => {
  clients.destroyAll()
  await server.dispose()
})

const authorOf = (client: StockClient, id: string): JsonObject => {
  const meta = (readRecord(client.doc, id)?.meta ?? {}) as JsonObject
  const { authorId, authorName } = (meta[stickyMetaKey] ?? {}) as JsonObject
  return { authorId, authorName }
}

describe('switching a board to anonymous', () => {
  it('strips every author for everyone, and takes no new one', async () => {
    const board = await createBoard(server, { name: 'Going anonymous' })
    const facilitator = clients.connect(board, 'facilitator')
    const people = await Promise.all(
      ['Ann', 'Bob'].map(async (name) => {
        const me = await newMember(server, board)
        const client = clients.connect(board, 'participant', { credential: me.credential })
        await synced(client)
        return { name, me, client }
      }),
    )
    const watcher = clients.connect(board, 'viewer')
    await Promise.all([synced(facilitator), synced(watcher)])
    for (const { name, me, client } of people) {
      const id = `shape:by-${name.toLowerCase()}`
      writeRecord(
        client.doc,
        stickyRecord(id, {
          kind: 'pain',
          text: `A point made by ${name === 'Ann' ? 'the first' : 'the second'} person`,
          authorId: me.memberId,
          authorName: name,
        }),
      )
      await eventually(() => authorOf(watcher, id).authorName === name, `${name}'s sticky`)
    }

    sessionOf(facilitator).set(sessionKeys.anonymous, true)
    for (const client of [facilitator, watcher, ...people.map((p) => p.client)]) {
      for (const id of ['shape:by-ann', 'shape:by-bob']) {
        await eventually(
          () => authorOf(client, id).authorName === undefined,
          'the author to be stripped',
        )
        expect(authorOf(client, id)).toEqual({ authorId: undefined, authorName: undefined })
      }
    }
    const model = (await (
      await fetch(boardUrl(server, board, '/model', 'participant'))
    ).json()) as { stickies: { authorId: string | null; authorName: string | null }[] }
    expect(model.stickies).toHaveLength(2)
    for (const sticky of model.stickies)
      expect(sticky).toMatchObject({ authorId: null, authorName: null })
    // Nor does the board file, in its maps or in its Yjs state (the names are in no sticky's text).
    const file = JSON.parse(await (await fetch(boardUrl(server, board, '/export'))).text()) as {
      document: { maps: { records: unknown }; yjsUpdate: string }
    }
    const state = Buffer.from(file.document.yjsUpdate, 'base64').toString('latin1')
    const records = JSON.stringify(file.document.maps.records)
    for (const { name, me } of people) {
      for (const text of [records, state]) {
        expect(text).not.toContain(me.memberId)
        expect(text).not.toContain(name)
      }
    }

    // From now on a sticky names nobody: one without an author is taken, one with is refused.
    const [ann] = people
    if (!ann) throw new Error('no Ann')
    writeRecord(ann.client.doc, stickyRecord('shape:unsigned', { kind: 'pain', authorName: '' }))
    await eventually(
      () => readRecord(watcher.doc, 'shape:unsigned') !== undefined,
      'the unsigned sticky',
    )
    writeRecord(
      ann.client.doc,
      stickyRecord('shape:signed', { kind: 'pain', authorId: ann.me.memberId, authorName: 'Ann' }),
    )
    await eventually(() => ann.client.closes.includes(CloseCode.forbiddenEdit), 'the refusal')
    expect(readRecord(watcher.doc, 'shape:signed')).toBeUndefined()
    for (const client of [facilitator, watcher]) expect(client.closes).toEqual([])
  })
})
