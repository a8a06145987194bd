import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { loadConfig } from '../config.ts'
import { silentLogger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'
import { creationGuard } from './creation-guard.ts'

/** The wired app on a real socket: the limit keys on the address the connection came from. */

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function startApp(env: Record<string, string>): Promise<string> {
  const store = new MemoryBoardStore()
  const registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  const { app } = createApp({ config: loadConfig(env), store, registry, logger: silentLogger })
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    )
  })
  cleanups.push(async () => {
    registry.close()
    await new Promise((resolve) => server.close(resolve))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const createBody = { method: 'POST', headers: { 'content-type': 'application/json' } }
const create = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/boards`, {
    ...createBody,
    headers: { ...createBody.headers, ...headers },
    body: JSON.stringify({ name: 'Retro' }),
  })

describe('board creation limit (wired)', () => {
  // One a minute: the budget cannot come back while the test runs.
  it('answers 429 with Retry-After and the API error shape, to creation and import', async () => {
    const url = await startApp({ CREATE_RATE_PER_MINUTE: '1' })
    expect((await create(url)).status).toBe(201)

    const refused = await create(url)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(refused.headers.get('x-request-id')).toBeTruthy()
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringContaining('Too many new boards') },
    })
    const imported = await fetch(`${url}/api/boards/import`, { ...createBody, body: '{}' })
    expect(imported.status).toBe(429)
    // Only creation is limited.
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
  })

  it('limits sticky imports on a budget of their own, before the board or token is looked at', async () => {
    const url = await startApp({ CREATE_RATE_PER_MINUTE: '1' })
    const importCsv = () =>
      fetch(`${url}/api/boards/b0000000000000000000000000000000/stickies/import?dryRun=1`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: 'text,kind,phase\nSlow builds,pain,Build\n',
      })
    // The first one reaches the route (no such board); the second is over the budget.
    expect((await importCsv()).status).not.toBe(429)
    const refused = await importCsv()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringContaining('Too many sticky imports') },
    })
    // Board creation keeps its own budget.
    expect((await create(url)).status).toBe(201)
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const url = await startApp({ CREATE_RATE_PER_MINUTE: '1' })
    expect((await create(url, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(201)
    expect((await create(url, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429)
  })

  it('behind the proxy, keys on the hop the proxy appended, not on what clients sent', async () => {
    const url = await startApp({ CREATE_RATE_PER_MINUTE: '1', TRUST_PROXY: 'true' })
    expect((await create(url, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(201)
    expect((await create(url, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(201)
    // A client cannot pick a fresh address by prepending one.
    expect((await create(url, { 'x-forwarded-for': '203.0.113.50, 198.51.100.1' })).status).toBe(
      429,
    )
    // Not an address: the socket's (shared by everyone behind a broken proxy, so never unlimited).
    expect((await create(url, { 'x-forwarded-for': 'garbage' })).status).toBe(201)
    expect((await create(url, { 'x-forwarded-for': 'more garbage' })).status).toBe(429)
  })

  it('is off with CREATE_RATE_PER_MINUTE=0', async () => {
    const url = await startApp({ CREATE_RATE_PER_MINUTE: '0' })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await create(url)).status)
    expect(statuses).toEqual([201, 201, 201, 201, 201])
  })
})

describe('creationGuard', () => {
  it('lets a client create again once its budget came back (clock driven by hand)', async () => {
    let now = 0
    const app = new Hono()
    app.post('/boards', creationGuard({ perMinute: 2, trustProxy: false, now: () => now }))
    app.post('/boards', (c) => c.body(null, 201))
    const post = async () => (await app.request('/boards', { method: 'POST' })).status
    expect([await post(), await post(), await post()]).toEqual([201, 201, 429])
    const refused = await app.request('/boards', { method: 'POST' })
    expect(refused.headers.get('retry-after')).toBe('30')
    now += 30_000
    expect([await post(), await post()]).toEqual([201, 429])
  })
})
