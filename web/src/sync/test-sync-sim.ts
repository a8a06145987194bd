import { permanentCloseCodes } from '@stormline/shared/sync/close-codes'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { TLStore } from 'tldraw'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { answeredNow } from '../../../server/src/boards/awaitable-testing.ts'
import { initialDocumentUpdate } from '../../../server/src/boards/initial-document.ts'
import { MemoryBoardStore } from '../../../server/src/boards/memory-board-store.ts'
import { MessageType } from '../../../server/src/rooms/protocol.ts'
import { RoomRegistry } from '../../../server/src/rooms/room-registry.ts'
import type { RoomConnection, SyncSocket } from '../../../server/src/rooms/sync-socket.ts'
import { templateRecords } from '../timeline/template-records.ts'
import { createAppStore } from './test-records.ts'
import { createYjsStoreBinding, type YjsStoreBinding } from './yjs-store-binding.ts'

/**
 * A simulated workshop for the randomized convergence test (CONV-1): browsers (a tldraw store
 * with the real binding, speaking the y-websocket protocol as the provider does) and the real
 * sync core (RoomRegistry, Room, the in-memory board store), joined by a network that delays
 * every message by a random time and drops whole connections for spells. Time is virtual and
 * every choice comes from one seeded generator, so a seed replays the same run exactly.
 *
 * Each connection stays first-in first-out, as a websocket over TCP does; messages of different
 * connections overtake each other freely, which is where reordering happens in real life.
 */

type Rng = () => number

/** A clock that only moves when the simulation runs events; also the server's timers. */
export class VirtualClock {
  private time = 0
  private sequence = 0
  private readonly heap: { at: number; seq: number; id: number; run: () => void }[] = []
  private readonly cancelled = new Set<number>()

  now(): number {
    return this.time
  }

  setTimeout(run: () => void, ms: number): unknown {
    return this.at(this.time + Math.max(0, ms), run)
  }

  clearTimeout(handle: unknown): void {
    this.cancelled.add(handle as number)
  }

  /** Runs `run` at virtual time `at`; events at the same time run in the order scheduled. */
  at(at: number, run: () => void): number {
    const seq = this.sequence++
    this.push({ at: Math.max(at, this.time), seq, id: seq, run })
    return seq
  }

  get pending(): number {
    return this.heap.length - this.cancelled.size
  }

  /** Runs every event due up to `time`, then sets the clock to it. */
  runUntil(time: number): void {
    for (let top = this.heap[0]; top !== undefined && top.at <= time; top = this.heap[0]) {
      this.pop()
      if (this.cancelled.delete(top.id)) continue
      this.time = top.at
      top.run()
    }
    this.time = Math.max(this.time, time)
  }

  /** Runs events until none is left; false if that takes more than `maxEvents`. */
  runUntilIdle(maxEvents = 5_000_000): boolean {
    for (let n = 0; n < maxEvents; n++) {
      const top = this.heap[0]
      if (top === undefined) return true
      this.pop()
      if (this.cancelled.delete(top.id)) continue
      this.time = top.at
      top.run()
    }
    return false
  }

  private before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq)
  }

  private push(event: (typeof this.heap)[number]): void {
    const heap = this.heap
    heap.push(event)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(heap[i] as typeof event, heap[parent] as typeof event)) break
      ;[heap[i], heap[parent]] = [heap[parent] as typeof event, heap[i] as typeof event]
      i = parent
    }
  }

  private pop(): void {
    const heap = this.heap
    const last = heap.pop()
    if (last === undefined || heap.length === 0) return
    heap[0] = last
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (
        left < heap.length &&
        this.before(heap[left] as typeof last, heap[smallest] as typeof last)
      )
        smallest = left
      if (
        right < heap.length &&
        this.before(heap[right] as typeof last, heap[smallest] as typeof last)
      )
        smallest = right
      if (smallest === i) return
      ;[heap[i], heap[smallest]] = [heap[smallest] as typeof last, heap[i] as typeof last]
      i = smallest
    }
  }
}

export interface NetworkShape {
  /** Usual one-way delay of a message, in ms: uniform in [0, this]. */
  maxDelayMs: number
  /** Share of messages that are held up much longer (a congested link). */
  slowShare: number
  slowDelayMs: number
}

/** Origin of the updates a simulated browser receives over its socket. */
const networkOrigin = Symbol('network')

/** One browser: its store and binding, its socket to the server, and what happened to it. */
export class SimClient {
  readonly doc = new Y.Doc()
  readonly store: TLStore = createAppStore()
  readonly binding: YjsStoreBinding
  readonly warnings: string[] = []
  /** Close codes the server sent this browser (our own disconnects are not listed). */
  readonly closes: number[] = []
  loaded = false
  private connection: RoomConnection | null = null
  /** Bumped on every connect and disconnect; messages of an older socket are dropped. */
  private epoch = 0
  private lastToServer = 0
  private lastToClient = 0

  readonly index: number
  private readonly sim: SyncSimulation

  constructor(index: number, sim: SyncSimulation) {
    this.index = index
    this.sim = sim
    // Fixed client ids: Yjs breaks same-field ties by client id, and the seed must replay.
    this.doc.clientID = 1_000 + index
    this.binding = createYjsStoreBinding(this.store, this.doc, {
      warn: (message) => this.warnings.push(message),
      seedRecords: templateRecords('path-to-production'),
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Like y-websocket: every local update is sent while the socket is open; what is written
      // offline reaches the server in the sync step 2 after the next connect.
      if (origin === networkOrigin || this.connection === null) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      this.toServer(encoding.toUint8Array(encoder))
    })
  }

  get online(): boolean {
    return this.connection !== null
  }

  connect(): void {
    if (this.connection !== null) return
    const epoch = ++this.epoch
    const socket: SyncSocket = {
      send: (message) => this.toClient(epoch, message),
      close: (code) => {
        this.sim.clock.at(this.sim.clock.now(), () => this.closedByServer(epoch, code))
      },
    }
    // The sim's store answers at once: the connection exists when connect returns.
    this.connection = answeredNow(
      this.sim.registry.connect(this.sim.boardId, socket, 'facilitator'),
    )
    if (this.connection === null) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.toServer(encoding.toUint8Array(encoder))
  }

  /** The network drops: messages in flight either way are lost. */
  disconnect(): void {
    this.epoch++
    const connection = this.connection
    this.connection = null
    connection?.disconnect()
  }

  private closedByServer(epoch: number, code: number): void {
    if (epoch !== this.epoch) return
    this.closes.push(code)
    this.epoch++
    this.connection = null
    // As the web app does: retry what may succeed later, stay away after a permanent close.
    if (!permanentCloseCodes.has(code)) {
      this.sim.clock.setTimeout(() => this.connect(), 100 + this.sim.rng() * 400)
    }
  }

  private toServer(message: Uint8Array): void {
    const epoch = this.epoch
    this.lastToServer = Math.max(this.sim.clock.now() + this.sim.delay(), this.lastToServer)
    this.sim.clock.at(this.lastToServer, () => {
      if (epoch === this.epoch) this.connection?.receive(message)
    })
  }

  private toClient(epoch: number, message: Uint8Array): void {
    if (epoch !== this.epoch) return
    this.lastToClient = Math.max(this.sim.clock.now() + this.sim.delay(), this.lastToClient)
    this.sim.clock.at(this.lastToClient, () => {
      if (epoch === this.epoch) this.receive(message)
    })
  }

  private receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MessageType.sync) return // awareness, notices
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MessageType.sync)
    const syncType = syncProtocol.readSyncMessage(decoder, reply, this.doc, networkOrigin)
    if (encoding.length(reply) > 1) this.toServer(encoding.toUint8Array(reply))
    // The provider's first 'sync' event: the server's state has arrived.
    if (syncType === syncProtocol.messageYjsSyncStep2 && !this.loaded) {
      const result = this.binding.loadInitial()
      if (result !== 'loaded') throw new Error(`client ${this.index} could not load: ${result}`)
      this.loaded = true
    }
  }
}

/** The server, the network and the browsers of one simulated run. */
export class SyncSimulation {
  readonly clock = new VirtualClock()
  readonly boardStore = new MemoryBoardStore()
  readonly registry: RoomRegistry
  readonly boardId = 'convergence-board-000001'
  readonly clients: SimClient[]
  /** What the server logged as warnings and errors, for the failure message. */
  readonly serverLog: string[] = []

  readonly rng: Rng
  private readonly network: NetworkShape

  constructor(rng: Rng, clientCount: number, network: NetworkShape) {
    this.rng = rng
    this.network = network
    const log = (event: string, fields?: Record<string, unknown>) =>
      this.serverLog.push(`${event} ${JSON.stringify(fields ?? {})}`)
    this.registry = new RoomRegistry({
      store: this.boardStore,
      logger: { info: () => {}, warn: log, error: log },
      compactIntervalMs: 0,
      // Fold often, so rooms are reloaded from snapshots as well as from logs.
      compactEveryUpdates: 200,
      now: () => this.clock.now(),
      timers: this.clock,
    })
    this.boardStore.createBoard(
      {
        id: this.boardId,
        name: 'Convergence',
        template: 'path-to-production',
        createdAt: new Date(0),
      },
      undefined,
      initialDocumentUpdate({ anonymous: false }),
    )
    this.clients = Array.from({ length: clientCount }, (_, index) => new SimClient(index, this))
  }

  delay(): number {
    const { maxDelayMs, slowShare, slowDelayMs } = this.network
    return this.rng() < slowShare ? this.rng() * slowDelayMs : this.rng() * maxDelayMs
  }

  /** Everyone online and every message delivered. */
  quiesce(): void {
    for (const client of this.clients) {
      if (!client.closes.some((code) => permanentCloseCodes.has(code))) client.connect()
    }
    if (!this.clock.runUntilIdle()) throw new Error('the network never went quiet')
  }

  /** The records the server's live room holds, as JSON by id. */
  serverDoc(): Y.Doc | undefined {
    return this.registry.room(this.boardId)?.doc
  }

  close(): void {
    for (const client of this.clients) {
      client.disconnect()
      client.binding.dispose()
    }
    this.registry.close()
  }
}
