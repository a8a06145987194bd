import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

/**
 * Serves the built client: hashed assets are cached forever, every other GET
 * that is not a file falls back to index.html so client-side routes like
 * /b/:id work on reload.
 */
export function webAppRoutes(webDist: string): Hono {
  const app = new Hono()
  const indexFile = path.join(webDist, 'index.html')
  if (!existsSync(indexFile)) {
    app.get('*', (c) =>
      c.text('The web app is not built. Run `pnpm build` (pnpm start does it for you).', 503),
    )
    return app
  }
  const root = webDist

  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.use('*', serveStatic({ root }))
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(readFileSync(indexFile, 'utf8'))
  })
  return app
}
