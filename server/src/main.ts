import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { SqliteBoardStore } from './db/sqlite-board-store.ts'
import { consoleLogger as logger } from './logging/logger.ts'
import { createPrometheusMetrics } from './observability/prometheus-metrics.ts'
import { RoomRegistry } from './rooms/room-registry.ts'

const config = loadConfig()
const db = openDatabase({ dataDir: config.dataDir, durability: config.durability })
const store = new SqliteBoardStore(db)
// The gauges read the registry when scraped; it exists by the first scrape.
const metrics = createPrometheusMetrics({
  rooms: () => registry.stats.rooms,
  sockets: () => registry.stats.sockets,
})
const registry = new RoomRegistry({
  store,
  logger,
  metrics: metrics.sync,
  compactEveryUpdates: config.compactEveryUpdates,
  compactLogBytes: config.compactLogBytes,
  compactQuietMs: config.compactQuietMs,
  compactIntervalMs: config.compactIntervalMs,
  maxBoardBytes: config.maxBoardBytes,
  rateLimit: config.rateLimit,
})
const { app, injectWebSocket } = createApp({ config, store, registry, logger, metrics })

const server = serve(
  { fetch: app.fetch, port: config.port, hostname: config.host },
  (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
    // Tests and scripts read this line to learn the port when PORT=0.
    logger.info('server.listening', {
      url: `http://${host}:${info.port}`,
      port: info.port,
      dataDir: config.dataDir,
    })
  },
)
injectWebSocket(server)

let stopping = false
/**
 * Graceful stop: refuse new connections, compact every open board and close its sockets (1001,
 * clients reconnect to the next process), then close the database so the WAL is checkpointed.
 */
function shutdown(signal: string): void {
  if (stopping) return
  stopping = true
  logger.info('server.stopping', { signal })
  server.close(() => {
    db.$client.close()
    logger.info('server.stopped', { signal })
    process.exit(0)
  })
  registry.close()
  // Idle keep-alive connections would otherwise hold server.close() open.
  if ('closeIdleConnections' in server) server.closeIdleConnections()
  // Busy ones must not hold the shutdown hostage: every update is already stored.
  setTimeout(() => {
    db.$client.close()
    process.exit(0)
  }, 2_000).unref()
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))
