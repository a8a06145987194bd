import type { BoardRole } from '@stormline/shared/access/roles'
import {
  BoardNotFoundError,
  type BoardRecord,
  type BoardStore,
  type StoredDocument,
  type TokenHashes,
  type UpdateLogStats,
} from './board-store.ts'

interface MemoryBoard {
  record: BoardRecord
  snapshot: Uint8Array | null
  log: { seq: number; update: Uint8Array }[]
  lastSeq: number
  tokens: Partial<TokenHashes>
}

/** In-memory board store for tests and throwaway servers; loses everything on exit. */
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
      tokens: { ...tokenHashes },
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
    return seq
  }

  loadDocument(boardId: string): StoredDocument {
    const board = this.require(boardId)
    return {
      snapshot: board.snapshot ? board.snapshot.slice() : null,
      updates: board.log.map((entry) => entry.update.slice()),
      lastSeq: board.lastSeq,
    }
  }

  compact(boardId: string, state: Uint8Array, throughSeq: number): void {
    const board = this.require(boardId)
    board.snapshot = state.slice()
    board.log = board.log.filter((entry) => entry.seq > throughSeq)
  }

  updateLogStats(boardId: string): UpdateLogStats {
    const board = this.require(boardId)
    return {
      count: board.log.length,
      bytes: board.log.reduce((sum, entry) => sum + entry.update.byteLength, 0),
    }
  }

  private require(boardId: string): MemoryBoard {
    const board = this.boards.get(boardId)
    if (!board) throw new BoardNotFoundError(boardId)
    return board
  }
}
