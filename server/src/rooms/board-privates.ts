import type { BoardRole } from '@stormline/shared/access/roles'
import type * as Y from 'yjs'
import type { BoardStore } from '../boards/board-store.ts'
import { PrivateRoom, type PrivateRoomOptions } from './private-room.ts'
import type { SyncSocket } from './sync-socket.ts'

/**
 * The private documents of one live board (ADR 0013), one PrivateRoom per member. They live as
 * long as the board's room: loaded one by one as members connect, and all at once (`all`) when
 * the server counts or publishes across members (tally, reconcile).
 */
export class BoardPrivates {
  private readonly rooms = new Map<string, PrivateRoom>()
  /** Whether every stored private document is loaded. */
  private complete = false
  private readonly boardId: string
  private readonly store: BoardStore
  private readonly options: PrivateRoomOptions

  constructor(
    boardId: string,
    store: BoardStore,
    options: PrivateRoomOptions,
    maxBoardPrivateBytes = Number.POSITIVE_INFINITY,
  ) {
    this.boardId = boardId
    this.store = store
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

  /** The member's private room, loaded on first use (throws if the store cannot be read). */
  get(memberId: string): PrivateRoom {
    const loaded = this.rooms.get(memberId)
    if (loaded) return loaded
    const room = PrivateRoom.load(this.boardId, memberId, this.store, this.options)
    this.rooms.set(memberId, room)
    return room
  }

  /**
   * The private room of a member of this board (loaded if needed); undefined for an id that is
   * no member here (a legacy author id), which must not get a private document.
   */
  ofMember(memberId: string): PrivateRoom | undefined {
    const loaded = this.rooms.get(memberId)
    if (loaded) return loaded
    return this.store.getMember(this.boardId, memberId) ? this.get(memberId) : undefined
  }

  /** The member's private room if it is loaded. */
  peek(memberId: string): PrivateRoom | undefined {
    return this.rooms.get(memberId)
  }

  /** Every member's private room, loading all stored ones the first time. */
  all(): ReadonlyMap<string, PrivateRoom> {
    if (!this.complete) {
      const grants = new Map(this.store.listMembers(this.boardId).map((m) => [m.memberId, m.grant]))
      for (const { memberId, state } of this.store.listPrivateDocuments(this.boardId)) {
        if (this.rooms.has(memberId)) continue
        const grant = grants.get(memberId) ?? null
        this.rooms.set(
          memberId,
          new PrivateRoom(this.boardId, memberId, state, grant, this.store, this.options),
        )
      }
      this.complete = true
    }
    return this.rooms
  }

  /** Every private document by member (what the reconcile functions read). */
  docs(): Map<string, Y.Doc> {
    return new Map([...this.all()].map(([memberId, room]) => [memberId, room.doc]))
  }

  get connectionCount(): number {
    let count = 0
    for (const room of this.rooms.values()) count += room.connectionCount
    return count
  }

  /** Forgets a room that failed; it is loaded again from the store when next needed. */
  remove(room: PrivateRoom): void {
    if (this.rooms.get(room.memberId) !== room) return
    this.rooms.delete(room.memberId)
    this.complete = false
  }

  /** Closes the sockets that came with a link of these roles; returns them. */
  closeRoles(roles: readonly BoardRole[], code: number, reason: string): SyncSocket[] {
    return [...this.rooms.values()].flatMap((room) => room.closeRoles(roles, code, reason))
  }

  /** Closes every socket and releases every document; returns the sockets. */
  close(code: number, reason: string): SyncSocket[] {
    const sockets = [...this.rooms.values()].flatMap((room) => room.close(code, reason))
    this.rooms.clear()
    this.complete = false
    return sockets
  }
}
