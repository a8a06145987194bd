import type { BoardRole } from '@stormline/shared/access/roles'
import type { CreatedBoard } from '@stormline/shared/api/types'
import type { BoardModel } from '@stormline/shared/board/read-board'
import type {
  StickyImportDone,
  StickyImportPreview,
  StickyImportRefused,
} from '@stormline/shared/import/import-api'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import {
  pageRecord,
  readRecord,
  stickyText,
  timelineRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardUrl, createBoard } from './support/boards.ts'
import { postOnOwnConnection } from './support/own-connection.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  eventually,
  newMember,
  type StockClient,
  StockClients,
  synced,
} from './support/stock-clients.ts'

/**
 * A facilitator brings in a spreadsheet of stickies (`POST /api/boards/:id/stickies/import`):
 * good files appear on the board for everyone at once, any bad file changes nothing.
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

/** A board with a page and a two-phase timeline, as the web app seeds it, and a client on it. */
async function seededBoard(body: Record<string, unknown> = {}): Promise<{
  board: CreatedBoard
  client: StockClient
}> {
  const board = await createBoard(server, body)
  const me = await newMember(server, board, 'facilitator')
  const client = clients.connect(board, 'facilitator', { credential: me.credential })
  await synced(client)
  client.doc.transact(() => {
    writeRecord(client.doc, pageRecord)
    writeRecord(
      client.doc,
      timelineRecord({
        w: 1000,
        h: 100,
        startLabel: 'Start',
        endLabel: 'Live',
        phases: [
          { id: 'build', name: 'Build & CI', weight: 1 },
          { id: 'release', name: 'Release', weight: 1 },
        ],
      }),
    )
  })
  await eventually(async () => (await model(board)).timeline !== null, 'the seeded timeline')
  return { board, client }
}

async function model(board: CreatedBoard): Promise<BoardModel> {
  const response = await fetch(boardUrl(server, board, '/model', 'viewer'))
  return (await response.json()) as BoardModel
}

function importCsv(
  board: CreatedBoard,
  body: string | Uint8Array,
  options: { role?: BoardRole; dryRun?: boolean; type?: string } = {},
): Promise<Response> {
  const path = `/stickies/import${options.dryRun ? '?dryRun=1' : ''}`
  return fetch(boardUrl(server, board, path, options.role ?? 'facilitator'), {
    method: 'POST',
    headers: { 'content-type': options.type ?? 'text/csv; charset=utf-8' },
    body,
  })
}

const recordIds = (client: StockClient): string[] =>
  [...client.doc.getMap<unknown>(docLayout.records).keys()].sort()

const goodCsv =
  '\uFEFFtext,kind,phase,context,author\r\n' +
  'Flaky integration tests,pain,Build & CI,"Fails ""often""",Ana\r\n' +
  'Change board approval,step,release,,\r\n' +
  '=1+1,question,Release,,\r\n'

describe('POST /api/boards/:id/stickies/import', () => {
  it('previews without writing, then writes every sticky in its phase for everyone on the board', async () => {
    const { board, client } = await seededBoard()
    const before = recordIds(client)

    const preview = await importCsv(board, goodCsv, { dryRun: true })
    expect(preview.status).toBe(200)
    const rows = (await preview.json()) as StickyImportPreview
    expect(rows.ok).toBe(true)
    expect(rows.rows.map((r) => r.line)).toEqual([2, 3, 4])
    expect(recordIds(client)).toEqual(before)

    const done = await importCsv(board, goodCsv)
    expect(done.status).toBe(201)
    const { created, ids } = (await done.json()) as StickyImportDone
    expect(created).toBe(3)
    await eventually(() => ids.every((id) => recordIds(client).includes(id)), 'imported stickies')
    expect(stickyText(readRecord(client.doc, ids[2] ?? ''))).toBe('=1+1')

    const stickies = (await model(board)).stickies
    expect(
      ids.map((id) => {
        const s = stickies.find((sticky) => sticky.id === id)
        return [s?.kind, s?.text, s?.phaseId, s?.authorName, s?.authorId, s?.context]
      }),
    ).toEqual([
      ['pain', 'Flaky integration tests', 'build', 'Ana', null, 'Fails "often"'],
      ['step', 'Change board approval', 'release', null, null, ''],
      ['question', '=1+1', 'release', null, null, ''],
    ])
  })

  it('writes nothing when one row is wrong, and says which', async () => {
    const { board, client } = await seededBoard()
    const before = recordIds(client)
    const response = await importCsv(
      board,
      'text,kind,phase\nFine,step,Release\nBad,banana,Release\nAlso fine,pain,Build & CI\n',
    )
    expect(response.status).toBe(422)
    const body = (await response.json()) as StickyImportRefused
    expect(body.error.code).toBe('invalid_rows')
    expect(body.rows.filter((row) => 'error' in row)).toEqual([
      { line: 3, error: expect.stringMatching(/^unknown kind "banana"/) },
    ])
    expect(recordIds(client)).toEqual(before)
    expect((await model(board)).stickies).toEqual([])
  })

  it('refuses malformed, oversized and non-CSV files with a code, changing nothing', async () => {
    const { board, client } = await seededBoard()
    const before = recordIds(client)
    const cases: [string | Uint8Array, string | undefined, number, string][] = [
      ['text,kind,phase\n"never closed,step,Release\n', undefined, 400, 'invalid_csv'],
      ['title,colour\nx,red\n', undefined, 400, 'missing_columns'],
      ['{"text":"x"}', 'application/json', 400, 'not_csv'],
      [new Uint8Array([0xff, 0xfe, 0x00, 0x41]), undefined, 400, 'not_utf8'],
      [`text,kind,phase\n${'x,step,Release\n'.repeat(1001)}`, undefined, 400, 'too_many_rows'],
      [`text,kind,phase\n"${'x'.repeat(20_000)}",step,Release\n`, undefined, 400, 'cell_too_long'],
    ]
    for (const [body, type, status, code] of cases) {
      const response = await importCsv(board, body, type ? { type } : {})
      expect([
        response.status,
        ((await response.json()) as StickyImportRefused).error.code,
      ]).toEqual([status, code])
    }
    // Over the limit: the server answers before reading the body, then closes the connection.
    const big = await postOnOwnConnection(
      boardUrl(server, board, '/stickies/import'),
      `text,kind,phase\n${'y'.repeat(1024 * 1024)}`,
      'text/csv',
    )
    expect([big.status, ((await big.json()) as StickyImportRefused).error.code]).toEqual([
      413,
      'body_too_large',
    ])
    expect(recordIds(client)).toEqual(before)
  })

  it('is the facilitator’s: participants and viewers get 403', async () => {
    const { board, client } = await seededBoard()
    const before = recordIds(client)
    for (const role of ['participant', 'viewer'] as const) {
      expect((await importCsv(board, goodCsv, { role })).status).toBe(403)
      expect((await importCsv(board, goodCsv, { role, dryRun: true })).status).toBe(403)
    }
    expect(recordIds(client)).toEqual(before)
  })

  it('keeps no author name on an anonymous board', async () => {
    const { board, client } = await seededBoard({ anonymous: true })
    const response = await importCsv(board, goodCsv)
    expect(response.status).toBe(201)
    const { ids } = (await response.json()) as StickyImportDone
    await eventually(() => ids.every((id) => recordIds(client).includes(id)), 'imported stickies')
    const meta = readRecord(client.doc, ids[0] ?? '')?.meta as Record<
      string,
      Record<string, unknown>
    >
    expect(meta.stormline).not.toHaveProperty('authorName')
    expect(meta.stormline).not.toHaveProperty('authorId')
  })
})
