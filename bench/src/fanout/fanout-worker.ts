import { parentPort, workerData } from 'node:worker_threads'
import { seededRandom } from '@stormline/shared/testing/seeded-random'
import * as Y from 'yjs'
import { stickyId, stickyRecord } from '../board/sticky-record.ts'
import { connectClient, type StockClient } from '../clients/stock-client.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { sleep } from '../stats.ts'
import { type FromWorker, now, type ToWorker, type WorkerSetup } from './fanout-protocol.ts'

/**
 * A share of the fan-out clients in their own thread, so the clients of a large board are not
 * limited to one core. Each client moves its own sticky on a jittered schedule; the record
 * carries the update id, sender and send time, and each receiving client notes when it applied it.
 */
const setup = workerData as WorkerSetup
const port = parentPort
if (!port) throw new Error('fanout-worker runs as a worker thread')
const post = (message: FromWorker): void => port.postMessage(message)

const clients: StockClient[] = []
const sent: [number, number][] = []
const arrivals = new Map<number, { receivers: number; last: number }>()
let recordBytes = 0
const timers: NodeJS.Timeout[] = []

async function connect(): Promise<void> {
  // connectClient only reads these two fields of the handle.
  const server = setup.server as ServerHandle
  for (let i = 0; i < setup.clients.length; i += 10) {
    const batch = setup.clients
      .slice(i, i + 10)
      .map(() => connectClient(server, setup.room, new Y.Doc()))
    clients.push(...batch)
    await Promise.all(batch.map((c) => c.synced))
  }
  clients.forEach((client, k) => {
    const self = setup.clients[k] ?? -1
    const records = client.doc.getMap<Record<string, unknown>>('records')
    records.observe((event) => {
      const appliedAt = now()
      for (const key of event.keysChanged) {
        const bench = (
          records.get(key)?.meta as { bench?: { u: number; from: number } } | undefined
        )?.bench
        if (!bench || bench.from === self) continue
        const arrival = arrivals.get(bench.u)
        if (arrival) {
          arrival.receivers++
          if (appliedAt > arrival.last) arrival.last = appliedAt
        } else arrivals.set(bench.u, { receivers: 1, last: appliedAt })
      }
    })
  })
}

function start(startAt: number, durationMs: number): void {
  const random = seededRandom(setup.seed)
  const end = startAt + durationMs
  let counter = 0
  const gap = (): number => setup.minGapMs + random() * (setup.maxGapMs - setup.minGapMs)
  const edit = (k: number): void => {
    if (now() >= end) return
    const self = setup.clients[k] ?? -1
    // Ids are unique across workers: worker index in the high digits.
    const u = setup.workerIndex * 10_000_000 + counter++
    const record = stickyRecord({
      n: self,
      x: Math.round(random() * 3000),
      y: Math.round(random() * 1000),
      text: `Moved by participant ${self}`,
      bench: { u, from: self },
    })
    if (recordBytes === 0) recordBytes = JSON.stringify(record).length
    sent.push([u, now()])
    ;(clients[k] as StockClient).doc.getMap('records').set(stickyId(self), record)
    timers[k] = setTimeout(() => edit(k), gap())
  }
  const delay = Math.max(0, startAt - now())
  // First edits spread over the first gap, so clients do not start in lockstep.
  clients.forEach((_c, k) => {
    timers[k] = setTimeout(() => edit(k), delay + random() * setup.maxGapMs)
  })
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') start(message.startAt, message.durationMs)
  else if (message.type === 'report')
    post({
      type: 'report',
      sent,
      arrivals: [...arrivals].map(([u, a]) => [u, a.receivers, a.last]),
      recordBytes,
    })
  else if (message.type === 'stop') {
    for (const timer of timers) clearTimeout(timer)
    for (const client of clients) client.destroy()
    post({ type: 'stopped' })
    // Let the socket closes go out before the thread ends.
    void sleep(200).then(() => process.exit(0))
  }
})

connect().then(
  () => post({ type: 'synced' }),
  (error: unknown) => post({ type: 'error', message: String(error) }),
)
