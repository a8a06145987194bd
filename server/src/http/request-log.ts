import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { withLogContext } from '../logging/log-context.ts'
import type { Logger } from '../logging/logger.ts'

/**
 * A caller's X-Request-Id (e.g. from the load balancer) is kept when it is at most this long and
 * only letters, digits, `_`, `-` and `=` (Hono's check); anything else gets a fresh UUID, so a
 * client cannot put arbitrary text into our log lines.
 */
const maxIncomingIdLength = 64
/** Longer paths are cut in the log line (an id is at most a few dozen characters). */
const maxLoggedPathLength = 256

/**
 * Gives every request an id (X-Request-Id on the response), puts it on every log line written
 * while the request is served (log-context.ts), and logs `http.request` once it is answered:
 * method, path, status, duration and id. Never the query string: board tokens and member
 * credentials travel in it (`?token=`, `?member=`).
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  const assignId = requestId({ limitLength: maxIncomingIdLength })
  return (c, next) =>
    assignId(c, async () => {
      const id = c.get('requestId')
      const started = performance.now()
      let thrown = false
      try {
        await withLogContext({ requestId: id }, next)
      } catch (error) {
        thrown = true
        throw error
      } finally {
        const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket'
        logger.info('http.request', {
          method: c.req.method,
          path: c.req.path.slice(0, maxLoggedPathLength),
          status: thrown ? 500 : c.res.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          requestId: id,
          // A websocket handshake answered 200 here is upgraded (101) by @hono/node-ws afterwards.
          ...(upgrade ? { websocket: true } : {}),
        })
      }
    })
}
