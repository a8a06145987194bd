import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  type MeResponse,
  memberCookieName,
  memberHeader,
  memberIdPattern,
} from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { BoardAccess, CreatedBoard, Tally } from '@stormline/shared/api/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/**
 * Members behind a shared link (ADR 0013), end to end against a real server: one browser is one
 * member however often it asks, a credential that proves nobody never becomes somebody else,
 * and a co-facilitator grant raises a participant link (and only that) to the facilitator's.
 */

let server: ServerProcess

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.dispose()
})

const errorCode = async (response: Response): Promise<string> =>
  ((await response.json()) as { error: { code: string } }).error.code

/** The member cookie a response sets, as `name=value` for the next request's Cookie header. */
function memberCookie(response: Response, boardId: string): string | undefined {
  const name = memberCookieName(boardId)
  return response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(';')[0]
}

interface Me {
  status: number
  me: MeResponse
  cookie: string | undefined
  setCookie: string | undefined
}

async function me(
  board: CreatedBoard,
  role: BoardRole,
  headers: Record<string, string> = {},
): Promise<Me> {
  const response = await fetch(boardUrl(server, board, '/me', role), { method: 'POST', headers })
  const setCookie = response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${memberCookieName(board.id)}=`))
  return {
    status: response.status,
    me: (await response.json()) as MeResponse,
    cookie: memberCookie(response, board.id),
    setCookie,
  }
}

function grant(
  board: CreatedBoard,
  memberId: string,
  body: unknown,
  role: BoardRole = 'facilitator',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(boardUrl(server, board, `/members/${memberId}/grant`, role), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function rename(board: CreatedBoard, role: BoardRole, cookie: string, name: string) {
  return fetch(boardUrl(server, board, '', role), {
    method: 'PATCH',
    headers: { cookie },
    body: JSON.stringify({ name }),
  })
}

describe('POST /api/boards/:id/me', () => {
  it('mints a member once and returns the same one for its cookie or header', async () => {
    const board = await createBoard(server)
    const first = await me(board, 'participant')
    expect(first.status).toBe(200)
    expect(first.me.memberId).toMatch(memberIdPattern)
    expect(first.me).toMatchObject({
      role: 'participant',
      linkRole: 'participant',
      coFacilitator: false,
    })
    expect(first.me.credential.startsWith(`${first.me.memberId}.`)).toBe(true)
    expect(first.cookie).toBe(`${memberCookieName(board.id)}=${first.me.credential}`)
    expect(first.setCookie).toContain('HttpOnly')
    expect(first.setCookie).toContain('SameSite=Strict')
    expect(first.setCookie).toContain('Path=/')
    expect(first.setCookie).toContain(`Max-Age=${60 * 60 * 24 * 365}`)

    const again = await me(board, 'participant', { cookie: first.cookie ?? '' })
    expect(again.me).toEqual(first.me)
    const viaHeader = await me(board, 'viewer', { [memberHeader]: first.me.credential })
    expect(viaHeader.me).toMatchObject({ memberId: first.me.memberId, role: 'viewer' })
    const viaQuery = await fetch(
      boardUrl(server, board, `/me?member=${encodeURIComponent(first.me.credential)}`),
      { method: 'POST' },
    )
    expect(((await viaQuery.json()) as MeResponse).memberId).toBe(first.me.memberId)

    // Without a credential, every call is a new person.
    const stranger = await me(board, 'participant')
    expect(stranger.me.memberId).not.toBe(first.me.memberId)
  })

  it('gives a forged, foreign or garbage credential a new member, never the one it names', async () => {
    const board = await createBoard(server)
    const other = await createBoard(server)
    const real = (await me(board, 'participant')).me
    const elsewhere = (await me(other, 'participant')).me
    const forged = `${real.memberId}.${'A'.repeat(32)}`
    const presented = [
      forged,
      elsewhere.credential,
      real.memberId,
      'garbage',
      `${real.credential}x`,
      `${real.memberId}.${real.credential}`,
    ]
    const seen = new Set([real.memberId])
    for (const credential of presented) {
      const carriers: Record<string, string>[] = [
        { cookie: `${memberCookieName(board.id)}=${credential}` },
        { [memberHeader]: credential },
      ]
      for (const headers of carriers) {
        const answer = await me(board, 'participant', headers)
        expect(answer.status).toBe(200)
        expect(answer.me.memberId).not.toBe(real.memberId)
        expect(answer.me.memberId).not.toBe(elsewhere.memberId)
        expect(seen.has(answer.me.memberId)).toBe(false)
        seen.add(answer.me.memberId)
      }
    }
    // The real credential still proves the real member.
    expect((await me(board, 'participant', { [memberHeader]: real.credential })).me.memberId).toBe(
      real.memberId,
    )
  })

  it('needs a valid board token', async () => {
    const board = await createBoard(server)
    const bare = await fetch(`${server.httpUrl}/api/boards/${board.id}/me`, { method: 'POST' })
    expect(bare.status).toBe(401)
    expect(bare.headers.getSetCookie()).toEqual([])
  })

  it('keeps only a hash of the secret in the database', async () => {
    const board = await createBoard(server)
    const { credential } = (await me(board, 'participant')).me
    const secret = credential.split('.')[1] ?? ''
    expect(secret).toHaveLength(32)
    const files = ['stormline.sqlite', 'stormline.sqlite-wal'].map((file) =>
      readFileSync(path.join(server.dataDir, file)),
    )
    for (const file of files) expect(file.includes(secret)).toBe(false)
  })
})

describe('POST /api/boards/:id/access', () => {
  it('sets the member cookie, keeping the member the browser already is', async () => {
    const board = await createBoard(server)
    const exchange = (headers: Record<string, string> = {}) =>
      fetch(`${server.httpUrl}/api/boards/${board.id}/access`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ token: board.tokens.participant }),
      })
    const first = await exchange()
    expect(first.status).toBe(200)
    const cookie = memberCookie(first, board.id)
    expect(cookie).toBeDefined()
    const member = (await me(board, 'participant', { cookie: cookie ?? '' })).me
    const second = await exchange({ cookie: cookie ?? '' })
    expect(memberCookie(second, board.id)).toBe(cookie)
    expect(((await second.json()) as BoardAccess).role).toBe('participant')
    expect(member.credential).toBe(cookie?.split('=')[1])
  })
})

describe('co-facilitators', () => {
  it('lets the facilitator raise a participant to facilitator and take it back', async () => {
    const board = await createBoard(server, { name: 'Start' })
    const person = await me(board, 'participant')
    const cookie = person.cookie ?? ''
    expect((await rename(board, 'participant', cookie, 'Before')).status).toBe(403)

    const granted = await grant(board, person.me.memberId, { coFacilitator: true })
    expect(granted.status).toBe(200)
    expect(await granted.json()).toEqual({ memberId: person.me.memberId, coFacilitator: true })

    expect((await rename(board, 'participant', cookie, 'Co-facilitated')).status).toBe(200)
    const seen = await fetch(boardUrl(server, board, '', 'participant'), { headers: { cookie } })
    expect((await seen.json()) as BoardAccess).toMatchObject({
      name: 'Co-facilitated',
      role: 'facilitator',
    })
    expect((await me(board, 'participant', { cookie })).me).toMatchObject({
      memberId: person.me.memberId,
      role: 'facilitator',
      linkRole: 'participant',
      coFacilitator: true,
    })
    // The same participant link without the member stays a participant.
    expect((await rename(board, 'participant', '', 'Stranger')).status).toBe(403)
    // A co-facilitator may grant too (they are facilitators).
    const helper = await me(board, 'participant')
    expect(
      (await grant(board, helper.me.memberId, { coFacilitator: true }, 'participant', { cookie }))
        .status,
    ).toBe(200)

    const revoked = await grant(board, person.me.memberId, { coFacilitator: false })
    expect(await revoked.json()).toEqual({ memberId: person.me.memberId, coFacilitator: false })
    expect((await rename(board, 'participant', cookie, 'After')).status).toBe(403)
    expect((await me(board, 'participant', { cookie })).me).toMatchObject({
      role: 'participant',
      coFacilitator: false,
    })
  })

  it('keeps a viewer link read-only whatever its member was granted', async () => {
    const board = await createBoard(server)
    const watcher = await me(board, 'viewer')
    const cookie = watcher.cookie ?? ''
    expect((await grant(board, watcher.me.memberId, { coFacilitator: true })).status).toBe(200)
    expect((await me(board, 'viewer', { cookie })).me).toMatchObject({
      role: 'viewer',
      linkRole: 'viewer',
      coFacilitator: true,
    })
    expect((await rename(board, 'viewer', cookie, 'Nope')).status).toBe(403)
  })

  it('refuses grants from participants and viewers', async () => {
    const board = await createBoard(server)
    const person = await me(board, 'participant')
    for (const role of ['participant', 'viewer'] as const) {
      // Even granting themselves, with their own credential.
      const response = await grant(board, person.me.memberId, { coFacilitator: true }, role, {
        cookie: person.cookie ?? '',
      })
      expect(response.status).toBe(403)
      expect(await errorCode(response)).toBe('forbidden')
    }
    expect((await me(board, 'participant', { cookie: person.cookie ?? '' })).me.coFacilitator).toBe(
      false,
    )
  })

  it('answers 404 for unknown members and 400 for bad bodies', async () => {
    const board = await createBoard(server)
    const other = await createBoard(server)
    const person = await me(board, 'participant')
    const foreigner = await me(other, 'participant')
    for (const memberId of [
      foreigner.me.memberId,
      'A'.repeat(22),
      'nobody',
      `${'A'.repeat(21)}!`,
    ]) {
      const response = await grant(board, memberId, { coFacilitator: true })
      expect(response.status).toBe(404)
      expect(await errorCode(response)).toBe('member_not_found')
    }
    for (const body of [
      {},
      { coFacilitator: 'yes' },
      { coFacilitator: 1 },
      { coFacilitator: true, role: 'facilitator' },
      [],
      null,
    ]) {
      const response = await grant(board, person.me.memberId, body)
      expect(response.status).toBe(400)
      expect(await errorCode(response)).toBe('invalid_body')
    }
    const notJson = await grant(board, person.me.memberId, '{coFacilitator')
    expect(notJson.status).toBe(400)
    expect(await errorCode(notJson)).toBe('invalid_json')
    expect((await me(board, 'participant', { cookie: person.cookie ?? '' })).me.coFacilitator).toBe(
      false,
    )
  })
})

describe('GET /api/boards/:id/tally', () => {
  it('is for the facilitator (and co-facilitators) only', async () => {
    const board = await createBoard(server)
    for (const role of ['participant', 'viewer'] as const) {
      const response = await fetch(boardUrl(server, board, '/tally', role))
      expect(response.status).toBe(403)
      expect(await errorCode(response)).toBe('forbidden')
    }
    const response = await fetch(boardUrl(server, board, '/tally'))
    expect(response.status).toBe(200)
    const tally = (await response.json()) as Tally
    expect(tally.vote.voters).toBe(0)

    const person = await me(board, 'participant')
    await grant(board, person.me.memberId, { coFacilitator: true })
    const co = await fetch(boardUrl(server, board, '/tally', 'participant'), {
      headers: { cookie: person.cookie ?? '' },
    })
    expect(co.status).toBe(200)
  })
})
