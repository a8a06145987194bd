import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { apiError } from './api-error.ts'
import { CreationLimiter, clientKey } from './creation-limit.ts'

export interface CreationGuardOptions {
  /** Boards a client may create per minute, and at once; 0 turns the limit off. */
  perMinute: number
  /** Behind our load balancer: the client is the address it put in X-Forwarded-For. */
  trustProxy: boolean
  now?: () => number
  /** What the client is doing too often, for the 429 message ("new boards" by default). */
  what?: string
}

/**
 * The address a request came from. Behind a trusted proxy, the last X-Forwarded-For hop: the
 * address our proxy saw and appended. Earlier hops are whatever the client sent (a proxy that
 * appends keeps them), so trusting the first one would let anyone pick a fresh address per
 * request. Undefined when there is no socket (an in-process `app.request()`).
 */
export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (last && isIP(last)) return last
  }
  try {
    return getConnInfo(c).remote.address
  } catch {
    // No Node socket behind this request (app.request() in tests, another runtime).
    return undefined
  }
}

/** Answers 429 with Retry-After to a client past its board-creation budget (creation-limit.ts). */
export function creationGuard(options: CreationGuardOptions): MiddlewareHandler {
  if (options.perMinute === 0) return (_c, next) => next()
  const limiter = new CreationLimiter({
    perMinute: options.perMinute,
    burst: options.perMinute,
    ...(options.now ? { now: options.now } : {}),
  })
  return async (c, next) => {
    const verdict = limiter.take(clientKey(clientAddress(c, options.trustProxy) ?? 'unknown'))
    if (verdict.allowed) return next()
    c.header('Retry-After', String(verdict.retryAfterSeconds))
    return apiError(
      c,
      429,
      'rate_limited',
      `Too many ${options.what ?? 'new boards'} from this address. Try again in ${verdict.retryAfterSeconds} s.`,
    )
  }
}
