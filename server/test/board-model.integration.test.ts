import type { CreatedBoard } from '@stormline/shared/api/types'
import type { BoardModel } from '@stormline/shared/board/read-board'
import type { StickyKind } from '@stormline/shared/board/sticky-kinds'
import {
  pageRecord,
  stickyRecord,
  timelineRecord,
  writeRecord,
} from '@stormline/shared/testing/board-records'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'
import { newMember } from './support/stock-clients.ts'

/** The server reads a board into the event-storming model with no browser involved. */

let server: ServerProcess

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.dispose()
})

/** A sticky as Ada's client writes it: credited to her member. */
function note(id: string, x: number, kind: StickyKind, text: string, authorId: string) {
  return stickyRecord(id, {
    x,
    y: 300,
    kind,
    text,
    authorId,
    authorName: 'Ada',
    createdAt: '2026-11-23T10:00:00Z',
  })
}

async function model(board: CreatedBoard): Promise<BoardModel> {
  const response = await fetch(boardUrl(server, board, '/model', 'viewer'))
  expect(response.status).toBe(200)
  return (await response.json()) as BoardModel
}

describe('GET /api/boards/:id/model', () => {
  it('reads the live board, and the stored board once everyone has left', async () => {
    const board = await createBoard(server)
    // Ada facilitates and writes the stickies herself, so they are credited to her member.
    const ada = await newMember(server, board, 'facilitator')
    const provider = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), {
      disableBc: true,
      params: { token: board.tokens.facilitator, member: ada.credential },
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const doc = provider.doc
    doc.transact(() => {
      writeRecord(doc, pageRecord)
      writeRecord(
        doc,
        timelineRecord({
          w: 1000,
          h: 100,
          startLabel: 'Project start',
          endLabel: 'Live in production',
          phases: [
            { id: 'build', name: 'Build & CI', weight: 1 },
            { id: 'release', name: 'Release', weight: 1 },
          ],
        }),
      )
      writeRecord(doc, note('shape:step', 600, 'step', 'Change board approval', ada.memberId))
      writeRecord(doc, note('shape:pain', 650, 'pain', 'CAB meets once a week', ada.memberId))
      doc.getMap('session').set('step', 2)
    })

    await expect.poll(async () => (await model(board)).stickies.length).toBe(2)
    const live = await model(board)
    expect(live.timeline?.startLabel).toBe('Project start')
    expect(live.session.step).toBe(2)
    expect(live.stickies.find((s) => s.id === 'shape:pain')).toMatchObject({
      kind: 'pain',
      text: 'CAB meets once a week',
      phaseName: 'Release',
      stepId: 'shape:step',
      authorId: ada.memberId,
      authorName: 'Ada',
    })

    provider.destroy()
    await expect.poll(async () => (await model(board)).stickies.length).toBe(2)
    expect(await model(board)).toEqual(live)
  })

  it('answers 404 for an unknown board', async () => {
    const response = await fetch(`${server.httpUrl}/api/boards/AAAAAAAAAAAAAAAAAAAAAA/model`)
    expect(response.status).toBe(404)
  })
})
