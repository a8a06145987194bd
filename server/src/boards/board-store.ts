/**
 * The board store is the only thing the sync core knows about persistence.
 *
 * It is synchronous on purpose: the embedded default (better-sqlite3) commits in
 * the calling tick, which lets the room append an update and only then relay it
 * without queueing or interleaving concerns (ADR 0003). A networked store would
 * put an ordered async queue in front of this interface.
 */

import type { MemberGrant } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import type { BoardTemplateId } from '@stormline/shared/board/templates'

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
  createBoard(board: BoardRecord, tokenHashes?: TokenHashes, initialUpdate?: Uint8Array): void
  getBoard(id: string): BoardRecord | undefined
  /** Throws BoardNotFoundError for an unknown board. */
  renameBoard(id: string, name: string): void
  /** Deletes the board with its document and tokens; false if there was no such board. */
  deleteBoard(id: string): boolean
  /** Replaces the token hash of each role given (old tokens of those roles stop working). */
  setTokenHashes(boardId: string, hashes: Partial<TokenHashes>): void
  /** The role whose token hashes to `tokenHash` on this board, if any. */
  roleForTokenHash(boardId: string, tokenHash: string): BoardRole | undefined
  /**
   * Durably appends one Yjs update and returns its sequence number, which grows
   * strictly within a board. Throws if the board does not exist or the write fails.
   */
  appendUpdate(boardId: string, update: Uint8Array): number
  loadDocument(boardId: string): StoredDocument
  /**
   * Replaces the snapshot with `state` (which must include every update up to
   * `throughSeq`) and drops those updates from the log, atomically.
   */
  compact(boardId: string, state: Uint8Array, throughSeq: number): void
  updateLogStats(boardId: string): UpdateLogStats
  /** Adds a member; throws BoardNotFoundError for an unknown board. */
  addMember(boardId: string, member: MemberRecord): void
  getMember(boardId: string, memberId: string): MemberRecord | undefined
  /** Throws if there is no such member. */
  setMemberGrant(boardId: string, memberId: string, grant: MemberGrant | null): void
  listMembers(boardId: string): MemberRecord[]
  /** The member's private document state, or null if they never wrote one. */
  loadPrivateDocument(boardId: string, memberId: string): Uint8Array | null
  /** Durably replaces the member's private document state (small: written whole). */
  savePrivateDocument(boardId: string, memberId: string, state: Uint8Array): void
  /** Every private document of the board (the server counts votes and publishes drafts from them). */
  listPrivateDocuments(boardId: string): PrivateDocument[]
}

export class BoardNotFoundError extends Error {
  readonly boardId: string

  constructor(boardId: string) {
    super(`Board ${boardId} does not exist`)
    this.boardId = boardId
    this.name = 'BoardNotFoundError'
  }
}
