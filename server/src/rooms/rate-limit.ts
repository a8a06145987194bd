/**
 * A token bucket per connection: `burst` messages at once, refilled at
 * `perSecond`. A drag sends about 60 updates a second plus awareness, so the
 * defaults leave honest clients far below the limit while a runaway or hostile
 * client is cut off before it can flood the room.
 */
export interface RateLimit {
  perSecond: number
  burst: number
}

export const defaultRateLimit: RateLimit = { perSecond: 200, burst: 400 }

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): () => boolean {
  let tokens = limit.burst
  let last = now()
  return () => {
    const t = now()
    tokens = Math.min(limit.burst, tokens + ((t - last) / 1000) * limit.perSecond)
    last = t
    if (tokens < 1) return false
    tokens -= 1
    return true
  }
}
