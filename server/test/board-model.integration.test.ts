import type { CreatedBoard } from '@stormline/shared/api/types'
import type { BoardModel } from '@stormline/shared/board/read-board'
import { templateTimelineId } from '@stormline/shared/board/timeline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardUrl, createBoard } from './support/boards.ts'
import { type ServerProcess, startServer } from './support/server-process.ts'

/** The server reads a board into the event-storming model with no browser involved. */

let server: ServerProcess

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.dispose()
})

const text = (value: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: value }] }],
})

function note(id: string, x: number, kind: string, words: string) {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    x,
    y: 300,
    parentId: 'page:page',
    props: { color: 'orange', richText: text(words), scale: 1, growY: 0 },
    meta: {
      stormline: { kind, authorId: 'p1', authorName: 'Ada', createdAt: '2026-11-23T10:00:00Z' },
    },
  }
}

async function model(board: CreatedBoard): Promise<BoardModel> {
  const response = await fetch(boardUrl(server, board, '/model', 'viewer'))
  expect(response.status).toBe(200)
  return (await response.json()) as BoardModel
}

describe('GET /api/boards/:id/model', () => {
  it('reads the live board, and the stored board once everyone has left', async () => {
    const board = await createBoard(server)
    const provider = new WebsocketProvider(`${server.wsUrl}/sync`, board.id, new Y.Doc(), {
      disableBc: true,
      params: { token: board.tokens.facilitator },
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const records = provider.doc.getMap('records')
    provider.doc.transact(() => {
      records.set('page:page', {
        id: 'page:page',
        typeName: 'page',
        name: 'Page 1',
        index: 'a1',
        meta: {},
      })
      records.set(templateTimelineId, {
        id: templateTimelineId,
        typeName: 'shape',
        type: 'timeline',
        x: 0,
        y: 0,
        parentId: 'page:page',
        props: {
          w: 1000,
          h: 100,
          startLabel: 'Project start',
          endLabel: 'Live in production',
          phases: [
            { id: 'build', name: 'Build & CI', weight: 1 },
            { id: 'release', name: 'Release', weight: 1 },
          ],
        },
        meta: {},
      })
      records.set('shape:step', note('shape:step', 600, 'step', 'Change board approval'))
      records.set('shape:pain', note('shape:pain', 650, 'pain', 'CAB meets once a week'))
      provider.doc.getMap('session').set('step', 2)
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
