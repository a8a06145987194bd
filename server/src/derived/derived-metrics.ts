/**
 * What the derived reads report for operators (like rooms/sync-metrics.ts: this code calls the
 * interface, server/src/observability/ implements it with prom-client).
 */
export interface DerivedMetrics {
  /** A read answered from the cache or from an identical computation in flight (hit), or computed (miss). */
  cacheLookup(result: 'hit' | 'miss'): void
  /** Seconds a worker spent computing one read. */
  computed(seconds: number): void
}

export const noDerivedMetrics: DerivedMetrics = {
  cacheLookup: () => {},
  computed: () => {},
}
