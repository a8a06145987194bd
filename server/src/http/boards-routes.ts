import { type BoardMeta, defaultBoardName, maxBoardNameLength } from '@stormline/shared/api/types'
import { isBoardId } from '@stormline/shared/board/board-id'
import { boardTemplateIds, defaultBoardTemplate } from '@stormline/shared/board/templates'
import { Hono } from 'hono'
import { z } from 'zod'
import { newBoardId } from '../boards/board-id.ts'
import type { BoardRecord, BoardStore } from '../boards/board-store.ts'
import { apiError } from './api-error.ts'

const createBoardBody = z
  .object({
    name: z
      .string()
      .trim()
      .max(maxBoardNameLength, `name must be at most ${maxBoardNameLength} characters`)
      .optional(),
    template: z
      .enum(boardTemplateIds, {
        error: `template must be one of: ${boardTemplateIds.join(', ')}`,
      })
      .optional(),
  })
  .strict()

function toMeta(board: BoardRecord): BoardMeta {
  return {
    id: board.id,
    name: board.name,
    template: board.template,
    createdAt: board.createdAt.toISOString(),
  }
}

export function boardsRoutes(store: BoardStore): Hono {
  const app = new Hono()

  app.post('/', async (c) => {
    const raw = await c.req.text()
    let json: unknown = {}
    if (raw.trim() !== '') {
      try {
        json = JSON.parse(raw)
      } catch {
        return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON.')
      }
    }
    const parsed = createBoardBody.safeParse(json)
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => i.message).join('; ')
      return apiError(c, 400, 'invalid_body', message)
    }
    const board: BoardRecord = {
      id: newBoardId(),
      name: parsed.data.name || defaultBoardName,
      template: parsed.data.template ?? defaultBoardTemplate,
      createdAt: new Date(),
    }
    store.createBoard(board)
    return c.json(toMeta(board), 201)
  })

  app.get('/:id', (c) => {
    const id = c.req.param('id')
    const board = isBoardId(id) ? store.getBoard(id) : undefined
    if (!board) return apiError(c, 404, 'board_not_found', 'No board with this id exists.')
    return c.json(toMeta(board))
  })

  return app
}
