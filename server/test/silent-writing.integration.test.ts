import { memberHeader } from '@stormline/shared/access/identity'
import type { CreatedBoard } from '@stormline/shared/api/types'
import { draftMetaField, silentWritingKey } from '@stormline/shared/board/silent-writing'
import { stickyMetaKey } from '@stormline/shared/board/sticky-meta'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import type { JsonObject } from '@stormline/shared/sync/json-value'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import { readRecord, stickyRecord } from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import {
  eventually,
  facilitatorTally,
  newMember,
  type Person,
  type StockClient,
  StockClients,
  sessionOf,
  synced,
} from './support/stock-clients.ts'

/**
 * Silent writing end to end (ADR 0013), with STOCK y-websocket clients: while the facilitator's
 * round is on, what people write are drafts in their own private documents — nobody else's
 * socket, nor the API, gets them, and their writer gets them back on reconnecting; when the
 * round ends the server publishes every draft into the board at once, credited to its writer,
 * and clears them from the private documents.
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

/** A draft as the web app writes it into its author's private document. */
function draft(id: string, text: string, author: Person, name: string, x: number): JsonObject {
  const note = stickyRecord(id, {
    kind: 'pain',
    text,
    x,
    y: 300,
    authorId: author.me.memberId,
    authorName: name,
  })
  const stormline = note.meta[stickyMetaKey] as JsonObject
  return {
    ...note,
    meta: { ...note.meta, [stickyMetaKey]: { ...stormline, [draftMetaField]: true } },
  }
}

function writeDraft(author: Person, record: JsonObject): void {
  author.own.doc.getMap(privateLayout.drafts).set(record.id as string, record)
}

const draftsOf = (client: StockClient): string[] =>
  [...client.doc.getMap(privateLayout.drafts).keys()].sort()

const text = (client: StockClient): string =>
  Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString('latin1')

async function person(board: CreatedBoard): Promise<Person> {
  return clients.person(board, 'participant', await newMember(server, board))
}

describe('silent writing', () => {
  it('keeps drafts with their writers until the round ends, then publishes them all at once', async () => {
    const board = await createBoard(server, { name: 'Silent' })
    const facilitator = clients.connect(board, 'facilitator')
    await synced(facilitator)
    sessionOf(facilitator).set(silentWritingKey, { status: 'writing', round: 1 })

    const [ann, bob] = [await person(board), await person(board)]
    const catMe = await newMember(server, board)
    const cat = {
      me: catMe,
      shared: clients.connect(board, 'participant', { credential: catMe.credential, record: true }),
      own: clients.connect(board, 'participant', {
        credential: catMe.credential,
        document: 'private',
        record: true,
      }),
    }
    await Promise.all([synced(cat.shared), synced(cat.own)])
    await eventually(
      () => sessionOf(cat.shared).get(silentWritingKey) !== undefined,
      'the round to reach Cat',
    )

    const drafts = {
      'shape:draft-ann': draft('shape:draft-ann', 'Ann drafts quokka', ann, 'Ann', 0),
      'shape:draft-bob-1': draft('shape:draft-bob-1', 'Bob drafts narwhal', bob, 'Bob', 300),
      'shape:draft-bob-2': draft('shape:draft-bob-2', 'Bob drafts axolotl', bob, 'Bob', 600),
    }
    const words = ['quokka', 'narwhal', 'axolotl']
    writeDraft(ann, drafts['shape:draft-ann'])
    writeDraft(bob, drafts['shape:draft-bob-1'])
    writeDraft(bob, drafts['shape:draft-bob-2'])
    // A draft credited to someone else is refused whole (a modified client; Cat's other socket).
    const forger = clients.connect(board, 'participant', {
      credential: cat.me.credential,
      document: 'private',
    })
    await synced(forger)
    forger.doc
      .getMap(privateLayout.drafts)
      .set('shape:forged', draft('shape:forged', 'Forged as Ann', ann, 'Ann', 900))
    await eventually(
      () => forger.closes.includes(CloseCode.invalidRecord),
      'the forged draft to be refused',
    )
    await eventually(async () => {
      const { silentWriting } = await facilitatorTally(server, board)
      return silentWriting.writers === 2 && silentWriting.drafts === 3
    }, 'the server to hold the three drafts')
    // Anything relayed by now has reached Cat before this marker.
    sessionOf(facilitator).set('step', 2)
    await eventually(() => sessionOf(cat.shared).get('step') === 2, 'the marker')

    for (const client of [cat.shared, cat.own, facilitator]) {
      const seen = `${text(client)}\n${Buffer.concat(client.received).toString('latin1')}`
      for (const word of words) expect(seen).not.toContain(word)
      for (const id of Object.keys(drafts))
        expect(client.doc.getMap(docLayout.records).has(id)).toBe(false)
    }
    expect(draftsOf(cat.own)).toEqual([])
    expect(draftsOf(ann.own)).toEqual(['shape:draft-ann'])
    expect(draftsOf(bob.own)).toEqual(['shape:draft-bob-1', 'shape:draft-bob-2'])
    for (const path of ['/model', '/backlog?format=json', '/suggestions']) {
      const response = await fetch(boardUrl(server, board, path, 'participant'), {
        headers: { [memberHeader]: cat.me.credential },
      })
      expect(response.status).toBe(200)
      const body = await response.text()
      for (const word of words) expect(body, path).not.toContain(word)
    }

    // Ann comes back (a reload, another tab): her credential brings her drafts, and only hers.
    const annAgain = clients.connect(board, 'participant', {
      credential: ann.me.credential,
      document: 'private',
    })
    await synced(annAgain)
    expect(draftsOf(annAgain)).toEqual(['shape:draft-ann'])
    expect(annAgain.doc.getMap(privateLayout.drafts).get('shape:draft-ann')).toEqual(
      drafts['shape:draft-ann'],
    )

    // The round ends: every board client gets every draft in one update, credited to its writer.
    const arrivals: string[][] = []
    cat.shared.doc.getMap(docLayout.records).observe((event) => {
      const added = [...event.changes.keys].flatMap(([id, change]) =>
        change.action === 'add' && id in drafts ? [id] : [],
      )
      if (added.length > 0) arrivals.push(added.sort())
    })
    sessionOf(facilitator).set(silentWritingKey, { status: 'off', round: 1 })
    const boardClients = [facilitator, ann.shared, bob.shared, cat.shared]
    for (const client of boardClients) {
      await eventually(
        () => Object.keys(drafts).every((id) => client.doc.getMap(docLayout.records).has(id)),
        'the published drafts',
      )
    }
    expect(arrivals).toEqual([Object.keys(drafts).sort()])
    expect(cat.shared.doc.getMap(docLayout.records).has('shape:forged')).toBe(false)
    const writers: Record<string, Person> = {
      'shape:draft-ann': ann,
      'shape:draft-bob-1': bob,
      'shape:draft-bob-2': bob,
    }
    for (const client of boardClients) {
      for (const [id, written] of Object.entries(drafts)) {
        const published = readRecord(client.doc, id) ?? {}
        const stormline = (published.meta as JsonObject)[stickyMetaKey] as JsonObject
        expect(stormline.authorId).toBe(writers[id]?.me.memberId)
        expect(stormline.authorName).toBe(id === 'shape:draft-ann' ? 'Ann' : 'Bob')
        expect(stormline).not.toHaveProperty(draftMetaField)
        expect(published.props).toEqual(written.props)
      }
    }
    for (const own of [ann.own, annAgain, bob.own]) {
      await eventually(() => draftsOf(own).length === 0, 'the private drafts to be cleared')
    }
    const model = (await (
      await fetch(boardUrl(server, board, '/model', 'participant'))
    ).json()) as { stickies: { id: string; authorId: string | null }[] }
    expect(
      Object.fromEntries(model.stickies.map((sticky) => [sticky.id, sticky.authorId])),
    ).toEqual({
      'shape:draft-ann': ann.me.memberId,
      'shape:draft-bob-1': bob.me.memberId,
      'shape:draft-bob-2': bob.me.memberId,
    })
    for (const client of [...boardClients, ann.own, bob.own, cat.own, annAgain])
      expect(client.closes).toEqual([])
  })
})
