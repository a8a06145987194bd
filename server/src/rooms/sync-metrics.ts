/**
 * What the sync core reports for operators (issue #15: Prometheus at `/metrics`). The core only
 * calls this interface; server/src/observability/ implements it with prom-client, so the rooms
 * import no metrics library and tests can count calls.
 */
export interface SyncMetrics {
  /** A peer's update was applied and stored. */
  updateReceived(): void
  /** How long the store took to append one update (seconds). */
  updateStored(seconds: number): void
  /** Update messages sent to peers (fan-out). */
  updatesRelayed(count: number): void
  /** A board's log was folded into a snapshot. */
  compacted(): void
  /** A websocket closed, with the code of its close frame. */
  socketClosed(code: number): void
}

export const noSyncMetrics: SyncMetrics = {
  updateReceived: () => {},
  updateStored: () => {},
  updatesRelayed: () => {},
  compacted: () => {},
  socketClosed: () => {},
}
