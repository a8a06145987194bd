import { Worker } from 'node:worker_threads'
import { createRoom } from '../clients/board-room.ts'
import { cpuTimeMs, peakRssBytes, rssBytes } from '../process-stats.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { type Distribution, distribution, sleep } from '../stats.ts'
import {
  type FromWorker,
  now,
  type ToWorker,
  type WorkerReport,
  type WorkerSetup,
} from './fanout-protocol.ts'

export interface FanoutWorkload {
  clients: number
  /** How long clients keep editing, in ms. */
  durationMs: number
  /** Each client waits a uniformly random time in [minGapMs, maxGapMs] between its updates. */
  minGapMs: number
  maxGapMs: number
  /** After the editing window, how long to wait for the last updates to reach everyone. */
  drainMs: number
  /** Worker threads the clients are spread over. */
  workers: number
}

export interface FanoutResult {
  server: ServerHandle['kind']
  clients: number
  /** Runs pooled into this result (each on a fresh server process). */
  rounds: number
  clientWorkers: number
  durationMs: number
  recordBytes: number
  updatesSent: number
  /** Updates every other client applied before the drain deadline. */
  updatesComplete: number
  /** Per update: ms from the sender's `set` until the last other client applied it. */
  latencyMs: Distribution
  /** p99 of each pooled round on its own: how much the tail moves between identical runs (absent in results written before it was recorded). */
  roundP99Ms?: number[]
  /** Updates sent per second over the editing window. */
  updatesPerSecond: number
  /** Applications at receivers per second (updates × (clients − 1)). */
  deliveriesPerSecond: number
  /** User+system CPU of the server over the editing window and drain (all nodes together). */
  serverCpuMs: number
  /** Server CPU time over wall time of the editing window and drain, in % of one core. */
  serverCpuPercent: number
  /** Highest resident memory of a node (since its start), and its resident memory at the end. */
  serverPeakRssBytes: number
  serverRssBytes: number
  /** CPU of the bench process (all client threads), in % of one core. */
  clientCpuPercent: number
  /** Every complete update's latency, for pooling rounds; not written to the results file. */
  latencies?: number[]
}

/**
 * Told when the measured window (editing and drain) starts and ends, to take figures of its own
 * over exactly that window (e.g. CPU per node, of Redis and of PostgreSQL).
 */
export interface WindowProbe {
  start(): void
  stop(wallMs: number): void
}

/**
 * Pools the rounds of each (server, N): latencies together, counts and CPU summed, rates and
 * percentages averaged over time, peak RSS the highest.
 */
export function poolRounds(runs: readonly FanoutResult[]): FanoutResult[] {
  const groups = new Map<string, FanoutResult[]>()
  for (const run of runs) {
    const key = `${run.server}|${run.clients}`
    groups.set(key, [...(groups.get(key) ?? []), run])
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as FanoutResult
    const sum = (pick: (r: FanoutResult) => number): number =>
      group.reduce((t, r) => t + pick(r), 0)
    const mean = (pick: (r: FanoutResult) => number): number => sum(pick) / group.length
    const latencies = group.flatMap((r) => r.latencies ?? [])
    return {
      ...first,
      rounds: group.length,
      durationMs: first.durationMs,
      updatesSent: sum((r) => r.updatesSent),
      updatesComplete: sum((r) => r.updatesComplete),
      latencyMs: distribution(latencies),
      roundP99Ms: group.flatMap((r) => r.roundP99Ms ?? []),
      updatesPerSecond: mean((r) => r.updatesPerSecond),
      deliveriesPerSecond: mean((r) => r.deliveriesPerSecond),
      serverCpuMs: mean((r) => r.serverCpuMs),
      serverCpuPercent: mean((r) => r.serverCpuPercent),
      serverPeakRssBytes: Math.max(...group.map((r) => r.serverPeakRssBytes)),
      serverRssBytes: Math.max(...group.map((r) => r.serverRssBytes)),
      clientCpuPercent: mean((r) => r.clientCpuPercent),
      latencies: undefined,
    }
  })
}

const workerUrl = new URL('./fanout-worker.ts', import.meta.url)

interface ClientWorker {
  send(message: ToWorker): void
  next(type: FromWorker['type']): Promise<FromWorker>
  terminate(): Promise<number>
}

function startWorker(setup: WorkerSetup): ClientWorker {
  const worker = new Worker(workerUrl, { workerData: setup })
  const waiting: {
    type: FromWorker['type']
    resolve: (m: FromWorker) => void
    reject: (e: Error) => void
  }[] = []
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'error') {
      for (const w of waiting.splice(0)) w.reject(new Error(message.message))
      return
    }
    const at = waiting.findIndex((w) => w.type === message.type)
    if (at >= 0) waiting.splice(at, 1)[0]?.resolve(message)
  })
  worker.on('error', (error) => {
    for (const w of waiting.splice(0)) w.reject(error)
  })
  return {
    send: (message) => worker.postMessage(message),
    next: (type) => new Promise((resolve, reject) => waiting.push({ type, resolve, reject })),
    terminate: () => worker.terminate(),
  }
}

/**
 * N stock clients on one board, spread over worker threads (one wall clock: epoch ms with
 * sub-ms precision) and round-robin over the `nodes` serving it (one, or several nodes of a
 * scale-out cluster sharing the board; it is created through the first). See fanout-worker.ts
 * for what each client does. Server CPU and RSS are the nodes' sum and highest.
 */
export async function runFanout(
  nodes: readonly ServerHandle[],
  workload: FanoutWorkload,
  probe?: WindowProbe,
): Promise<FanoutResult> {
  const server = nodes[0]
  if (!server) throw new Error('runFanout needs at least one node')
  const room = await createRoom(server, `Fan-out ${workload.clients}`)
  const shares = Array.from({ length: workload.workers }, (_w, i) =>
    Array.from({ length: workload.clients }, (_c, k) => k).filter(
      (k) => k % workload.workers === i,
    ),
  ).filter((share) => share.length > 0)
  const workers = shares.map((clients, workerIndex) =>
    startWorker({
      nodes: nodes.map((node) => ({ kind: node.kind, wsUrl: node.wsUrl })),
      room,
      clients,
      workerIndex,
      minGapMs: workload.minGapMs,
      maxGapMs: workload.maxGapMs,
      seed: workload.clients * 7919 + workerIndex,
    }),
  )
  try {
    await Promise.race([
      Promise.all(workers.map((w) => w.next('synced'))),
      sleep(120_000).then(() => {
        throw new Error(`${server.kind}: clients did not sync within 120 s`)
      }),
    ])
    // Let join-time awareness traffic settle before measuring.
    await sleep(1_000)

    const serverCpu = (): number => nodes.reduce((t, node) => t + cpuTimeMs(node.pid), 0)
    const cpuBefore = serverCpu()
    const clientCpuBefore = process.cpuUsage()
    probe?.start()
    const start = now()
    for (const w of workers)
      w.send({ type: 'start', startAt: start + 100, durationMs: workload.durationMs })
    await sleep(workload.durationMs + 100)

    const expected = workload.clients - 1
    const collect = async (): Promise<WorkerReport[]> => {
      const replies = workers.map((w) => w.next('report'))
      for (const w of workers) w.send({ type: 'report' })
      return (await Promise.all(replies)) as WorkerReport[]
    }
    let reports = await collect()
    const merge = (all: WorkerReport[]) => {
      const sent = new Map(all.flatMap((r) => r.sent))
      const received = new Map<number, { receivers: number; last: number }>()
      for (const report of all) {
        for (const [u, receivers, last] of report.arrivals) {
          const a = received.get(u)
          if (a) {
            a.receivers += receivers
            if (last > a.last) a.last = last
          } else received.set(u, { receivers, last })
        }
      }
      return { sent, received }
    }
    let merged = merge(reports)
    const drainUntil = now() + workload.drainMs
    const allIn = (): boolean =>
      [...merged.sent.keys()].every((u) => (merged.received.get(u)?.receivers ?? 0) >= expected)
    while (!allIn() && now() < drainUntil) {
      await sleep(250)
      reports = await collect()
      merged = merge(reports)
    }
    const wallMs = now() - start
    const serverCpuMs = serverCpu() - cpuBefore
    probe?.stop(wallMs)
    const clientCpu = process.cpuUsage(clientCpuBefore)
    const latencies: number[] = []
    let deliveries = 0
    let lastApplied = start
    for (const [u, sentAt] of merged.sent) {
      const a = merged.received.get(u)
      if (!a) continue
      deliveries += a.receivers
      if (a.last > lastApplied) lastApplied = a.last
      if (a.receivers >= expected) latencies.push(a.last - sentAt)
    }
    return {
      server: server.kind,
      clients: workload.clients,
      rounds: 1,
      clientWorkers: workers.length,
      durationMs: workload.durationMs,
      recordBytes: Math.max(...reports.map((r) => r.recordBytes)),
      updatesSent: merged.sent.size,
      updatesComplete: latencies.length,
      latencyMs: distribution(latencies),
      roundP99Ms: [distribution(latencies).p99],
      updatesPerSecond: merged.sent.size / (workload.durationMs / 1000),
      deliveriesPerSecond: deliveries / ((lastApplied - start) / 1000),
      serverCpuMs,
      serverCpuPercent: (serverCpuMs / wallMs) * 100,
      serverPeakRssBytes: Math.max(...nodes.map((node) => peakRssBytes(node.pid))),
      serverRssBytes: Math.max(...nodes.map((node) => rssBytes(node.pid))),
      clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1000 / wallMs) * 100,
      latencies,
    }
  } finally {
    await Promise.all(
      workers.map(async (w) => {
        const stopped = w.next('stopped')
        w.send({ type: 'stop' })
        await Promise.race([stopped, sleep(5_000)])
        await w.terminate()
      }),
    )
  }
}
