import type { ClientConfig } from '@stormline/shared/api/types'
import { Hono } from 'hono'

/**
 * The licence key is read at run time and handed to the browser here, so one
 * build serves every deployment (tldraw needs a key on https with a real domain).
 */
export function configRoutes(config: ClientConfig): Hono {
  const app = new Hono()
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(config)
  })
  return app
}
