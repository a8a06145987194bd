import { randomUUID } from 'node:crypto'
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
import type { RelayTransport } from './relay-transport.ts'
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

export interface RelayHubOptions {
  transport: RelayTransport
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

/**
 * The relay between nodes (ADR 0014) on a pub/sub transport (Redis in production): one channel
 * per board, subscribed while the board is live on this node. Every update is stored before it
 * is published, with its per-board sequence number, so the transport may lose messages without
 * anything being lost: a node that sees a hole that does not fill, reconnects, or finds the store
 * ahead on its periodic sweep reads what it lacks from the store. Presence and control messages
 * are live only; after a reconnect every node asks for everyone's presence again.
 */
export class RelayHub implements BoardRelayHub {
  private readonly transport: RelayTransport
  private readonly follows = new Map<string, Set<Follow>>()
  private readonly options: RelayHubOptions
  private readonly metrics: RelayMetrics
  private readonly sweep: NodeJS.Timeout | undefined
  private closed = false

  constructor(options: RelayHubOptions) {
    this.options = options
    this.metrics = options.metrics ?? noRelayMetrics
    this.transport = options.transport
    this.transport.onMessage((channel, message) => this.receive(channel, message))
    this.transport.onReconnect(() => this.recover('reconnected'))
    const sweepMs = options.sweepMs ?? 10_000
    if (sweepMs > 0) {
      this.sweep = setInterval(() => this.recover(null), sweepMs)
      this.sweep.unref()
    }
  }

  /** Answers when the transport answers a ping (for /readyz); throws otherwise. */
  async ping(): Promise<void> {
    await this.transport.ping()
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
      const subscribed = this.transport.subscribe(channelPrefix + boardId)
      // While the transport is down the board still opens: the subscription is made on
      // reconnect, and the reconnect's catch-up reads from the store what was published meanwhile.
      if (this.transport.connected) await subscribed
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
    this.transport.publish(channelPrefix + boardId, bytes).catch(() => {
      this.metrics.publishFailed()
    })
  }

  /** @internal A follow stops: the channel is left once no follow of the board remains. */
  unfollow(follow: Follow): void {
    const set = this.follows.get(follow.boardId)
    if (!set?.delete(follow) || set.size > 0) return
    this.follows.delete(follow.boardId)
    this.transport.unsubscribe(channelPrefix + follow.boardId).catch(() => {})
  }

  /** @internal Asks Redis for the board's compaction lease; a release function, or null. */
  async lease(boardId: string): Promise<(() => void) | null> {
    const key = leasePrefix + boardId
    const token = `${this.options.nodeId}:${randomUUID()}`
    // Not granted, or the transport is down: the compaction waits for a later turn.
    const granted = await this.transport
      .acquire(key, token, this.options.leaseMs ?? 30_000)
      .catch(() => false)
    if (!granted) return null
    return () => {
      this.transport.release(key, token).catch(() => {
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

  private receive(channel: string, bytes: Uint8Array): void {
    if (!channel.startsWith(channelPrefix)) return
    const boardId = channel.slice(channelPrefix.length)
    const envelope = decodeRelayMessage(bytes)
    if (!envelope) {
      this.options.logger.warn('relay.malformed_message', { boardId, bytes: bytes.byteLength })
      return
    }
    if (envelope.node === this.options.nodeId) return
    this.metrics.relayLag(Math.max(0, Date.now() - envelope.sentAt) / 1000)
    for (const follow of this.follows.get(boardId) ?? []) follow.deliver(envelope)
  }

  /** Catches every followed board up with the store (and, after a reconnect, presence too). */
  recover(reason: string | null): void {
    if (reason) this.options.logger.info('relay.recovering', { reason, boards: this.follows.size })
    for (const set of this.follows.values()) {
      for (const follow of set) void follow.catchUp(reason !== null)
    }
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.sweep) clearInterval(this.sweep)
    await this.transport.close()
  }
}

/** One live board's following on this node. */
class Follow implements BoardFollow {
  readonly boardId: string
  private readonly hub: RelayHub
  private tracker: SeqTracker | null = null
  private listener: BoardRelayListener | null = null
  /** What arrived before the board was loaded. */
  private early: RelayEnvelope[] | null = []
  private gapTimer: NodeJS.Timeout | null = null
  /** The catch-up from the store in progress, if any. */
  private catchingUp: Promise<void> | null = null
  private left = false
  readonly room: RoomRelay

  constructor(boardId: string, hub: RelayHub) {
    this.boardId = boardId
    this.hub = hub
    this.room = {
      stored: (seq, update) => {
        this.tracker?.add(seq)
        this.hub.publish(boardId, { kind: 'update', seq, update })
      },
      awareness: (update) => this.hub.publish(boardId, { kind: 'awareness', update }),
      appliedThrough: () => this.tracker?.watermark ?? 0,
      catchUp: () => this.catchUp(false),
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
        void this.catchUp(false)
      }
    }, this.hub.gapGraceMs)
    this.gapTimer.unref()
  }

  /** Reads from the store what this copy lacks; after a reconnect, presence and private state too. */
  catchUp(reconnected: boolean): Promise<void> {
    const tracker = this.tracker
    const listener = this.listener
    if (this.left || !tracker || !listener) return Promise.resolve()
    if (reconnected) {
      listener.resync()
      this.queryAwareness()
    }
    if (this.catchingUp) return this.catchingUp
    const from = tracker.watermark
    this.catchingUp = this.hub
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
        this.catchingUp = null
      })
    return this.catchingUp
  }
}
