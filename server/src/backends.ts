import type { BoardStore } from './boards/board-store.ts'
import type { ServerConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { PostgresBoardStore } from './db/postgres/postgres-board-store.ts'
import { openPostgres } from './db/postgres/postgres-database.ts'
import { SqliteBoardStore } from './db/sqlite-board-store.ts'
import type { Logger } from './logging/logger.ts'
import { createRedisRelay, type RelayMetrics } from './relay/redis-relay.ts'
import type { RelayHub } from './relay/relay-hub.ts'

/** Where this node keeps boards and how it reaches the other nodes: one of the two modes (ADR 0014). */
export interface Backends {
  store: BoardStore
  /** The relay to the other nodes; null on a single node (embedded SQLite). */
  relay: RelayHub | null
  /** Names the mode in the startup log. */
  mode: 'sqlite' | 'postgres+redis'
  /** Closes the store (and the relay) once the rooms are closed. */
  close(): Promise<void>
}

/**
 * Opens the store of the configured mode: SQLite under DATA_DIR with nothing configured, or
 * PostgreSQL (migrated on start; several nodes may start at once) plus the Redis relay.
 */
export async function openBackends(
  config: ServerConfig,
  logger: Logger,
  relayMetrics: RelayMetrics,
): Promise<Backends> {
  if (!config.scaleOut) {
    const db = openDatabase({ dataDir: config.dataDir, durability: config.durability })
    return {
      store: new SqliteBoardStore(db),
      relay: null,
      mode: 'sqlite',
      close: async () => {
        db.$client.close()
      },
    }
  }
  const postgres = await openPostgres(config.scaleOut.databaseUrl, { logger })
  const store = new PostgresBoardStore(postgres.db)
  const relay = createRedisRelay({
    url: config.scaleOut.redisUrl,
    nodeId: config.nodeId,
    store,
    logger,
    metrics: relayMetrics,
  })
  return {
    store,
    relay,
    mode: 'postgres+redis',
    close: async () => {
      await relay.close()
      await postgres.close()
    },
  }
}
