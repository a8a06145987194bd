import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { stickyRecord } from '@stormline/shared/testing/board-records'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BoardFile } from '../src/boards/board-file.ts'
import { boardUrl, createBoard } from './support/boards.ts'
import { postOnOwnConnection } from './support/own-connection.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import { validWorkshopMaps as workshopMaps, writeWorkshop } from './support/workshop-board.ts'

/**
 * A finished workshop leaves the server as a board file and comes back as a new
 * board that reads the same; bad files are refused without storing anything.
 * Anonymous boards name nobody in any export.
 */

const run = promisify(execFile)
const exportCli = new URL('../src/cli/export-backlog.ts', import.meta.url).pathname
const names = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eve', 'Mallory']
const maxBoardBytes = 256 * 1024

let server: ServerProcess
let original: CreatedBoard
let anonymous: CreatedBoard
/** The workshop's records as the named board holds them (credited to its people's members). */
let originalRecords: Record<string, unknown>
/** The member ids of the anonymous board's people: no export may name them either. */
let anonymousMembers: string[]

function storedBoardCount(): number {
  const db = new Database(path.join(server.dataDir, 'stormline.sqlite'), {
    readonly: true,
    fileMustExist: true,
  })
  try {
    return (db.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function exportFile(board: CreatedBoard): Promise<string> {
  const response = await fetch(boardUrl(server, board, '/export'))
  expect(response.status).toBe(200)
  return response.text()
}

function importFile(body: string): Promise<Response> {
  return fetch(`${server.httpUrl}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
}

/**
 * The import POST on a connection of its own: the server answers an oversized body before reading
 * it and then closes the socket, which fetch's pooled keep-alive connection would only notice on
 * the next, unrelated request.
 */
function importOnOwnConnection(body: string): Promise<Response> {
  return postOnOwnConnection(`${server.httpUrl}/api/boards/import`, body, 'application/json')
}

async function json(board: CreatedBoard, route: string): Promise<unknown> {
  return (await fetch(boardUrl(server, board, route))).json()
}

beforeAll(async () => {
  server = await startServer({ env: { MAX_BOARD_BYTES: String(maxBoardBytes) } })
  original = await createBoard(server, { name: 'Payments <b>&</b> path', template: 'post-mortem' })
  anonymous = await createBoard(server, { name: 'Anonymous retro', anonymous: true })
  // Written by the workshop's people, each a stock client with a member of their own; on the
  // anonymous board their stickies carry no author, as the server requires there.
  originalRecords = (await writeWorkshop(server, original, workshopMaps)).records
  const written = await writeWorkshop(server, anonymous, workshopMaps, { anonymous: true })
  anonymousMembers = [...written.members.values()]
})

afterAll(async () => {
  await server.dispose()
})

describe('GET /api/boards/:id/export', () => {
  it('answers the whole board as a .stormline.json download', async () => {
    const response = await fetch(boardUrl(server, original, '/export'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="payments-b-b-path.stormline.json"',
    )
    const text = await response.text()
    expect(text).not.toMatch(/[<>&]/)
    const file = JSON.parse(text) as BoardFile
    expect(file).toMatchObject({
      format: 'stormline.board',
      version: 1,
      board: { name: 'Payments <b>&</b> path', template: 'post-mortem' },
    })
    expect(Object.keys(file.document.maps).sort()).toEqual(Object.values(docLayout).sort())
    expect(file.document.maps.records).toEqual(originalRecords)
  })

  it.each(['participant', 'viewer'] as const)(
    'is for the facilitator only, not a %s',
    async (role) => {
      expect((await fetch(boardUrl(server, original, '/export', role))).status).toBe(403)
    },
  )

  it('needs a token', async () => {
    const response = await fetch(`${server.httpUrl}/api/boards/${original.id}/export`)
    expect(response.status).toBe(401)
  })
})

describe('POST /api/boards/import', () => {
  it('creates a new board whose model and backlog equal the original', async () => {
    const response = await importFile(await exportFile(original))
    expect(response.status).toBe(201)
    const imported = (await response.json()) as CreatedBoard
    expect(imported.id).not.toBe(original.id)
    expect(imported).toMatchObject({ name: 'Payments <b>&</b> path', template: 'post-mortem' })
    expect(imported.links?.facilitator).toContain(`/b/${imported.id}?token=`)
    expect(await json(imported, '/model')).toEqual(await json(original, '/model'))
    const backlog = (board: CreatedBoard) =>
      fetch(boardUrl(server, board, '/backlog?format=md'))
        .then((r) => r.text())
        .then((md) => md.replaceAll(board.id, 'BOARD'))
    expect(await backlog(imported)).toEqual(await backlog(original))
  })

  it('imports a hand-written file that has only maps', async () => {
    const file = JSON.parse(await exportFile(original)) as BoardFile
    const { yjsUpdate: _dropped, ...document } = file.document
    const response = await importFile(JSON.stringify({ ...file, document }))
    expect(response.status).toBe(201)
    const imported = (await response.json()) as CreatedBoard
    expect(await json(imported, '/model')).toEqual(await json(original, '/model'))
  })

  it.each([
    ['not JSON', () => '{"format": "stormline.board", ', 400, 'invalid_json'],
    ['not a board file', () => JSON.stringify({ hello: 'world' }), 400, 'invalid_board_file'],
    [
      'a newer version',
      () => JSON.stringify({ format: 'stormline.board', version: 2, document: {} }),
      400,
      'unsupported_version',
    ],
    [
      'a corrupt Yjs update',
      () =>
        JSON.stringify({
          format: 'stormline.board',
          version: 1,
          document: { yjsUpdate: Buffer.from('not a yjs update at all').toString('base64') },
        }),
      400,
      'corrupt_document',
    ],
    [
      'a body over the size limit',
      () =>
        JSON.stringify({
          format: 'stormline.board',
          version: 1,
          // A valid record, so only its size is wrong.
          document: {
            maps: {
              records: {
                'shape:big': stickyRecord('shape:big', { text: 'x'.repeat(maxBoardBytes * 2) }),
              },
            },
          },
        }),
      413,
      undefined,
    ],
  ])('refuses %s with a JSON error and stores nothing', async (_name, body, status, code) => {
    const before = storedBoardCount()
    const response = await importOnOwnConnection(body())
    expect(response.status).toBe(status)
    const answer = (await response.json()) as { error: { code: string; message: string } }
    if (code) expect(answer.error.code).toBe(code)
    expect(answer.error.message.length).toBeGreaterThan(0)
    expect(storedBoardCount()).toBe(before)
    // The server is fine afterwards.
    expect((await fetch(boardUrl(server, original, '/model'))).status).toBe(200)
  })
})

describe('anonymous boards name nobody', () => {
  it('in the model, not even by member id, while evidence still counts', async () => {
    const model = (await json(anonymous, '/model')) as {
      stickies: { authorName: string | null; authorId: string | null }[]
      session: { anonymous: boolean }
    }
    expect(model.session.anonymous).toBe(true)
    expect(model.stickies).toHaveLength(14)
    // ADR 0013: a sticky on an anonymous board carries no author at all (no name, and no id that
    // would link a person's stickies to each other).
    expect(model.stickies.every((s) => s.authorName === null && s.authorId === null)).toBe(true)
    // Unattributed stickies count as one voice each, so a cluster still weighs as several.
    const backlog = (await json(anonymous, '/backlog?format=json')) as {
      items: { score: { authors: number } }[]
    }
    expect(backlog.items.some((item) => item.score.authors > 1)).toBe(true)
  })

  it.each(['md', 'csv', 'json'])(
    'in the %s backlog, over HTTP and from the CLI',
    async (format) => {
      const http = await (
        await fetch(boardUrl(server, anonymous, `/backlog?format=${format}`))
      ).text()
      const { stdout: cli } = await run(process.execPath, [
        exportCli,
        anonymous.id,
        '--format',
        format,
        '--data-dir',
        server.dataDir,
      ])
      for (const name of [...names, ...anonymousMembers]) {
        expect(http).not.toContain(name)
        expect(cli).not.toContain(name)
      }
      // The same export of the named board does name people: the check above means something.
      expect(
        await (await fetch(boardUrl(server, original, `/backlog?format=${format}`))).text(),
      ).toContain('Ada')
    },
  )

  it('in the board file, which still imports as an anonymous board', async () => {
    const text = await exportFile(anonymous)
    const file = JSON.parse(text) as BoardFile
    const state = Buffer.from(file.document.yjsUpdate, 'base64').toString('latin1')
    for (const name of names) {
      expect(text).not.toContain(name)
      expect(state).not.toContain(name)
    }
    // No sticky links its writer by member id either.
    const records = JSON.stringify(file.document.maps.records)
    for (const memberId of anonymousMembers) expect(records).not.toContain(memberId)
    // The estimates were cast under names; the board holds them without, under unlinkable ids.
    const ballots = Object.values(file.document.maps.ballots)
    expect(ballots).toHaveLength(3)
    for (const ballot of ballots as { participantId: string; participantName?: string }[]) {
      expect(ballot.participantId).toMatch(/^b[1-3]$/)
      expect(ballot.participantName ?? '').toBe('')
    }
    const imported = (await (await importFile(text)).json()) as CreatedBoard
    expect(await json(imported, '/model')).toEqual(await json(anonymous, '/model'))
  })
})
