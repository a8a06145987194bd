import type { BoardRoom } from '../clients/board-room.ts'
import type { ServerHandle } from '../servers/server-handle.ts'

/** Messages between the fan-out coordinator and its client workers. */

export interface WorkerSetup {
  /** The nodes serving the board: client k connects to node k mod nodes (round-robin). */
  nodes: Pick<ServerHandle, 'kind' | 'wsUrl'>[]
  room: BoardRoom
  /** Global indices of the clients this worker runs. */
  clients: number[]
  workerIndex: number
  minGapMs: number
  maxGapMs: number
  seed: number
}

/** Time on one clock across threads: ms since the Unix epoch with sub-ms precision. */
export function now(): number {
  return performance.timeOrigin + performance.now()
}

export type ToWorker =
  | { type: 'start'; startAt: number; durationMs: number }
  | { type: 'report' }
  | { type: 'stop' }

export interface WorkerReport {
  /** Updates this worker sent: id, send time. */
  sent: [number, number][]
  /** Per update id seen by this worker's receivers: [id, receivers, last apply time]. */
  arrivals: [number, number, number][]
  recordBytes: number
}

export type FromWorker =
  | { type: 'synced' }
  | ({ type: 'report' } & WorkerReport)
  | { type: 'stopped' }
  | { type: 'error'; message: string }
