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
  /** Scale-out section: node counts in scale-out mode (PostgreSQL + Redis) and client counts. */
  scaleOutNodes: number[]
  scaleOutClients: number[]
  /** Client counts at which one node on SQLite runs beside them (today's single node). */
  scaleOutSqliteClients: number[]
  /** Client counts at which the y-websocket server runs, unless section 1 measured it this run. */
  scaleOutReferenceClients: number[]
  scaleOutDurationMs: number
  scaleOutDrainMs: number
  scaleOutRounds: number
  /** Board loaded cold from PostgreSQL and from SQLite, and how many loads from its snapshot. */
  coldLoadStickies: number
  coldLoadReps: number
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
  // Two rounds of 9 runs (~25 s each: start, 200 clients joining, 10 s of edits) and two
  // 10,000-sticky boards: about 10 minutes on 2 cores. Two short rounds rather than one long one:
  // the p99 of one run moves a lot between identical runs (section 1's "p99 of each round").
  scaleOutNodes: [1, 2, 3],
  scaleOutClients: [100, 200],
  scaleOutSqliteClients: [100, 200],
  scaleOutReferenceClients: [100],
  scaleOutDurationMs: 10_000,
  scaleOutDrainMs: 15_000,
  scaleOutRounds: 2,
  coldLoadStickies: 10_000,
  coldLoadReps: 3,
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
  // Exercises the cluster path (two nodes relaying through Redis) in well under a minute.
  scaleOutNodes: [1, 2],
  scaleOutClients: [20],
  scaleOutSqliteClients: [20],
  scaleOutReferenceClients: [],
  scaleOutDurationMs: 4_000,
  scaleOutDrainMs: 5_000,
  scaleOutRounds: 1,
  coldLoadStickies: 1_000,
  coldLoadReps: 1,
}
