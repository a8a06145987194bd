import { isBoardId } from '@stormline/shared/board/board-id'
import { Hono } from 'hono'
import type { BoardStore } from '../boards/board-store.ts'
import type { DerivedReads } from '../derived/derived-reads.ts'
import { apiError } from './api-error.ts'

/**
 * `GET /api/boards/:id/model`: the board read into the event-storming model
 * (timeline, phases, stickies with kind, phase and associated step) without a
 * browser — what exports and integrations build on. Computed off the event loop
 * and cached per board version (server/src/derived/).
 */
export function boardModelRoutes(store: BoardStore, derived: DerivedReads): Hono {
  const app = new Hono()
  app.get('/:id/model', async (c) => {
    const id = c.req.param('id')
    const model = isBoardId(id) && (await store.getBoard(id)) ? await derived.model(id) : null
    if (model === null) return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    // Already JSON text: sent as c.json would send the model.
    return c.body(model, 200, { 'Content-Type': 'application/json' })
  })
  return app
}
