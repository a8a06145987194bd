import { workshopMaps } from '@stormline/shared/backlog/workshop-fixture'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import {
  completeRecord,
  type BoardRecord as JsonRecord,
} from '@stormline/shared/testing/board-records'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardFile } from '../boards/board-file.ts'
import type { BoardRecord } from '../boards/board-store.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'
import { exportBoardRoute, importBoardRoute } from './board-transfer-routes.ts'

/** The two routes on their own, over an in-memory store (the wired server is tested in server/test). */

const source: BoardRecord = {
  id: 'SourceBoardId000000000',
  name: 'Équipe Ops: payments',
  template: 'future-backwards',
  createdAt: new Date('2026-11-20T09:00:00.000Z'),
}

let store: MemoryBoardStore
let registry: RoomRegistry
let app: Hono

beforeEach(() => {
  store = new MemoryBoardStore()
  registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  app = new Hono()
  app.get(
    '/api/boards/:id/export',
    exportBoardRoute(store, registry, () => new Date(0)),
  )
  app.post(
    '/api/boards/import',
    importBoardRoute(store, {
      maxDocumentBytes: 256 * 1024,
      newId: () => 'ImportedBoardId0000000',
    }),
  )
  store.createBoard(source)
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const [name, entries] of Object.entries(workshopMaps)) {
      // Records as a board of record layout v1 stored them, complete enough to be valid.
      for (const [key, value] of Object.entries(entries)) {
        doc.getMap(name).set(key, name === 'records' ? completeRecord(value as JsonRecord) : value)
      }
    }
  })
  store.appendUpdate(source.id, Y.encodeStateAsUpdate(doc))
})

afterEach(() => registry.close())

const stored = (id: string) => replayStoredDocument(store.loadDocument(id))

async function exportSource(): Promise<BoardFile> {
  const response = await app.request(`/api/boards/${source.id}/export`)
  expect(response.status).toBe(200)
  return (await response.json()) as BoardFile
}

const post = (body: string) => app.request('/api/boards/import', { method: 'POST', body })

describe('GET /api/boards/:id/export', () => {
  it('answers the board file as a download named after the board', async () => {
    const response = await app.request(`/api/boards/${source.id}/export`)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="equipe-ops-payments.stormline.json"',
    )
    expect(response.headers.get('cache-control')).toBe('no-store')
    const file = (await response.json()) as BoardFile
    expect(file).toMatchObject({
      format: 'stormline.board',
      version: 1,
      exportedAt: '1970-01-01T00:00:00.000Z',
    })
    expect(file.document.maps.records).toEqual(
      Object.fromEntries(
        Object.entries(workshopMaps.records).map(([id, r]) => [
          id,
          completeRecord(r as JsonRecord),
        ]),
      ),
    )
  })

  it('is 404 for an unknown or malformed board id', async () => {
    expect((await app.request('/api/boards/NoSuchBoard00000000000/export')).status).toBe(404)
    expect((await app.request('/api/boards/x/export')).status).toBe(404)
  })
})

describe('POST /api/boards/import', () => {
  it('creates a new board with the same document', async () => {
    const response = await post(JSON.stringify(await exportSource()))
    expect(response.status).toBe(201)
    const created = (await response.json()) as { id: string; name: string; template: string }
    expect(created).toMatchObject({
      id: 'ImportedBoardId0000000',
      name: source.name,
      template: 'future-backwards',
    })
    expect(readRecordsJson(stored(created.id))).toEqual(readRecordsJson(stored(source.id)))
  })

  it('lets the caller create the board (the access layer adds tokens and links)', async () => {
    const created: BoardRecord[] = []
    app.post(
      '/api/boards/import-with-links',
      importBoardRoute(store, {
        create: (c, board, update) => {
          created.push(board)
          store.createBoard(board)
          store.appendUpdate(board.id, update)
          return c.json({ id: board.id, links: { facilitator: 'x' } }, 201)
        },
      }),
    )
    const response = await app.request('/api/boards/import-with-links', {
      method: 'POST',
      body: JSON.stringify(await exportSource()),
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ links: { facilitator: 'x' } })
    expect(created).toHaveLength(1)
  })

  it.each([
    ['not JSON', '{"format":', 400, 'invalid_json'],
    ['empty', '', 400, 'invalid_json'],
    ['not a board file', '{"hello":"world"}', 400, 'invalid_board_file'],
    ['a newer version', '{"format":"stormline.board","version":2}', 400, 'unsupported_version'],
    [
      'a corrupt document',
      JSON.stringify({
        format: 'stormline.board',
        version: 1,
        document: { yjsUpdate: 'AAEC/w==' },
      }),
      400,
      'corrupt_document',
    ],
    [
      'a document over the limit',
      JSON.stringify({
        format: 'stormline.board',
        version: 1,
        document: { maps: { records: { big: 'x'.repeat(300 * 1024) } } },
      }),
      413,
      'document_too_large',
    ],
  ])('refuses %s and stores nothing', async (_name, body, status, code) => {
    const response = await post(body)
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error: { code } })
    expect(store.getBoard('ImportedBoardId0000000')).toBeUndefined()
  })
})
