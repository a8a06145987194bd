import { memberHeader } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { CreatedBoard } from '@stormline/shared/api/types'
import type { Backlog } from '@stormline/shared/backlog/backlog-types'
import { readVoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import { stickyRecord, writeRecord } from '@stormline/shared/testing/board-records'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  castBallot,
  castDots,
  eventually,
  facilitatorTally,
  newMember,
  type Person,
  type StockClient,
  StockClients,
  sessionOf,
  setVote,
  synced,
} from './support/stock-clients.ts'

/**
 * What a participant can get while a vote is open and estimates are hidden (ADR 0013), tried with
 * STOCK y-websocket clients and plain HTTP on the participant and viewer links: none of another
 * person's dots or ballots, on any socket or in any answer; and once the facilitator closes the
 * vote, the backlog counts each person once, however many sockets and dots they tried.
 * (sealed-votes.integration.test.ts covers the tally, the refused shared writes and whose private
 * document a credential opens.)
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

/** A pain point written by the facilitator's own client, credited to her member. */
function painPoint(id: string, text: string, authorId: string, x: number) {
  return stickyRecord(id, { kind: 'pain', text, authorId, authorName: 'Fay', x, y: 300 })
}

/** Starts a board: the facilitator's member and client, with these pain points on the board. */
async function facilitate(
  board: CreatedBoard,
  pains: Record<string, string>,
): Promise<StockClient> {
  const fay = await newMember(server, board, 'facilitator')
  const facilitator = clients.connect(board, 'facilitator', { credential: fay.credential })
  await synced(facilitator)
  facilitator.doc.transact(() => {
    Object.entries(pains).forEach(([id, text], index) => {
      writeRecord(facilitator.doc, painPoint(id, text, fay.memberId, index * 300))
    })
  })
  return facilitator
}

async function person(board: CreatedBoard, role: BoardRole = 'participant'): Promise<Person> {
  return clients.person(board, role, await newMember(server, board, role))
}

/** Everything a client's document holds, as text: its whole state, and the presence it sees. */
function everythingIn(client: StockClient): string {
  const state = Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString('latin1')
  const presence = JSON.stringify([...client.provider.awareness.getStates().values()])
  return `${state}\n${presence}`
}

/** Everything the server sent a recording client, as text (strings are UTF-8 in Yjs frames). */
function wire(client: StockClient): string {
  return Buffer.concat(client.received).toString('latin1')
}

/** The routes a participant (or viewer) link may call, each with its answer. */
async function everyAnswer(
  board: CreatedBoard,
  role: BoardRole,
  credential: string,
): Promise<Map<string, Response>> {
  const headers = { [memberHeader]: credential }
  const get = (path: string) => fetch(boardUrl(server, board, path, role), { headers })
  const answers = new Map<string, Response>()
  for (const path of [
    '',
    '/model',
    '/backlog?format=json',
    '/backlog?format=csv',
    '/backlog?format=md',
    '/suggestions',
    '/tally',
    '/export',
  ]) {
    answers.set(`GET ${path || '/'}`, await get(path))
  }
  answers.set(
    'POST /me',
    await fetch(boardUrl(server, board, '/me', role), { method: 'POST', headers }),
  )
  answers.set(
    'POST /access',
    await fetch(`${server.httpUrl}/api/boards/${board.id}/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ token: board.tokens[role] }),
    }),
  )
  return answers
}

describe('open votes and hidden ballots', () => {
  it('reach no participant or viewer, on any socket or in any HTTP answer', async () => {
    const board = await createBoard(server, { name: 'Secrecy' })
    const facilitator = await facilitate(board, {
      'shape:pain-one': 'Deploys wait for a release train',
      'shape:pain-two': 'Nobody owns the staging data',
    })
    facilitator.doc.transact(() => {
      setVote(facilitator, { status: 'open', budget: 5, round: 1 })
      facilitator.doc.getMap(docLayout.assessments).set('shape:pain-one', {
        mode: 'poker',
        value: null,
        effort: null,
        revealed: false,
        classification: { urgency: null, horizon: null },
      })
    })

    const [ann, bob] = [await person(board), await person(board)]
    // The watchers: a participant and a viewer, recording every frame the server sends them.
    const watchers = await Promise.all(
      (['participant', 'viewer'] as const).map(async (role) => {
        const me = await newMember(server, board, role)
        const shared = clients.connect(board, role, { credential: me.credential, record: true })
        const own = clients.connect(board, role, {
          credential: me.credential,
          document: 'private',
          record: true,
        })
        await Promise.all([synced(shared), synced(own)])
        return { role, me, shared, own }
      }),
    )

    // Distinctive: a target only Ann's dots name, one only Bob's, and the names on the ballots.
    const secrets = ['shape:ann-only-q7x', 'shape:bob-only-k9z', 'Annwyl Q7X', 'Bobbington K9Z']
    castDots(ann.own, 1, { 'shape:pain-one': 4, 'shape:ann-only-q7x': 1 })
    castDots(bob.own, 1, { 'shape:pain-two': 3, 'shape:bob-only-k9z': 2 })
    castBallot(ann.own, 'shape:pain-one', { value: 5, effort: 1, name: 'Annwyl Q7X' })
    castBallot(bob.own, 'shape:pain-one', { value: 1, effort: 5, name: 'Bobbington K9Z' })
    await eventually(async () => {
      const tally = await facilitatorTally(server, board)
      return tally.vote.voters === 2 && tally.ballots['shape:pain-one']?.count === 2
    }, 'the server to hold both people’s dots and ballots')
    // Anything the server relayed by now has reached the watchers before this marker does.
    sessionOf(facilitator).set('step', 5)
    for (const { shared } of watchers)
      await eventually(() => sessionOf(shared).get('step') === 5, 'the marker')

    for (const watcher of watchers) {
      for (const client of [watcher.shared, watcher.own]) {
        const seen = `${everythingIn(client)}\n${wire(client)}`
        for (const secret of secrets)
          expect(seen, `${watcher.role}: ${secret}`).not.toContain(secret)
        expect(client.closes).toEqual([])
      }
      expect(watcher.shared.doc.getMap(docLayout.votes).size).toBe(0)
      expect(watcher.shared.doc.getMap(docLayout.ballots).size).toBe(0)
      expect(sessionOf(watcher.shared).get(voteResultKey)).toBeUndefined()
      // Their own private document holds only what is theirs: nothing yet.
      expect(watcher.own.doc.getMap(privateLayout.votes).size).toBe(0)
      expect(watcher.own.doc.getMap(privateLayout.ballots).size).toBe(0)
      expect(watcher.own.doc.getMap(privateLayout.member).get('memberId')).toBe(watcher.me.memberId)

      const answers = await everyAnswer(board, watcher.role, watcher.me.credential)
      for (const [route, response] of answers) {
        const body = await response.text()
        for (const secret of secrets) expect(body, `${route}: ${secret}`).not.toContain(secret)
        const status = route === 'GET /tally' || route === 'GET /export' ? 403 : 200
        expect(response.status, route).toBe(status)
      }
      const backlog = (await (
        await fetch(boardUrl(server, board, '/backlog?format=json', watcher.role))
      ).json()) as Backlog
      // Ranked only by what is public: no dot counts, no estimate, until the facilitator says so.
      expect(backlog.items.map((item) => [item.targetId, item.score.votes])).toEqual([
        ['shape:pain-one', 0],
      ])
      expect(backlog.items[0]?.estimate).toMatchObject({
        revealed: false,
        valueMedian: null,
        effortMedian: null,
      })
    }
    // The facilitator's own board document carries none of it either: the server counts.
    expect(facilitator.doc.getMap(docLayout.votes).size).toBe(0)
    expect(facilitator.doc.getMap(docLayout.ballots).size).toBe(0)
    for (const secret of secrets) expect(everythingIn(facilitator)).not.toContain(secret)

    // Closed and revealed, the same watchers get it all: the checks above could have failed.
    facilitator.doc.transact(() => {
      setVote(facilitator, { status: 'closed', budget: 5, round: 1 })
      facilitator.doc.getMap(docLayout.assessments).set('shape:pain-one', {
        mode: 'poker',
        value: null,
        effort: null,
        revealed: true,
        classification: { urgency: null, horizon: null },
      })
    })
    for (const { shared } of watchers) {
      await eventually(
        () => shared.doc.getMap(docLayout.ballots).size === 2,
        'the revealed ballots',
      )
      expect(readVoteResult(sessionOf(shared).get(voteResultKey))).toEqual({
        round: 1,
        budget: 5,
        voters: 2,
        dots: {
          'shape:ann-only-q7x': 1,
          'shape:bob-only-k9z': 2,
          'shape:pain-one': 4,
          'shape:pain-two': 3,
        },
      })
      for (const secret of secrets) expect(everythingIn(shared)).toContain(secret)
    }
  })
})

describe('the closed vote', () => {
  it('counts one voter per person: capped dots, however many sockets share a credential', async () => {
    const board = await createBoard(server, { name: 'One voice' })
    const facilitator = await facilitate(board, {
      'shape:pain-a': 'Builds are slow',
      'shape:pain-b': 'Flaky integration tests',
      'shape:pain-c': 'Manual release notes',
    })
    setVote(facilitator, { status: 'open', budget: 5, round: 1 })
    const [ann, bob, cat] = [await person(board), await person(board), await person(board)]
    // Cat's second tab, or a script holding her credential: the same person, the same document.
    const catAgain = clients.connect(board, 'participant', {
      credential: cat.me.credential,
      document: 'private',
    })
    await synced(catAgain)

    castDots(ann.own, 1, { 'shape:pain-a': 2, 'shape:pain-b': 3 })
    castDots(bob.own, 1, { 'shape:pain-b': 1 })
    castDots(cat.own, 1, { 'shape:pain-a': 10, 'shape:pain-c': 5 })
    await eventually(
      () => catAgain.doc.getMap(privateLayout.votes).get(myVotesKey) !== undefined,
      "Cat's dots in her other tab",
    )
    // 15 dots on a budget of 5, from the other socket: it replaces her one entry.
    castDots(catAgain, 1, { 'shape:pain-a': 8, 'shape:pain-c': 7 })
    await eventually(
      () =>
        JSON.stringify(cat.own.doc.getMap(privateLayout.votes).get(myVotesKey)) ===
        JSON.stringify({ round: 1, dots: { 'shape:pain-a': 8, 'shape:pain-c': 7 } }),
      "Cat's second entry in her first tab",
    )
    // A second entry of her own is refused whole, on that socket only.
    catAgain.doc
      .getMap(privateLayout.votes)
      .set('mine-too', { round: 1, dots: { 'shape:pain-c': 5 } })
    await eventually(
      () => catAgain.closes.includes(CloseCode.forbiddenEdit),
      'the second entry to be refused',
    )

    // Each person is capped at the budget in target order: Cat's 8 on pain-a count as 5, and
    // nothing of hers is left for pain-c.
    const expectedDots = { 'shape:pain-a': 7, 'shape:pain-b': 4 }
    await eventually(async () => {
      const tally = await facilitatorTally(server, board)
      return (
        tally.vote.voters === 3 && JSON.stringify(tally.vote.dots) === JSON.stringify(expectedDots)
      )
    }, 'the tally of three voters')

    expect([...cat.own.doc.getMap(privateLayout.votes).keys()]).toEqual([myVotesKey])

    setVote(facilitator, { status: 'closed', budget: 5, round: 1 })
    await eventually(
      () => sessionOf(ann.shared).get(voteResultKey) !== undefined,
      'the published result',
    )
    expect(sessionOf(ann.shared).get(voteResultKey)).toEqual({
      round: 1,
      budget: 5,
      voters: 3,
      dots: expectedDots,
    })
    const backlog = (await (
      await fetch(boardUrl(server, board, '/backlog?format=json', 'participant'))
    ).json()) as Backlog
    expect(
      Object.fromEntries(backlog.items.map((item) => [item.targetId, item.score.votes])),
    ).toEqual(expectedDots)
    // Cat's over-budget dots on pain-c counted for nothing: it is still unranked.
    expect(backlog.unranked.map((pain) => pain.targetId)).toEqual(['shape:pain-c'])
    for (const client of [facilitator, ann.shared, ann.own, bob.own, cat.shared, cat.own])
      expect(client.closes).toEqual([])
  })
})
