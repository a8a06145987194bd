import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limit.ts'

describe('createRateLimiter', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0
    const allow = createRateLimiter({ perSecond: 10, burst: 3 }, () => now)
    expect([allow(), allow(), allow(), allow()]).toEqual([true, true, true, false])
    now = 100 // one token back after 100 ms at 10/s
    expect([allow(), allow()]).toEqual([true, false])
    now = 10_000 // never more than the burst
    expect([allow(), allow(), allow(), allow()]).toEqual([true, true, true, false])
  })
})
