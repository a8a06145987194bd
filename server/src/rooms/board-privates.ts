import type { MemberGrant } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type * as Y from 'yjs'
import { type Awaitable, andThen } from '../boards/awaitable.ts'
import type { BoardStore } from '../boards/board-store.ts'
import { PrivateRoom, type PrivateRoomOptions } from './private-room.ts'
import type { SyncSocket } from './sync-socket.ts'

/** What the store holds of a board's people when it loads: each member's grant and private state. */
export interface StoredPrivates {
  grants: Map<string, MemberGrant | null>
  states: Map<string, Uint8Array>
}

/** Reads a board's members and private documents, as BoardPrivates starts from. */
export function loadStoredPrivates(store: BoardStore, boardId: string): Awaitable<StoredPrivates> {
  return andThen(store.listMembers(boardId), (members) =>
    andThen(store.listPrivateDocuments(boardId), (documents) => ({
      grants: new Map(members.map((m) => [m.memberId, m.grant])),
      states: new Map(documents.map((d) => [d.memberId, d.state])),
    })),
  )
}

/**
 * The private documents of one live board (ADR 0013), one PrivateRoom per member. They live as
 * long as the board's room and are read from the store with it, all at once (the server counts
 * and publishes across members: tally, reconcile), so nothing here waits on the store to read.
 */
export class BoardPrivates {
  private readonly rooms = new Map<string, PrivateRoom>()
  /** Members known to this board and their grants (from the store at load, then as they join). */
  private readonly grants: Map<string, MemberGrant | null>
  /** Stored states not yet made into rooms. */
  private readonly unopened: Map<string, Uint8Array>
  private readonly boardId: string
  private readonly store: BoardStore
  private readonly options: PrivateRoomOptions

  constructor(
    boardId: string,
    store: BoardStore,
    options: PrivateRoomOptions,
    stored: StoredPrivates,
    maxBoardPrivateBytes = Number.POSITIVE_INFINITY,
  ) {
    this.boardId = boardId
    this.store = store
    this.grants = new Map(stored.grants)
    this.unopened = new Map(stored.states)
    this.options = {
      ...options,
      // Every private document of the board together stays within the bound: the others as
      // stored (loading them all counts them), this one at its new size.
      fitsBoard: (room, bytes) => {
        let others = 0
        for (const other of this.all().values()) if (other !== room) others += other.bytes
        return others + bytes <= maxBoardPrivateBytes
      },
    }
  }

  /** The member's private room, made on first use from what was stored (empty if nothing was). */
  get(memberId: string): PrivateRoom {
    const loaded = this.rooms.get(memberId)
    if (loaded) return loaded
    const room = new PrivateRoom(
      this.boardId,
      memberId,
      this.unopened.get(memberId) ?? null,
      this.grants.get(memberId) ?? null,
      this.store,
      this.options,
    )
    this.unopened.delete(memberId)
    this.rooms.set(memberId, room)
    return room
  }

  /**
   * A member the board did not know when it loaded (minted since, here or on another node) is
   * connecting: from now on it is one of the board's members.
   */
  admit(memberId: string, grant: MemberGrant | null): void {
    if (!this.grants.has(memberId)) this.grants.set(memberId, grant)
  }

  /**
   * The private room of a member of this board (made if needed); undefined for an id that is
   * no member here (a legacy author id), which must not get a private document.
   */
  ofMember(memberId: string): PrivateRoom | undefined {
    const loaded = this.rooms.get(memberId)
    if (loaded) return loaded
    return this.grants.has(memberId) ? this.get(memberId) : undefined
  }

  /**
   * Brings every private document up to what the store holds (ADR 0014): before a node counts
   * or publishes across members, what members on other nodes saved must be in, even if a relayed
   * update has not arrived yet. Merging is safe: Yjs ignores what a document already has.
   */
  refresh(): Awaitable<void> {
    return andThen(loadStoredPrivates(this.store, this.boardId), (stored) => {
      for (const [memberId, grant] of stored.grants) this.admit(memberId, grant)
      for (const [memberId, state] of stored.states) {
        const room = this.rooms.get(memberId)
        if (room) room.applyRemote(state)
        else this.unopened.set(memberId, state)
      }
    })
  }

  /** The member's private room if it is loaded. */
  peek(memberId: string): PrivateRoom | undefined {
    return this.rooms.get(memberId)
  }

  /** Every member's private room that holds anything (all stored ones made into rooms). */
  all(): ReadonlyMap<string, PrivateRoom> {
    for (const memberId of [...this.unopened.keys()]) this.get(memberId)
    return this.rooms
  }

  /** Every private document by member (what the reconcile functions read). */
  docs(): Map<string, Y.Doc> {
    return new Map([...this.all()].map(([memberId, room]) => [memberId, room.doc]))
  }

  /** Resolves once every private update applied so far is saved (undefined: already so). */
  settled(): Promise<void> | undefined {
    const waiting = [...this.rooms.values()].flatMap((room) => room.settled() ?? [])
    return waiting.length > 0 ? Promise.all(waiting).then(() => {}) : undefined
  }

  get connectionCount(): number {
    let count = 0
    for (const room of this.rooms.values()) count += room.connectionCount
    return count
  }

  /**
   * Forgets a room that failed. Its sockets reconnect and the board is loaded again from the
   * store once idle; until then the member starts from what the failed room had saved.
   */
  remove(room: PrivateRoom): void {
    if (this.rooms.get(room.memberId) !== room) return
    this.rooms.delete(room.memberId)
    this.unopened.set(room.memberId, room.saved)
  }

  /** Closes the sockets that came with a link of these roles; returns them. */
  closeRoles(roles: readonly BoardRole[], code: number, reason: string): SyncSocket[] {
    return [...this.rooms.values()].flatMap((room) => room.closeRoles(roles, code, reason))
  }

  /** Closes every socket and releases every document; returns the sockets. */
  close(code: number, reason: string): SyncSocket[] {
    const sockets = [...this.rooms.values()].flatMap((room) => room.close(code, reason))
    this.rooms.clear()
    this.unopened.clear()
    return sockets
  }
}
