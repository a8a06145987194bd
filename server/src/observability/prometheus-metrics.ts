import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { SyncMetrics } from '../rooms/sync-metrics.ts'

/** Live counts the registry reads when Prometheus scrapes (gauges, not events). */
export interface LiveCounts {
  rooms(): number
  sockets(): number
}

export interface PrometheusMetrics {
  /** Handed to the room registry and the websocket endpoint. */
  sync: SyncMetrics
  /** The text exposition format for `GET /metrics`. */
  scrape(): Promise<{ contentType: string; body: string }>
}

/**
 * Stormline's metrics on a registry of their own (not prom-client's global one, so two servers
 * in one test process do not share counters), plus Node's default process metrics.
 */
export function createPrometheusMetrics(live: LiveCounts): PrometheusMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const received = new Counter({
    name: 'stormline_updates_received_total',
    help: 'Document updates from peers applied and stored',
    registers: [registry],
  })
  const relayed = new Counter({
    name: 'stormline_updates_relayed_total',
    help: 'Update messages sent to peers',
    registers: [registry],
  })
  const appendSeconds = new Histogram({
    name: 'stormline_store_append_seconds',
    help: 'Time to durably append one update to the store',
    // Embedded SQLite commits in tens of microseconds; a networked store in milliseconds.
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  })
  const compactions = new Counter({
    name: 'stormline_compactions_total',
    help: 'Update logs folded into a snapshot',
    registers: [registry],
  })
  const closes = new Counter({
    name: 'stormline_socket_closes_total',
    help: 'Websocket closes by close code (4xxx: refusals, see the README)',
    labelNames: ['code'],
    registers: [registry],
  })
  new Gauge({
    name: 'stormline_rooms',
    help: 'Boards loaded with at least one socket',
    registers: [registry],
    collect() {
      this.set(live.rooms())
    },
  })
  new Gauge({
    name: 'stormline_sockets',
    help: 'Open sync sockets (board and private documents)',
    registers: [registry],
    collect() {
      this.set(live.sockets())
    },
  })
  return {
    sync: {
      updateReceived: () => received.inc(),
      updateStored: (seconds) => appendSeconds.observe(seconds),
      updatesRelayed: (count) => relayed.inc(count),
      compacted: () => compactions.inc(),
      socketClosed: (code) => closes.inc({ code: String(code) }),
    },
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  }
}
