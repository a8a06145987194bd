import {
  relayedAwarenessState,
  roleAwarenessField,
} from '@stormline/shared/access/awareness-policy'
import {
  effectiveRole,
  type MemberGrant,
  memberAwarenessField,
} from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import { encodeReadOnlyNotice } from '@stormline/shared/sync/access-messages'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { docLayout } from '@stormline/shared/sync/doc-layout'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { checkUpdate } from '../access/update-policy.ts'
import { type Awaitable, andThen, isPromise, onFailure } from '../boards/awaitable.ts'
import type { BoardStore } from '../boards/board-store.ts'
import {
  type LoadedBoardDocument,
  loadBoardDocument,
  replayStoredDocument,
} from '../boards/stored-document.ts'
import type { Logger } from '../logging/logger.ts'
import { noteAuthor } from '../sealed/note-authors.ts'
import { filterAwarenessUpdate, shiftAwarenessClocks } from './awareness-entries.ts'
import {
  type CompactionPolicy,
  dueAfterUpdate,
  dueWhenQuiet,
  type LogState,
} from './compaction-policy.ts'
import {
  answerSyncStep1,
  encodeAwareness,
  encodeSyncStep1,
  encodeUpdate,
  MessageType,
} from './protocol.ts'
import { findInvalidRecord, type InvalidRecord } from './record-validation.ts'
import type { SocketIdentity } from './socket-identity.ts'
import { StoreOutbox } from './store-outbox.ts'
import { noSyncMetrics, type SyncMetrics } from './sync-metrics.ts'
import { type SyncSocket, safeClose } from './sync-socket.ts'
import { createdNoteIds, touchedRootMaps } from './transaction-changes.ts'

export interface RoomOptions {
  /** When the update log is folded into a snapshot. */
  compaction: CompactionPolicy
  /** Counts updates, relays, store latency and compactions (default: nowhere). */
  metrics?: SyncMetrics
  /** Clock for how long the room has been quiet, in ms. */
  now: () => number
  /** Updates that would grow the stored board beyond this many bytes are refused. */
  maxBoardBytes: number
  logger: Logger
  /** Called once when the room can no longer persist; the owner should drop it. */
  onFailure: (room: Room) => void
  /** An update from this socket was stored (ACK-1: the owner acknowledges it). */
  onStored?: (socket: SyncSocket) => void
  /**
   * A socket's update was applied, stored and relayed (the owner reacts to it: sealed state,
   * ADR 0013). Called outside the document's transaction, so it may write to the document.
   */
  onAccepted?: (accepted: AcceptedUpdate) => void
  /**
   * Other nodes serving this board (ADR 0014): told each update this room stored, with its
   * sequence number, and each presence change of its own sockets. Absent on a single node.
   */
  relay?: RoomRelay
}

/** What a room tells the other nodes serving its board (server/src/relay/ carries it). */
export interface RoomRelay {
  /** An update this room stored as `seq` (after the store answered, before or as it is relayed here). */
  stored(seq: number, update: Uint8Array): void
  /** A presence update of this room's own sockets. */
  awareness(update: Uint8Array): void
  /** Highest sequence number up to which every stored update is in this room's document. */
  appliedThrough(): number
  /**
   * Reads what the store holds beyond this room's document and applies it (applyRemote);
   * resolves when done. For a peer that forwards content another node stored and relayed, but
   * which has not reached this node yet.
   */
  catchUp(): Promise<void>
  /** Asks to be the one node compacting the board now; resolves to a release, or null if another is. */
  compactionLease(): Awaitable<(() => void) | null>
}

/** What the room tells its owner about an update it accepted from a socket. */
export interface AcceptedUpdate {
  socket: SyncSocket
  /** The socket's identity when it sent the update. */
  identity: SocketIdentity
  /** Notes (stickies) the update created. */
  createdNotes: string[]
  /** Top-level maps of the document it changed (docLayout names). */
  touchedMaps: Set<string>
}

let nextRoomInstance = 1

/** Marks the transaction that replays stored state, so it is not persisted again. */
const loadOrigin = Symbol('load')

/** Marks changes the server itself makes (serverWrite): stored and relayed to every peer. */
const serverOrigin = Symbol('server')

/** Marks updates another node stored and relayed (applyRemote): relayed here, never stored again. */
const remoteOrigin = Symbol('remote')

/**
 * One board's live document and the sockets editing it.
 *
 * Durability rule (ADR 0003): every change Yjs integrates is appended to the
 * store inside the document's update event, and only after that append returns
 * is it relayed. If the append fails, nothing is relayed, every peer is closed
 * and the room is dropped, so peers resync against what the store really holds.
 */
export class Room {
  /** Replaced (by a replay of the store) when a refused update had already been applied to it. */
  private currentDoc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** Each socket with its role and the awareness client ids it has announced. */
  private readonly sockets = new Map<SyncSocket, Peer>()
  /** The socket that announced each awareness client id. */
  private readonly awarenessOwners = new Map<number, SyncSocket>()
  private lastSeq: number
  private updatesSinceSnapshot: number
  /** Snapshot and logged updates, in bytes: what the board costs to store and load. */
  private snapshotBytes: number
  private logBytes: number
  private lastUpdateAt: number
  private failed = false
  /** Grows with every change the document takes (any origin): what derived reads cache by. */
  private changeCount = 0
  /** Set by handleDocUpdate when the update being applied wrote an invalid record (VAL-1). */
  private refused: InvalidRecord | null = null
  /** What the socket update handleDocUpdate just stored changed (for onAccepted). */
  private changes: Pick<AcceptedUpdate, 'createdNotes' | 'touchedMaps'> | null = null
  /**
   * The author of every note that has been on the board since the room loaded, deleted ones
   * included: an undone deletion may bring a sticky back with its own author (author-policy.ts).
   */
  private readonly formerAuthors = new Map<string, string>()

  readonly boardId: string
  private readonly store: BoardStore
  private readonly options: RoomOptions
  /** Appends in order and relays each update only once it is stored (store-outbox.ts). */
  private readonly outbox: StoreOutbox<PendingUpdate, StoredBatch>
  /**
   * While the document is being replaced by a replay of a store that answers later (resetDoc),
   * what arrives waits here, in order, instead of touching the stale document.
   */
  private gate: (() => void)[] | null = null
  /** While the room reads the store for a peer's held update, peers' messages wait here. */
  private catchUpGate: (() => void)[] | null = null
  /** A peer's update is being applied while the document waited for a missing part (SCALE-7). */
  private applyingOverPending = false
  /** State vector of the document before the peer update being applied (resetDoc, SCALE-8). */
  private peersHeld: Uint8Array | null = null
  private compacting = false

  private constructor(
    boardId: string,
    store: BoardStore,
    options: RoomOptions,
    doc: Y.Doc,
    lastSeq: number,
    pendingUpdates: number,
    snapshotBytes: number,
    logBytes: number,
  ) {
    this.snapshotBytes = snapshotBytes
    this.logBytes = logBytes
    this.lastUpdateAt = options.now()
    this.boardId = boardId
    this.store = store
    this.options = options
    this.currentDoc = doc
    this.lastSeq = lastSeq
    this.updatesSinceSnapshot = pendingUpdates
    this.outbox = new StoreOutbox<PendingUpdate, StoredBatch>({
      write: (batch) => {
        // A burst that waited for one write is stored as one merged update (group commit).
        const update =
          batch.length === 1
            ? (batch[0] as PendingUpdate).update
            : Y.mergeUpdates(batch.map((entry) => entry.update))
        return andThen(this.store.appendUpdate(this.boardId, update), (seq) => ({ seq, update }))
      },
      stored: (result, batch, seconds) => this.afterStored(result, batch, seconds),
      failed: (error) => {
        this.failed = true
        this.options.logger.error('sync.persist_failed', { boardId: this.boardId, error })
        this.options.onFailure(this)
      },
    })
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant; it only relays others' presence.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.handleDocUpdate)
    this.awareness.on('update', this.handleAwarenessUpdate)
    this.rememberAuthors(doc.getMap<unknown>(docLayout.records).keys())
  }

  private rememberAuthors(recordIds: Iterable<string>): void {
    const records = this.doc.getMap<unknown>(docLayout.records)
    for (const id of recordIds) {
      const author = noteAuthor(records.get(id))
      if (author !== null) this.formerAuthors.set(id, author)
    }
  }

  /**
   * Loads a board's stored state (snapshot + later updates) into a live room, migrating a board
   * stored in an older layout or schema first (MIG-1: one update, appended before anyone joins).
   */
  static load(boardId: string, store: BoardStore, options: RoomOptions): Awaitable<Room> {
    return andThen(
      loadBoardDocument(store, boardId, { logger: options.logger, origin: loadOrigin }),
      (loaded) => Room.fromLoaded(boardId, store, options, loaded),
    )
  }

  /** A room on a document its owner loaded (loadBoardDocument with the room's load origin). */
  static fromLoaded(
    boardId: string,
    store: BoardStore,
    options: RoomOptions,
    { doc, stored, migration }: LoadedBoardDocument,
  ): Room {
    const logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    return new Room(
      boardId,
      store,
      options,
      doc,
      migration?.seq ?? stored.lastSeq,
      stored.updates.length + (migration ? 1 : 0),
      stored.snapshot?.byteLength ?? 0,
      logBytes + (migration?.bytes ?? 0),
    )
  }

  /** The origin a loader replays a room's stored document with (so it is not stored again). */
  static readonly loadOrigin: unknown = loadOrigin

  /**
   * Names the document's current content on this node: equal versions mean equal content, so
   * backlog, model and suggestion reads are cached by it (server/src/derived/).
   */
  get version(): string {
    return `live:${this.instance}:${this.changeCount}`
  }

  /** Tells this room's versions from those of an earlier room of the same board on this node. */
  private readonly instance = (nextRoomInstance++).toString(36)

  /** The board's live document: what every peer has been sent. */
  get doc(): Y.Doc {
    return this.currentDoc
  }

  get connectionCount(): number {
    return this.sockets.size
  }

  get pendingUpdates(): number {
    return this.updatesSinceSnapshot
  }

  /** False once the room could not store an update (its owner drops it). */
  get live(): boolean {
    return !this.failed
  }

  /** Members with a socket here that may edit (viewers watch; they are not in the workshop). */
  presentMembers(): Set<string> {
    const members = new Set<string>()
    for (const peer of this.sockets.values()) if (peer.role !== 'viewer') members.add(peer.memberId)
    // People on other nodes (ADR 0014) are known here by their presence, which their node
    // stamped with their role and member.
    for (const [clientId, state] of this.awareness.getStates()) {
      if (this.awarenessOwners.has(clientId)) continue
      const role = (state as Record<string, unknown>)[roleAwarenessField]
      const memberId = (state as Record<string, unknown>)[memberAwarenessField]
      if (typeof memberId === 'string' && role !== undefined && role !== 'viewer')
        members.add(memberId)
    }
    return members
  }

  private get log(): LogState {
    return {
      updates: this.updatesSinceSnapshot,
      logBytes: this.logBytes,
      snapshotBytes: this.snapshotBytes,
    }
  }

  /**
   * Adds a socket. `authorRules` false skips the sticky-author rules (author-policy.ts) for a
   * socket connected with a bare role, which stands for nobody in particular (the sync core's
   * own tests).
   */
  join(socket: SyncSocket, identity: SocketIdentity, authorRules = true): void {
    const { role } = identity
    this.sockets.set(socket, {
      role,
      linkRole: identity.linkRole,
      memberId: identity.memberId,
      authorRules,
      clockShift: new Map(),
      awarenessIds: new Set(),
      held: null,
      caughtUp: false,
      catchingUp: true,
      skippedBytes: 0,
    })
    // Told up front, so even a client that never asks knows why its edits go nowhere.
    if (role === 'viewer') this.send(socket, encodeReadOnlyNotice())
    this.send(socket, encodeSyncStep1(this.doc))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) this.send(socket, encodeAwareness(this.awareness, present))
  }

  /**
   * Handles one frame from a peer. A frame that cannot be decoded closes only
   * that peer; the room and everyone else carry on.
   */
  receive(socket: SyncSocket, message: Uint8Array): void {
    const gate = this.gate ?? this.catchUpGate
    if (gate) {
      gate.push(() => this.receive(socket, message))
      return
    }
    if (this.failed || !this.sockets.has(socket)) return
    try {
      const decoder = decoding.createDecoder(message)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MessageType.sync: {
          this.receiveSync(socket, decoder)
          break
        }
        case MessageType.awareness: {
          // A socket speaks only for the awareness ids it announced first: no one can rewrite
          // another person's name, colour or cursor.
          const update = filterAwarenessUpdate(decoding.readVarUint8Array(decoder), (clientId) => {
            const owner = this.awarenessOwners.get(clientId)
            return owner === undefined || owner === socket
          })
          // Only the facilitator may summon everyone to their view (ADR 0008), and everyone's
          // state carries the role and member of their socket, whatever they claim (ADR 0013).
          const peer = this.sockets.get(socket)
          if (!peer) break
          awarenessProtocol.applyAwarenessUpdate(
            this.awareness,
            awarenessProtocol.modifyAwarenessUpdate(
              shiftAwarenessClocks(update, (clientId) => peer.clockShift.get(clientId) ?? 0),
              (state) => relayedAwarenessState(state, peer.role, peer.memberId),
            ),
            socket,
          )
          break
        }
        case MessageType.queryAwareness:
          this.send(socket, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
          break
        case MessageType.auth:
          // Access control does not travel in-band; ignore like y-websocket's server does.
          break
        default:
          throw new Error(`unknown message type ${type}`)
      }
    } catch (error) {
      if (this.failed) return
      if (error instanceof InvalidRecordError && this.retryAfterReload(socket, error.update)) return
      if (error instanceof InvalidRecordError) {
        this.options.logger.warn('sync.invalid_record', {
          boardId: this.boardId,
          recordId: error.recordId.slice(0, 120),
          reason: error.reason.slice(0, 300),
        })
        this.leave(socket)
        socket.close(CloseCode.invalidRecord, 'invalid board record refused')
        this.resetDoc()
        return
      }
      if (error instanceof CatchUpFirst && this.options.relay) {
        this.catchUpThenRetry(socket, this.options.relay)
        return
      }
      if (error instanceof ForbiddenEditError) {
        this.options.logger.warn('sync.forbidden_edit', {
          boardId: this.boardId,
          reason: error.message,
        })
        this.leave(socket)
        socket.close(CloseCode.forbiddenEdit, 'facilitator-only change refused')
        return
      }
      if (error instanceof BoardTooLargeError) {
        this.options.logger.warn('sync.board_too_large', {
          boardId: this.boardId,
          bytes: error.bytes,
        })
        this.leave(socket)
        socket.close(CloseCode.boardTooLarge, 'board size limit reached')
        return
      }
      this.options.logger.warn('sync.malformed_message', {
        boardId: this.boardId,
        bytes: message.byteLength,
        error,
      })
      this.leave(socket)
      socket.close(CloseCode.malformedMessage, 'malformed sync message')
    }
  }

  /**
   * With other nodes (ADR 0014), a record a peer completes may look invalid only because this
   * node lacks a part of it another node stored and relayed (a field still on its way): the
   * document is reloaded from the store, which has it, and the update checked once more.
   * False when that was done already for this peer (the refusal stands).
   */
  private retryAfterReload(socket: SyncSocket, update: Uint8Array): boolean {
    const peer = this.sockets.get(socket)
    if (!this.options.relay || !peer || peer.caughtUp) return false
    peer.held = update
    this.resetDoc()
    const retry = (): void => {
      const again = this.sockets.get(socket)
      if (!again || this.failed) return
      again.caughtUp = true
      this.receive(socket, emptySyncUpdate)
    }
    if (this.gate) this.gate.unshift(retry)
    else retry()
    return true
  }

  /**
   * Holds everything that arrives (gate) while the store is read, then checks the peer's held
   * update again, as caught up as the store: accepted now, or refused for what it really does.
   */
  private catchUpThenRetry(socket: SyncSocket, relay: RoomRelay): void {
    // Only peers' messages wait: what the catch-up reads must get in (applyRemote).
    const gate: (() => void)[] = []
    this.catchUpGate = gate
    const release = (): void => {
      if (this.catchUpGate !== gate) return
      this.catchUpGate = null
      const peer = this.sockets.get(socket)
      if (peer && !this.failed) {
        peer.caughtUp = true
        // An empty update: the held one is checked alone.
        this.receive(socket, emptySyncUpdate)
      }
      for (const waiting of gate) waiting()
    }
    relay.catchUp().then(release, release)
  }

  /**
   * y-protocols' readSyncMessage logs and swallows a bad update; we need the
   * error to close the peer that sent it, so step 2 and updates are applied here.
   */
  private receiveSync(socket: SyncSocket, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const answer = answerSyncStep1(decoder, this.doc)
        // Sent once what it holds is stored (a store answering later may still be writing it).
        this.outbox.after(() => {
          const peer = this.sockets.get(socket)
          if (!peer) return
          this.send(socket, answer)
          // That step 2 holds everything the board has that the peer lacks, relays skipped so
          // far included; from now on it gets each update as it is stored (SYNC-3).
          peer.catchingUp = false
        })
        break
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        this.receiveUpdate(socket, decoding.readVarUint8Array(decoder))
        break
      }
      default:
        throw new Error(`unknown sync message type ${syncType}`)
    }
  }

  /**
   * Applies one update from a peer, in this order: a viewer's is dropped; an update that builds
   * on content the board does not have yet is held for that socket (its sync step 2 is on the
   * way) and merged with the next; a participant's is refused whole if it touches
   * facilitator-only state; one past the size limit is refused; then it is applied, which stores
   * it before relaying it (handleDocUpdate).
   */
  private receiveUpdate(socket: SyncSocket, received: Uint8Array): void {
    const peer = this.sockets.get(socket)
    if (!peer) return
    if (peer.role === 'viewer') {
      // Never applied, stored or relayed. An empty update (an in-sync viewer's step 2) is the
      // protocol's normal answer; anything more gets the reminder.
      if (received.byteLength > 2) this.send(socket, encodeReadOnlyNotice())
      return
    }
    const update = peer.held ? Y.mergeUpdates([peer.held, received]) : received
    peer.held = null
    const verdict = checkUpdate(this.doc, update, {
      role: peer.role,
      memberId: peer.authorRules ? peer.memberId : null,
      formerAuthor: (recordId) => this.formerAuthors.get(recordId),
    })
    if (verdict.kind === 'forbidden') {
      if (this.options.relay && !peer.caughtUp) {
        // A peer that came from another node may forward what the server wrote there (a vote
        // result, a migration) before it reached this node: catch up from the store, where it
        // was stored before it was relayed, and check again (once).
        peer.held = update
        throw new CatchUpFirst()
      }
      throw new ForbiddenEditError(verdict.reason)
    }
    if (this.storedBytes + update.byteLength > this.options.maxBoardBytes) {
      // Much of a long log is often history a snapshot drops: fold before refusing.
      this.tryCompact()
    }
    const bytes = this.storedBytes + update.byteLength
    if (bytes > this.options.maxBoardBytes) throw new BoardTooLargeError(bytes)
    if (verdict.kind === 'incomplete') {
      // Held per socket and bounded, unlike Yjs's own pending store, which nothing would count.
      if (update.byteLength > maxHeldBytes) throw new BoardTooLargeError(bytes)
      peer.held = update
      return
    }
    this.refused = null
    this.changes = null
    // The identity as it was when the update was checked (a grant could change it later).
    const identity: SocketIdentity = {
      role: peer.role,
      linkRole: peer.linkRole,
      memberId: peer.memberId,
    }
    // With other nodes, the document may already wait for something relayed out of order
    // (ADR 0014); only what this update leaves waiting is this update's doing.
    const waitedBefore = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
    this.applyingOverPending = waitedBefore
    // What the peers held before this update: if it is refused, the reset tells them what the
    // store has beyond that (SCALE-8). Only with other nodes can the store hold more.
    this.peersHeld = this.options.relay ? Y.encodeStateVector(this.doc) : null
    try {
      Y.applyUpdate(this.doc, update, socket)
    } finally {
      this.applyingOverPending = false
    }
    const refused = this.refused
    if (refused) {
      this.refused = null
      throw new InvalidRecordError(refused, update)
    }
    this.peersHeld = null
    if (
      !waitedBefore &&
      (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null)
    ) {
      // The check above found nothing missing, so this is a forged update Yjs still could not
      // place; keep none of it in memory.
      this.doc.store.pendingStructs = null
      this.doc.store.pendingDs = null
      throw new Error('update depends on content the board does not have')
    }
    // Accepted: a later update of this peer may again catch up before it is refused.
    peer.caughtUp = false
    // Set by handleDocUpdate during applyUpdate, which TypeScript's narrowing cannot see.
    const changes = this.changes as Pick<AcceptedUpdate, 'createdNotes' | 'touchedMaps'> | null
    this.changes = null
    if (this.failed || !this.sockets.has(socket) || !changes) return
    try {
      this.options.onAccepted?.({ socket, identity, ...changes })
    } catch (error) {
      // The update is stored and relayed; a failed reaction must not close its sender.
      this.options.logger.error('sync.reaction_failed', { boardId: this.boardId, error })
    }
  }

  /**
   * A change the server makes itself (a published vote result, drafts, a rename): stored, then
   * relayed to every peer, like any edit. Returns false if it could not be stored (the room has
   * failed and is being dropped; nothing was relayed).
   */
  serverWrite(change: (doc: Y.Doc, origin: unknown) => void, afterStored?: () => void): boolean {
    if (this.gate) {
      this.gate.push(() => this.serverWrite(change, afterStored))
      return true
    }
    if (this.failed) return false
    // A change that opens its own transaction with `origin` joins this one.
    this.doc.transact(() => change(this.doc, serverOrigin), serverOrigin)
    if (afterStored) this.outbox.after(afterStored)
    return !this.failed
  }

  /**
   * An update another node stored and relayed (ADR 0014): applied and relayed to this node's
   * peers, never stored again. Yjs applies it whatever order it arrives in, twice or not.
   */
  applyRemote(update: Uint8Array): void {
    if (this.gate) {
      this.gate.push(() => this.applyRemote(update))
      return
    }
    if (this.failed) return
    Y.applyUpdate(this.doc, update, remoteOrigin)
  }

  /** A presence update from another node's sockets: kept here and relayed to this node's peers. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (this.failed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, remoteOrigin)
  }

  /**
   * The presence of this node's own sockets as one awareness update, for a node that just
   * joined the board (each node answers for its own people).
   */
  encodeAllAwareness(): Uint8Array | null {
    const ids = [...this.awarenessOwners.keys()].filter((id) => this.awareness.states.has(id))
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null
  }

  /**
   * The facilitator granted or revoked co-facilitation (ADR 0013): the member's sockets on a
   * participant link switch role at once (update policy, presence stamp). Their presence is
   * stamped again and relayed, with a clock raised past the client's (clockShift).
   */
  setMemberGrant(memberId: string, grant: MemberGrant | null): void {
    for (const peer of this.sockets.values()) {
      if (peer.memberId !== memberId || peer.linkRole !== 'participant') continue
      const role = effectiveRole(peer.linkRole, grant)
      if (role === peer.role) continue
      peer.role = role
      this.restampAwareness(peer)
    }
  }

  private restampAwareness(peer: Peer): void {
    const changed: number[] = []
    for (const clientId of peer.awarenessIds) {
      const state = this.awareness.states.get(clientId)
      const meta = this.awareness.meta.get(clientId)
      if (state === undefined || meta === undefined) continue
      this.awareness.states.set(
        clientId,
        relayedAwarenessState(state, peer.role, peer.memberId) as Record<string, unknown>,
      )
      this.awareness.meta.set(clientId, { clock: meta.clock + 1, lastUpdated: this.options.now() })
      peer.clockShift.set(clientId, (peer.clockShift.get(clientId) ?? 0) + 1)
      changed.push(clientId)
    }
    if (changed.length === 0) return
    const message = encodeAwareness(this.awareness, changed)
    // Its own client too: it learns the role the server now stamps on it.
    for (const socket of this.sockets.keys()) this.send(socket, message)
  }

  leave(socket: SyncSocket): void {
    const peer = this.sockets.get(socket)
    if (!peer) return
    this.sockets.delete(socket)
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null)
    }
    for (const id of peer.awarenessIds) this.awarenessOwners.delete(id)
  }

  /** Closes the sockets that came with a link of these roles (it was rotated); returns how many. */
  closeRoles(roles: readonly BoardRole[], code: number, reason: string): number {
    let closed = 0
    for (const [socket, peer] of [...this.sockets]) {
      if (!roles.includes(peer.linkRole)) continue
      this.leave(socket)
      safeClose(socket, code, reason)
      closed++
    }
    return closed
  }

  private get storedBytes(): number {
    return this.snapshotBytes + this.logBytes
  }

  /**
   * Folds the update log into one snapshot of the current state. Only when nothing waits to be
   * stored (the snapshot must not hold what the log does not), only by one node at a time
   * (ADR 0014's lease), and through the last sequence number up to which the document holds every
   * stored update.
   */
  compact(): Awaitable<void> {
    if (this.failed || this.gate || this.updatesSinceSnapshot === 0 || this.compacting) return
    // The snapshot must hold nothing the log does not: nothing may be waiting to be stored.
    if (this.outbox.unstored) return
    const relay = this.options.relay
    this.compacting = true
    // Encoded now: the document may be closed by the time another node's lease answers.
    const state = Y.encodeStateAsUpdate(this.doc)
    const through = relay ? relay.appliedThrough() : this.lastSeq
    const folded = { updates: this.updatesSinceSnapshot, logBytes: this.logBytes }
    return onFailure(
      () =>
        andThen(relay ? relay.compactionLease() : releaseNothing, (release) => {
          if (!release) {
            this.compacting = false
            return
          }
          return onFailure(
            () =>
              andThen(this.store.compact(this.boardId, state, through), () => {
                release()
                this.compacting = false
                this.options.metrics?.compacted()
                // What arrived while the snapshot was written stays counted: it is in the log.
                this.updatesSinceSnapshot = Math.max(0, this.updatesSinceSnapshot - folded.updates)
                this.logBytes = Math.max(0, this.logBytes - folded.logBytes)
                this.snapshotBytes = state.byteLength
              }),
            release,
          )
        }),
      () => {
        this.compacting = false
      },
    )
  }

  /** Folds the log if the room has had no update for the policy's quiet time. */
  compactIfQuiet(): Awaitable<void> {
    if (dueWhenQuiet(this.log, this.options.now() - this.lastUpdateAt, this.options.compaction))
      return this.tryCompact()
  }

  /** Compacts, logging a failure instead of throwing: every update is stored either way. */
  tryCompact(): Awaitable<void> {
    const failed = (error: unknown): void => {
      // Every update is already stored; a failed compaction only leaves a longer log.
      this.options.logger.warn('sync.compact_failed', { boardId: this.boardId, error })
    }
    try {
      const done = this.compact()
      if (isPromise(done)) return done.catch(failed)
    } catch (error) {
      failed(error)
    }
  }

  /**
   * Replaces the document with a replay of the store, after a refused update (VAL-1) was applied
   * to it but neither stored nor relayed: every peer still holds exactly what the store holds.
   */
  private resetDoc(): void {
    const stale = this.currentDoc
    stale.off('update', this.handleDocUpdate)
    // A refused update is in the stale document but no peer got it: what it brought does not
    // count as held, or content another node stored meanwhile would never reach them (SCALE-8).
    const peersHeld = this.peersHeld ?? Y.encodeStateVector(stale)
    this.peersHeld = null
    // Until the replay is in, what arrives waits (a store answering at once replays right here).
    const gate: (() => void)[] = []
    this.gate = gate
    const failed = (error: unknown): void => {
      this.gate = null
      this.failed = true
      this.options.logger.error('sync.reset_failed', { boardId: this.boardId, error })
      this.options.onFailure(this)
    }
    // After what the stale document already holds and was accepted is stored: the replay has it.
    this.outbox.after(() => {
      try {
        const loaded = andThen(this.store.loadDocument(this.boardId), (stored) => {
          if (this.failed) return
          const fresh = replayStoredDocument(stored, new Y.Doc(), loadOrigin)
          // With other nodes the store may hold more than this room had relayed (an update the
          // relay lost, not caught up yet): the peers here get that difference.
          const gained = Y.encodeStateAsUpdate(fresh, peersHeld)
          this.currentDoc = fresh
          this.changeCount++
          fresh.on('update', this.handleDocUpdate)
          // Awareness reads its doc only for a client id and to die with it. The stale doc is left
          // to the garbage collector rather than destroyed, which would take the awareness with it.
          this.awareness.doc = fresh
          if (gained.byteLength > 2) this.relayToPeers(gained, null)
          this.gate = null
          for (const waiting of gate) waiting()
        })
        if (isPromise(loaded)) loaded.catch(failed)
      } catch (error) {
        failed(error)
      }
    })
  }

  /** Closes every peer, keeping the document (its last updates may still be being stored). */
  closeSockets(code: number, reason: string): void {
    for (const socket of [...this.sockets.keys()]) {
      this.leave(socket)
      safeClose(socket, code, reason)
    }
  }

  /** Closes every peer and releases the document. */
  close(code: number, reason: string): void {
    this.outbox.dispose()
    this.gate = null
    this.catchUpGate = null
    const leaving = [...this.sockets.keys()]
    for (const socket of leaving) {
      this.sockets.delete(socket)
      safeClose(socket, code, reason)
    }
    // The other nodes drop these people's presence now rather than at its 30 s timeout.
    const own = [...this.awarenessOwners.keys()].filter((id) => this.awareness.states.has(id))
    if (this.options.relay && own.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, own, null)
    }
    this.doc.off('update', this.handleDocUpdate)
    this.awareness.off('update', this.handleAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }

  private readonly handleDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (origin === loadOrigin || this.failed) return
    this.changeCount++
    if (this.sockets.has(origin as SyncSocket)) {
      // VAL-1: a peer's update is stored and relayed only if every record it touched is valid;
      // receiveUpdate sees the refusal, closes the sender and resets the document.
      const records = this.doc.getMap<unknown>(docLayout.records)
      const invalid = findInvalidRecord(records, transaction)
      if (invalid) {
        this.refused = invalid
        return
      }
      this.changes = {
        createdNotes: createdNoteIds(records, transaction),
        touchedMaps: touchedRootMaps(transaction),
      }
      this.rememberAuthors(this.changes.createdNotes)
    } else {
      // Drafts the server published, too: whoever deletes one can undo that.
      this.rememberAuthors(createdNoteIds(this.doc.getMap<unknown>(docLayout.records), transaction))
    }
    if (origin === remoteOrigin) {
      // Stored by the node that accepted it: only this node's peers are told, in order with what
      // this node sends them (a sync step 2 waiting in the outbox was computed without it, and
      // its peer is sent single updates only once that step 2 is out).
      this.updatesSinceSnapshot++
      this.logBytes += update.byteLength
      this.lastUpdateAt = this.options.now()
      this.outbox.after(() => this.relayToPeers(update, null))
      return
    }
    // Applied over content that waited for a missing part (relayed out of order, ADR 0014), the
    // update Yjs emits also holds that waiting content, which the sender may never have had:
    // the sender then gets it too (SCALE-7). Otherwise it already holds all of it.
    this.outbox.push({ update, origin, echo: this.applyingOverPending })
  }

  /** A batch is stored: count it, tell the other nodes, relay each update to the other peers here. */
  private afterStored(
    { seq, update }: StoredBatch,
    batch: readonly PendingUpdate[],
    seconds: number,
  ): void {
    const metrics = this.options.metrics ?? noSyncMetrics
    metrics.updateStored(seconds)
    this.lastSeq = seq
    this.updatesSinceSnapshot++
    this.logBytes += update.byteLength
    this.lastUpdateAt = this.options.now()
    this.options.relay?.stored(seq, update)
    for (const { update: single, origin, echo } of batch) {
      this.relayToPeers(single, echo ? null : origin)
      const fromSocket = this.sockets.has(origin as SyncSocket)
      if (fromSocket) metrics.updateReceived()
      if (fromSocket) this.options.onStored?.(origin as SyncSocket)
    }
    // After this batch's relays, and before any later update is written.
    if (dueAfterUpdate(this.log, this.options.compaction))
      this.outbox.after(() => this.tryCompact())
  }

  /** Resolves once every update applied so far is stored (undefined: already so). */
  settled(): Promise<void> | undefined {
    return this.outbox.settled()
  }

  private relayToPeers(update: Uint8Array, origin: unknown): void {
    const message = encodeUpdate(update)
    let relayed = 0
    for (const [socket, peer] of this.sockets) {
      if (socket !== origin && this.shouldRelay(socket, peer, message)) {
        this.send(socket, message)
        relayed++
      }
    }
    if (relayed > 0) (this.options.metrics ?? noSyncMetrics).updatesRelayed(relayed)
  }

  private readonly handleAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const peer = this.sockets.get(origin as SyncSocket)
    if (peer) {
      for (const id of changes.added) {
        peer.awarenessIds.add(id)
        this.awarenessOwners.set(id, origin as SyncSocket)
      }
      for (const id of changes.removed) {
        peer.awarenessIds.delete(id)
        this.awarenessOwners.delete(id)
      }
    }
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    const message = encodeAwareness(this.awareness, changed)
    for (const socket of this.sockets.keys()) this.send(socket, message)
    // This node's own presence changes (a socket's update, its leaving, a restamp, a timeout)
    // reach the other nodes; what came from them does not go back.
    if (origin !== remoteOrigin && this.options.relay) {
      this.options.relay.awareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    }
  }

  /**
   * SYNC-3: a peer that has not sent its sync step 1 yet is not sent single updates: after a
   * reconnect they would build on edits it missed, and Yjs would apply their deletions at once
   * but hold their insertions until its catch-up arrived (a sticky briefly without a position).
   * The step 2 answering its step 1 carries them all. A peer that never asks gets the whole
   * board once the skipped updates pass a bound, then every update as usual.
   */
  private shouldRelay(socket: SyncSocket, peer: Peer, message: Uint8Array): boolean {
    if (!peer.catchingUp) return true
    peer.skippedBytes += message.byteLength
    if (peer.skippedBytes <= maxSkippedRelayBytes) return false
    peer.catchingUp = false
    this.send(socket, encodeUpdate(Y.encodeStateAsUpdate(this.doc)))
    return false
  }

  private send(socket: SyncSocket, message: Uint8Array): void {
    try {
      socket.send(message)
    } catch (error) {
      // A socket that cannot take a message is gone; the rest of the room is not affected.
      this.options.logger.warn('sync.send_failed', { boardId: this.boardId, error })
      this.leave(socket)
      safeClose(socket, CloseCode.goingAway, 'send failed')
    }
  }
}

/** An update applied to the document and waiting to be stored, with the socket it came from. */
interface PendingUpdate {
  update: Uint8Array
  origin: unknown
  /** Relayed to its sender too: it carries content the sender may lack (SCALE-7). */
  echo?: boolean
}

/** What one store write kept: the (possibly merged) update and its sequence number. */
interface StoredBatch {
  seq: number
  update: Uint8Array
}

/** No relay: this node is the only one, and it may always compact. */
const releaseNothing = (): void => {}

interface Peer {
  /** The role the socket acts with: its link's, raised by a co-facilitator grant. */
  role: BoardRole
  linkRole: BoardRole
  memberId: string
  /** Whether the sticky-author rules apply (false: a bare-role socket, see join). */
  authorRules: boolean
  /** How far the server raised each of its awareness clocks (restampAwareness). */
  clockShift: Map<number, number>
  awarenessIds: Set<number>
  /** An incomplete update waiting for what it builds on (from this same socket). */
  held: Uint8Array | null
  /** Whether the room caught up from the store for this peer's held update (catchUpThenRetry). */
  caughtUp: boolean
  /** True until the peer's sync step 1 has been answered (shouldRelay). */
  catchingUp: boolean
  /** Bytes of updates not relayed to it while catching up. */
  skippedBytes: number
}

/** Relays skipped for a peer that does not send its sync step 1 before the whole board is sent. */
const maxSkippedRelayBytes = 1024 * 1024

/**
 * Most a socket may have waiting for its own sync step 2: an honest client only sends the edits
 * of one round trip ahead of it, a few kilobytes.
 */
const maxHeldBytes = 4 * 1024 * 1024

/** An update the board has no room for; the sender is closed with CloseCode.boardTooLarge. */
class BoardTooLargeError extends Error {
  readonly bytes: number
  constructor(bytes: number) {
    super(`board would grow to ${bytes} bytes`)
    this.bytes = bytes
  }
}

/** A participant's update touched facilitator-only state; the sender is closed with CloseCode.forbiddenEdit. */
class ForbiddenEditError extends Error {}

/** The update may build on what another node wrote: read the store, then check it again. */
class CatchUpFirst extends Error {}

/** A sync message carrying an empty Yjs update (no structs, no deletions). */
const emptySyncUpdate = encodeUpdate(new Uint8Array([0, 0]))

/** A peer's update wrote an invalid board record; the sender is closed with CloseCode.invalidRecord. */
class InvalidRecordError extends Error {
  readonly recordId: string
  readonly reason: string
  /** The refused update (a node with peers elsewhere may check it again: retryAfterReload). */
  readonly update: Uint8Array
  constructor({ recordId, reason }: InvalidRecord, update: Uint8Array) {
    super(`invalid record ${recordId}: ${reason}`)
    this.recordId = recordId
    this.reason = reason
    this.update = update
  }
}
