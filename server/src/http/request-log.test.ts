import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { MemoryBoardStore } from '../boards/memory-board-store.ts'
import { loadConfig } from '../config.ts'
import { createLogger, type Logger } from '../logging/logger.ts'
import { RoomRegistry } from '../rooms/room-registry.ts'

/** The wired app (request ids and the access log are app-wide middleware), served in-process. */

interface LoggedLine {
  level: 'info' | 'warn' | 'error'
  event: string
  fields: Record<string, unknown>
}

/** A Logger that keeps what it is given. */
function capturingLogger(): Logger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = []
  const keep =
    (level: LoggedLine['level']) =>
    (event: string, fields: Record<string, unknown> = {}): void => {
      lines.push({ level, event, fields })
    }
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') }
}

/** A store whose database went away: every read throws, as better-sqlite3 or a pool would. */
class UnreachableStore extends MemoryBoardStore {
  override getBoard(): never {
    throw new Error('database is locked')
  }
}

const registries: RoomRegistry[] = []
afterEach(() => {
  for (const registry of registries.splice(0)) registry.close()
})

function appWith(logger: Logger, store = new MemoryBoardStore()) {
  const registry = new RoomRegistry({ store, logger, compactIntervalMs: 0 })
  registries.push(registry)
  return createApp({ config: loadConfig({}), store, registry, logger }).app
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('request ids', () => {
  it('gives every response an X-Request-Id, a fresh one per request', async () => {
    const app = appWith(capturingLogger())
    const first = (await app.request('/healthz')).headers.get('x-request-id')
    const second = (await app.request('/api/nope')).headers.get('x-request-id')
    expect(first).toMatch(uuid)
    expect(second).toMatch(uuid)
    expect(second).not.toBe(first)
  })

  it("keeps a caller's short, plain id and replaces anything else", async () => {
    const app = appWith(capturingLogger())
    const idFor = async (sent: string): Promise<string | null> =>
      (await app.request('/healthz', { headers: { 'x-request-id': sent } })).headers.get(
        'x-request-id',
      )
    expect(await idFor('lb-7f3a_9=')).toBe('lb-7f3a_9=')
    expect(await idFor('a'.repeat(65))).toMatch(uuid)
    expect(await idFor('x" injected="1')).toMatch(uuid)
    expect(await idFor('line\tbreak')).toMatch(uuid)
  })
})

describe('access log', () => {
  it('logs http.request once per request, with the id the response carries', async () => {
    const logger = capturingLogger()
    const app = appWith(logger)
    const response = await app.request('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Retro' }),
    })
    expect(response.status).toBe(201)
    const requests = logger.lines.filter((line) => line.event === 'http.request')
    expect(requests).toEqual([
      {
        level: 'info',
        event: 'http.request',
        fields: {
          method: 'POST',
          path: '/api/boards',
          status: 201,
          durationMs: expect.any(Number),
          requestId: response.headers.get('x-request-id'),
        },
      },
    ])
  })

  it('never logs the query string, where board tokens travel', async () => {
    const logger = capturingLogger()
    const app = appWith(logger)
    const secret = 'SecretTokenValue0123456789abcdef'
    const response = await app.request(
      `/api/boards/SomeBoard/model?token=${secret}&member=${secret}`,
    )
    expect(response.status).toBe(404)
    expect(logger.lines.filter((line) => line.event === 'http.request')).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({ path: '/api/boards/SomeBoard/model', status: 404 }),
      }),
    ])
    expect(JSON.stringify(logger.lines)).not.toContain(secret)
  })

  it('puts the request id on the lines route code writes while serving the request', async () => {
    const lines: string[] = []
    const logger = createLogger({
      nodeId: 'n1',
      destination: { write: (line) => lines.push(line) },
    })
    const app = appWith(logger, new UnreachableStore())
    const response = await app.request('/readyz')
    expect(response.status).toBe(503)
    const id = response.headers.get('x-request-id')
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(parsed.map(({ event, requestId, node }) => ({ event, requestId, node }))).toEqual([
      { event: 'http.not_ready', requestId: id, node: 'n1' },
      { event: 'http.request', requestId: id, node: 'n1' },
    ])
    expect(parsed[1]).toMatchObject({ level: 'info', method: 'GET', path: '/readyz', status: 503 })
  })
})
