import { parentPort, workerData } from 'node:worker_threads'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { encodeRecord, patchRecord } from '@stormline/shared/sync/record-layout'
import type { BoardRecord } from '@stormline/shared/testing/board-records'
import { seededRandom } from '@stormline/shared/testing/seeded-random'
import * as Y from 'yjs'
import { stickyId, stickyRecord } from '../board/sticky-record.ts'
import { connectClient, type StockClient } from '../clients/stock-client.ts'
import type { ServerHandle } from '../servers/server-handle.ts'
import { sleep } from '../stats.ts'
import { type FromWorker, now, type ToWorker, type WorkerSetup } from './fanout-protocol.ts'

/**
 * A share of the fan-out clients in their own thread, so the clients of a large board are not
 * limited to one core. Each client creates its own sticky once it is connected, then moves it on
 * a jittered schedule: each move writes the sticky's `x` and `y` and the update id in its record
 * map (`meta.bench.u`), as field patches in record layout v2, like the web binding's moves. Each
 * receiving client notes when it applied an update id.
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
/** What each client last wrote of its sticky: the base of its next field patch. */
const written: BoardRecord[] = []

const recordsOf = (client: StockClient) => client.doc.getMap<unknown>(docLayout.records)

/** The update id and sender a sticky's record map carries, if any. */
function benchOf(record: unknown): { u: number; from: number } | undefined {
  const meta = record instanceof Y.Map ? record.get('meta') : undefined
  const bench = meta instanceof Y.Map ? meta.get('bench') : undefined
  if (!(bench instanceof Y.Map)) return undefined
  const u = bench.get('u')
  const from = bench.get('from')
  return typeof u === 'number' && typeof from === 'number' ? { u, from } : undefined
}

async function connect(): Promise<void> {
  // connectClient only reads these two fields of the handle.
  const nodeOf = (k: number) => setup.nodes[k % setup.nodes.length] as ServerHandle
  for (let i = 0; i < setup.clients.length; i += 10) {
    const batch = setup.clients
      .slice(i, i + 10)
      .map((k) => connectClient(nodeOf(k), setup.room, new Y.Doc()))
    clients.push(...batch)
    await Promise.all(batch.map((c) => c.synced))
  }
  clients.forEach((client, k) => {
    const self = setup.clients[k] ?? -1
    const records = recordsOf(client)
    // A move changes entries inside a record map (and its meta.bench map): collect the records.
    records.observeDeep((events) => {
      const appliedAt = now()
      const keys = new Set<string>()
      for (const event of events) {
        if (event instanceof Y.YMapEvent && event.target === records) {
          for (const key of event.keysChanged) keys.add(key)
        } else if (typeof event.path[0] === 'string') keys.add(event.path[0])
      }
      for (const key of keys) {
        const bench = benchOf(records.get(key))
        if (!bench || bench.from === self) continue
        const arrival = arrivals.get(bench.u)
        if (arrival) {
          arrival.receivers++
          if (appliedAt > arrival.last) arrival.last = appliedAt
        } else arrivals.set(bench.u, { receivers: 1, last: appliedAt })
      }
    })
    // The sticky it will move, created before the timed window: every timed update is a move.
    const sticky = stickyRecord({ n: self, x: 0, y: 0, text: `Moved by participant ${self}` })
    written[k] = sticky
    client.doc.transact(() => records.set(sticky.id, encodeRecord(sticky)))
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
    const client = clients[k] as StockClient
    const map = recordsOf(client).get(stickyId(self))
    sent.push([u, now()])
    if (map instanceof Y.Map) {
      const before = written[k] as BoardRecord
      client.doc.transact(() => patchRecord(map, before, record))
    }
    written[k] = record
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
