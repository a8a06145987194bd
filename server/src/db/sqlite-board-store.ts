import { type BoardRole, isBoardRole } from '@stormline/shared/access/roles'
import { isBoardTemplateId } from '@stormline/shared/board/templates'
import {
  BoardNotFoundError,
  type BoardRecord,
  type BoardStore,
  type StoredDocument,
  type TokenHashes,
  type UpdateLogStats,
} from '../boards/board-store.ts'
import type { StormlineDatabase } from './database.ts'
import { orm } from './drizzle-modules.ts'
import { boardSnapshots, boards, boardTokens, boardUpdates } from './schema.ts'

const { and, asc, eq, gt, lte, sql } = orm

/** BoardStore on SQLite through drizzle; every call commits before it returns. */
export class SqliteBoardStore implements BoardStore {
  private readonly db: StormlineDatabase
  private readonly insertUpdate

  constructor(db: StormlineDatabase) {
    this.db = db
    // Prepared once: appendUpdate sits on the hot path of every edit.
    this.insertUpdate = db
      .insert(boardUpdates)
      .values({
        boardId: sql.placeholder('boardId'),
        update: sql.placeholder('update'),
        createdAt: sql.placeholder('createdAt'),
      })
      .returning({ seq: boardUpdates.seq })
      .prepare()
  }

  createBoard(board: BoardRecord, tokenHashes?: TokenHashes, initialUpdate?: Uint8Array): void {
    this.db.transaction((tx) => {
      tx.insert(boards).values(board).run()
      if (tokenHashes) {
        const rows = Object.entries(tokenHashes).map(([role, tokenHash]) => ({
          boardId: board.id,
          role,
          tokenHash,
          createdAt: board.createdAt,
        }))
        tx.insert(boardTokens).values(rows).run()
      }
      if (initialUpdate) {
        tx.insert(boardUpdates)
          .values({
            boardId: board.id,
            update: Buffer.from(initialUpdate),
            createdAt: board.createdAt,
          })
          .run()
      }
    })
  }

  renameBoard(id: string, name: string): void {
    const result = this.db.update(boards).set({ name }).where(eq(boards.id, id)).run()
    if (result.changes === 0) throw new BoardNotFoundError(id)
  }

  deleteBoard(id: string): boolean {
    // Snapshots, updates and tokens go with it (ON DELETE CASCADE).
    return this.db.delete(boards).where(eq(boards.id, id)).run().changes > 0
  }

  setTokenHashes(boardId: string, hashes: Partial<TokenHashes>): void {
    const now = new Date()
    this.db.transaction((tx) => {
      for (const [role, tokenHash] of Object.entries(hashes)) {
        try {
          tx.insert(boardTokens)
            .values({ boardId, role, tokenHash, createdAt: now })
            .onConflictDoUpdate({
              target: [boardTokens.boardId, boardTokens.role],
              set: { tokenHash, createdAt: now },
            })
            .run()
        } catch (error) {
          if (isForeignKeyViolation(error)) throw new BoardNotFoundError(boardId)
          throw error
        }
      }
    })
  }

  roleForTokenHash(boardId: string, tokenHash: string): BoardRole | undefined {
    const row = this.db
      .select({ role: boardTokens.role })
      .from(boardTokens)
      .where(and(eq(boardTokens.boardId, boardId), eq(boardTokens.tokenHash, tokenHash)))
      .get()
    return row && isBoardRole(row.role) ? row.role : undefined
  }

  getBoard(id: string): BoardRecord | undefined {
    const row = this.db.select().from(boards).where(eq(boards.id, id)).get()
    if (!row) return undefined
    // A template id this version does not know (written by a newer one) lays out as blank.
    return { ...row, template: isBoardTemplateId(row.template) ? row.template : 'blank' }
  }

  appendUpdate(boardId: string, update: Uint8Array): number {
    try {
      // all(), not get(): get() leaves the INSERT … RETURNING statement unfinished, and an
      // unfinished statement keeps SQLite from ever checkpointing the WAL, which then grows by
      // every update for the life of the process (bench/results/before-after.md).
      const [row] = this.insertUpdate.all({
        boardId,
        update: Buffer.from(update),
        createdAt: new Date(),
      })
      if (!row) throw new Error('insert returned no sequence number')
      return row.seq
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BoardNotFoundError(boardId)
      throw error
    }
  }

  loadDocument(boardId: string): StoredDocument {
    return this.db.transaction((tx) => {
      const board = tx.select({ id: boards.id }).from(boards).where(eq(boards.id, boardId)).get()
      if (!board) throw new BoardNotFoundError(boardId)
      const snapshot = tx
        .select()
        .from(boardSnapshots)
        .where(eq(boardSnapshots.boardId, boardId))
        .get()
      const throughSeq = snapshot?.throughSeq ?? 0
      const rows = tx
        .select({ seq: boardUpdates.seq, update: boardUpdates.update })
        .from(boardUpdates)
        .where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.seq, throughSeq)))
        .orderBy(asc(boardUpdates.seq))
        .all()
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
        updates: rows.map((row) => new Uint8Array(row.update)),
        lastSeq: rows.at(-1)?.seq ?? throughSeq,
      }
    })
  }

  compact(boardId: string, state: Uint8Array, throughSeq: number): void {
    this.db.transaction((tx) => {
      const now = new Date()
      tx.insert(boardSnapshots)
        .values({ boardId, state: Buffer.from(state), throughSeq, updatedAt: now })
        .onConflictDoUpdate({
          target: boardSnapshots.boardId,
          set: { state: Buffer.from(state), throughSeq, updatedAt: now },
        })
        .run()
      tx.delete(boardUpdates)
        .where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, throughSeq)))
        .run()
    })
  }

  updateLogStats(boardId: string): UpdateLogStats {
    const row = this.db
      .select({
        count: sql<number>`count(*)`,
        bytes: sql<number>`coalesce(sum(length(${boardUpdates.update})), 0)`,
      })
      .from(boardUpdates)
      .where(eq(boardUpdates.boardId, boardId))
      .get()
    return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 }
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
  )
}
