import { effectiveRole, type MemberGrant } from '@stormline/shared/access/identity'
import { type BoardRole, roleAtLeast } from '@stormline/shared/access/roles'
import { encodeReadOnlyNotice } from '@stormline/shared/sync/access-messages'
import { CloseCode } from '@stormline/shared/sync/close-codes'
import { privateLayout } from '@stormline/shared/sync/private-layout'
import * as decoding from 'lib0/decoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { andThen } from '../boards/awaitable.ts'
import type { BoardStore } from '../boards/board-store.ts'
import type { Logger } from '../logging/logger.ts'
import { addAuthoredStickies, wouldAddAuthoredStickies } from './authored-stickies.ts'
import { checkPrivateTransaction, type PrivateVerdict } from './private-validation.ts'
import { answerSyncStep1, encodeSyncStep1, encodeUpdate, MessageType } from './protocol.ts'
import type { SocketIdentity } from './socket-identity.ts'
import { StoreOutbox } from './store-outbox.ts'
import { type SyncSocket, safeClose } from './sync-socket.ts'
import { touchedRootMaps } from './transaction-changes.ts'

/** Largest private document (dots, ballots, a round's drafts: a few kilobytes in practice). */
export const defaultMaxPrivateBytes = 1024 * 1024

export interface PrivateRoomOptions {
  /** Updates that would grow the document beyond this many bytes are refused (4413). */
  maxBytes: number
  /**
   * Whether this room may hold `bytes` given everyone else's private documents on the board
   * (BoardPrivates bounds them together, so a script minting many members cannot make a board
   * load unbounded private state). Absent: no bound beyond maxBytes.
   */
  fitsBoard?: (room: PrivateRoom, bytes: number) => boolean
  logger: Logger
  /** Whether the board is anonymous now (a draft may then carry no author). */
  anonymous: () => boolean
  /** Called once when the document can no longer be saved; the owner should drop the room. */
  onFailure: (room: PrivateRoom) => void
  /** An update from this socket was saved (ACK-1). */
  onStored?: (socket: SyncSocket) => void
  /** A socket's update was saved and relayed (the owner reconciles the board). */
  onAccepted?: (room: PrivateRoom, socket: SyncSocket, touchedMaps: ReadonlySet<string>) => void
  /** Tells the other nodes serving the board an update this room saved (ADR 0014). */
  relay?: (room: PrivateRoom, update: Uint8Array) => void
}

/** Marks the transaction that loads the stored state, so it is not saved again. */
const loadOrigin = Symbol('private-load')
/** Marks the server's own changes (the member entry, published drafts removed). */
const serverOrigin = Symbol('private-server')
/** Marks what another node saved and relayed, or what the store holds beyond this copy. */
const remoteOrigin = Symbol('private-remote')

/** An update applied to the document and waiting to be saved, with the socket it came from. */
interface PendingSave {
  update: Uint8Array
  origin: unknown
  /** The whole document right after this update (what a save of it writes). */
  state: Uint8Array
}

interface PrivatePeer {
  role: BoardRole
  linkRole: BoardRole
}

/**
 * One member's private document on one board (ADR 0013) and that member's sockets on it. Speaks
 * the y-websocket protocol like the board's Room, with the same durability rule: an accepted
 * update is saved (the whole document: it is small) before it is relayed to the member's other
 * sockets. What a socket writes is checked on the transaction that applied it
 * (private-validation.ts); a refused update closes its sender, nothing of it is saved or relayed,
 * and the document is reloaded from the store. There is no presence here: awareness messages are
 * ignored.
 */
export class PrivateRoom {
  readonly boardId: string
  readonly memberId: string
  private currentDoc: Y.Doc
  private readonly sockets = new Map<SyncSocket, PrivatePeer>()
  private grant: MemberGrant | null
  /**
   * What the store is known to hold of this document: the last state saved here, merged with
   * what other nodes saved since (applyRemote). A refused update is undone by going back to it.
   */
  private savedState: Uint8Array
  /** Whether anything of this document was ever stored (its weight is 0 until then). */
  private everSaved: boolean
  /** While the document goes back to the saved state, what arrives waits here, in order. */
  private gate: (() => void)[] | null = null
  private failed = false
  /** Set by handleDocUpdate when the socket update being applied broke a rule. */
  private refused: Refusal | null = null
  /** Top-level maps the socket update being applied changed (set by handleDocUpdate). */
  private touched: ReadonlySet<string> = new Set()
  private readonly store: BoardStore
  private readonly options: PrivateRoomOptions
  /** Saves in order and relays each update only once it is saved (store-outbox.ts). */
  private readonly outbox: StoreOutbox<PendingSave, number>

  constructor(
    boardId: string,
    memberId: string,
    stored: Uint8Array | null,
    grant: MemberGrant | null,
    store: BoardStore,
    options: PrivateRoomOptions,
  ) {
    this.boardId = boardId
    this.memberId = memberId
    this.grant = grant
    this.store = store
    this.options = options
    this.currentDoc = loadDoc(stored)
    this.savedState = stored ?? Y.encodeStateAsUpdate(this.currentDoc)
    this.everSaved = stored !== null
    this.currentDoc.on('update', this.handleDocUpdate)
    this.outbox = new StoreOutbox<PendingSave, number>({
      // The whole document (small) after the last update of the batch: it holds the others.
      write: (batch) => {
        const { state } = batch[batch.length - 1] as PendingSave
        return andThen(
          this.store.savePrivateDocument(this.boardId, this.memberId, state),
          () => batch.length,
        )
      },
      stored: (_count, batch) => {
        this.savedState = (batch[batch.length - 1] as PendingSave).state
        this.everSaved = true
        for (const { update, origin } of batch) {
          // A private update is small: relayed whole as it was applied, to the member's other
          // tabs here and on the other nodes.
          const message = encodeUpdate(update)
          for (const socket of this.sockets.keys())
            if (socket !== origin) this.send(socket, message)
          this.options.relay?.(this, update)
          if (this.sockets.has(origin as SyncSocket)) this.options.onStored?.(origin as SyncSocket)
        }
      },
      failed: (error) => this.fail(error),
    })
  }

  get doc(): Y.Doc {
    return this.currentDoc
  }

  get connectionCount(): number {
    return this.sockets.size
  }

  get live(): boolean {
    return !this.failed
  }

  /** Adds one of the member's sockets; false if the document could not be saved (room failed). */
  join(socket: SyncSocket, identity: SocketIdentity): boolean {
    const peer: PrivatePeer = { role: identity.role, linkRole: identity.linkRole }
    // Written before the socket joins: its sync step 2 then carries the entry.
    this.writeMemberEntry([...this.sockets.values(), peer])
    if (this.failed) return false
    this.sockets.set(socket, peer)
    if (peer.role === 'viewer') this.send(socket, encodeReadOnlyNotice())
    this.send(socket, encodeSyncStep1(this.doc))
    return true
  }

  leave(socket: SyncSocket): void {
    this.sockets.delete(socket)
  }

  /** Closes the sockets that came with a link of these roles (it was rotated); returns how many. */
  closeRoles(roles: readonly BoardRole[], code: number, reason: string): SyncSocket[] {
    const closed: SyncSocket[] = []
    for (const [socket, peer] of [...this.sockets]) {
      if (!roles.includes(peer.linkRole)) continue
      this.sockets.delete(socket)
      safeClose(socket, code, reason)
      closed.push(socket)
    }
    return closed
  }

  /** The facilitator granted or revoked co-facilitation: roles and the member entry follow. */
  setGrant(grant: MemberGrant | null): void {
    this.grant = grant
    for (const peer of this.sockets.values()) {
      if (peer.linkRole === 'participant') peer.role = effectiveRole(peer.linkRole, grant)
    }
    this.writeMemberEntry([...this.sockets.values()])
  }

  /**
   * A change the server makes itself: saved, then relayed to every socket of the member.
   * Returns false if it could not be saved (the room failed and is being dropped).
   */
  write(change: (doc: Y.Doc) => void): boolean {
    if (this.gate) {
      this.gate.push(() => this.write(change))
      return true
    }
    if (this.failed) return false
    this.doc.transact(() => change(this.doc), serverOrigin)
    return !this.failed
  }

  /**
   * An update of this document another node saved, or the stored state this copy may lack
   * (ADR 0014): applied and relayed to the member's sockets here, not saved again.
   */
  applyRemote(update: Uint8Array): void {
    if (this.gate) {
      this.gate.push(() => this.applyRemote(update))
      return
    }
    if (this.failed) return
    Y.applyUpdate(this.doc, update, remoteOrigin)
    this.savedState = Y.mergeUpdates([this.savedState, update])
    this.everSaved = true
  }

  /** Resolves once every update applied so far is saved (undefined: already so). */
  settled(): Promise<void> | undefined {
    return this.outbox.settled()
  }

  /** What the store is known to hold of this document (the board keeps it if this room fails). */
  get saved(): Uint8Array {
    return this.savedState
  }

  /** Remembers stickies the member added (authored-stickies.ts); false if it could not be saved. */
  recordAuthoredStickies(ids: readonly string[]): boolean {
    if (!wouldAddAuthoredStickies(this.doc, ids)) return true
    return this.write((doc) => addAuthoredStickies(doc, ids))
  }

  /**
   * Handles one frame from one of the member's sockets. A frame that cannot be decoded, or an
   * update that breaks the rules, closes only that socket.
   */
  receive(socket: SyncSocket, message: Uint8Array): void {
    if (this.gate) {
      this.gate.push(() => this.receive(socket, message))
      return
    }
    if (this.failed || !this.sockets.has(socket)) return
    try {
      const decoder = decoding.createDecoder(message)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MessageType.sync:
          this.receiveSync(socket, decoder)
          break
        case MessageType.awareness:
        case MessageType.queryAwareness:
        case MessageType.auth:
          // A private document has no presence to share: the member's own tabs are all there is.
          break
        default:
          throw new Error(`unknown message type ${type}`)
      }
    } catch (error) {
      if (this.failed) return
      const refusal = error instanceof RefusedError ? error.refusal : null
      const code = refusal ? refusal.code : CloseCode.malformedMessage
      this.options.logger.warn(refusal ? 'sync.private_refused' : 'sync.malformed_message', {
        boardId: this.boardId,
        bytes: message.byteLength,
        reason: refusal ? refusal.reason.slice(0, 300) : undefined,
        error: refusal ? undefined : error,
      })
      this.leave(socket)
      safeClose(socket, code, refusal ? refusal.closeReason : 'malformed sync message')
      if (refusal?.applied) this.resetDoc()
    }
  }

  private receiveSync(socket: SyncSocket, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const answer = answerSyncStep1(decoder, this.doc)
        // Sent once what it holds is saved (a store answering later may still be writing it).
        this.outbox.after(() => {
          if (this.sockets.has(socket)) this.send(socket, answer)
        })
        break
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        this.receiveUpdate(socket, decoding.readVarUint8Array(decoder))
        break
      default:
        throw new Error(`unknown sync message type ${syncType}`)
    }
  }

  /** What this document weighs once saved (0 before it was ever saved). */
  get bytes(): number {
    return this.everSaved ? this.savedState.byteLength : 0
  }

  private fits(bytes: number): boolean {
    return bytes <= this.options.maxBytes && (this.options.fitsBoard?.(this, bytes) ?? true)
  }

  private receiveUpdate(socket: SyncSocket, update: Uint8Array): void {
    const peer = this.sockets.get(socket)
    if (!peer) return
    if (peer.role === 'viewer') {
      // A viewer has nothing to write; as on the board, an in-sync step 2 is no edit.
      if (update.byteLength > 2) this.send(socket, encodeReadOnlyNotice())
      return
    }
    // Bounded before it is applied: the update holds at least what it would add.
    if (!this.fits(this.bytes + update.byteLength)) {
      throw new RefusedError(tooLarge(this.bytes + update.byteLength, false))
    }
    this.refused = null
    Y.applyUpdate(this.doc, update, socket)
    const refused = this.refused as Refusal | null
    this.refused = null
    if (refused) throw new RefusedError(refused)
    // What Yjs holds back until the content it builds on arrives counts against the bound too.
    const pending =
      (this.doc.store.pendingStructs?.update.byteLength ?? 0) +
      (this.doc.store.pendingDs?.byteLength ?? 0)
    if (pending > 0 && !this.fits(this.bytes + pending)) {
      throw new RefusedError(tooLarge(this.bytes + pending, true))
    }
    const touched = this.touched
    this.touched = new Set()
    if (this.failed || !this.sockets.has(socket)) return
    try {
      this.options.onAccepted?.(this, socket, touched)
    } catch (error) {
      // The update is saved and relayed; a failed reaction must not close its sender.
      this.options.logger.error('sync.reaction_failed', { boardId: this.boardId, error })
    }
  }

  private readonly handleDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (origin === loadOrigin || this.failed) return
    const fromSocket = this.sockets.has(origin as SyncSocket)
    if (fromSocket) {
      const verdict = checkPrivateTransaction(transaction, {
        memberId: this.memberId,
        anonymous: this.options.anonymous(),
      })
      if (!verdict.ok) {
        this.refused = refusalOf(verdict)
        return
      }
    }
    if (fromSocket) this.touched = touchedRootMaps(transaction)
    if (origin === remoteOrigin) {
      // Saved already by the node that accepted it: only this node's sockets are told.
      const message = encodeUpdate(update)
      for (const socket of this.sockets.keys()) this.send(socket, message)
      return
    }
    const state = Y.encodeStateAsUpdate(this.doc)
    if (fromSocket && !this.fits(state.byteLength)) {
      this.refused = tooLarge(state.byteLength, true)
      return
    }
    this.outbox.push({ update, origin, state })
  }

  /** Writes `{ memberId, role, coFacilitator }` where it differs, so the member's page follows. */
  private writeMemberEntry(peers: readonly PrivatePeer[]): void {
    const member = this.doc.getMap<unknown>(privateLayout.member)
    const wanted: Record<string, unknown> = {
      memberId: this.memberId,
      coFacilitator: this.grant === 'co-facilitator',
    }
    // One member may have tabs on different links; the entry names the strongest of them.
    const link = strongestLink(peers)
    if (link) wanted.role = effectiveRole(link, this.grant)
    const changes = Object.entries(wanted).filter(([key, value]) => member.get(key) !== value)
    if (changes.length === 0) return
    this.write(() => {
      for (const [key, value] of changes) member.set(key, value)
    })
  }

  /**
   * Replaces the document with the stored one after a refused update was applied to it but
   * neither saved nor relayed: every socket still holds what the store holds.
   */
  private resetDoc(): void {
    const stale = this.currentDoc
    stale.off('update', this.handleDocUpdate)
    // What arrives waits until the saves queued before the refused update are done: they, not
    // the refused update, are what the document goes back to.
    const gate: (() => void)[] = []
    this.gate = gate
    this.outbox.after(() => {
      if (this.failed) return
      this.currentDoc = loadDoc(this.savedState)
      this.currentDoc.on('update', this.handleDocUpdate)
      stale.destroy()
      this.gate = null
      for (const waiting of gate) waiting()
    })
  }

  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.options.logger.error('sync.private_persist_failed', { boardId: this.boardId, error })
    this.options.onFailure(this)
  }

  /** Closes every socket and releases the document. */
  close(code: number, reason: string): SyncSocket[] {
    this.outbox.dispose()
    this.gate = null
    const sockets = [...this.sockets.keys()]
    this.sockets.clear()
    for (const socket of sockets) safeClose(socket, code, reason)
    this.doc.off('update', this.handleDocUpdate)
    this.doc.destroy()
    return sockets
  }

  private send(socket: SyncSocket, message: Uint8Array): void {
    try {
      socket.send(message)
    } catch (error) {
      this.options.logger.warn('sync.send_failed', { boardId: this.boardId, error })
      this.leave(socket)
      safeClose(socket, CloseCode.goingAway, 'send failed')
    }
  }
}

function loadDoc(stored: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc()
  // Defined up front as maps, so content a client writes anywhere else is seen as foreign.
  for (const name of Object.values(privateLayout)) doc.getMap(name)
  if (stored) Y.applyUpdate(doc, stored, loadOrigin)
  return doc
}

function strongestLink(peers: readonly PrivatePeer[]): BoardRole | null {
  let best: BoardRole | null = null
  for (const { linkRole } of peers)
    if (best === null || !roleAtLeast(best, linkRole)) best = linkRole
  return best
}

interface Refusal {
  code: number
  reason: string
  closeReason: string
  /** Whether the update was applied to the document (which must then be reloaded). */
  applied: boolean
}

function refusalOf(verdict: Exclude<PrivateVerdict, { ok: true }>): Refusal {
  return verdict.kind === 'invalid-draft'
    ? {
        code: CloseCode.invalidRecord,
        reason: verdict.reason,
        closeReason: 'invalid draft refused',
        applied: true,
      }
    : {
        code: CloseCode.forbiddenEdit,
        reason: verdict.reason,
        closeReason: 'private change refused',
        applied: true,
      }
}

function tooLarge(bytes: number, applied: boolean): Refusal {
  return {
    code: CloseCode.boardTooLarge,
    reason: `private document would grow to ${bytes} bytes`,
    closeReason: 'private document size limit reached',
    applied,
  }
}

class RefusedError extends Error {
  readonly refusal: Refusal
  constructor(refusal: Refusal) {
    super(refusal.reason)
    this.refusal = refusal
  }
}
