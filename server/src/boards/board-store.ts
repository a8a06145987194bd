/**
 * The board store is the only thing the sync core knows about persistence.
 *
 * Every method answers now or later (`Awaitable`, ADR 0014): the embedded stores (memory,
 * better-sqlite3) commit in the calling tick and return plain values, which keeps one node on
 * SQLite exactly as fast as before; PostgreSQL answers with promises. Callers await, except the
 * room's append path, which relays at once on a plain value and queues behind a promise (an
 * update is stored before any peer sees it either way).
 */

import type { MemberGrant } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { BoardTemplateId } from '@stormline/shared/board/templates'
import type { Awaitable } from './awaitable.ts'

export type { Awaitable } from './awaitable.ts'

export interface BoardRecord {
  id: string
  name: string
  template: BoardTemplateId
  createdAt: Date
}

export interface StoredDocument {
  /** Merged state as a Yjs update, or null before the first compaction. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update included (0 when none was ever appended). */
  lastSeq: number
}

export interface UpdateLogStats {
  count: number
  bytes: number
}

/**
 * A person on a board (ADR 0013): a server-issued id, the SHA-256 (hex) of their credential's
 * secret, and what the facilitator granted them.
 */
export interface MemberRecord {
  memberId: string
  secretHash: string
  grant: MemberGrant | null
  createdAt: Date
}

/** A member's private document (their dots, ballots and silent-writing drafts) as one Yjs update. */
export interface PrivateDocument {
  memberId: string
  state: Uint8Array
}

/** SHA-256 (hex) of an access token, per role. */
export type TokenHashes = Record<BoardRole, string>

export interface BoardStore {
  /**
   * Creates the board and, when given, its access token hashes and first document update, in
   * one commit: a board never exists without its links or with half an import.
   */
  createBoard(
    board: BoardRecord,
    tokenHashes?: TokenHashes,
    initialUpdate?: Uint8Array,
  ): Awaitable<void>
  getBoard(id: string): Awaitable<BoardRecord | undefined>
  /** Throws BoardNotFoundError for an unknown board. */
  renameBoard(id: string, name: string): Awaitable<void>
  /** Deletes the board with its document and tokens; false if there was no such board. */
  deleteBoard(id: string): Awaitable<boolean>
  /** Replaces the token hash of each role given (old tokens of those roles stop working). */
  setTokenHashes(boardId: string, hashes: Partial<TokenHashes>): Awaitable<void>
  /** The role whose token hashes to `tokenHash` on this board, if any. */
  roleForTokenHash(boardId: string, tokenHash: string): Awaitable<BoardRole | undefined>
  /**
   * Durably appends one Yjs update and returns its sequence number, which grows
   * strictly within a board. Throws if the board does not exist or the write fails.
   */
  appendUpdate(boardId: string, update: Uint8Array): Awaitable<number>
  loadDocument(boardId: string): Awaitable<StoredDocument>
  /**
   * Everything stored after `afterSeq`, for a node that missed relayed updates (ADR 0014): the
   * updates with a larger sequence number, and the snapshot too when it has folded in updates
   * after `afterSeq` (they are no longer in the log).
   */
  loadDocumentSince(boardId: string, afterSeq: number): Awaitable<StoredDocument>
  /**
   * Replaces the snapshot with `state` (which must include every update up to
   * `throughSeq`) and drops those updates from the log, atomically. A snapshot through a
   * sequence number at or below the stored one's is ignored: two nodes compacting one board
   * must never put back an older snapshot after the log it replaced is gone.
   */
  compact(boardId: string, state: Uint8Array, throughSeq: number): Awaitable<void>
  updateLogStats(boardId: string): Awaitable<UpdateLogStats>
  /** Adds a member; throws BoardNotFoundError for an unknown board. */
  addMember(boardId: string, member: MemberRecord): Awaitable<void>
  getMember(boardId: string, memberId: string): Awaitable<MemberRecord | undefined>
  /** Throws if there is no such member. */
  setMemberGrant(boardId: string, memberId: string, grant: MemberGrant | null): Awaitable<void>
  listMembers(boardId: string): Awaitable<MemberRecord[]>
  /** The member's private document state, or null if they never wrote one. */
  loadPrivateDocument(boardId: string, memberId: string): Awaitable<Uint8Array | null>
  /**
   * Durably stores the member's private document state (small: written whole), merged with the
   * stored one in the same commit, so two nodes saving one member's document never drop each
   * other's changes.
   */
  savePrivateDocument(boardId: string, memberId: string, state: Uint8Array): Awaitable<void>
  /** Every private document of the board (the server counts votes and publishes drafts from them). */
  listPrivateDocuments(boardId: string): Awaitable<PrivateDocument[]>
}

export class BoardNotFoundError extends Error {
  readonly boardId: string

  constructor(boardId: string) {
    super(`Board ${boardId} does not exist`)
    this.boardId = boardId
    this.name = 'BoardNotFoundError'
  }
}
