import { memberHeader } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { BoardAccess, CreatedBoard, RotatedLinks } from '@stormline/shared/api/types'
import { voteResultKey } from '@stormline/shared/backlog/vote-result'
import { readVoteSession, voteSessionKey } from '@stormline/shared/backlog/voting'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  castDots,
  eventually,
  newMember,
  type Person,
  StockClients,
  sessionOf,
  setVote,
  synced,
} from './support/stock-clients.ts'

/**
 * Co-facilitators (ADR 0013) with STOCK y-websocket clients on the participant link: a member the
 * facilitator granted runs the vote from their open socket at once, and loses it at once when
 * the grant is revoked; they may renew the participant and viewer links, never the facilitator's.
 */

let server: ServerProcess
let clients: StockClients

beforeAll(async () => {
  server = await startServer()
  clients = new StockClients(server)
})

afterEach(() => clients.destroyAll())

afterAll(async () => {
  await server.dispose()
})

/** `PUT /members/:memberId/grant` with the facilitator link. */
async function grant(board: CreatedBoard, memberId: string, coFacilitator: boolean) {
  const response = await fetch(boardUrl(server, board, `/members/${memberId}/grant`), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ coFacilitator }),
  })
  expect(response.status).toBe(200)
}

async function person(board: CreatedBoard): Promise<Person> {
  return clients.person(board, 'participant', await newMember(server, board))
}

const voteOf = (client: Person['shared']) => readVoteSession(sessionOf(client).get(voteSessionKey))

describe('a co-facilitator on the participant link', () => {
  it('opens and closes the vote from a live socket, until the grant is revoked', async () => {
    const board = await createBoard(server, { name: 'Co-facilitated' })
    const [pat, ann] = [await person(board), await person(board)]
    expect(pat.own.doc.getMap(privateLayout.member).toJSON()).toMatchObject({
      memberId: pat.me.memberId,
      role: 'participant',
      coFacilitator: false,
    })

    // Before the grant, the same change is a participant's: refused on a socket of its own.
    const early = clients.connect(board, 'participant', { credential: pat.me.credential })
    await synced(early)
    setVote(early, { status: 'open', budget: 5, round: 1 })
    await eventually(() => early.closes.includes(CloseCode.forbiddenEdit), 'the early refusal')

    await grant(board, pat.me.memberId, true)
    // Their page learns it at once, through the private document.
    await eventually(
      () => pat.own.doc.getMap(privateLayout.member).get('coFacilitator') === true,
      'the grant in the private document',
    )
    expect(pat.own.doc.getMap(privateLayout.member).get('role')).toBe('facilitator')

    // Pat's socket, opened as a participant's, now writes facilitator state.
    setVote(pat.shared, { status: 'open', budget: 5, round: 1 })
    await eventually(() => voteOf(ann.shared).status === 'open', 'the vote Pat opened')
    castDots(ann.own, 1, { 'shape:pain': 3 })
    castDots(pat.own, 1, { 'shape:pain': 1 })
    await eventually(async () => {
      const tally = await fetch(boardUrl(server, board, '/tally', 'participant'), {
        headers: { [memberHeader]: pat.me.credential },
      })
      return (
        tally.status === 200 &&
        ((await tally.json()) as { vote: { voters: number } }).vote.voters === 2
      )
    }, 'the co-facilitator’s tally of two voters')
    setVote(pat.shared, { status: 'closed', budget: 5, round: 1 })
    // The close counts as the facilitator's: the server publishes the result.
    await eventually(
      () => sessionOf(ann.shared).get(voteResultKey) !== undefined,
      'the result of the vote Pat closed',
    )
    expect(sessionOf(ann.shared).get(voteResultKey)).toEqual({
      round: 1,
      budget: 5,
      voters: 2,
      dots: { 'shape:pain': 4 },
    })
    expect(pat.shared.closes).toEqual([])

    await grant(board, pat.me.memberId, false)
    await eventually(
      () => pat.own.doc.getMap(privateLayout.member).get('coFacilitator') === false,
      'the revocation in the private document',
    )
    expect(pat.own.doc.getMap(privateLayout.member).get('role')).toBe('participant')
    // The same socket, still open, is a participant's again.
    setVote(pat.shared, { status: 'open', budget: 5, round: 2 })
    await eventually(
      () => pat.shared.closes.includes(CloseCode.forbiddenEdit),
      'the refusal on the live socket',
    )
    // And so is a new one.
    const later = clients.connect(board, 'participant', { credential: pat.me.credential })
    await synced(later)
    setVote(later, { status: 'open', budget: 5, round: 3 })
    await eventually(() => later.closes.includes(CloseCode.forbiddenEdit), 'the later refusal')

    // Nothing of the refused changes reached anyone: the vote stays as Pat closed it.
    const marker = clients.connect(board, 'facilitator')
    await synced(marker)
    sessionOf(marker).set('step', 4)
    await eventually(() => sessionOf(ann.shared).get('step') === 4, 'the marker')
    expect(voteOf(ann.shared)).toEqual({ status: 'closed', budget: 5, round: 1 })
    expect(voteOf(marker)).toEqual({ status: 'closed', budget: 5, round: 1 })
    expect(ann.shared.closes).toEqual([])
  })
})

describe('renewing links as a co-facilitator', () => {
  /** `POST /links/rotate` with a link's token and a member credential. */
  function rotate(board: CreatedBoard, token: string, credential: string, roles?: BoardRole[]) {
    return fetch(`${server.httpUrl}/api/boards/${board.id}/links/rotate`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        [memberHeader]: credential,
      },
      body: JSON.stringify(roles === undefined ? {} : { roles }),
    })
  }

  function openAs(board: CreatedBoard, token: string, credential?: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` }
    if (credential !== undefined) headers[memberHeader] = credential
    return fetch(`${server.httpUrl}/api/boards/${board.id}`, { headers })
  }

  it('may renew the participant and viewer links, never the facilitator link', async () => {
    const board = await createBoard(server, { name: 'Links' })
    const pat = await newMember(server, board)
    await grant(board, pat.memberId, true)

    for (const roles of [['facilitator'], ['facilitator', 'participant']] as BoardRole[][]) {
      const refused = await rotate(board, board.tokens.participant, pat.credential, roles)
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    }
    // Nothing was renewed: every old link still opens the board.
    for (const role of ['facilitator', 'participant', 'viewer'] as const)
      expect((await openAs(board, board.tokens[role])).status).toBe(200)

    const renewed = await rotate(board, board.tokens.participant, pat.credential, [
      'participant',
      'viewer',
    ])
    expect(renewed.status).toBe(200)
    const { tokens } = (await renewed.json()) as RotatedLinks
    expect(Object.keys(tokens).sort()).toEqual(['participant', 'viewer'])
    expect((await openAs(board, board.tokens.participant)).status).toBe(401)
    expect((await openAs(board, board.tokens.viewer)).status).toBe(401)
    expect((await openAs(board, board.tokens.facilitator)).status).toBe(200)
    // The grant belongs to Pat, not to a link: the renewed participant link still raises Pat.
    const participant = tokens.participant ?? ''
    const patAgain = await openAs(board, participant, pat.credential)
    expect(((await patAgain.json()) as BoardAccess).role).toBe('facilitator')
    const stranger = await openAs(board, participant)
    expect(((await stranger.json()) as BoardAccess).role).toBe('participant')
    // With the renewed link, the default renewal (participant and viewer) is Pat's to make too,
    // and the facilitator link still is not.
    expect((await rotate(board, participant, pat.credential, ['facilitator'])).status).toBe(403)
    const again = await rotate(board, participant, pat.credential)
    expect(again.status).toBe(200)
    expect(Object.keys(((await again.json()) as RotatedLinks).tokens).sort()).toEqual([
      'participant',
      'viewer',
    ])
    expect((await openAs(board, board.tokens.facilitator)).status).toBe(200)
  })
})
