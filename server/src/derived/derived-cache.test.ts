import { describe, expect, it } from 'vitest'
import { DerivedCache, type DerivedCacheOptions } from './derived-cache.ts'

/** A computation the test finishes when it chooses (for reads in flight). */
function deferred(): {
  promise: Promise<string>
  resolve(text: string): void
  reject(error: Error): void
} {
  let resolve!: (text: string) => void
  let reject!: (error: Error) => void
  const promise = new Promise<string>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function counted(options: Partial<DerivedCacheOptions> = {}) {
  const lookups: string[] = []
  const computed: string[] = []
  const cache = new DerivedCache({
    maxEntries: options.maxEntries ?? 100,
    maxBytes: options.maxBytes ?? 1_000_000,
    onLookup: (result) => lookups.push(result),
  })
  const get = (slot: string, version: string, text = `${slot}@${version}`) =>
    cache.get(slot, version, async () => {
      computed.push(`${slot}@${version}`)
      return text
    })
  return { cache, get, lookups, computed }
}

describe('DerivedCache', () => {
  it('computes a read once per version and answers it from the cache after', async () => {
    const { get, lookups, computed } = counted()
    expect(await get('model:b1', 'v1')).toBe('model:b1@v1')
    expect(await get('model:b1', 'v1')).toBe('model:b1@v1')
    expect(lookups).toEqual(['miss', 'hit'])
    expect(computed).toEqual(['model:b1@v1'])
  })

  it('computes again for a new version, which takes the old one’s place', async () => {
    const { cache, get, lookups } = counted()
    await get('model:b1', 'v1')
    expect(await get('model:b1', 'v2')).toBe('model:b1@v2')
    expect(cache.size).toBe(1)
    await get('model:b1', 'v1')
    expect(lookups).toEqual(['miss', 'miss', 'miss'])
  })

  it('keeps reads with different parameters apart', async () => {
    const { cache, get } = counted()
    expect(await get('backlog:b1:md', 'v1')).toBe('backlog:b1:md@v1')
    expect(await get('backlog:b1:csv', 'v1')).toBe('backlog:b1:csv@v1')
    expect(cache.size).toBe(2)
  })

  it('evicts the least recently used slot beyond maxEntries', async () => {
    const { cache, get, lookups } = counted({ maxEntries: 2 })
    await get('a', 'v1')
    await get('b', 'v1')
    await get('a', 'v1') // a is now the most recently used
    await get('c', 'v1') // pushes b out
    expect(cache.size).toBe(2)
    lookups.length = 0
    await get('a', 'v1')
    await get('b', 'v1')
    expect(lookups).toEqual(['hit', 'miss'])
  })

  it('evicts least recently used slots until the texts fit maxBytes, and keeps no text larger than all of it', async () => {
    const { cache, get, lookups } = counted({ maxBytes: 100 })
    await get('a', 'v1', 'x'.repeat(20)) // 40 bytes
    await get('b', 'v1', 'x'.repeat(20))
    expect(cache.bytes).toBe(80)
    await get('c', 'v1', 'x'.repeat(20)) // 120 > 100: a goes
    expect(cache.bytes).toBe(80)
    expect(cache.size).toBe(2)
    expect(await get('huge', 'v1', 'x'.repeat(51))).toHaveLength(51)
    expect(cache.size).toBe(2)
    lookups.length = 0
    await get('a', 'v1', 'x'.repeat(20))
    await get('huge', 'v1', 'x'.repeat(51))
    expect(lookups).toEqual(['miss', 'miss'])
  })

  it('shares one computation between identical reads in flight', async () => {
    const { cache, lookups } = counted()
    const pending = deferred()
    let computations = 0
    const compute = () => {
      computations++
      return pending.promise
    }
    const reads = [
      cache.get('model:b1', 'v1', compute),
      cache.get('model:b1', 'v1', compute),
      cache.get('model:b1', 'v1', compute),
    ]
    const otherVersion = cache.get('model:b1', 'v2', async () => 'v2 text')
    pending.resolve('v1 text')
    expect(await Promise.all(reads)).toEqual(['v1 text', 'v1 text', 'v1 text'])
    expect(await otherVersion).toBe('v2 text')
    expect(computations).toBe(1)
    expect(lookups).toEqual(['miss', 'hit', 'hit', 'miss'])
  })

  it('caches no failure: everyone waiting gets the error, the next read computes again', async () => {
    const { cache, lookups } = counted()
    const pending = deferred()
    const reads = [
      cache.get('model:b1', 'v1', () => pending.promise),
      cache.get('model:b1', 'v1', () => pending.promise),
    ]
    pending.reject(new Error('worker crashed'))
    for (const read of reads) await expect(read).rejects.toThrow('worker crashed')
    expect(cache.size).toBe(0)
    expect(await cache.get('model:b1', 'v1', async () => 'recovered')).toBe('recovered')
    expect(lookups).toEqual(['miss', 'hit', 'miss'])
  })

  it('takes a computation that throws at once out of flight too', async () => {
    const { cache } = counted()
    const throwing = (): Promise<string> => {
      throw new Error('cannot start')
    }
    await expect(cache.get('model:b1', 'v1', throwing)).rejects.toThrow('cannot start')
    expect(await cache.get('model:b1', 'v1', async () => 'second try')).toBe('second try')
  })
})
