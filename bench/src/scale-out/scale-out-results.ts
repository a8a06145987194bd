import type { ColdLoadResult } from './cold-load.ts'
import type { ScaleOutFanoutResult } from './scale-out-fanout.ts'

/** A fan-out figure the scale-out goals compare against, and where it was measured. */
export interface FanoutReference {
  source: string
  clients: number
  p50: number
  p99: number
}

/** What the scale-out section measured (issue #15). */
export interface ScaleOutResults {
  fanout: ScaleOutFanoutResult[]
  /** Single-node SQLite fan-out before this run: bench/results/latest.json as the run found it. */
  baseline: FanoutReference | null
  /** The y-websocket server's fan-out at the same client count in this run. */
  yWebsocket: FanoutReference | null
  coldLoad?: ColdLoadResult
}
