import { describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { MemoryBoardStore } from './boards/memory-board-store.ts'
import { loadConfig } from './config.ts'
import { silentLogger } from './logging/logger.ts'
import { RoomRegistry } from './rooms/room-registry.ts'

/** A store whose database went away: every read throws, as better-sqlite3 or a pool would. */
class UnreachableStore extends MemoryBoardStore {
  override getBoard(): never {
    throw new Error('database is locked')
  }
}

function appWith(store: MemoryBoardStore) {
  const registry = new RoomRegistry({ store, logger: silentLogger, compactIntervalMs: 0 })
  return createApp({ config: loadConfig({}), store, registry, logger: silentLogger }).app
}

describe('readiness', () => {
  it('is ready while the store answers', async () => {
    const response = await appWith(new MemoryBoardStore()).request('/readyz')
    expect(response.status).toBe(200)
  })

  it('says 503 when the store does not, while /healthz (the process lives) stays 200', async () => {
    const app = appWith(new UnreachableStore())
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({ status: 'not_ready', checks: { store: 'failed' } })
    expect((await app.request('/healthz')).status).toBe(200)
  })
})
