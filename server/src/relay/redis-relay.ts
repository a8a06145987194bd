import type { BoardStore } from '../boards/board-store.ts'
import type { Logger } from '../logging/logger.ts'
import { RedisTransport } from './redis-transport.ts'
import { RelayHub, type RelayMetrics } from './relay-hub.ts'

export type { RelayMetrics } from './relay-hub.ts'

export interface RedisRelayOptions {
  url: string
  nodeId: string
  store: BoardStore
  logger: Logger
  metrics?: RelayMetrics
}

/** The relay between nodes of scale-out mode, on Redis pub/sub (ADR 0014). */
export function createRedisRelay(options: RedisRelayOptions): RelayHub {
  return new RelayHub({
    transport: new RedisTransport(options.url, options.logger),
    nodeId: options.nodeId,
    store: options.store,
    logger: options.logger,
    metrics: options.metrics,
  })
}
