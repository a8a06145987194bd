import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { BoardStore, StoredDocument } from '../boards/board-store.ts'
import type { Logger } from '../logging/logger.ts'
import type {
  BoardControl,
  BoardFollow,
  BoardRelayHub,
  BoardRelayListener,
} from '../rooms/board-relay.ts'
import type { RoomRelay } from '../rooms/room.ts'
import {
  decodeRelayMessage,
  encodeRelayMessage,
  type RelayEnvelope,
  type RelayMessage,
} from './relay-messages.ts'
import { SeqTracker } from './seq-tracker.ts'

/** What the relay counts (observability/prometheus-metrics.ts gives it prom-client's). */
export interface RelayMetrics {
  /** Seconds between another node publishing a message and this node receiving it. */
  relayLag(seconds: number): void
  /** A hole in a board's sequence that did not fill by itself: read from the store. */
  gapRecovered(): void
  /** A publish Redis did not take (the other nodes catch up from the store). */
  publishFailed(): void
}

export const noRelayMetrics: RelayMetrics = {
  relayLag: () => {},
  gapRecovered: () => {},
  publishFailed: () => {},
}

export interface RedisRelayOptions {
  url: string
  nodeId: string
  store: BoardStore
  logger: Logger
  metrics?: RelayMetrics
  /** How long an update may be missing below a newer one before the store is read (ms). */
  gapGraceMs?: number
  /** How often every followed board is checked against the store, whatever arrived (ms; 0: never). */
  sweepMs?: number
  /** How long a compaction lease lasts if its holder never releases it (ms). */
  leaseMs?: number
}

const channelPrefix = 'stormline:board:'
const leasePrefix = 'stormline:compact-lease:'

/** Deletes the lease only if it is still the caller's (another node may hold it after expiry). */
const releaseScript =
  'if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end'

/**
 * The relay between nodes on Redis pub/sub (ADR 0014): one channel per board, subscribed while
 * the board is live on this node. Every update is stored in PostgreSQL before it is published,
 * with its per-board sequence number, so pub/sub may lose messages without anything being lost:
 * a node that sees a hole that does not fill, reconnects to Redis, or finds the store ahead on
 * its periodic sweep reads what it lacks from the store. Presence and control messages are live
 * only; after a reconnect every node asks for everyone's presence again.
 */
export class RedisRelay implements BoardRelayHub {
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly follows = new Map<string, Set<Follow>>()
  private readonly options: RedisRelayOptions
  private readonly metrics: RelayMetrics
  private readonly sweep: NodeJS.Timeout | undefined
  private everReady = false
  private closed = false

  constructor(options: RedisRelayOptions) {
    this.options = options
    this.metrics = options.metrics ?? noRelayMetrics
    const common = {
      // Reconnect for ever, backing off to 2 s: Redis coming back must bring the node back.
      retryStrategy: (times: number) => Math.min(100 * times, 2_000),
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    }
    // Commands fail at once while Redis is down instead of queueing: a publish nobody hears is
    // caught up from the store, and a lease not granted only postpones a compaction.
    this.publisher = new Redis(options.url, { ...common, enableOfflineQueue: false })
    this.subscriber = new Redis(options.url, common)
    for (const [name, connection] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      connection.on('error', (error: unknown) => {
        if (!this.closed) options.logger.warn('relay.redis_error', { connection: name, error })
      })
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString('utf8'), message),
    )
    this.subscriber.on('ready', () => {
      if (this.everReady) this.recover('redis_reconnected')
      this.everReady = true
    })
    const sweepMs = options.sweepMs ?? 10_000
    if (sweepMs > 0) {
      this.sweep = setInterval(() => this.recover(null), sweepMs)
      this.sweep.unref()
    }
  }

  /** Whether both connections to Redis are up (for /readyz). */
  get ready(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready'
  }

  /** Answers when Redis answers a ping (for /readyz); throws otherwise. */
  async ping(): Promise<void> {
    await this.publisher.ping()
  }

  async follow(boardId: string): Promise<BoardFollow> {
    const follow = new Follow(boardId, this)
    let set = this.follows.get(boardId)
    if (!set) {
      set = new Set()
      this.follows.set(boardId, set)
    }
    set.add(follow)
    if (set.size === 1) {
      const subscribed = this.subscriber.subscribe(channelPrefix + boardId)
      // While Redis is down the board still opens: the subscription is made on reconnect, and
      // the reconnect's catch-up reads from the store whatever was published meanwhile.
      if (this.subscriber.status === 'ready') await subscribed
      else subscribed.catch(() => {})
    }
    return follow
  }

  publishControl(boardId: string, control: BoardControl): void {
    this.publish(boardId, { kind: 'control', control })
  }

  publishUpdate(boardId: string, seq: number, update: Uint8Array): void {
    this.publish(boardId, { kind: 'update', seq, update })
  }

  /** @internal Sends one message to every other node following the board. */
  publish(boardId: string, message: RelayMessage): void {
    if (this.closed) return
    const bytes = encodeRelayMessage({ node: this.options.nodeId, sentAt: Date.now(), message })
    this.publisher.publish(channelPrefix + boardId, Buffer.from(bytes)).catch(() => {
      this.metrics.publishFailed()
    })
  }

  /** @internal A follow stops: the channel is left once no follow of the board remains. */
  unfollow(follow: Follow): void {
    const set = this.follows.get(follow.boardId)
    if (!set?.delete(follow) || set.size > 0) return
    this.follows.delete(follow.boardId)
    this.subscriber.unsubscribe(channelPrefix + follow.boardId).catch(() => {})
  }

  /** @internal Asks Redis for the board's compaction lease; a release function, or null. */
  async lease(boardId: string): Promise<(() => void) | null> {
    const key = leasePrefix + boardId
    const token = `${this.options.nodeId}:${randomUUID()}`
    const granted = await this.publisher.set(key, token, 'PX', this.options.leaseMs ?? 30_000, 'NX')
    if (granted !== 'OK') return null
    return () => {
      this.publisher.eval(releaseScript, 1, key, token).catch(() => {
        // It expires by itself.
      })
    }
  }

  /** @internal What the store holds after `seq`. */
  loadSince(boardId: string, seq: number): Promise<StoredDocument> {
    return Promise.resolve(this.options.store.loadDocumentSince(boardId, seq))
  }

  get gapGraceMs(): number {
    return this.options.gapGraceMs ?? 500
  }

  get relayMetrics(): RelayMetrics {
    return this.metrics
  }

  get logger(): Logger {
    return this.options.logger
  }

  private receive(channel: string, bytes: Buffer): void {
    if (!channel.startsWith(channelPrefix)) return
    const boardId = channel.slice(channelPrefix.length)
    const envelope = decodeRelayMessage(
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    )
    if (!envelope) {
      this.options.logger.warn('relay.malformed_message', { boardId, bytes: bytes.length })
      return
    }
    if (envelope.node === this.options.nodeId) return
    this.metrics.relayLag(Math.max(0, Date.now() - envelope.sentAt) / 1000)
    for (const follow of this.follows.get(boardId) ?? []) follow.deliver(envelope)
  }

  /** Catches every followed board up with the store (and, after a reconnect, presence too). */
  private recover(reason: string | null): void {
    if (reason) this.options.logger.info('relay.recovering', { reason, boards: this.follows.size })
    for (const set of this.follows.values()) {
      for (const follow of set) follow.catchUp(reason !== null)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.sweep) clearInterval(this.sweep)
    this.publisher.disconnect()
    this.subscriber.disconnect()
  }
}

/** One live board's following on this node. */
class Follow implements BoardFollow {
  readonly boardId: string
  private readonly hub: RedisRelay
  private tracker: SeqTracker | null = null
  private listener: BoardRelayListener | null = null
  /** What arrived before the board was loaded. */
  private early: RelayEnvelope[] | null = []
  private gapTimer: NodeJS.Timeout | null = null
  private catchingUp = false
  private left = false
  readonly room: RoomRelay

  constructor(boardId: string, hub: RedisRelay) {
    this.boardId = boardId
    this.hub = hub
    this.room = {
      stored: (seq, update) => {
        this.tracker?.add(seq)
        this.hub.publish(boardId, { kind: 'update', seq, update })
      },
      awareness: (update) => this.hub.publish(boardId, { kind: 'awareness', update }),
      appliedThrough: () => this.tracker?.watermark ?? 0,
      compactionLease: () => this.hub.lease(boardId),
    }
  }

  attach(storedThrough: number, listener: BoardRelayListener): void {
    this.tracker = new SeqTracker(storedThrough)
    this.listener = listener
    const early = this.early ?? []
    this.early = null
    for (const envelope of early) this.deliver(envelope)
  }

  privateUpdate(memberId: string, update: Uint8Array): void {
    this.hub.publish(this.boardId, { kind: 'private', memberId, update })
  }

  queryAwareness(): void {
    this.hub.publish(this.boardId, { kind: 'awareness-query' })
  }

  leave(): void {
    this.left = true
    if (this.gapTimer) clearTimeout(this.gapTimer)
    this.hub.unfollow(this)
  }

  deliver(envelope: RelayEnvelope): void {
    if (this.left) return
    if (this.early) {
      this.early.push(envelope)
      return
    }
    const listener = this.listener
    const tracker = this.tracker
    if (!listener || !tracker) return
    const { message } = envelope
    switch (message.kind) {
      case 'update':
        if (tracker.add(message.seq)) listener.update(message.update)
        if (tracker.hasGap) this.scheduleGapCheck()
        break
      case 'awareness':
        listener.awareness(message.update)
        break
      case 'awareness-query':
        listener.awarenessQuery()
        break
      case 'private':
        listener.privateUpdate(message.memberId, message.update)
        break
      case 'control':
        listener.control(message.control)
        break
    }
  }

  /**
   * Updates from different nodes cross Redis in any order, so a hole usually fills within
   * milliseconds; one still open after the grace time is read from the store.
   */
  private scheduleGapCheck(): void {
    if (this.gapTimer) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null
      if (this.tracker?.hasGap) {
        this.hub.relayMetrics.gapRecovered()
        this.catchUp(false)
      }
    }, this.hub.gapGraceMs)
    this.gapTimer.unref()
  }

  /** Reads from the store what this copy lacks; after a reconnect, presence and private state too. */
  catchUp(reconnected: boolean): void {
    const tracker = this.tracker
    const listener = this.listener
    if (this.left || !tracker || !listener) return
    if (reconnected) {
      listener.resync()
      this.queryAwareness()
    }
    if (this.catchingUp) return
    this.catchingUp = true
    const from = tracker.watermark
    this.hub
      .loadSince(this.boardId, from)
      .then((stored) => {
        if (this.left) return
        if (stored.snapshot) listener.update(stored.snapshot)
        for (const update of stored.updates) listener.update(update)
        tracker.advanceTo(stored.lastSeq)
      })
      .catch((error: unknown) => {
        this.hub.logger.warn('relay.catch_up_failed', { boardId: this.boardId, error })
      })
      .finally(() => {
        this.catchingUp = false
      })
  }
}
