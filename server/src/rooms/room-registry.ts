import type { MemberGrant } from '@stormline/shared/access/identity'
import { type BoardRole, boardRoles } from '@stormline/shared/access/roles'
import type { Tally } from '@stormline/shared/api/types'
import { isBoardId } from '@stormline/shared/board/board-id'
import { readSilentWriting, silentWritingKey } from '@stormline/shared/board/silent-writing'
import { encodeStoredAck } from '@stormline/shared/sync/access-messages'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import * as Y from 'yjs'
import { type Awaitable, andThen, isPromise, onFailure, settle } from '../boards/awaitable.ts'
import type { BoardStore } from '../boards/board-store.ts'
import { type LoadedBoardDocument, loadBoardDocument } from '../boards/stored-document.ts'
import type { Logger } from '../logging/logger.ts'
import { computeTally } from '../sealed/board-tally.ts'
import { isAnonymousBoard } from '../sealed/note-authors.ts'
import { reconcileBoard, recordAuthoredNotes } from '../sealed/sealed-room-reactions.ts'
import { type AckSchedule, createAckSchedule, defaultAckIntervalMs } from './ack-schedule.ts'
import { BoardPrivates, loadStoredPrivates, type StoredPrivates } from './board-privates.ts'
import type { BoardFollow, BoardRelayHub, BoardRelayListener } from './board-relay.ts'
import {
  type CompactionPolicy,
  defaultCompactionPolicy,
  defaultQuietCheckIntervalMs,
} from './compaction-policy.ts'
import { defaultMaxPrivateBytes, type PrivateRoom } from './private-room.ts'
import {
  createInboundQueue,
  defaultRateLimit,
  type InboundQueue,
  type RateLimit,
} from './rate-limit.ts'
import { Room } from './room.ts'
import { type SocketIdentity, toSocketIdentity } from './socket-identity.ts'
import type { SyncMetrics } from './sync-metrics.ts'
import type { RoomConnection, SyncSocket } from './sync-socket.ts'
import { realTimers, type Timers } from './timers.ts'

export type { SocketIdentity } from './socket-identity.ts'

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
  /** Largest private document of a member in bytes (default 1 MiB). */
  maxPrivateBytes?: number
  /** Messages per second, burst and queue bound per connection (BAD-2). */
  rateLimit?: RateLimit
  /** Least time between two storage acknowledgements to one socket, in ms (ACK-1; default 200). */
  ackIntervalMs?: number
  /** Clock of compaction's quiet time (default: the timers' clock). */
  now?: () => number
  /** Clock and timers of flow control and acknowledgements (default: real, unref'd). */
  timers?: Timers
  /** Where updates, relays, store latency and compactions are counted (default: nowhere). */
  metrics?: SyncMetrics
  /** The other nodes serving the same boards (ADR 0014); absent on a single node. */
  relay?: BoardRelayHub
  /** Told of boards' activity here (automatic checkpoints, ADR 0015); absent: nobody. */
  activity?: BoardActivity
}

/**
 * What the registry reports about a board's activity on this node: an edit accepted from one of
 * its sockets or a change the server wrote (writeDocument), and the last person leaving it (just
 * before it is unloaded, while readDocument still reads the live document).
 */
export interface BoardActivity {
  changed(boardId: string): void
  idle(boardId: string): void
}

/**
 * Whether a facilitator's update changed what decides the sealed state: the session (a vote
 * closed, a silent-writing round ended, anonymity switched on) or the assessments (an estimate
 * revealed or hidden). Anything else — moving stickies, typing — leaves the reconcile with
 * nothing to do, and it is not run for each of those updates.
 */
function touchesSealedState(touchedMaps: ReadonlySet<string>): boolean {
  return touchedMaps.has(docLayout.session) || touchedMaps.has(docLayout.assessments)
}

/** A board's content as one Yjs update and the version that names it (RoomRegistry.documentState). */
export interface DocumentState {
  version: string
  state: Uint8Array
}

/** A board with peers: its shared room and its members' private documents (ADR 0013). */
interface LiveBoard {
  room: Room
  privates: BoardPrivates
  /** Its following of the other nodes (ADR 0014), when there are any. */
  follow: BoardFollow | null
  /** A reconcile that waits on the store is running (relay mode), and whether another is due. */
  reacting: boolean
  reactAgain: boolean
}

/** What the registry keeps per accepted socket besides the room's own bookkeeping. */
interface Link {
  board: LiveBoard
  inbound: InboundQueue
  ack: AckSchedule
}

/** Where one socket's frames go: the board's shared room or the member's private one. */
interface SocketTarget {
  deliver: (message: Uint8Array) => void
  leave: () => void
  /** State vector of the document the socket syncs (ACK-1). */
  stateVector: () => Uint8Array
}

/**
 * Keeps one live board per board id that has peers — its shared Room and its members' private
 * documents — loading it on the first connection and compacting and unloading it when the last
 * peer (shared or private) leaves.
 */
export class RoomRegistry {
  private readonly boards = new Map<string, LiveBoard>()
  /** Boards whose load waits on the store (or the relay): joiners wait for the same load. */
  private readonly loading = new Map<string, Promise<LiveBoard | null>>()
  private readonly links = new Map<SyncSocket, Link>()
  /** Server changes (writeDocument) applied to a live room and waiting to be stored. */
  private readonly writeWaiters = new Map<Room, Set<PendingWrite>>()

  /** Boards loaded now and sockets attached to them (board and private documents), for /metrics. */
  get stats(): { rooms: number; sockets: number } {
    return { rooms: this.boards.size, sockets: this.links.size }
  }
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
   * refused with CloseCode.boardNotFound and null is returned. A bare role stands for a socket
   * with a member of its own and no sticky-author rules (the sync core's tests).
   */
  connect(
    boardId: string,
    socket: SyncSocket,
    identity: SocketIdentity | BoardRole,
  ): Awaitable<RoomConnection | null> {
    return andThen(this.open(boardId, socket), (board) => {
      if (!board) return null
      const { room } = board
      const full = toSocketIdentity(identity)
      board.privates.admit(full.memberId, null)
      room.join(socket, full, typeof identity !== 'string')
      return this.link(board, socket, {
        deliver: (message) => room.receive(socket, message),
        leave: () => room.leave(socket),
        stateVector: () => Y.encodeStateVector(room.doc),
      })
    })
  }

  /**
   * Attaches a socket to the private document of its member on this board (ADR 0013): the
   * member decides which document, never anything the client names. Null when refused (the
   * socket is closed: unknown board 4404, store failure 1011).
   */
  connectPrivate(
    boardId: string,
    socket: SyncSocket,
    identity: SocketIdentity,
  ): Awaitable<RoomConnection | null> {
    return andThen(this.open(boardId, socket), (board) => {
      if (!board) return null
      board.privates.admit(identity.memberId, null)
      const room = board.privates.get(identity.memberId)
      if (!room.join(socket, identity)) {
        socket.close(CloseCode.internalError, 'private document could not be stored')
        this.unloadIfIdle(board)
        return null
      }
      return this.link(board, socket, {
        deliver: (message) => room.receive(socket, message),
        leave: () => room.leave(socket),
        stateVector: () => Y.encodeStateVector(room.doc),
      })
    })
  }

  /**
   * The facilitator granted (or revoked) co-facilitation to a member (ADR 0013): the member's
   * sockets on a participant link act with the new role at once (update policy, presence stamp),
   * and their private `member` entry is rewritten so their page follows. The grant itself is
   * already stored; a board without peers reads it on its next connection.
   */
  setMemberGrant(boardId: string, memberId: string, grant: MemberGrant | null): void {
    this.options.relay?.publishControl(boardId, { kind: 'grant', memberId, grant })
    this.applyGrant(boardId, memberId, grant)
  }

  private applyGrant(boardId: string, memberId: string, grant: MemberGrant | null): void {
    const board = this.boards.get(boardId)
    if (!board) return
    board.room.setMemberGrant(memberId, grant)
    board.privates.admit(memberId, grant)
    board.privates.get(memberId).setGrant(grant)
  }

  /**
   * Live counts of what is still secret on a board (ADR 0013), for the facilitator; null for an
   * unknown board. A board without peers is counted from a copy of what is stored (nobody is
   * present then).
   */
  tally(boardId: string): Awaitable<Tally | null> {
    const live = this.boards.get(boardId)
    if (live) {
      // Other nodes' members count too: their private documents are read from the store first.
      if (!this.options.relay) return this.liveTally(live)
      return andThen(live.privates.refresh(), () => this.liveTally(live))
    }
    if (!isBoardId(boardId)) return null
    const { store, logger } = this.options
    return andThen(store.getBoard(boardId), (record) => {
      if (!record) return null
      return andThen(loadBoardDocument(store, boardId, { logger, persist: false }), ({ doc }) =>
        settle(
          () => store.listPrivateDocuments(boardId),
          (documents) => {
            const privates = new Map<string, Y.Doc>()
            try {
              for (const { memberId, state } of documents) {
                const own = new Y.Doc()
                Y.applyUpdate(own, state)
                privates.set(memberId, own)
              }
              return computeTally(doc, privates, new Set())
            } finally {
              doc.destroy()
              for (const own of privates.values()) own.destroy()
            }
          },
          (error) => {
            doc.destroy()
            throw error
          },
        ),
      )
    })
  }

  private liveTally(live: LiveBoard): Tally {
    return computeTally(live.room.doc, live.privates.docs(), live.room.presentMembers())
  }

  /** The board's live room, loaded first if needed; null (socket closed) when refused. */
  private open(boardId: string, socket: SyncSocket): Awaitable<LiveBoard | null> {
    if (this.closed) {
      // Shutting down: a room opened now would miss the final compaction.
      socket.close(CloseCode.goingAway, 'server shutting down')
      return null
    }
    const live = this.boards.get(boardId)
    if (live) return live
    if (!isBoardId(boardId)) return this.refuseUnknown(boardId, socket)
    return settle(
      () => this.loading.get(boardId) ?? this.startLoading(boardId),
      (board) => {
        if (board) return board
        return this.refuseUnknown(boardId, socket)
      },
      (error) => {
        this.options.logger.error('sync.load_failed', { boardId, error })
        socket.close(CloseCode.internalError, 'board could not be loaded')
        return null
      },
    )
  }

  private refuseUnknown(boardId: string, socket: SyncSocket): null {
    this.options.logger.info('sync.unknown_board', { boardId: boardId.slice(0, 64) })
    socket.close(CloseCode.boardNotFound, 'board not found')
    return null
  }

  /**
   * Loads a board (null: no such board): its record, the relay's following (first, so nothing
   * published while loading is missed), its document and its members' private documents. A store
   * answering at once loads it in this tick; one answering later shares one load among joiners.
   */
  private startLoading(boardId: string): Awaitable<LiveBoard | null> {
    const { store, logger, relay } = this.options
    const loaded = andThen(store.getBoard(boardId), (record) => {
      if (!record) return null
      return andThen(relay ? relay.follow(boardId) : null, (follow) =>
        onFailure(
          () =>
            andThen(
              loadBoardDocument(store, boardId, { logger, origin: Room.loadOrigin }),
              (document) =>
                onFailure(
                  () =>
                    andThen(loadStoredPrivates(store, boardId), (privates) =>
                      this.install(boardId, document, privates, follow),
                    ),
                  () => document.doc.destroy(),
                ),
            ),
          () => follow?.leave(),
        ),
      )
    })
    if (!isPromise(loaded)) return loaded
    const shared = loaded.finally(() => this.loading.delete(boardId))
    this.loading.set(boardId, shared)
    return shared
  }

  /** A loaded board goes live: reconciled, attached to the relay, and returned (null if it failed). */
  private install(
    boardId: string,
    document: LoadedBoardDocument,
    privates: StoredPrivates,
    follow: BoardFollow | null,
  ): LiveBoard | null {
    if (this.closed) {
      document.doc.destroy()
      follow?.leave()
      return null
    }
    const board = this.assemble(boardId, document, privates, follow)
    this.boards.set(boardId, board)
    if (follow) {
      // What the store held when it was read; a migration appended since is this node's own
      // update (another node may have appended one in between, which the relay or the store
      // brings): the other nodes are told it like any stored update.
      follow.attach(document.stored.lastSeq, this.listenerFor(board))
      const { migration } = document
      if (migration) follow.room.stored(migration.seq, migration.update)
      follow.queryAwareness()
    }
    // Whatever the sealed state calls for and was not done before the last unload (a crash
    // between publishing drafts and removing them, a board written by an older server).
    this.react(board)
    if (this.boards.get(boardId) !== board) throw new Error('storing the reconciled state failed')
    return board
  }

  /** What the other nodes publish about a board, applied to its live copy here. */
  private listenerFor(board: LiveBoard): BoardRelayListener {
    const boardId = board.room.boardId
    const current = (): LiveBoard | null => (this.boards.get(boardId) === board ? board : null)
    return {
      update: (update) => current()?.room.applyRemote(update),
      awareness: (update) => current()?.room.applyRemoteAwareness(update),
      awarenessQuery: () => {
        const all = current()?.room.encodeAllAwareness()
        if (all) board.follow?.room.awareness(all)
      },
      privateUpdate: (memberId, update) => {
        if (!current()) return
        board.privates.admit(memberId, null)
        board.privates.get(memberId).applyRemote(update)
      },
      control: (control) => {
        if (!current()) return
        if (control.kind === 'board-deleted') this.closeLocal(boardId)
        else if (control.kind === 'roles-rotated') this.disconnectLocal(boardId, control.roles)
        else this.applyGrant(boardId, control.memberId, control.grant)
      },
      resync: () => {
        const live = current()
        if (!live) return
        settle(
          () => live.privates.refresh(),
          () => {},
          (error) => this.options.logger.warn('relay.resync_failed', { boardId, error }),
        )
      },
    }
  }

  /** Registers an accepted socket: its inbound queue (BAD-2), acknowledgements (ACK-1) and leaving. */
  private link(board: LiveBoard, socket: SyncSocket, target: SocketTarget): RoomConnection {
    const boardId = board.room.boardId
    const timers = this.options.timers ?? realTimers
    const { logger } = this.options
    const leave = (): boolean => {
      if (this.links.get(socket) !== link) return false
      this.unlink(socket)
      target.leave()
      this.unloadIfIdle(board)
      return true
    }
    const link: Link = {
      board,
      // BAD-2: messages past the rate wait, in order, while the socket is paused.
      inbound: createInboundQueue({
        limit: this.options.rateLimit ?? defaultRateLimit,
        timers,
        deliver: target.deliver,
        pause: () => socket.pause?.(),
        resume: () => socket.resume?.(),
        overflow: (queuedBytes) => {
          // Pausing did not hold this peer back. Its document is intact: it resyncs on reconnect.
          logger.warn('sync.overloaded', { boardId, queuedBytes })
          if (leave()) socket.close(CloseCode.overloaded, 'too many messages queued')
        },
        drained: (episode) => logger.info('sync.throttled', { boardId, ...episode }),
      }),
      // ACK-1: once what the socket sent is stored, it gets the document's state vector, as an
      // auth message a stock client ignores (access-messages.ts).
      ack: createAckSchedule({
        intervalMs: this.options.ackIntervalMs ?? defaultAckIntervalMs,
        timers,
        send: () => {
          try {
            socket.send(encodeStoredAck(target.stateVector()))
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

  /** Closes the board's sockets of these roles with 4401, on every node: their link was rotated. */
  disconnectRoles(boardId: string, roles: readonly BoardRole[]): void {
    this.options.relay?.publishControl(boardId, { kind: 'roles-rotated', roles: [...roles] })
    this.disconnectLocal(boardId, roles)
  }

  private disconnectLocal(boardId: string, roles: readonly BoardRole[]): void {
    const board = this.boards.get(boardId)
    if (!board) return
    const closed = board.room.closeRoles(roles, CloseCode.unauthorized, 'link rotated')
    const privateSockets = board.privates.closeRoles(roles, CloseCode.unauthorized, 'link rotated')
    for (const socket of privateSockets) this.unlink(socket)
    this.options.logger.info('sync.roles_disconnected', {
      boardId,
      roles,
      closed: closed + privateSockets.length,
    })
    this.unloadIfIdle(board)
  }

  /**
   * Drops the board's room without compacting (it is being deleted) and closes its sockets with
   * 4410, on every node.
   */
  closeBoard(boardId: string): void {
    this.options.relay?.publishControl(boardId, { kind: 'board-deleted' })
    this.closeLocal(boardId)
  }

  private closeLocal(boardId: string): void {
    const board = this.boards.get(boardId)
    if (!board) return
    this.boards.delete(boardId)
    board.follow?.leave()
    this.unlinkBoard(board)
    board.privates.close(CloseCode.boardDeleted, 'board deleted')
    board.room.close(CloseCode.boardDeleted, 'board deleted')
    this.rejectWrites(board.room)
  }

  /** Live room for a board, if one is loaded (for tests and diagnostics). */
  room(boardId: string): Room | undefined {
    return this.boards.get(boardId)?.room
  }

  /** A member's private room on a live board, if loaded (for tests and diagnostics). */
  privateRoom(boardId: string, memberId: string): PrivateRoom | undefined {
    return this.boards.get(boardId)?.privates.peek(memberId)
  }

  /**
   * A version that changes whenever the board's content does, without reading the content:
   * backlog, model and suggestion reads are cached by it (server/src/derived/). Cheap: a live
   * board's counter, or the stored board's last sequence number. Null for an unknown board.
   *
   * Below, documentState: the board's current content as one Yjs update, with a version that
   * changes whenever the content does (backlog, model and suggestion reads are cached by it and computed off the event
   * loop: server/src/derived/); null for an unknown board. A board without peers here is read
   * from the store, where every node stores each update before relaying it.
   */
  async documentVersion(boardId: string): Promise<string | null> {
    const live = this.boards.get(boardId)?.room
    if (live) return live.version
    const { store } = this.options
    if (!isBoardId(boardId) || !(await store.getBoard(boardId))) return null
    // Asks for nothing after the last update: only the board's last sequence number comes back.
    const { lastSeq } = await store.loadDocumentSince(boardId, Number.MAX_SAFE_INTEGER)
    return `stored:${lastSeq}`
  }

  /**
   * The board's content and its version (documentVersion) in one read; null for an unknown board.
   */
  async documentState(boardId: string): Promise<DocumentState | null> {
    const live = this.boards.get(boardId)?.room
    if (live) return { version: live.version, state: Y.encodeStateAsUpdate(live.doc) }
    if (!isBoardId(boardId) || !(await this.options.store.getBoard(boardId))) return null
    const { doc, stored, migration } = await loadBoardDocument(this.options.store, boardId, {
      logger: this.options.logger,
    })
    try {
      return {
        version: `stored:${migration?.seq ?? stored.lastSeq}`,
        state: Y.encodeStateAsUpdate(doc),
      }
    } finally {
      doc.destroy()
    }
  }

  /**
   * Runs `read` on the board's current document: the live one when peers are
   * connected (it holds what they see), otherwise a copy replayed from the store (and migrated
   * first if it is stored in an older layout or schema: MIG-1, appended to the store).
   */
  readDocument<T>(boardId: string, read: (doc: Y.Doc) => T): Awaitable<T> {
    const live = this.boards.get(boardId)?.room
    if (live) return read(live.doc)
    const { store, logger } = this.options
    return andThen(loadBoardDocument(store, boardId, { logger }), ({ doc }) => {
      try {
        return read(doc)
      } finally {
        doc.destroy()
      }
    })
  }

  /**
   * A change the server itself makes to a board's document (e.g. the name after a rename). On a
   * live board it goes through the room like any edit — stored, then relayed to every peer;
   * otherwise it is appended to the stored log (and relayed to the nodes holding the board).
   */
  writeDocument(boardId: string, change: (doc: Y.Doc) => void): Awaitable<void> {
    const live = this.boards.get(boardId)?.room
    if (live) {
      // Answered once the change is stored, so an API call never reports a write the store lost.
      let stored = false
      let waiter: PendingWrite | null = null
      const wrote = live.serverWrite(change, () => {
        stored = true
        if (waiter) this.writeWaiters.get(live)?.delete(waiter)
        waiter?.resolve()
      })
      this.options.activity?.changed(boardId)
      if (stored) return
      if (!wrote) throw new ChangeNotStoredError(boardId)
      return new Promise<void>((resolve, reject) => {
        waiter = { resolve, reject }
        const waiting = this.writeWaiters.get(live) ?? new Set<PendingWrite>()
        waiting.add(waiter)
        this.writeWaiters.set(live, waiting)
      })
    }
    const { store, logger, relay } = this.options
    return andThen(loadBoardDocument(store, boardId, { logger }), ({ doc }) =>
      onFailure(
        () => {
          const before = Y.encodeStateVector(doc)
          doc.transact(() => change(doc))
          const update = Y.encodeStateAsUpdate(doc, before)
          doc.destroy()
          // An update that changes nothing encodes as two zero bytes.
          if (update.byteLength <= 2) return
          return andThen(store.appendUpdate(boardId, update), (seq) => {
            relay?.publishUpdate(boardId, seq, update)
            this.options.activity?.changed(boardId)
          })
        },
        () => doc.destroy(),
      ),
    )
  }

  get size(): number {
    return this.boards.size
  }

  /**
   * Folds the logs of rooms nobody has edited for a while. Busy rooms fold when their log has
   * grown (compaction-policy.ts), never on a clock: a big board's compaction holds up every
   * peer's edits for as long as it takes.
   */
  compactQuiet(): void {
    for (const { room } of this.boards.values()) room.compactIfQuiet()
  }

  /**
   * Compacts and closes every room; peers are told the server is going away. Resolves when the
   * compactions a store answering later was still writing are done.
   */
  close(): Promise<void> {
    this.closed = true
    if (this.timer) clearInterval(this.timer)
    const compactions: Promise<void>[] = []
    for (const board of [...this.boards.values()]) {
      this.boards.delete(board.room.boardId)
      board.follow?.leave()
      this.unlinkBoard(board)
      const settled = this.settled(board)
      if (!settled) {
        const compacted = board.room.tryCompact()
        if (isPromise(compacted)) compactions.push(compacted)
        board.privates.close(CloseCode.goingAway, 'server shutting down')
        board.room.close(CloseCode.goingAway, 'server shutting down')
        continue
      }
      // A store answering later may still be writing: peers go now, the writes finish, then
      // the log is folded and the documents released.
      board.room.closeSockets(CloseCode.goingAway, 'server shutting down')
      for (const socket of board.privates.closeRoles(
        boardRoles,
        CloseCode.goingAway,
        'server shutting down',
      ))
        this.unlink(socket)
      compactions.push(
        settled
          .then(() => board.room.tryCompact())
          .finally(() => {
            this.rejectWrites(board.room)
            board.privates.close(CloseCode.goingAway, 'server shutting down')
            board.room.close(CloseCode.goingAway, 'server shutting down')
          }),
      )
    }
    return Promise.all(compactions).then(() => {})
  }

  private assemble(
    boardId: string,
    document: LoadedBoardDocument,
    stored: StoredPrivates,
    follow: BoardFollow | null,
  ): LiveBoard {
    const { logger } = this.options
    // The room's callbacks need the board they belong to, which needs the room.
    let board: LiveBoard | null = null
    const room = Room.fromLoaded(
      boardId,
      this.options.store,
      {
        relay: follow?.room,
        compaction: this.compaction,
        now: this.options.now ?? (() => (this.options.timers ?? realTimers).now()),
        maxBoardBytes: this.options.maxBoardBytes ?? defaultMaxBoardBytes,
        logger,
        metrics: this.options.metrics,
        onFailure: (failed) => this.fail(failed),
        onStored: (socket) => this.links.get(socket)?.ack.stored(),
        onAccepted: ({ identity, createdNotes, touchedMaps }) => {
          this.options.activity?.changed(boardId)
          if (!board) return
          recordAuthoredNotes(board, identity.memberId, createdNotes)
          if (identity.role === 'facilitator' && touchesSealedState(touchedMaps)) this.react(board)
        },
      },
      document,
    )
    const privates = new BoardPrivates(
      boardId,
      this.options.store,
      {
        maxBytes: this.options.maxPrivateBytes ?? defaultMaxPrivateBytes,
        logger,
        anonymous: () => isAnonymousBoard(room.doc),
        onFailure: (failed) => {
          if (board) this.failPrivate(board, failed)
        },
        onStored: (socket) => this.links.get(socket)?.ack.stored(),
        // Dots are counted at the close; only a ballot (a revealed estimate may change) or a
        // draft outside a round (published at once) can change the board. Typing in a draft
        // during a round, the busy case, reconciles nothing.
        onAccepted: (_room, _socket, touchedMaps) => {
          if (!board) return
          const draftsDue =
            touchedMaps.has(privateLayout.drafts) &&
            readSilentWriting(room.doc.getMap<unknown>(docLayout.session).get(silentWritingKey))
              .status !== 'writing'
          if (touchedMaps.has(privateLayout.ballots) || draftsDue) this.react(board)
        },
        relay: follow ? (own, update) => follow.privateUpdate(own.memberId, update) : undefined,
      },
      stored,
      // All private documents of a board weigh at most what the board itself may.
      this.options.maxBoardBytes ?? defaultMaxBoardBytes,
    )
    board = { room, privates, follow, reacting: false, reactAgain: false }
    return board
  }

  /**
   * Reconciles the board's sealed state, logging instead of throwing: the edit that led here is
   * stored. With other nodes, what their members saved is read from the store first (a relayed
   * update may still be on its way), and reconciles of one board run one after another.
   */
  private react(board: LiveBoard): void {
    const { logger } = this.options
    const failed = (error: unknown): void =>
      logger.error('sealed.reconcile_failed', { boardId: board.room.boardId, error })
    if (!this.options.relay) {
      settle(
        () => reconcileBoard(board, logger),
        () => {},
        failed,
      )
      return
    }
    if (board.reacting) {
      board.reactAgain = true
      return
    }
    board.reacting = true
    board.reactAgain = false
    const done = (): void => {
      board.reacting = false
      if (board.reactAgain && this.boards.get(board.room.boardId) === board) this.react(board)
    }
    const run = settle(
      () => board.privates.refresh(),
      () => {
        if (this.boards.get(board.room.boardId) === board) reconcileBoard(board, logger)
      },
      failed,
    )
    if (isPromise(run)) void run.then(done, failed)
    else done()
  }

  /** Unloads the board once neither its room nor any private document has a peer. */
  private unloadIfIdle(board: LiveBoard): void {
    if (this.boards.get(board.room.boardId) !== board) return
    if (board.room.connectionCount + board.privates.connectionCount > 0) return
    this.unload(board)
  }

  /** Resolves once everything the board's rooms applied is stored (undefined: already so). */
  private settled(board: LiveBoard): Promise<void> | undefined {
    const room = board.room.settled()
    const privates = board.privates.settled()
    if (!room && !privates) return undefined
    return Promise.all([room, privates]).then(() => {})
  }

  private unload(board: LiveBoard): void {
    const settled = this.settled(board)
    if (settled) {
      // Not before what the last peers sent is stored; someone may have joined meanwhile.
      void settled.then(() => this.unloadIfIdle(board))
      return
    }
    board.room.tryCompact()
    this.options.activity?.idle(board.room.boardId)
    this.boards.delete(board.room.boardId)
    board.follow?.leave()
    this.unlinkBoard(board)
    board.privates.close(CloseCode.goingAway, 'room unloaded')
    board.room.close(CloseCode.goingAway, 'room unloaded')
    // A change still queued behind a reload was dropped with the room: its caller hears so.
    this.rejectWrites(board.room)
  }

  /** Stops a socket's queue and acknowledgement timers; what still waits is dropped. */
  private unlink(socket: SyncSocket): void {
    const link = this.links.get(socket)
    if (!link) return
    this.links.delete(socket)
    link.inbound.dispose()
    link.ack.dispose()
  }

  /** Unlinks every socket of a board that is closing. */
  private unlinkBoard(board: LiveBoard): void {
    for (const [socket, link] of [...this.links]) if (link.board === board) this.unlink(socket)
  }

  /**
   * A private document could not be saved: its sockets are closed (they reconnect and resync
   * against what the store holds) and it is loaded again when next needed. The board stays.
   */
  private failPrivate(board: LiveBoard, room: PrivateRoom): void {
    board.privates.remove(room)
    for (const socket of room.close(CloseCode.internalError, 'update could not be stored')) {
      this.unlink(socket)
    }
    // Not now: the failure surfaces inside a write that may belong to a reconcile in progress.
    setImmediate(() => this.unloadIfIdle(board))
  }

  /** Server changes waiting for a room's store write fail with it (writeDocument). */
  private rejectWrites(room: Room): void {
    const waiting = this.writeWaiters.get(room)
    this.writeWaiters.delete(room)
    for (const { reject } of waiting ?? []) reject(new ChangeNotStoredError(room.boardId))
  }

  private fail(room: Room): void {
    this.rejectWrites(room)
    const board = this.boards.get(room.boardId)
    if (!board || board.room !== room) return
    this.boards.delete(room.boardId)
    board.follow?.leave()
    this.unlinkBoard(board)
    // Peers reconnect, the room reloads from what is stored, and their sync
    // step 2 sends back whatever the failed write did not keep.
    board.privates.close(CloseCode.internalError, 'update could not be stored')
    room.close(CloseCode.internalError, 'update could not be stored')
  }
}

/** A server change waiting for its store write (writeDocument). */
interface PendingWrite {
  resolve: () => void
  reject: (error: Error) => void
}

/** A server change could not be stored: the room failed (its peers reconnect) or is closing. */
export class ChangeNotStoredError extends Error {
  constructor(boardId: string) {
    super(`a change to board ${boardId} could not be stored`)
    this.name = 'ChangeNotStoredError'
  }
}
