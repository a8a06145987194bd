import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { BenchConfig } from '../config.ts'
import type { FanoutResult } from '../fanout/fanout-run.ts'
import { resultsDir } from '../paths.ts'
import type { BenchResults } from '../results.ts'
import {
  runScaleOutFanout,
  type ScaleOutFanoutResult,
  type ScaleOutSetup,
} from './scale-out-fanout.ts'
import type { FanoutReference } from './scale-out-results.ts'

/** Client count of the single-node goals (issue #15: "at 100 clients"). */
export const goalClients = 100

/**
 * Single-node SQLite fan-out at `clients` from the committed results (bench/results/latest.json,
 * section 1) as this run found them: the figure "today" that one node on SQLite must not lose to.
 */
export function readBaseline(clients = goalClients): FanoutReference | null {
  const file = path.join(resultsDir, 'latest.json')
  if (!existsSync(file)) return null
  const previous = JSON.parse(readFileSync(file, 'utf8')) as BenchResults
  const row = previous.fanout?.find((f) => f.server === 'stormline' && f.clients === clients)
  if (!row) return null
  const run = previous.meta.sectionRuns?.fanout ?? previous.meta
  return {
    source: `bench/results/latest.json before this run: section 1, Stormline ${run.stormline}, run of ${run.startedAt.slice(0, 10)}, ${row.rounds} round(s)`,
    clients,
    p50: row.latencyMs.p50,
    p99: row.latencyMs.p99,
  }
}

export interface ScaleOutFanoutSection {
  fanout: ScaleOutFanoutResult[]
  yWebsocket: FanoutReference | null
}

/**
 * The scale-out fan-out: scale-out mode on 1…n nodes at each client count, one SQLite node beside
 * them, and the y-websocket server at the goal's client count unless section 1 of this run has
 * measured it already (`sectionOne`: its results, when it ran in this run).
 */
export async function measureScaleOutFanout(
  config: BenchConfig,
  sectionOne: FanoutResult[] | undefined,
  log: (message: string) => void,
): Promise<ScaleOutFanoutSection> {
  const fromSectionOne = (clients: number) =>
    sectionOne?.find((f) => f.server === 'y-websocket' && f.clients === clients)
  const setups: ScaleOutSetup[] = []
  for (const clients of config.scaleOutClients) {
    for (const nodes of config.scaleOutNodes)
      setups.push({ backend: 'postgres+redis', nodes, clients })
    if (config.scaleOutSqliteClients.includes(clients))
      setups.push({ backend: 'sqlite', nodes: 1, clients })
    if (config.scaleOutReferenceClients.includes(clients) && !fromSectionOne(clients))
      setups.push({ backend: 'y-websocket', nodes: 1, clients })
  }
  const fanout = await runScaleOutFanout({
    setups,
    rounds: config.scaleOutRounds,
    workload: {
      durationMs: config.scaleOutDurationMs,
      minGapMs: 1_000,
      maxGapMs: 2_000,
      drainMs: config.scaleOutDrainMs,
      workers: config.fanoutWorkers,
    },
    log,
  })
  let yWebsocket: FanoutReference | null = null
  const section = fromSectionOne(goalClients)
  const own = fanout.find((f) => f.backend === 'y-websocket' && f.clients === goalClients)
  if (section)
    yWebsocket = {
      source: `section 1 of this run (${section.rounds} round(s))`,
      clients: goalClients,
      p50: section.latencyMs.p50,
      p99: section.latencyMs.p99,
    }
  else if (own)
    yWebsocket = {
      source: `this section (${own.rounds} round(s); section 1 did not run)`,
      clients: goalClients,
      p50: own.latencyMs.p50,
      p99: own.latencyMs.p99,
    }
  return { fanout, yWebsocket }
}
