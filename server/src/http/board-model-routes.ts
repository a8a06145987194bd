import { boardMapsOf } from '@stormline/shared/backlog/board-maps'
import { isBoardId } from '@stormline/shared/board/board-id'
import { readBoard } from '@stormline/shared/board/read-board'
import { Hono } from 'hono'
import type { BoardStore } from '../boards/board-store.ts'
import type { RoomRegistry } from '../rooms/room-registry.ts'
import { apiError } from './api-error.ts'

/**
 * `GET /api/boards/:id/model`: the board read into the event-storming model
 * (timeline, phases, stickies with kind, phase and associated step) without a
 * browser — what exports and integrations build on.
 */
export function boardModelRoutes(store: BoardStore, registry: RoomRegistry): Hono {
  const app = new Hono()
  app.get('/:id/model', (c) => {
    const id = c.req.param('id')
    if (!isBoardId(id) || !store.getBoard(id)) {
      return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    }
    const model = registry.readDocument(id, (doc) => {
      const maps = boardMapsOf(doc)
      return readBoard(maps.records, maps.session)
    })
    return c.json(model)
  })
  return app
}
