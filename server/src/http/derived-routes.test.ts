import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { boardSuggestions } from '@stormline/shared/backlog/board-suggestions'
import { exportBacklog } from '@stormline/shared/backlog/export-backlog'
import { readBoard } from '@stormline/shared/board/read-board'
import type { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { issueTokens } from '../access/tokens.ts'
import { createApp } from '../app.ts'
import { backlogOf } from '../boards/board-backlog.ts'
import type { BoardRecord } from '../boards/board-store.ts'
import { initialDocumentUpdate } from '../boards/initial-document.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { replayStoredDocument } from '../boards/stored-document.ts'
import { loadConfig } from '../config.ts'
import type { DerivedReads } from '../derived/derived-reads.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'

/**
 * The model, backlog and suggestion routes in the composed app, over derived reads on a real
 * worker thread (the golden bytes are checked end to end in server/test/).
 */

const board: BoardRecord = {
  id: 'RoutesBoardId000000000',
  name: 'Équipe Ops: payments',
  template: 'future-backwards',
  createdAt: new Date('2026-11-20T09:00:00.000Z'),
}
const { tokens, hashes } = issueTokens()

let store: MemoryBoardStore
let registry: RoomRegistry
let app: Hono
let derived: DerivedReads

beforeEach(async () => {
  store = new MemoryBoardStore()
  registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  ;({ app, derived } = createApp({ config: loadConfig({}), store, registry, logger: silentLogger }))
  await store.createBoard(board, hashes, initialDocumentUpdate({ anonymous: false }))
})

afterEach(async () => {
  await derived.close()
  await registry.close()
})

const get = (path: string) =>
  app.request(`http://localhost:3000/api/boards/${board.id}/${path}`, {
    headers: { authorization: `Bearer ${tokens.viewer}` },
  })

async function onThisThread<T>(read: (doc: Y.Doc) => T): Promise<T> {
  const doc = replayStoredDocument(await store.loadDocument(board.id))
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

describe('derived read routes', () => {
  it('answer what the shared code makes of the board, with the headers c.json gave', async () => {
    const model = await get('model')
    expect(model.status).toBe(200)
    expect(model.headers.get('content-type')).toBe('application/json')
    expect(await model.text()).toBe(
      JSON.stringify(
        await onThisThread((doc) => {
          const maps = boardMapsOf(doc)
          return readBoard(maps.records, maps.session)
        }),
      ),
    )
    const suggestions = await get('suggestions')
    expect(suggestions.headers.get('content-type')).toBe('application/json')
    expect(await suggestions.text()).toBe(
      JSON.stringify(await onThisThread((doc) => boardSuggestions(boardMapsOf(doc)))),
    )
    const backlog = await get('backlog?format=md')
    expect(backlog.headers.get('content-disposition')).toBe(
      'attachment; filename="equipe-ops-payments-backlog.md"',
    )
    expect(await backlog.text()).toBe(
      await onThisThread((doc) =>
        exportBacklog(backlogOf(board, doc), 'md', 'http://localhost:3000'),
      ),
    )
  })

  it('answer 500 in the API error shape when the computation fails, and the app serves on', async () => {
    // Closing the reads fails every computation, as a crashed or timed-out worker does.
    await derived.close()
    for (const path of ['model', 'suggestions', 'backlog?format=csv']) {
      const response = await get(path)
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({
        error: { code: 'internal_error', message: 'Something went wrong on the server.' },
      })
    }
    expect((await app.request('/healthz')).status).toBe(200)
    expect((await get('backlog?format=pdf')).status).toBe(400)
  })
})
