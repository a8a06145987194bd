import { describe, expect, it } from 'vitest'
import { CreationLimiter, clientKey } from './creation-limit.ts'

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

describe('CreationLimiter', () => {
  it('allows a burst, then refuses with the seconds until the next creation', () => {
    const time = clock()
    const limiter = new CreationLimiter({ perMinute: 30, burst: 5, now: time.now })
    for (let i = 0; i < 5; i++) expect(limiter.take('198.51.100.7')).toEqual({ allowed: true })
    // 30 a minute: one every 2 s.
    expect(limiter.take('198.51.100.7')).toEqual({ allowed: false, retryAfterSeconds: 2 })
    time.advance(1_500)
    expect(limiter.take('198.51.100.7')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    time.advance(500)
    expect(limiter.take('198.51.100.7')).toEqual({ allowed: true })
    expect(limiter.take('198.51.100.7').allowed).toBe(false)
  })

  it('keeps a budget per client', () => {
    const time = clock()
    const limiter = new CreationLimiter({ perMinute: 1, burst: 1, now: time.now })
    expect(limiter.take('a').allowed).toBe(true)
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 })
    expect(limiter.take('b').allowed).toBe(true)
  })

  it('refills to the burst and no further', () => {
    const time = clock()
    const limiter = new CreationLimiter({ perMinute: 60, burst: 3, now: time.now })
    for (let i = 0; i < 3; i++) limiter.take('a')
    time.advance(10 * 60_000)
    const verdicts = Array.from({ length: 4 }, () => limiter.take('a').allowed)
    expect(verdicts).toEqual([true, true, true, false])
  })

  it('forgets clients whose budget is full again', () => {
    const time = clock()
    const limiter = new CreationLimiter({ perMinute: 60, burst: 2, now: time.now })
    limiter.take('a')
    limiter.take('b')
    expect(limiter.size).toBe(2)
    time.advance(2_000)
    limiter.take('c')
    expect(limiter.size).toBe(1)
  })

  it('remembers at most maxClients, dropping the one seen longest ago', () => {
    const time = clock()
    const limiter = new CreationLimiter({ perMinute: 1, burst: 1, maxClients: 2, now: time.now })
    limiter.take('a')
    limiter.take('b')
    limiter.take('a')
    limiter.take('c')
    expect(limiter.size).toBe(2)
    // 'b' was forgotten (a fresh budget), 'a' was not.
    expect(limiter.take('a').allowed).toBe(false)
    expect(limiter.take('b').allowed).toBe(true)
  })

  it('refuses a configuration without a budget', () => {
    expect(() => new CreationLimiter({ perMinute: 0, burst: 1 })).toThrow(/perMinute/)
    expect(() => new CreationLimiter({ perMinute: 1, burst: 0 })).toThrow(/burst/)
  })
})

describe('clientKey', () => {
  it('counts an IPv4 address as itself, mapped into IPv6 or not', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9')
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(clientKey('::FFFF:203.0.113.9')).toBe('203.0.113.9')
  })

  it('counts an IPv6 address as its /64, however it is written', () => {
    const key = '2001:db8:0:1::/64'
    expect(clientKey('2001:db8:0:1::1')).toBe(key)
    expect(clientKey('2001:0db8:0000:0001:ffff:0:0:2')).toBe(key)
    expect(clientKey('2001:DB8:0:1:a:b:c:d%eth0')).toBe(key)
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientKey('::1')).toBe('0:0:0:0::/64')
    expect(clientKey('64:ff9b:1:2::192.0.2.1')).toBe('64:ff9b:1:2::/64')
  })

  it('keeps anything that is not an address as given', () => {
    expect(clientKey('unknown')).toBe('unknown')
  })
})
