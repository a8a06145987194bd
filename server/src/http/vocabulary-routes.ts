import type { Vocabulary } from '@stormline/shared/suggestions/vocabulary'
import { Hono } from 'hono'

/**
 * GET /api/vocabulary: the cluster suggester's vocabulary as the server uses it (the built-in
 * groups merged with the operator's VOCABULARY_FILE), so the browser's suggestions panel computes
 * the same suggestions as GET /api/boards/:id/suggestions (ADR 0016). Not secret: it is words.
 */
export function vocabularyRoutes(vocabulary: Vocabulary): Hono {
  const app = new Hono()
  const body = JSON.stringify(vocabulary)
  app.get('/', (c) => {
    // Fixed for the process's life, but an operator's change lands with a restart.
    c.header('Cache-Control', 'no-cache')
    return c.body(body, 200, { 'Content-Type': 'application/json' })
  })
  return app
}
