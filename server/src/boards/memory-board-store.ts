import type { MemberGrant } from '@stormline/shared/access/identity'
import type { BoardRole } from '@stormline/shared/access/roles'
import * as Y from 'yjs'
import {
  BoardNotFoundError,
  type BoardRecord,
  type BoardStore,
  type CheckpointRecord,
  type CheckpointRetention,
  type MemberRecord,
  type PrivateDocument,
  type StoredCheckpoint,
  type StoredDocument,
  type TokenHashes,
  type UpdateLogStats,
} from './board-store.ts'

interface MemoryBoard {
  record: BoardRecord
  snapshot: { state: Uint8Array; throughSeq: number } | null
  log: { seq: number; update: Uint8Array }[]
  lastSeq: number
  lastActivity: Date | null
  tokens: Partial<TokenHashes>
  members: Map<string, MemberRecord>
  privateDocuments: Map<string, Uint8Array>
  checkpoints: Map<string, StoredCheckpoint>
}

/**
 * In-memory board store for tests and throwaway servers; loses everything on exit. Answers in the
 * calling tick (plain values, never promises), like SQLite.
 */
export class MemoryBoardStore implements BoardStore {
  private readonly boards = new Map<string, MemoryBoard>()
  private nextSeq = 1

  createBoard(board: BoardRecord, tokenHashes?: TokenHashes, initialUpdate?: Uint8Array): void {
    if (this.boards.has(board.id)) throw new Error(`Board ${board.id} already exists`)
    this.boards.set(board.id, {
      record: { ...board },
      snapshot: null,
      log: [],
      lastSeq: 0,
      lastActivity: null,
      tokens: { ...tokenHashes },
      members: new Map(),
      privateDocuments: new Map(),
      checkpoints: new Map(),
    })
    if (initialUpdate) this.appendUpdate(board.id, initialUpdate)
  }

  getBoard(id: string): BoardRecord | undefined {
    const board = this.boards.get(id)
    return board ? { ...board.record } : undefined
  }

  renameBoard(id: string, name: string): void {
    this.require(id).record.name = name
  }

  deleteBoard(id: string): boolean {
    return this.boards.delete(id)
  }

  setTokenHashes(boardId: string, hashes: Partial<TokenHashes>): void {
    const board = this.require(boardId)
    board.tokens = { ...board.tokens, ...hashes }
  }

  roleForTokenHash(boardId: string, tokenHash: string): BoardRole | undefined {
    const tokens = this.boards.get(boardId)?.tokens ?? {}
    const match = Object.entries(tokens).find(([, hash]) => hash === tokenHash)
    return match?.[0] as BoardRole | undefined
  }

  appendUpdate(boardId: string, update: Uint8Array): number {
    const board = this.require(boardId)
    const seq = this.nextSeq++
    // Copy: callers may reuse the buffer they hand us.
    board.log.push({ seq, update: update.slice() })
    board.lastSeq = seq
    board.lastActivity = new Date()
    return seq
  }

  lastActivity(boardId: string): Date | null {
    const at = this.boards.get(boardId)?.lastActivity
    return at ? new Date(at) : null
  }

  loadDocument(boardId: string): StoredDocument {
    return this.readDocument(this.require(boardId), null)
  }

  loadDocumentSince(boardId: string, afterSeq: number): StoredDocument {
    return this.readDocument(this.require(boardId), afterSeq)
  }

  compact(boardId: string, state: Uint8Array, throughSeq: number): void {
    const board = this.require(boardId)
    // Monotonic: an older snapshot must not replace one whose log is already gone.
    if (board.snapshot && throughSeq <= board.snapshot.throughSeq) return
    board.snapshot = { state: state.slice(), throughSeq }
    board.log = board.log.filter((entry) => entry.seq > throughSeq)
  }

  updateLogStats(boardId: string): UpdateLogStats {
    const board = this.require(boardId)
    return {
      count: board.log.length,
      bytes: board.log.reduce((sum, entry) => sum + entry.update.byteLength, 0),
    }
  }

  addMember(boardId: string, member: MemberRecord): void {
    const board = this.require(boardId)
    if (board.members.has(member.memberId)) {
      throw new Error(`Member ${member.memberId} already exists on board ${boardId}`)
    }
    board.members.set(member.memberId, copyMember(member))
  }

  getMember(boardId: string, memberId: string): MemberRecord | undefined {
    const member = this.boards.get(boardId)?.members.get(memberId)
    return member ? copyMember(member) : undefined
  }

  setMemberGrant(boardId: string, memberId: string, grant: MemberGrant | null): void {
    const member = this.require(boardId).members.get(memberId)
    if (!member) throw new Error(`No member ${memberId} on board ${boardId}`)
    member.grant = grant
  }

  listMembers(boardId: string): MemberRecord[] {
    const board = this.boards.get(boardId)
    if (!board) return []
    return [...board.members.values()]
      .sort(
        (a, b) =>
          a.createdAt.getTime() - b.createdAt.getTime() || compareStrings(a.memberId, b.memberId),
      )
      .map(copyMember)
  }

  loadPrivateDocument(boardId: string, memberId: string): Uint8Array | null {
    return this.boards.get(boardId)?.privateDocuments.get(memberId)?.slice() ?? null
  }

  savePrivateDocument(boardId: string, memberId: string, state: Uint8Array): void {
    const documents = this.require(boardId).privateDocuments
    const stored = documents.get(memberId)
    // Copy: callers may reuse the buffer they hand us (mergeUpdates returns a new array).
    documents.set(memberId, stored ? Y.mergeUpdates([stored, state]) : state.slice())
  }

  listPrivateDocuments(boardId: string): PrivateDocument[] {
    const board = this.boards.get(boardId)
    if (!board) return []
    return [...board.privateDocuments]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([memberId, state]) => ({ memberId, state: state.slice() }))
  }

  saveCheckpoint(checkpoint: StoredCheckpoint): void {
    const board = this.require(checkpoint.boardId)
    if (board.checkpoints.has(checkpoint.id)) {
      throw new Error(`Checkpoint ${checkpoint.id} already exists on board ${checkpoint.boardId}`)
    }
    board.checkpoints.set(checkpoint.id, copyCheckpoint(checkpoint))
  }

  listCheckpoints(boardId: string): CheckpointRecord[] {
    const board = this.boards.get(boardId)
    if (!board) return []
    return newestFirst([...board.checkpoints.values()]).map(
      ({ state: _state, restoredState: _restored, ...record }) => ({
        ...record,
        createdAt: new Date(record.createdAt),
      }),
    )
  }

  loadCheckpoint(boardId: string, checkpointId: string): StoredCheckpoint | undefined {
    const checkpoint = this.boards.get(boardId)?.checkpoints.get(checkpointId)
    return checkpoint ? copyCheckpoint(checkpoint) : undefined
  }

  setCheckpointUndone(boardId: string, checkpointId: string, undone: boolean): boolean {
    const checkpoint = this.boards.get(boardId)?.checkpoints.get(checkpointId)
    if (checkpoint?.kind !== 'before-restore' || checkpoint.undone === undone) {
      return false
    }
    checkpoint.undone = undone
    return true
  }

  deleteCheckpoint(boardId: string, checkpointId: string): boolean {
    return this.boards.get(boardId)?.checkpoints.delete(checkpointId) ?? false
  }

  pruneCheckpoints(boardId: string, retention: CheckpointRetention): number {
    const board = this.boards.get(boardId)
    if (!board) return 0
    const autos = newestFirst([...board.checkpoints.values()].filter((c) => c.kind === 'auto'))
    const doomed = new Set(autos.slice(retention.keepAuto).map((c) => c.id))
    for (const checkpoint of board.checkpoints.values()) {
      if (checkpoint.kind !== 'named' && checkpoint.createdAt < retention.keepSince) {
        doomed.add(checkpoint.id)
      }
    }
    for (const id of doomed) board.checkpoints.delete(id)
    return doomed.size
  }

  /** From the start (`afterSeq` null), or what a node that has everything through `afterSeq` lacks. */
  private readDocument(board: MemoryBoard, afterSeq: number | null): StoredDocument {
    const snapshot =
      board.snapshot && (afterSeq === null || board.snapshot.throughSeq > afterSeq)
        ? board.snapshot
        : null
    const from = Math.max(afterSeq ?? 0, snapshot?.throughSeq ?? 0)
    return {
      snapshot: snapshot ? snapshot.state.slice() : null,
      updates: board.log.filter((entry) => entry.seq > from).map((entry) => entry.update.slice()),
      lastSeq: board.lastSeq,
    }
  }

  private require(boardId: string): MemoryBoard {
    const board = this.boards.get(boardId)
    if (!board) throw new BoardNotFoundError(boardId)
    return board
  }
}

function copyCheckpoint(checkpoint: StoredCheckpoint): StoredCheckpoint {
  return {
    ...checkpoint,
    createdAt: new Date(checkpoint.createdAt),
    state: checkpoint.state.slice(),
    restoredState: checkpoint.restoredState?.slice() ?? null,
  }
}

/** Newest first, then by id descending (code units), as every store lists them. */
function newestFirst<T extends CheckpointRecord>(checkpoints: T[]): T[] {
  return checkpoints.sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareStrings(b.id, a.id),
  )
}

function copyMember(member: MemberRecord): MemberRecord {
  return { ...member, createdAt: new Date(member.createdAt) }
}

/** Code-unit order, as SQLite's BINARY collation sorts the same ids. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
