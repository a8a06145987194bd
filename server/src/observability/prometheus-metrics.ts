import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { DerivedMetrics } from '../derived/derived-metrics.ts'
import type { RelayMetrics } from '../relay/relay-hub.ts'
import type { SyncMetrics } from '../rooms/sync-metrics.ts'

/** Live counts the registry reads when Prometheus scrapes (gauges, not events). */
export interface LiveCounts {
  rooms(): number
  sockets(): number
}

export interface PrometheusMetrics {
  /** Handed to the room registry and the websocket endpoint. */
  sync: SyncMetrics
  /** Handed to the derived reads (backlog, model, suggestions: server/src/derived/). */
  derived: DerivedMetrics
  /** Handed to the cross-node relay (scale-out mode, ADR 0014). */
  relay: RelayMetrics
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
  const derivedLookups = new Counter({
    name: 'stormline_derived_cache_total',
    help: 'Backlog, model and suggestion reads by cache result (hit: cached or joined a computation in flight)',
    labelNames: ['result'],
    registers: [registry],
  })
  const derivedSeconds = new Histogram({
    name: 'stormline_derived_compute_seconds',
    help: 'Time a worker thread spent computing one backlog, model or suggestion read',
    // A small board reads in about a millisecond; a large backlog in a second or more.
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10],
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
  const relayLag = new Histogram({
    name: 'stormline_relay_lag_seconds',
    help: 'Time from another node publishing a relayed message to this node receiving it',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  })
  const relayGaps = new Counter({
    name: 'stormline_relay_gaps_total',
    help: 'Relayed updates missed and read back from the store instead',
    registers: [registry],
  })
  const relayPublishFailures = new Counter({
    name: 'stormline_relay_publish_failures_total',
    help: 'Messages Redis did not take (other nodes catch up from the store)',
    registers: [registry],
  })
  return {
    relay: {
      relayLag: (seconds) => relayLag.observe(seconds),
      gapRecovered: () => relayGaps.inc(),
      publishFailed: () => relayPublishFailures.inc(),
    },
    sync: {
      updateReceived: () => received.inc(),
      updateStored: (seconds) => appendSeconds.observe(seconds),
      updatesRelayed: (count) => relayed.inc(count),
      compacted: () => compactions.inc(),
      socketClosed: (code) => closes.inc({ code: String(code) }),
    },
    derived: {
      cacheLookup: (result) => derivedLookups.inc({ result }),
      computed: (seconds) => derivedSeconds.observe(seconds),
    },
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  }
}
