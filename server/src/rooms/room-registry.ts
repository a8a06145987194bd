import type { BoardRole } from '@stormline/shared/access/roles'
import { isBoardId } from '@stormline/shared/board/board-id'
import { encodeStoredAck } from '@stormline/shared/sync/access-messages'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import * as Y from 'yjs'
import type { BoardStore } from '../boards/board-store.ts'
import { loadBoardDocument } from '../boards/stored-document.ts'
import type { Logger } from '../logging/logger.ts'
import { type AckSchedule, createAckSchedule, defaultAckIntervalMs } from './ack-schedule.ts'
import {
  type CompactionPolicy,
  defaultCompactionPolicy,
  defaultQuietCheckIntervalMs,
} from './compaction-policy.ts'
import {
  createInboundQueue,
  defaultRateLimit,
  type InboundQueue,
  type RateLimit,
} from './rate-limit.ts'
import { Room } from './room.ts'
import type { RoomConnection, SyncSocket } from './sync-socket.ts'
import { realTimers, type Timers } from './timers.ts'

export const defaultMaxBoardBytes = 50 * 1024 * 1024

export interface RoomRegistryOptions {
  store: BoardStore
  logger: Logger
  /** Fold a room's log after this many updates (default: compaction-policy.ts). */
  compactEveryUpdates?: number
  /** Fold once the log holds max(this, the snapshot's size) bytes (default 1 MiB). */
  compactLogBytes?: number
  /** Fold rooms with logged updates and no new one for this long, in ms (default 10 s). */
  compactQuietMs?: number
  /** How often to look for quiet rooms, in ms (default 5 s; 0 disables). */
  compactIntervalMs?: number
  /** Largest stored board in bytes (default 50 MiB). */
  maxBoardBytes?: number
  /** Messages per second, burst and queue bound per connection (BAD-2). */
  rateLimit?: RateLimit
  /** Least time between two storage acknowledgements to one socket, in ms (ACK-1; default 200). */
  ackIntervalMs?: number
  /** Clock of compaction's quiet time (default: the timers' clock). */
  now?: () => number
  /** Clock and timers of flow control and acknowledgements (default: real, unref'd). */
  timers?: Timers
}

/** What the registry keeps per accepted socket besides the room's own bookkeeping. */
interface Link {
  room: Room
  inbound: InboundQueue
  ack: AckSchedule
}

/**
 * Keeps one live Room per board that has peers, loading it on the first
 * connection and compacting and unloading it when the last peer leaves.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly links = new Map<SyncSocket, Link>()
  private readonly timer: NodeJS.Timeout | undefined
  private readonly compaction: CompactionPolicy
  private readonly options: RoomRegistryOptions
  private closed = false

  constructor(options: RoomRegistryOptions) {
    this.options = options
    this.compaction = {
      everyUpdates: options.compactEveryUpdates ?? defaultCompactionPolicy.everyUpdates,
      minLogBytes: options.compactLogBytes ?? defaultCompactionPolicy.minLogBytes,
      quietMs: options.compactQuietMs ?? defaultCompactionPolicy.quietMs,
    }
    const interval = options.compactIntervalMs ?? defaultQuietCheckIntervalMs
    if (interval > 0) {
      this.timer = setInterval(() => this.compactQuiet(), interval)
      // Housekeeping must never keep the process alive on its own.
      this.timer.unref()
    }
  }

  /**
   * Attaches a socket to its board's room. Unknown or malformed board ids are
   * refused with CloseCode.boardNotFound and null is returned.
   */
  connect(boardId: string, socket: SyncSocket, role: BoardRole): RoomConnection | null {
    if (this.closed) {
      // Shutting down: a room opened now would miss the final compaction.
      socket.close(CloseCode.goingAway, 'server shutting down')
      return null
    }
    const room = this.roomFor(boardId, socket)
    if (!room) return null
    room.join(socket, role)
    const timers = this.options.timers ?? realTimers
    const { logger } = this.options
    const leave = (): boolean => {
      if (this.links.get(socket) !== link) return false
      this.unlink(socket)
      room.leave(socket)
      if (room.connectionCount === 0 && this.rooms.get(boardId) === room) this.unload(room)
      return true
    }
    const link: Link = {
      room,
      // BAD-2: messages past the rate wait, in order, while the socket is paused.
      inbound: createInboundQueue({
        limit: this.options.rateLimit ?? defaultRateLimit,
        timers,
        deliver: (message) => room.receive(socket, message),
        pause: () => socket.pause?.(),
        resume: () => socket.resume?.(),
        overflow: (queuedBytes) => {
          // Pausing did not hold this peer back. Its document is intact: it resyncs on reconnect.
          logger.warn('sync.overloaded', { boardId, queuedBytes })
          if (leave()) socket.close(CloseCode.overloaded, 'too many messages queued')
        },
        drained: (episode) => logger.info('sync.throttled', { boardId, ...episode }),
      }),
      // ACK-1: once what the socket sent is stored, it gets the room's state vector, as an auth
      // message a stock client ignores (access-messages.ts).
      ack: createAckSchedule({
        intervalMs: this.options.ackIntervalMs ?? defaultAckIntervalMs,
        timers,
        send: () => {
          try {
            socket.send(encodeStoredAck(Y.encodeStateVector(room.doc)))
          } catch {
            // The socket is going away; its close event ends the connection.
          }
        },
      }),
    }
    this.links.set(socket, link)
    return {
      receive: (message) => {
        if (this.links.get(socket) === link) link.inbound.push(message)
      },
      disconnect: () => {
        leave()
      },
    }
  }

  /** Closes the board's sockets of these roles with 4401: their link was rotated. */
  disconnectRoles(boardId: string, roles: readonly BoardRole[]): void {
    const room = this.rooms.get(boardId)
    if (!room) return
    const closed = room.closeRoles(roles, CloseCode.unauthorized, 'link rotated')
    this.options.logger.info('sync.roles_disconnected', { boardId, roles, closed })
    if (room.connectionCount === 0) this.unload(room)
  }

  /** Drops the board's room without compacting (it is being deleted) and closes its sockets with 4410. */
  closeBoard(boardId: string): void {
    const room = this.rooms.get(boardId)
    if (!room) return
    this.rooms.delete(boardId)
    this.unlinkRoom(room)
    room.close(CloseCode.boardDeleted, 'board deleted')
  }

  /** Live room for a board, if one is loaded (for tests and diagnostics). */
  room(boardId: string): Room | undefined {
    return this.rooms.get(boardId)
  }

  /**
   * Runs `read` on the board's current document: the live one when peers are
   * connected (it holds what they see), otherwise a copy replayed from the store (and migrated
   * first if it is stored in an older layout or schema: MIG-1, appended to the store).
   */
  readDocument<T>(boardId: string, read: (doc: Y.Doc) => T): T {
    const live = this.rooms.get(boardId)
    if (live) return read(live.doc)
    const { doc } = loadBoardDocument(this.options.store, boardId, { logger: this.options.logger })
    try {
      return read(doc)
    } finally {
      doc.destroy()
    }
  }

  /**
   * A change the server itself makes to a board's document (e.g. the name after a rename). On a
   * live board it goes through the room like any edit — stored, then relayed to every peer;
   * otherwise it is appended to the stored log.
   */
  writeDocument(boardId: string, change: (doc: Y.Doc) => void): void {
    const live = this.rooms.get(boardId)
    if (live) {
      live.doc.transact(() => change(live.doc))
      return
    }
    const { doc } = loadBoardDocument(this.options.store, boardId, { logger: this.options.logger })
    try {
      const before = Y.encodeStateVector(doc)
      doc.transact(() => change(doc))
      const update = Y.encodeStateAsUpdate(doc, before)
      // An update that changes nothing encodes as two zero bytes.
      if (update.byteLength > 2) this.options.store.appendUpdate(boardId, update)
    } finally {
      doc.destroy()
    }
  }

  get size(): number {
    return this.rooms.size
  }

  /**
   * Folds the logs of rooms nobody has edited for a while. Busy rooms fold when their log has
   * grown (compaction-policy.ts), never on a clock: a big board's compaction holds up every
   * peer's edits for as long as it takes.
   */
  compactQuiet(): void {
    for (const room of this.rooms.values()) room.compactIfQuiet()
  }

  /** Compacts and closes every room; peers are told the server is going away. */
  close(): void {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    for (const room of [...this.rooms.values()]) {
      room.tryCompact()
      this.rooms.delete(room.boardId)
      this.unlinkRoom(room)
      room.close(CloseCode.goingAway, 'server shutting down')
    }
  }

  private roomFor(boardId: string, socket: SyncSocket): Room | undefined {
    const live = this.rooms.get(boardId)
    if (live) return live
    if (!isBoardId(boardId) || !this.options.store.getBoard(boardId)) {
      this.options.logger.info('sync.unknown_board', { boardId: boardId.slice(0, 64) })
      socket.close(CloseCode.boardNotFound, 'board not found')
      return undefined
    }
    try {
      const room = Room.load(boardId, this.options.store, {
        compaction: this.compaction,
        now: this.options.now ?? (() => (this.options.timers ?? realTimers).now()),
        maxBoardBytes: this.options.maxBoardBytes ?? defaultMaxBoardBytes,
        logger: this.options.logger,
        onFailure: (failed) => this.fail(failed),
        onStored: (socket) => this.links.get(socket)?.ack.stored(),
      })
      this.rooms.set(boardId, room)
      return room
    } catch (error) {
      this.options.logger.error('sync.load_failed', { boardId, error })
      socket.close(CloseCode.internalError, 'board could not be loaded')
      return undefined
    }
  }

  private unload(room: Room): void {
    room.tryCompact()
    this.rooms.delete(room.boardId)
    this.unlinkRoom(room)
    room.close(CloseCode.goingAway, 'room unloaded')
  }

  /** Stops a socket's queue and acknowledgement timers; what still waits is dropped. */
  private unlink(socket: SyncSocket): void {
    const link = this.links.get(socket)
    if (!link) return
    this.links.delete(socket)
    link.inbound.dispose()
    link.ack.dispose()
  }

  /** Unlinks every socket of a room that is closing. */
  private unlinkRoom(room: Room): void {
    for (const [socket, link] of [...this.links]) if (link.room === room) this.unlink(socket)
  }

  private fail(room: Room): void {
    this.rooms.delete(room.boardId)
    this.unlinkRoom(room)
    // Peers reconnect, the room reloads from what is stored, and their sync
    // step 2 sends back whatever the failed write did not keep.
    room.close(CloseCode.internalError, 'update could not be stored')
  }
}
