import * as Y from 'yjs'
import { stickyId, stickyRecord } from '../board/sticky-record.ts'
import { createRoom } from '../clients/board-room.ts'
import { connectClient, type StockClient } from '../clients/stock-client.ts'
import { cpuTimeMs, peakRssBytes, rssBytes } from '../process-stats.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { type Distribution, distribution, seededRandom, sleep, waitUntil } from '../stats.ts'

export interface FanoutWorkload {
  clients: number
  /** How long clients keep editing, in ms. */
  durationMs: number
  /** Each client waits a uniformly random time in [minGapMs, maxGapMs] between its updates. */
  minGapMs: number
  maxGapMs: number
  /** After the editing window, how long to wait for the last updates to reach everyone. */
  drainMs: number
}

export interface FanoutResult {
  server: ServerHandle['kind']
  clients: number
  durationMs: number
  recordBytes: number
  updatesSent: number
  /** Updates every other client applied before the drain deadline. */
  updatesComplete: number
  /** Per update: ms from the sender's `set` until the last other client applied it. */
  latencyMs: Distribution
  /** Updates sent per second over the editing window. */
  updatesPerSecond: number
  /** Applications at receivers per second (updates × (clients − 1)). */
  deliveriesPerSecond: number
  serverCpuMs: number
  /** Server CPU time over wall time of the editing window and drain, in % of one core. */
  serverCpuPercent: number
  serverPeakRssBytes: number
  serverRssBytes: number
  /** CPU of the bench process holding all clients, in % of one core: near 100 means saturated. */
  clientCpuPercent: number
}

interface Arrival {
  sentAt: number
  from: number
  lastAppliedAt: number
  receivers: number
}

/**
 * N stock clients on one board, all in this process (one clock for send and apply times). Each
 * client moves its own sticky on a jittered schedule; the record carries the update id and its
 * send time, and every receiving client notes when it applied it.
 */
export async function runFanout(
  server: ServerHandle,
  workload: FanoutWorkload,
): Promise<FanoutResult> {
  const room = await createRoom(server, `Fan-out ${workload.clients}`)
  const clients: StockClient[] = []
  // Connect in small batches: a workshop's people arrive over minutes, not in one instant.
  for (let i = 0; i < workload.clients; i += 20) {
    const batch = Array.from({ length: Math.min(20, workload.clients - i) }, () =>
      connectClient(server, room, new Y.Doc()),
    )
    clients.push(...batch)
    await Promise.race([
      Promise.all(batch.map((c) => c.synced)),
      sleep(60_000).then(() => {
        throw new Error(`${server.kind}: clients did not sync within 60 s`)
      }),
    ])
  }

  const arrivals = new Map<number, Arrival>()
  clients.forEach((client, self) => {
    const records = client.doc.getMap<Record<string, unknown>>('records')
    records.observe((event) => {
      const appliedAt = performance.now()
      for (const key of event.keysChanged) {
        const meta = records.get(key)?.meta as { bench?: { u: number; from: number } } | undefined
        const bench = meta?.bench
        if (!bench || bench.from === self) continue
        const arrival = arrivals.get(bench.u)
        if (!arrival) continue
        arrival.receivers++
        if (appliedAt > arrival.lastAppliedAt) arrival.lastAppliedAt = appliedAt
      }
    })
  })
  // Let join-time awareness traffic settle before measuring.
  await sleep(500)

  const random = seededRandom(workload.clients * 7919)
  let nextId = 0
  let recordBytes = 0
  const cpuBefore = cpuTimeMs(server.pid)
  const clientCpuBefore = process.cpuUsage()
  const start = performance.now()
  const end = start + workload.durationMs
  const timers: NodeJS.Timeout[] = []
  const gap = (): number => workload.minGapMs + random() * (workload.maxGapMs - workload.minGapMs)
  const edit = (self: number): void => {
    const now = performance.now()
    if (now >= end) return
    const u = nextId++
    const record = stickyRecord({
      n: self,
      x: Math.round(random() * 3000),
      y: Math.round(random() * 1000),
      text: `Moved by participant ${self}`,
      bench: { u, from: self },
    })
    if (recordBytes === 0) recordBytes = JSON.stringify(record).length
    const sentAt = performance.now()
    arrivals.set(u, { sentAt, from: self, lastAppliedAt: 0, receivers: 0 })
    ;(clients[self] as StockClient).doc.getMap('records').set(stickyId(self), record)
    timers[self] = setTimeout(() => edit(self), gap())
  }
  // First edits spread over the first gap, so clients do not start in lockstep.
  clients.forEach((_c, self) => {
    timers[self] = setTimeout(() => edit(self), random() * workload.maxGapMs)
  })
  await sleep(workload.durationMs)
  for (const timer of timers) clearTimeout(timer)
  const expected = workload.clients - 1
  await waitUntil(
    () => [...arrivals.values()].every((a) => a.receivers >= expected),
    workload.drainMs,
    50,
  )
  const wallMs = performance.now() - start
  const serverCpuMs = cpuTimeMs(server.pid) - cpuBefore
  const clientCpu = process.cpuUsage(clientCpuBefore)
  const serverPeakRss = peakRssBytes(server.pid)
  const serverRss = rssBytes(server.pid)

  const complete = [...arrivals.values()].filter((a) => a.receivers >= expected)
  let deliveries = 0
  let lastApplied = start
  for (const a of arrivals.values()) {
    deliveries += a.receivers
    if (a.lastAppliedAt > lastApplied) lastApplied = a.lastAppliedAt
  }
  for (const client of clients) client.destroy()
  return {
    server: server.kind,
    clients: workload.clients,
    durationMs: workload.durationMs,
    recordBytes,
    updatesSent: arrivals.size,
    updatesComplete: complete.length,
    latencyMs: distribution(complete.map((a) => a.lastAppliedAt - a.sentAt)),
    updatesPerSecond: arrivals.size / (workload.durationMs / 1000),
    deliveriesPerSecond: deliveries / ((lastApplied - start) / 1000),
    serverCpuMs,
    serverCpuPercent: (serverCpuMs / wallMs) * 100,
    serverPeakRssBytes: serverPeakRss,
    serverRssBytes: serverRss,
    clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1000 / wallMs) * 100,
  }
}
