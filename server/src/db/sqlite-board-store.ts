import type { MemberGrant } from '@stormline/shared/access/identity'
import { type BoardRole, isBoardRole } from '@stormline/shared/access/roles'
import { isBoardTemplateId } from '@stormline/shared/board/templates'
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
} from '../boards/board-store.ts'
import { toCheckpointRecord, toStoredCheckpoint } from '../history/checkpoint-row.ts'
import type { StormlineDatabase } from './database.ts'
import { orm } from './drizzle-modules.ts'
import {
  boardCheckpoints,
  boardMembers,
  boardSnapshots,
  boards,
  boardTokens,
  boardUpdates,
  memberPrivateDocuments,
} from './schema.ts'

const { and, asc, desc, eq, gt, inArray, lt, lte, max, ne, sql } = orm

/**
 * BoardStore on SQLite through drizzle; every call commits before it returns and answers with a
 * plain value, never a promise (the sync core relays an edit in the tick it arrived, ADR 0014).
 */
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
    // Snapshots, updates, tokens, members, private documents and checkpoints go with it (ON DELETE
    // CASCADE).
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
    return this.readDocument(boardId, null)
  }

  loadDocumentSince(boardId: string, afterSeq: number): StoredDocument {
    return this.readDocument(boardId, afterSeq)
  }

  compact(boardId: string, state: Uint8Array, throughSeq: number): void {
    const now = new Date()
    const snapshot = Buffer.from(state)
    try {
      this.db.transaction((tx) => {
        // Monotonic: the upsert leaves a snapshot through a later sequence number alone (and
        // returns no row), so an older one never comes back after its log is gone.
        const replaced = tx
          .insert(boardSnapshots)
          .values({ boardId, state: snapshot, throughSeq, updatedAt: now })
          .onConflictDoUpdate({
            target: boardSnapshots.boardId,
            set: { state: snapshot, throughSeq, updatedAt: now },
            setWhere: lt(boardSnapshots.throughSeq, throughSeq),
          })
          .returning({ boardId: boardSnapshots.boardId })
          .all()
        if (replaced.length === 0) return
        tx.delete(boardUpdates)
          .where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, throughSeq)))
          .run()
      })
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BoardNotFoundError(boardId)
      throw error
    }
  }

  lastActivity(boardId: string): Date | null {
    const logged = this.db
      .select({ at: max(boardUpdates.createdAt) })
      .from(boardUpdates)
      .where(eq(boardUpdates.boardId, boardId))
      .get()?.at
    const folded = this.db
      .select({ at: boardSnapshots.updatedAt })
      .from(boardSnapshots)
      .where(eq(boardSnapshots.boardId, boardId))
      .get()?.at
    return latest(logged ?? null, folded ?? null)
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

  addMember(boardId: string, member: MemberRecord): void {
    try {
      this.db
        .insert(boardMembers)
        .values({
          boardId,
          memberId: member.memberId,
          secretHash: member.secretHash,
          grant: member.grant,
          createdAt: member.createdAt,
        })
        .run()
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BoardNotFoundError(boardId)
      throw error
    }
  }

  getMember(boardId: string, memberId: string): MemberRecord | undefined {
    const row = this.db
      .select()
      .from(boardMembers)
      .where(and(eq(boardMembers.boardId, boardId), eq(boardMembers.memberId, memberId)))
      .get()
    return row ? toMemberRecord(row) : undefined
  }

  setMemberGrant(boardId: string, memberId: string, grant: MemberGrant | null): void {
    const result = this.db
      .update(boardMembers)
      .set({ grant })
      .where(and(eq(boardMembers.boardId, boardId), eq(boardMembers.memberId, memberId)))
      .run()
    if (result.changes === 0) {
      if (!this.getBoard(boardId)) throw new BoardNotFoundError(boardId)
      throw new Error(`No member ${memberId} on board ${boardId}`)
    }
  }

  listMembers(boardId: string): MemberRecord[] {
    return this.db
      .select()
      .from(boardMembers)
      .where(eq(boardMembers.boardId, boardId))
      .orderBy(asc(boardMembers.createdAt), asc(boardMembers.memberId))
      .all()
      .map(toMemberRecord)
  }

  loadPrivateDocument(boardId: string, memberId: string): Uint8Array | null {
    const row = this.db
      .select({ state: memberPrivateDocuments.state })
      .from(memberPrivateDocuments)
      .where(
        and(
          eq(memberPrivateDocuments.boardId, boardId),
          eq(memberPrivateDocuments.memberId, memberId),
        ),
      )
      .get()
    return row ? new Uint8Array(row.state) : null
  }

  savePrivateDocument(boardId: string, memberId: string, state: Uint8Array): void {
    const now = new Date()
    const where = and(
      eq(memberPrivateDocuments.boardId, boardId),
      eq(memberPrivateDocuments.memberId, memberId),
    )
    try {
      this.db.transaction((tx) => {
        const stored = tx
          .select({ state: memberPrivateDocuments.state })
          .from(memberPrivateDocuments)
          .where(where)
          .get()
        // Merged, not replaced: another node may have saved changes this state lacks.
        const merged = Buffer.from(stored ? Y.mergeUpdates([stored.state, state]) : state)
        tx.insert(memberPrivateDocuments)
          .values({ boardId, memberId, state: merged, updatedAt: now })
          .onConflictDoUpdate({
            target: [memberPrivateDocuments.boardId, memberPrivateDocuments.memberId],
            set: { state: merged, updatedAt: now },
          })
          .run()
      })
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BoardNotFoundError(boardId)
      throw error
    }
  }

  listPrivateDocuments(boardId: string): PrivateDocument[] {
    return this.db
      .select({ memberId: memberPrivateDocuments.memberId, state: memberPrivateDocuments.state })
      .from(memberPrivateDocuments)
      .where(eq(memberPrivateDocuments.boardId, boardId))
      .orderBy(asc(memberPrivateDocuments.memberId))
      .all()
      .map((row) => ({ memberId: row.memberId, state: new Uint8Array(row.state) }))
  }

  saveCheckpoint(checkpoint: StoredCheckpoint): void {
    try {
      this.db
        .insert(boardCheckpoints)
        .values({
          ...checkpoint,
          state: Buffer.from(checkpoint.state),
          restoredState: checkpoint.restoredState ? Buffer.from(checkpoint.restoredState) : null,
        })
        .run()
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new BoardNotFoundError(checkpoint.boardId)
      throw error
    }
  }

  listCheckpoints(boardId: string): CheckpointRecord[] {
    return this.db
      .select(checkpointColumns)
      .from(boardCheckpoints)
      .where(eq(boardCheckpoints.boardId, boardId))
      .orderBy(desc(boardCheckpoints.createdAt), desc(boardCheckpoints.id))
      .all()
      .map(toCheckpointRecord)
  }

  loadCheckpoint(boardId: string, checkpointId: string): StoredCheckpoint | undefined {
    const row = this.db
      .select()
      .from(boardCheckpoints)
      .where(and(eq(boardCheckpoints.boardId, boardId), eq(boardCheckpoints.id, checkpointId)))
      .get()
    if (!row) return undefined
    return toStoredCheckpoint(row)
  }

  setCheckpointUndone(boardId: string, checkpointId: string, undone: boolean): boolean {
    // One statement: of two undos of one restore, exactly one changes the row.
    const result = this.db
      .update(boardCheckpoints)
      .set({ undone })
      .where(
        and(
          eq(boardCheckpoints.boardId, boardId),
          eq(boardCheckpoints.id, checkpointId),
          eq(boardCheckpoints.kind, 'before-restore'),
          ne(boardCheckpoints.undone, undone),
        ),
      )
      .run()
    return result.changes > 0
  }

  deleteCheckpoint(boardId: string, checkpointId: string): boolean {
    const result = this.db
      .delete(boardCheckpoints)
      .where(and(eq(boardCheckpoints.boardId, boardId), eq(boardCheckpoints.id, checkpointId)))
      .run()
    return result.changes > 0
  }

  pruneCheckpoints(boardId: string, retention: CheckpointRetention): number {
    return this.db.transaction((tx) => {
      const aged = tx
        .delete(boardCheckpoints)
        .where(
          and(
            eq(boardCheckpoints.boardId, boardId),
            ne(boardCheckpoints.kind, 'named'),
            lt(boardCheckpoints.createdAt, retention.keepSince),
          ),
        )
        .run().changes
      const surplus = tx
        .select({ id: boardCheckpoints.id })
        .from(boardCheckpoints)
        .where(and(eq(boardCheckpoints.boardId, boardId), eq(boardCheckpoints.kind, 'auto')))
        .orderBy(desc(boardCheckpoints.createdAt), desc(boardCheckpoints.id))
        .all()
        .slice(retention.keepAuto)
        .map((row) => row.id)
      if (surplus.length === 0) return aged
      const extra = tx
        .delete(boardCheckpoints)
        .where(and(eq(boardCheckpoints.boardId, boardId), inArray(boardCheckpoints.id, surplus)))
        .run().changes
      return aged + extra
    })
  }

  /** From the start (`afterSeq` null), or what a node that has everything through `afterSeq` lacks. */
  private readDocument(boardId: string, afterSeq: number | null): StoredDocument {
    return this.db.transaction((tx) => {
      const board = tx.select({ id: boards.id }).from(boards).where(eq(boards.id, boardId)).get()
      if (!board) throw new BoardNotFoundError(boardId)
      const stored = tx
        .select()
        .from(boardSnapshots)
        .where(eq(boardSnapshots.boardId, boardId))
        .get()
      const throughSeq = stored?.throughSeq ?? 0
      // The snapshot goes along only when it holds updates after `afterSeq`: they left the log.
      const snapshot = stored && (afterSeq === null || throughSeq > afterSeq) ? stored : undefined
      const from = Math.max(afterSeq ?? 0, throughSeq)
      const rows = tx
        .select({ seq: boardUpdates.seq, update: boardUpdates.update })
        .from(boardUpdates)
        .where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.seq, from)))
        .orderBy(asc(boardUpdates.seq))
        .all()
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
        updates: rows.map((row) => new Uint8Array(row.update)),
        lastSeq: rows.at(-1)?.seq ?? Math.max(throughSeq, this.lastLoggedSeq(tx, boardId)),
      }
    })
  }

  /** The board's highest logged sequence number (0 for none); its index makes this one lookup. */
  private lastLoggedSeq(tx: Pick<StormlineDatabase, 'select'>, boardId: string): number {
    const row = tx
      .select({ seq: max(boardUpdates.seq) })
      .from(boardUpdates)
      .where(eq(boardUpdates.boardId, boardId))
      .get()
    return row?.seq ?? 0
  }
}

/** Every column but the states: what a list shows. */
const checkpointColumns = {
  id: boardCheckpoints.id,
  boardId: boardCheckpoints.boardId,
  kind: boardCheckpoints.kind,
  name: boardCheckpoints.name,
  createdAt: boardCheckpoints.createdAt,
  stickyCount: boardCheckpoints.stickyCount,
  restoredFrom: boardCheckpoints.restoredFrom,
  undone: boardCheckpoints.undone,
}

function toMemberRecord(row: typeof boardMembers.$inferSelect): MemberRecord {
  return {
    memberId: row.memberId,
    secretHash: row.secretHash,
    // A grant this version does not know (written by a newer one) grants nothing.
    grant: row.grant === 'co-facilitator' ? 'co-facilitator' : null,
    createdAt: row.createdAt,
  }
}

/** better-sqlite3's error, or the same as the cause of drizzle's DrizzleQueryError. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = cause.cause) {
    if ('code' in cause && cause.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true
    if (!('cause' in cause)) return false
  }
  return false
}

/** The later of two moments, either of which may be missing. */
function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b
  if (!b) return a
  return a > b ? a : b
}
