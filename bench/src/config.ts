/** How much each section does: full (committed results) or quick (CI smoke check, < 3 min). */
export interface BenchConfig {
  mode: 'full' | 'quick'
  fanoutClients: number[]
  fanoutDurationMs: number
  fanoutDrainMs: number
  /** Worker threads the fan-out clients are spread over. */
  fanoutWorkers: number
  /** Interleaved rounds per N; their latencies are pooled. */
  fanoutRounds: number
  growthStickies: number
  growthMoves: number
  storedBoardSizes: number[]
  storedBoardReps: number
  idleBoards: number
  idleStickiesPerBoard: number
  backlogSizes: number[]
  backlogReps: number
  /** Untimed rounds before them: a server answers these requests again and again. */
  backlogWarmups: number
  renderStickies: number
  renderReps: number
  /** Build the web app afresh (full) or measure web/dist when present (quick). */
  freshWebBuild: boolean
}

export const fullConfig: BenchConfig = {
  mode: 'full',
  fanoutClients: [10, 50, 100, 200],
  fanoutDurationMs: 15_000,
  fanoutDrainMs: 15_000,
  fanoutWorkers: 2,
  fanoutRounds: 5,
  growthStickies: 1_000,
  growthMoves: 10_000,
  storedBoardSizes: [1_000, 10_000],
  storedBoardReps: 3,
  idleBoards: 200,
  idleStickiesPerBoard: 100,
  backlogSizes: [1_000, 10_000],
  backlogReps: 5,
  backlogWarmups: 3,
  renderStickies: 1_000,
  renderReps: 3,
  freshWebBuild: true,
}

export const quickConfig: BenchConfig = {
  mode: 'quick',
  fanoutClients: [10, 50],
  fanoutDurationMs: 4_000,
  fanoutDrainMs: 5_000,
  fanoutWorkers: 2,
  fanoutRounds: 1,
  growthStickies: 200,
  growthMoves: 1_000,
  storedBoardSizes: [1_000],
  storedBoardReps: 1,
  idleBoards: 20,
  idleStickiesPerBoard: 100,
  backlogSizes: [1_000, 10_000],
  backlogReps: 1,
  backlogWarmups: 1,
  renderStickies: 1_000,
  renderReps: 1,
  freshWebBuild: false,
}
