import { checkCheckpointName } from '@stormline/shared/history/checkpoint-name'
import type { CheckpointCreated, CheckpointList } from '@stormline/shared/history/history-api'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { BoardStore } from '../boards/board-store.ts'
import type { BoardHistory, HistoryRefusal } from '../history/board-history.ts'
import { apiError } from './api-error.ts'
import { type BoardGuardEnv, boardGuard } from './board-guard.ts'
import { readJsonBody } from './json-body.ts'

const nameBody = z.object({ name: z.string() })

/** Checkpoint ids are server-made UUIDs; anything far off is answered 404 without a lookup. */
const checkpointIdShape = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Board history (ADR 0015; contract in shared/src/history/history-api.ts): list and name
 * checkpoints, view one read-only, and, as the facilitator, restore one, undo a restore and
 * delete a named checkpoint. A checkpoint of another board is unknown here (404).
 */
export function historyRoutes(store: BoardStore, history: BoardHistory): Hono<BoardGuardEnv> {
  const app = new Hono<BoardGuardEnv>()
  const guard = boardGuard(store)
  const unknown = (c: Context): Response =>
    apiError(c, 404, 'checkpoint_not_found', 'This board has no such checkpoint.')
  const refused = (c: Context, refusal: HistoryRefusal): Response => {
    switch (refusal) {
      case 'not_found':
        return unknown(c)
      case 'not_undoable':
        return apiError(
          c,
          409,
          'not_undoable',
          'Only a restore can be undone: pass the checkpoint taken before it (undoCheckpointId).',
        )
      case 'already_undone':
        return apiError(c, 409, 'already_undone', 'This restore was undone already.')
      case 'not_named':
        return apiError(
          c,
          409,
          'not_deletable',
          'Only named checkpoints can be deleted; the others are removed by retention.',
        )
    }
  }
  const checkpointId = (c: Context): string | null => {
    const id = c.req.param('checkpointId') ?? ''
    return checkpointIdShape.test(id) ? id : null
  }

  app.get('/:id/history', guard('viewer'), async (c) => {
    const body: CheckpointList = await history.list(c.var.board.id)
    return c.json(body)
  })

  app.post('/:id/history', guard('participant'), async (c) => {
    const parsed = await readJsonBody(c, nameBody)
    if (!parsed.ok) return parsed.response
    const name = checkCheckpointName(parsed.data.name)
    if (!name.ok) return apiError(c, 400, 'invalid_name', name.message)
    const body: CheckpointCreated = {
      checkpoint: await history.takeNamed(c.var.board.id, name.name),
    }
    return c.json(body, 201)
  })

  app.get('/:id/history/:checkpointId', guard('viewer'), async (c) => {
    const id = checkpointId(c)
    const content = id === null ? null : await history.content(c.var.board.id, id)
    return content ? c.json(content) : unknown(c)
  })

  app.post('/:id/history/:checkpointId/restore', guard('facilitator'), async (c) => {
    const id = checkpointId(c)
    const done = id === null ? null : await history.restore(c.var.board.id, id)
    return done ? c.json(done) : unknown(c)
  })

  app.post('/:id/history/:checkpointId/undo', guard('facilitator'), async (c) => {
    const id = checkpointId(c)
    if (id === null) return unknown(c)
    const done = await history.undo(c.var.board.id, id)
    return typeof done === 'string' ? refused(c, done) : c.json(done)
  })

  app.delete('/:id/history/:checkpointId', guard('facilitator'), async (c) => {
    const id = checkpointId(c)
    if (id === null) return unknown(c)
    const done = await history.delete(c.var.board.id, id)
    return done === 'deleted' ? c.body(null, 204) : refused(c, done)
  })

  return app
}
