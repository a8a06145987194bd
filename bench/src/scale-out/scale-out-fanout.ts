import {
  type FanoutResult,
  type FanoutWorkload,
  poolRounds,
  runFanout,
  type WindowProbe,
} from '../fanout/fanout-run.ts'
import { cpuTimeMs, machineBusyMs } from '../process-stats.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { startYWebsocket } from '../servers/y-websocket.ts'
import { type StoreBackend, startBenchCluster } from './bench-cluster.ts'
import type { ProcessGroupCpu } from './process-group-cpu.ts'

/** One configuration of the scale-out fan-out: Stormline on a store and nodes, or the reference. */
export interface ScaleOutSetup {
  backend: StoreBackend | 'y-websocket'
  nodes: number
  clients: number
}

/** One run of a setup on its own: pooled results hide a run that went wrong. */
export interface ScaleOutRound {
  updatesSent: number
  updatesComplete: number
  p99Ms: number
  /** All cores busy over the window, in % of one core (200% = both cores of a 2-core machine). */
  machineCpuPercent: number
  /** What of it was neither the cluster nor the bench's clients: other work on the machine. */
  otherCpuPercent: number
}

/** The fan-out measure of section 1 over a cluster, with CPU per node and of the shared engines. */
export interface ScaleOutFanoutResult extends FanoutResult {
  backend: ScaleOutSetup['backend']
  nodes: number
  /** CPU of each node process over the measured window (mean over rounds), ms and % of one core. */
  nodeCpuMs: number[]
  nodeCpuPercent: number[]
  /** CPU of the private redis-server over the window (scale-out mode only). */
  redisCpuMs: number | null
  /** CPU of the PostgreSQL backends serving the cluster's database (scale-out mode only). */
  postgresCpuMs: number | null
  perRound: ScaleOutRound[]
}

export interface ScaleOutRunOptions {
  setups: ScaleOutSetup[]
  rounds: number
  workload: Omit<FanoutWorkload, 'clients'>
  log(message: string): void
}

const keyOf = (s: Pick<ScaleOutSetup, 'backend' | 'nodes' | 'clients'>): string =>
  `${s.backend}|${s.nodes}|${s.clients}`

/** Figures of the nodes and engines over exactly the window runFanout measures. */
function clusterProbe(
  nodes: readonly ServerHandle[],
  redisPid: number | null,
  postgres: ProcessGroupCpu | null,
) {
  let nodesBefore: number[] = []
  let redisBefore = 0
  let machineBefore = 0
  let benchBefore = process.cpuUsage()
  const figures = {
    nodeCpuMs: [] as number[],
    nodeCpuPercent: [] as number[],
    redisCpuMs: null as number | null,
    postgresCpuMs: null as number | null,
    machineCpuPercent: Number.NaN,
    otherCpuPercent: Number.NaN,
  }
  const probe: WindowProbe = {
    start: () => {
      nodesBefore = nodes.map((node) => cpuTimeMs(node.pid))
      if (redisPid !== null) redisBefore = cpuTimeMs(redisPid)
      postgres?.start()
      benchBefore = process.cpuUsage()
      machineBefore = machineBusyMs()
    },
    stop: (wallMs) => {
      const machineMs = machineBusyMs() - machineBefore
      const bench = process.cpuUsage(benchBefore)
      figures.nodeCpuMs = nodes.map((node, i) => cpuTimeMs(node.pid) - (nodesBefore[i] ?? 0))
      figures.nodeCpuPercent = figures.nodeCpuMs.map((cpu) => (cpu / wallMs) * 100)
      if (redisPid !== null) figures.redisCpuMs = cpuTimeMs(redisPid) - redisBefore
      if (postgres) figures.postgresCpuMs = postgres.stop().cpuMs
      const ours =
        figures.nodeCpuMs.reduce((t, c) => t + c, 0) +
        (figures.redisCpuMs ?? 0) +
        (figures.postgresCpuMs ?? 0) +
        (bench.user + bench.system) / 1000
      figures.machineCpuPercent = (machineMs / wallMs) * 100
      figures.otherCpuPercent = (Math.max(0, machineMs - ours) / wallMs) * 100
    },
  }
  return { probe, figures }
}

function withFigures(
  setup: ScaleOutSetup,
  result: FanoutResult,
  figures: ReturnType<typeof clusterProbe>['figures'],
): ScaleOutFanoutResult {
  const { machineCpuPercent, otherCpuPercent, ...cpu } = figures
  return {
    ...result,
    backend: setup.backend,
    nodes: setup.nodes,
    ...cpu,
    perRound: [
      {
        updatesSent: result.updatesSent,
        updatesComplete: result.updatesComplete,
        p99Ms: result.latencyMs.p99,
        machineCpuPercent,
        otherCpuPercent,
      },
    ],
  }
}

async function runOnce(
  setup: ScaleOutSetup,
  workload: FanoutWorkload,
): Promise<ScaleOutFanoutResult> {
  if (setup.backend === 'y-websocket') {
    const server = await startYWebsocket()
    try {
      const { probe, figures } = clusterProbe([server], null, null)
      const result = await runFanout([server], workload, probe)
      return withFigures(setup, result, figures)
    } finally {
      await server.stop()
    }
  }
  const cluster = await startBenchCluster(setup.backend, setup.nodes)
  try {
    const { probe, figures } = clusterProbe(
      cluster.nodes,
      cluster.redis?.pid ?? null,
      cluster.database?.backendsCpu() ?? null,
    )
    const result = await runFanout(cluster.nodes, workload, probe)
    return withFigures(setup, result, figures)
  } finally {
    await cluster.dispose()
  }
}

/** Rounds of one setup pooled as in section 1; per-node and engine CPU averaged over the rounds. */
function pool(runs: readonly ScaleOutFanoutResult[]): ScaleOutFanoutResult {
  const first = runs[0] as ScaleOutFanoutResult
  const pooled = poolRounds(runs)[0] as FanoutResult
  const mean = (pick: (r: ScaleOutFanoutResult) => number): number =>
    runs.reduce((t, r) => t + pick(r), 0) / runs.length
  const meanOrNull = (pick: (r: ScaleOutFanoutResult) => number | null): number | null =>
    pick(first) === null ? null : mean((r) => pick(r) ?? 0)
  return {
    ...pooled,
    backend: first.backend,
    nodes: first.nodes,
    nodeCpuMs: first.nodeCpuMs.map((_c, i) => mean((r) => r.nodeCpuMs[i] ?? 0)),
    nodeCpuPercent: first.nodeCpuPercent.map((_c, i) => mean((r) => r.nodeCpuPercent[i] ?? 0)),
    redisCpuMs: meanOrNull((r) => r.redisCpuMs),
    postgresCpuMs: meanOrNull((r) => r.postgresCpuMs),
    perRound: runs.flatMap((r) => r.perRound),
  }
}

/**
 * Every setup once per round, rounds pooled. Within a round the setups of one client count run
 * back to back in an order that rotates from round to round, as in section 1, so a slow minute
 * of the shared machine does not land on the same setup every time. A fresh cluster (database,
 * Redis, node processes) per run.
 */
export async function runScaleOutFanout(
  options: ScaleOutRunOptions,
): Promise<ScaleOutFanoutResult[]> {
  const runs = new Map<string, ScaleOutFanoutResult[]>()
  const counts = [...new Set(options.setups.map((s) => s.clients))]
  let turn = 0
  for (let round = 0; round < options.rounds; round++) {
    for (const clients of counts) {
      const group = options.setups.filter((s) => s.clients === clients)
      const order = group.map((_s, i) => group[(i + turn) % group.length] as ScaleOutSetup)
      turn++
      for (const setup of order) {
        options.log(
          `  scale-out ${setup.backend} × ${setup.nodes} node(s), N=${clients}, round ${round + 1}/${options.rounds}`,
        )
        const result = await runOnce(setup, { ...options.workload, clients })
        runs.set(keyOf(setup), [...(runs.get(keyOf(setup)) ?? []), result])
      }
    }
  }
  // In the order the setups were given.
  return options.setups.flatMap((setup) => {
    const group = runs.get(keyOf(setup))
    return group ? [pool(group)] : []
  })
}
