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
import type { CheckpointKind } from '@stormline/shared/history/history-api'
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

/** A checkpoint of a board's shared document (ADR 0015), without its state. */
export interface CheckpointRecord {
  id: string
  boardId: string
  kind: CheckpointKind
  name: string
  createdAt: Date
  stickyCount: number
  /** For a `before-restore` checkpoint: the checkpoint whose restore it precedes. */
  restoredFrom: string | null
  /** For a `before-restore` checkpoint: its restore was undone. */
  undone: boolean
}

/** A checkpoint with its document states. */
export interface StoredCheckpoint extends CheckpointRecord {
  /** The board's whole shared document as one Yjs update (Y.encodeStateAsUpdate). */
  state: Uint8Array
  /**
   * For a `before-restore` checkpoint: the state that was restored, kept here so the restore can
   * be undone even after that checkpoint was deleted or pruned; null otherwise.
   */
  restoredState: Uint8Array | null
}

/** What pruneCheckpoints keeps (named checkpoints are kept until deleted). */
export interface CheckpointRetention {
  /** The newest this many `auto` checkpoints of the board. */
  keepAuto: number
  /** `auto` and `before-restore` checkpoints created at or after this moment. */
  keepSince: Date
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
  /** Deletes the board with its document, tokens, members and checkpoints; false if there was no such board. */
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
   * When the board's document last changed as far as the store can tell: its newest logged
   * update, or its snapshot's fold (made when people leave, so at most that much later); null
   * for a board never edited or unknown. For "last activity" in a board list.
   */
  lastActivity(boardId: string): Awaitable<Date | null>
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
  /** Stores a checkpoint; throws BoardNotFoundError for an unknown board (ADR 0015). */
  saveCheckpoint(checkpoint: StoredCheckpoint): Awaitable<void>
  /** The board's checkpoints without their states, newest first (then by id, descending). */
  listCheckpoints(boardId: string): Awaitable<CheckpointRecord[]>
  /** One checkpoint with its states; undefined when the board has none with this id. */
  loadCheckpoint(boardId: string, checkpointId: string): Awaitable<StoredCheckpoint | undefined>
  /**
   * Sets a `before-restore` checkpoint's `undone` flag if it is not already so, atomically: true
   * when this call changed it. Two undos of one restore (on two nodes, or a double click) thus
   * find out which one goes ahead.
   */
  setCheckpointUndone(boardId: string, checkpointId: string, undone: boolean): Awaitable<boolean>
  /** Deletes one checkpoint; false when the board had none with this id. */
  deleteCheckpoint(boardId: string, checkpointId: string): Awaitable<boolean>
  /** Deletes the board's checkpoints that retention lets go; returns how many. */
  pruneCheckpoints(boardId: string, retention: CheckpointRetention): Awaitable<number>
}

export class BoardNotFoundError extends Error {
  readonly boardId: string

  constructor(boardId: string) {
    super(`Board ${boardId} does not exist`)
    this.boardId = boardId
    this.name = 'BoardNotFoundError'
  }
}
