import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BoardAccess, CreatedBoard, RotatedLinks } from '@stormline/shared/api/types'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { readRecordsJson } from '@stormline/shared/sync/record-layout'
import { readRecord, stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/**
 * Role links, end to end against a real server: who gets in with which token, what the server
 * refuses from a participant or a viewer even when the client is modified, and what rotating
 * the links does to people already connected.
 */

let server: ServerProcess
const providers: WebsocketProvider[] = []

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  for (const provider of providers) provider.destroy()
  await server.dispose()
})

type Role = keyof CreatedBoard['tokens']

/** A stock y-websocket client: it knows nothing of roles and ignores the read-only notice. */
function connect(board: CreatedBoard, role: Role, token = board.tokens[role]) {
  const provider = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), {
    disableBc: true,
    maxBackoffTime: 200,
    params: { token },
  })
  const closes: number[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code)
  })
  providers.push(provider)
  return { provider, doc: provider.doc, closes }
}

const synced = (provider: WebsocketProvider): Promise<void> =>
  expect.poll(() => provider.synced, { timeout: 10_000 }).toBe(true)

const errorCode = async (response: Response): Promise<string> =>
  ((await response.json()) as { error: { code: string } }).error.code

/** The board as the database holds it, read straight from the SQLite file. */
function storedRecords(boardId: string): Record<string, unknown> {
  const db = new Database(path.join(server.dataDir, 'stormline.sqlite'), { readonly: true })
  try {
    const doc = new Y.Doc()
    const snapshot = db
      .prepare('select state from board_snapshots where board_id = ?')
      .get(boardId) as { state: Buffer } | undefined
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    const updates = db
      .prepare('select "update" from board_updates where board_id = ? order by seq')
      .all(boardId) as { update: Buffer }[]
    for (const row of updates) Y.applyUpdate(doc, row.update)
    return {
      records: readRecordsJson(doc),
      session: doc.getMap(docLayout.session).toJSON(),
    }
  } finally {
    db.close()
  }
}

describe('role links', () => {
  it('gives each new board three different secret links, and stores only hashes', async () => {
    const board = await createBoard(server, { name: 'Secrets' })
    const tokens = Object.values(board.tokens)
    expect(new Set(tokens).size).toBe(3)
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(board.links.participant).toBe(
      `${server.httpUrl}/b/${board.id}?token=${board.tokens.participant}`,
    )
    const database = readFileSync(path.join(server.dataDir, 'stormline.sqlite'))
    const wal = readFileSync(path.join(server.dataDir, 'stormline.sqlite-wal'))
    for (const token of tokens) {
      expect(database.includes(token)).toBe(false)
      expect(wal.includes(token)).toBe(false)
    }
  })

  it('answers 401 without a token or with a wrong one, and the role for each real one', async () => {
    const board = await createBoard(server)
    const bare = await fetch(`${server.httpUrl}/api/boards/${board.id}`)
    expect(bare.status).toBe(401)
    expect(await errorCode(bare)).toBe('token_required')
    const other = await createBoard(server)
    for (const wrong of ['nope', other.tokens.facilitator, `${board.tokens.viewer.slice(1)}x`]) {
      const response = await fetch(`${server.httpUrl}/api/boards/${board.id}?token=${wrong}`)
      expect(response.status).toBe(401)
      expect(await errorCode(response)).toBe('invalid_token')
    }
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const response = await fetch(boardUrl(server, board, '', role))
      expect(((await response.json()) as BoardAccess).role).toBe(role)
    }
    const bearer = await fetch(`${server.httpUrl}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${board.tokens.viewer}` },
    })
    expect(((await bearer.json()) as BoardAccess).role).toBe('viewer')
    expect((await fetch(`${server.httpUrl}/api/boards/${board.id}/model`)).status).toBe(401)
  })

  it('turns a link token into an HttpOnly, SameSite=Strict cookie that then opens the board', async () => {
    const board = await createBoard(server)
    const exchange = await fetch(`${server.httpUrl}/api/boards/${board.id}/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: board.tokens.participant }),
    })
    expect(exchange.status).toBe(200)
    expect(((await exchange.json()) as BoardAccess).role).toBe('participant')
    const cookie = exchange.headers.get('set-cookie') ?? ''
    expect(cookie).toContain(`stormline_${board.id}=${board.tokens.participant}`)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const withCookie = await fetch(`${server.httpUrl}/api/boards/${board.id}`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    })
    expect(((await withCookie.json()) as BoardAccess).role).toBe('participant')

    const refused = await fetch(`${server.httpUrl}/api/boards/${board.id}/access`, {
      method: 'POST',
      body: JSON.stringify({ token: 'x'.repeat(32) }),
    })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('set-cookie')).toBeNull()
  })

  it('refuses every facilitator-only request from a participant or a viewer', async () => {
    const board = await createBoard(server, { name: 'Guarded' })
    const attempts = (role: Role) => [
      fetch(boardUrl(server, board, '', role), {
        method: 'PATCH',
        body: JSON.stringify({ name: 'Hijacked' }),
      }),
      fetch(boardUrl(server, board, '', role), { method: 'DELETE' }),
      fetch(boardUrl(server, board, '/links/rotate', role), { method: 'POST', body: '{}' }),
      fetch(boardUrl(server, board, '/export', role)),
    ]
    for (const role of ['participant', 'viewer'] as const) {
      for (const response of await Promise.all(attempts(role))) {
        expect(response.status).toBe(403)
        expect(await errorCode(response)).toBe('forbidden')
      }
    }
    const still = await fetch(boardUrl(server, board))
    expect(((await still.json()) as BoardAccess).name).toBe('Guarded')
  })

  it('lets the facilitator rename the board, live for everyone on it', async () => {
    const board = await createBoard(server)
    const viewer = connect(board, 'viewer')
    await synced(viewer.provider)
    const renamed = await fetch(boardUrl(server, board), {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Payments discovery' }),
    })
    expect(renamed.status).toBe(200)
    const seen = await fetch(boardUrl(server, board, '', 'viewer'))
    expect(((await seen.json()) as BoardAccess).name).toBe('Payments discovery')
    await expect
      .poll(() => viewer.doc.getMap(docLayout.session).get('boardName'))
      .toBe('Payments discovery')
    const empty = await fetch(boardUrl(server, board), {
      method: 'PATCH',
      body: JSON.stringify({ name: '   ' }),
    })
    expect(empty.status).toBe(400)
  })
})

describe('the websocket enforces roles', () => {
  it('closes sockets without a valid token with 4401', async () => {
    const board = await createBoard(server)
    const stranger = connect(board, 'participant', '')
    const forger = connect(board, 'participant', 'A'.repeat(32))
    await expect.poll(() => stranger.closes[0], { timeout: 10_000 }).toBe(CloseCode.unauthorized)
    await expect.poll(() => forger.closes[0], { timeout: 10_000 }).toBe(CloseCode.unauthorized)
    expect(stranger.provider.shouldConnect).toBe(false)
  })

  it("never lets a viewer's edits reach another client or the database", async () => {
    const board = await createBoard(server)
    const facilitator = connect(board, 'facilitator')
    const viewer = connect(board, 'viewer')
    await Promise.all([synced(facilitator.provider), synced(viewer.provider)])
    const real = stickyRecord('shape:real', { text: 'real' })
    writeRecord(facilitator.doc, real)
    await expect.poll(() => readRecord(viewer.doc, 'shape:real')).toEqual(real)

    writeRecord(viewer.doc, stickyRecord('shape:vandal', { text: 'vandal' }))
    viewer.doc.getMap(docLayout.session).set('step', 6)
    // A later honest edit proves the viewer's frames had time to arrive and were dropped.
    writeRecord(facilitator.doc, stickyRecord('shape:after', { text: 'after' }))
    await expect.poll(() => viewer.doc.getMap(docLayout.records).has('shape:after')).toBe(true)
    const late = connect(board, 'participant')
    await synced(late.provider)
    expect(Object.keys(late.doc.getMap(docLayout.records).toJSON()).sort()).toEqual([
      'shape:after',
      'shape:real',
    ])
    expect(facilitator.doc.getMap(docLayout.records).has('shape:vandal')).toBe(false)
    expect(viewer.closes).toEqual([])
    const stored = storedRecords(board.id)
    expect(stored.records).not.toHaveProperty('shape:vandal')
    expect(stored.session).toEqual({})
  })

  it('closes a participant that moves the workshop step with 4403 and keeps none of it', async () => {
    const board = await createBoard(server)
    const facilitator = connect(board, 'facilitator')
    const participant = connect(board, 'participant')
    await Promise.all([synced(facilitator.provider), synced(participant.provider)])
    facilitator.doc.getMap(docLayout.session).set('step', 2)
    await expect.poll(() => participant.doc.getMap(docLayout.session).get('step')).toBe(2)

    writeRecord(participant.doc, stickyRecord('shape:fine', { text: 'fine' }))
    await expect.poll(() => facilitator.doc.getMap(docLayout.records).has('shape:fine')).toBe(true)
    participant.doc.getMap(docLayout.session).set('step', 6)
    await expect
      .poll(() => participant.closes[0], { timeout: 10_000 })
      .toBe(CloseCode.forbiddenEdit)
    expect(participant.provider.shouldConnect).toBe(false)
    expect(facilitator.doc.getMap(docLayout.session).get('step')).toBe(2)
    expect(storedRecords(board.id).session).toEqual({ step: 2 })
  })

  it('disconnects people on rotated links at once and lets the new links in', async () => {
    const board = await createBoard(server)
    const facilitator = connect(board, 'facilitator')
    const participant = connect(board, 'participant')
    const viewer = connect(board, 'viewer')
    await Promise.all([facilitator, participant, viewer].map((c) => synced(c.provider)))

    const response = await fetch(boardUrl(server, board, '/links/rotate'), {
      method: 'POST',
      body: JSON.stringify({ roles: ['participant'] }),
    })
    expect(response.status).toBe(200)
    const rotated = (await response.json()) as RotatedLinks
    expect(Object.keys(rotated.tokens)).toEqual(['participant'])
    const fresh = rotated.tokens.participant ?? ''
    expect(fresh).not.toBe(board.tokens.participant)
    expect(rotated.links.participant).toContain(fresh)

    await expect.poll(() => participant.closes[0], { timeout: 10_000 }).toBe(CloseCode.unauthorized)
    expect(viewer.closes).toEqual([])
    expect(facilitator.closes).toEqual([])
    const old = await fetch(boardUrl(server, board, '', 'participant'))
    expect(old.status).toBe(401)
    const reopened = connect(board, 'participant')
    await expect.poll(() => reopened.closes[0], { timeout: 10_000 }).toBe(CloseCode.unauthorized)

    const renewed = connect(board, 'participant', fresh)
    await synced(renewed.provider)
    const viaApi = await fetch(`${server.httpUrl}/api/boards/${board.id}?token=${fresh}`)
    expect(((await viaApi.json()) as BoardAccess).role).toBe('participant')
  })

  it('closes every socket with 4410 when the facilitator deletes the board', async () => {
    const board = await createBoard(server)
    const participant = connect(board, 'participant')
    await synced(participant.provider)
    writeRecord(participant.doc, stickyRecord('shape:a', { text: 'a' }))
    const deleted = await fetch(boardUrl(server, board), { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    await expect.poll(() => participant.closes[0], { timeout: 10_000 }).toBe(CloseCode.boardDeleted)
    expect((await fetch(boardUrl(server, board))).status).toBe(404)
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200)
  })

  it('starts an anonymous board with anonymous mode on in its document', async () => {
    const board = await createBoard(server, { anonymous: true })
    const participant = connect(board, 'participant')
    await synced(participant.provider)
    expect(participant.doc.getMap(docLayout.session).get('anonymous')).toBe(true)
  })
})
