import type { MemberGrant } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { Awaitable } from '../boards/awaitable.ts'
import type { RoomRelay } from './room.ts'

/**
 * How the rooms of one node hear about, and tell, the other nodes serving the same boards
 * (ADR 0014). The sync core depends only on this; server/src/relay/ implements it on Redis.
 * Everything relayed is stored before it is published, so a node that misses a message loses
 * nothing: it catches up from the store.
 */
export interface BoardRelayHub {
  /**
   * Starts hearing what other nodes publish about a board this node is loading. Messages that
   * arrive before `attach` wait, so nothing published between subscribing and loading is missed.
   */
  follow(boardId: string): Awaitable<BoardFollow>
  /** A control change made through this node's HTTP API, for the nodes holding the board live. */
  publishControl(boardId: string, control: BoardControl): void
  /** An update stored outside a live room (a server write on a board not loaded here). */
  publishUpdate(boardId: string, seq: number, update: Uint8Array): void
}

/** What every node must do when one node changes who may be on a board. */
export type BoardControl =
  | { kind: 'roles-rotated'; roles: BoardRole[] }
  | { kind: 'board-deleted' }
  | { kind: 'grant'; memberId: string; grant: MemberGrant | null }

/** What the other nodes publish about a followed board, delivered to the node holding it. */
export interface BoardRelayListener {
  /** A shared-document update another node stored (or the store held beyond this copy). */
  update(update: Uint8Array): void
  awareness(update: Uint8Array): void
  /** Another node joined the board: it wants everyone's presence. */
  awarenessQuery(): void
  privateUpdate(memberId: string, update: Uint8Array): void
  control(control: BoardControl): void
  /** Messages may have been lost (Redis reconnected): bring private documents up to the store. */
  resync(): void
}

/** One node's following of one board. */
export interface BoardFollow {
  /** Handed to the board's Room: stored updates out, the applied watermark, the compaction lease. */
  readonly room: RoomRelay
  /** The board loaded through `storedThrough`: deliver what waited and what comes next. */
  attach(storedThrough: number, listener: BoardRelayListener): void
  /** An update of a member's private document this node saved. */
  privateUpdate(memberId: string, update: Uint8Array): void
  /** Asks the other nodes for their presence on the board (after this node loaded it). */
  queryAwareness(): void
  /** Stops following (the board unloaded here). */
  leave(): void
}
