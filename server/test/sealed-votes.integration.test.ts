import path from 'node:path'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { type VoteResult, voteResultKey } from '@stormline/shared/backlog/vote-result'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { myVotesKey, privateLayout } from '@stormline/shared/sync/private-layout'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  castDots,
  facilitatorTally,
  newMember,
  StockClients,
  sessionOf,
  setVote,
  synced,
} from './support/stock-clients.ts'

/**
 * Sealed votes end to end (ADR 0013), against a real server with STOCK y-websocket clients on
 * the participant link — what a modified client can do is what these can do. Dots live in each
 * person's private document; nobody else (not another participant's board socket, not their
 * private socket) sees them; the facilitator sees counts only; closing the vote publishes one
 * result with one voter per person; nobody, the facilitator included, can write votes, ballots
 * or the result into the shared document; and a credential opens only its own private document.
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

async function tally(board: CreatedBoard, role: BoardRole = 'facilitator'): Promise<Response> {
  return fetch(boardUrl(server, board, '/tally', role))
}

/** What the database holds of the board's shared document, read straight from the SQLite file. */
function storedShared(boardId: string): Y.Doc {
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
    return doc
  } finally {
    db.close()
  }
}

describe('sealed votes with stock clients', () => {
  it('keeps dots private until the close, then publishes one result with one voter per person', async () => {
    const board = await createBoard(server, { name: 'Sealed' })
    const [fay, ann, bob, cat] = await Promise.all([
      newMember(server, board, 'facilitator'),
      newMember(server, board, 'participant'),
      newMember(server, board, 'participant'),
      newMember(server, board, 'participant'),
    ])
    const facilitator = clients.connect(board, 'facilitator', { credential: fay.credential })
    await synced(facilitator)
    setVote(facilitator, { status: 'open', budget: 5, round: 1 })

    const annPrivate = clients.connect(board, 'participant', {
      credential: ann.credential,
      document: 'private',
    })
    const annSecondTab = clients.connect(board, 'participant', {
      credential: ann.credential,
      document: 'private',
    })
    const bobPrivate = clients.connect(board, 'participant', {
      credential: bob.credential,
      document: 'private',
    })
    const catShared = clients.connect(board, 'participant', { credential: cat.credential })
    const catPrivate = clients.connect(board, 'participant', {
      credential: cat.credential,
      document: 'private',
    })
    await Promise.all([annPrivate, annSecondTab, bobPrivate, catShared, catPrivate].map(synced))

    castDots(annPrivate, 1, { c1: 3, c2: 2 })
    castDots(bobPrivate, 1, { c1: 1 })
    // Ann's other tab is the same person: it sees and rewrites the same single entry.
    await expect
      .poll(() => annSecondTab.doc.getMap(privateLayout.votes).get(myVotesKey))
      .toEqual({ round: 1, dots: { c1: 3, c2: 2 } })
    castDots(annSecondTab, 1, { c1: 4, c2: 1 })

    // The facilitator sees counts while the vote is open; a participant cannot ask.
    await expect
      .poll(async () => (await facilitatorTally(server, board)).vote, { timeout: 10_000 })
      .toEqual({ round: 1, status: 'open', voters: 2, dots: { c1: 5, c2: 1 } })
    expect((await tally(board, 'participant')).status).toBe(403)

    // Nothing of it reached Cat, on the board or in Cat's own private document.
    for (const doc of [catShared.doc, catPrivate.doc, facilitator.doc]) {
      expect(doc.getMap(docLayout.votes).size).toBe(0)
      expect(doc.getMap(privateLayout.votes).size).toBe(0)
      expect(JSON.stringify(doc.toJSON())).not.toContain('c2')
    }
    expect(sessionOf(catShared).get(voteResultKey)).toBeUndefined()
    expect(catPrivate.doc.getMap(privateLayout.member).get('memberId')).toBe(cat.memberId)

    setVote(facilitator, { status: 'closed', budget: 5, round: 1 })
    const expected: VoteResult = { round: 1, budget: 5, voters: 2, dots: { c1: 5, c2: 1 } }
    for (const client of [facilitator, catShared]) {
      await expect
        .poll(() => sessionOf(client).get(voteResultKey), { timeout: 10_000 })
        .toEqual(expected)
    }
    expect(storedShared(board.id).getMap(docLayout.session).get(voteResultKey)).toEqual(expected)
    // A late joiner gets the result with the board.
    const late = clients.connect(board, 'participant')
    await synced(late)
    expect(sessionOf(late).get(voteResultKey)).toEqual(expected)
    for (const client of [facilitator, annPrivate, annSecondTab, bobPrivate, catShared, catPrivate])
      expect(client.closes).toEqual([])
  })

  it.each([
    ['the shared votes map', (doc: Y.Doc) => doc.getMap(docLayout.votes).set('x', { round: 1 })],
    ['the shared ballots map', (doc: Y.Doc) => doc.getMap(docLayout.ballots).set('c1|x', {})],
    [
      'the vote result',
      (doc: Y.Doc) =>
        doc.getMap(docLayout.session).set(voteResultKey, {
          round: 1,
          budget: 5,
          voters: 30,
          dots: { c1: 150 },
        }),
    ],
  ])('closes a client writing %s with 4403, and nothing reaches anyone', async (_what, write) => {
    const board = await createBoard(server)
    const observer = clients.connect(board, 'participant')
    const participant = clients.connect(board, 'participant')
    const facilitator = clients.connect(board, 'facilitator')
    await Promise.all([observer, participant, facilitator].map(synced))
    for (const writer of [participant, facilitator]) {
      write(writer.doc)
      await expect.poll(() => writer.closes, { timeout: 10_000 }).toContain(CloseCode.forbiddenEdit)
    }
    // Something allowed after it does arrive, so the refused writes had their chance to.
    const marker = clients.connect(board, 'facilitator')
    await synced(marker)
    sessionOf(marker).set('step', 2)
    await expect.poll(() => sessionOf(observer).get('step'), { timeout: 10_000 }).toBe(2)
    expect(observer.doc.getMap(docLayout.votes).size).toBe(0)
    expect(observer.doc.getMap(docLayout.ballots).size).toBe(0)
    expect(sessionOf(observer).get(voteResultKey)).toBeUndefined()
    const stored = storedShared(board.id)
    expect(stored.getMap(docLayout.votes).size).toBe(0)
    expect(stored.getMap(docLayout.ballots).size).toBe(0)
    expect(stored.getMap(docLayout.session).get(voteResultKey)).toBeUndefined()
    expect(observer.closes).toEqual([])
  })

  it("opens only the credential's own private document, never another member's", async () => {
    const board = await createBoard(server)
    const ann = await newMember(server, board, 'participant')
    const facilitator = clients.connect(board, 'facilitator')
    await synced(facilitator)
    setVote(facilitator, { status: 'open', budget: 5, round: 1 })
    const annPrivate = clients.connect(board, 'participant', {
      credential: ann.credential,
      document: 'private',
    })
    await synced(annPrivate)
    castDots(annPrivate, 1, { secret: 5 })
    await expect
      .poll(async () => (await facilitatorTally(server, board)).vote.voters, { timeout: 10_000 })
      .toBe(1)

    // Ann's id with a wrong secret, Ann's id alone, or nothing: each gets a member of its own.
    const forged = `${ann.memberId}.${'A'.repeat(32)}`
    for (const credential of [forged, ann.memberId, undefined]) {
      const intruder = clients.connect(board, 'participant', {
        credential: credential,
        document: 'private',
      })
      await synced(intruder)
      await expect
        .poll(() => intruder.doc.getMap(privateLayout.member).get('memberId'), { timeout: 10_000 })
        .toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(intruder.doc.getMap(privateLayout.member).get('memberId')).not.toBe(ann.memberId)
      expect(intruder.doc.getMap(privateLayout.votes).size).toBe(0)
      castDots(intruder, 1, { hijack: 1 })
      expect(intruder.closes).toEqual([])
    }
    // Each intruder is a person of its own (visible as such in the count), and Ann's dots stand.
    await expect
      .poll(async () => (await facilitatorTally(server, board)).vote, { timeout: 10_000 })
      .toEqual({ round: 1, status: 'open', voters: 4, dots: { hijack: 3, secret: 5 } })
    // Ann's document never changed: her tab sees only her own dots.
    const annAgain = clients.connect(board, 'participant', {
      credential: ann.credential,
      document: 'private',
    })
    await synced(annAgain)
    expect(annAgain.doc.getMap(privateLayout.votes).get(myVotesKey)).toEqual({
      round: 1,
      dots: { secret: 5 },
    })
    expect(annPrivate.doc.getMap(privateLayout.votes).get(myVotesKey)).toEqual({
      round: 1,
      dots: { secret: 5 },
    })

    // Nor can anyone write into the member entry the server keeps for them.
    annPrivate.doc.getMap(privateLayout.member).set('role', 'facilitator')
    await expect
      .poll(() => annPrivate.closes, { timeout: 10_000 })
      .toContain(CloseCode.forbiddenEdit)
    expect(annAgain.doc.getMap(privateLayout.member).get('role')).toBe('participant')
  })
})
