import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { openBackends } from './backends.ts'
import { loadConfig } from './config.ts'
import { AutoCheckpoints } from './history/auto-checkpoints.ts'
import { BoardHistory } from './history/board-history.ts'
import { createLogger } from './logging/logger.ts'
import { createPrometheusMetrics } from './observability/prometheus-metrics.ts'
import { RoomRegistry } from './rooms/room-registry.ts'

const config = loadConfig()
const logger = createLogger({ nodeId: config.nodeId, level: config.logLevel })
// The gauges read the registry when scraped; it exists by the first scrape.
const metrics = createPrometheusMetrics({
  rooms: () => registry.stats.rooms,
  sockets: () => registry.stats.sockets,
})
const backends = await openBackends(config, logger, metrics.relay)
const { store, relay } = backends
// Automatic checkpoints (ADR 0015) hear of each board's activity from the registry and take
// them through the history, which reads and writes documents through the registry.
const autoCheckpoints = new AutoCheckpoints({
  intervalMs: config.history.autoMs,
  take: (boardId, dirtySince) => history.takeAuto(boardId, dirtySince),
  logger,
})
const registry = new RoomRegistry({
  activity: autoCheckpoints,
  store,
  relay: relay ?? undefined,
  logger,
  metrics: metrics.sync,
  compactEveryUpdates: config.compactEveryUpdates,
  compactLogBytes: config.compactLogBytes,
  compactQuietMs: config.compactQuietMs,
  compactIntervalMs: config.compactIntervalMs,
  maxBoardBytes: config.maxBoardBytes,
  rateLimit: config.rateLimit,
})
const history = new BoardHistory({
  store,
  documents: registry,
  logger,
  retention: config.history,
})
const { app, injectWebSocket, derived } = createApp({
  config,
  store,
  registry,
  logger,
  metrics,
  relay: relay ?? undefined,
  history,
})

const server = serve(
  { fetch: app.fetch, port: config.port, hostname: config.host },
  (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
    // Tests and scripts read this line to learn the port when PORT=0.
    logger.info('server.listening', {
      url: `http://${host}:${info.port}`,
      port: info.port,
      mode: backends.mode,
      node: config.nodeId,
      ...(backends.mode === 'sqlite' ? { dataDir: config.dataDir } : {}),
    })
  },
)
injectWebSocket(server)

let stopping = false
/**
 * Graceful stop: refuse new connections, compact every open board and close its sockets (1001,
 * clients reconnect to the next node or process), then close the store (SQLite checkpoints its
 * WAL) and the relay.
 */
function shutdown(signal: string): void {
  if (stopping) return
  stopping = true
  logger.info('server.stopping', { signal })
  autoCheckpoints.close()
  const roomsClosed = registry.close()
  server.close(() => {
    roomsClosed
      .catch((error: unknown) => logger.warn('server.compaction_on_stop_failed', { error }))
      // After the last request is answered: its derived read may still be on a worker thread.
      .then(() => derived.close())
      .then(() => backends.close())
      .finally(() => {
        logger.info('server.stopped', { signal })
        process.exit(0)
      })
  })
  // Idle keep-alive connections would otherwise hold server.close() open.
  if ('closeIdleConnections' in server) server.closeIdleConnections()
  // Busy ones must not hold the shutdown hostage: every update is already stored.
  setTimeout(() => {
    void backends.close().finally(() => process.exit(0))
  }, 2_000).unref()
}
process.on('SIGINT', () => shutdown('SIGINT'))
process.on('SIGTERM', () => shutdown('SIGTERM'))
