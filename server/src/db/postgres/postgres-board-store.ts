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
} from '../../boards/board-store.ts'
import { toCheckpointRecord, toStoredCheckpoint } from '../../history/checkpoint-row.ts'
import { orm } from './drizzle-pg-modules.ts'
import type { PostgresDatabase } from './postgres-database.ts'
import {
  boardCheckpoints,
  boardMembers,
  boardSnapshots,
  boards,
  boardTokens,
  boardUpdates,
  memberPrivateDocuments,
} from './schema.ts'

const { and, asc, desc, eq, gt, inArray, lt, lte, ne, sql } = orm

/** SQLSTATE of a foreign key violation: the board a row points at does not exist (any more). */
const foreignKeyViolation = '23503'

/**
 * How often savePrivateDocument looks again for a member's document that another node inserted
 * between its read and its insert. Once is enough (the row is committed when the insert sees
 * it); the bound only keeps a broken database from looping.
 */
const privateDocumentAttempts = 3

/**
 * BoardStore on PostgreSQL through drizzle, shared by every node (scale-out, ADR 0014). Every
 * method answers with a promise that settles once PostgreSQL has committed. Each board's update
 * sequence numbers are contiguous (1, 2, 3, …): the relay between nodes finds a missed update
 * by the gap it leaves.
 */
export class PostgresBoardStore implements BoardStore {
  private readonly db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.db = db
  }

  async createBoard(
    board: BoardRecord,
    tokenHashes?: TokenHashes,
    initialUpdate?: Uint8Array,
  ): Promise<void> {
    // Copied before the first await: the caller may reuse its buffer once this returns.
    const update = initialUpdate ? Buffer.from(initialUpdate) : undefined
    await this.db.transaction(async (tx) => {
      await tx.insert(boards).values({ ...board, lastSeq: update ? 1 : 0 })
      if (tokenHashes) {
        const rows = Object.entries(tokenHashes).map(([role, tokenHash]) => ({
          boardId: board.id,
          role,
          tokenHash,
          createdAt: board.createdAt,
        }))
        await tx.insert(boardTokens).values(rows)
      }
      if (update) {
        await tx.insert(boardUpdates).values({
          boardId: board.id,
          seq: 1,
          update,
          createdAt: board.createdAt,
        })
      }
    })
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const [row] = await this.db
      .select({
        id: boards.id,
        name: boards.name,
        template: boards.template,
        createdAt: boards.createdAt,
      })
      .from(boards)
      .where(eq(boards.id, id))
    if (!row) return undefined
    // A template id this version does not know (written by a newer one) lays out as blank.
    return { ...row, template: isBoardTemplateId(row.template) ? row.template : 'blank' }
  }

  async renameBoard(id: string, name: string): Promise<void> {
    const renamed = await this.db
      .update(boards)
      .set({ name })
      .where(eq(boards.id, id))
      .returning({ id: boards.id })
    if (renamed.length === 0) throw new BoardNotFoundError(id)
  }

  async deleteBoard(id: string): Promise<boolean> {
    // Snapshot, updates, tokens, members, private documents and checkpoints go with it (ON DELETE
    // CASCADE).
    const deleted = await this.db
      .delete(boards)
      .where(eq(boards.id, id))
      .returning({ id: boards.id })
    return deleted.length > 0
  }

  async setTokenHashes(boardId: string, hashes: Partial<TokenHashes>): Promise<void> {
    const now = new Date()
    await onMissingBoard(boardId, () =>
      this.db.transaction(async (tx) => {
        for (const [role, tokenHash] of Object.entries(hashes)) {
          await tx
            .insert(boardTokens)
            .values({ boardId, role, tokenHash, createdAt: now })
            .onConflictDoUpdate({
              target: [boardTokens.boardId, boardTokens.role],
              set: { tokenHash, createdAt: now },
            })
        }
      }),
    )
  }

  async roleForTokenHash(boardId: string, tokenHash: string): Promise<BoardRole | undefined> {
    const [row] = await this.db
      .select({ role: boardTokens.role })
      .from(boardTokens)
      .where(and(eq(boardTokens.boardId, boardId), eq(boardTokens.tokenHash, tokenHash)))
    return row && isBoardRole(row.role) ? row.role : undefined
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    // Copied before the first await: the caller may reuse its buffer once this returns.
    const bytes = Buffer.from(update)
    // One statement, so one round trip and one implicit transaction: the board's counter row
    // stays locked from the increment to the commit, so concurrent appends from any node take
    // 1, 2, 3, … in commit order, and a failed insert gives its number back.
    const { rows } = await this.db.execute<{ seq: string }>(sql`
      with next as (
        update boards set last_seq = last_seq + 1 where id = ${boardId} returning id, last_seq
      )
      insert into board_updates (board_id, seq, update, created_at)
      select next.id, next.last_seq, ${bytes}::bytea, now() from next
      returning seq`)
    const [row] = rows
    // No counter row, no insert: the board does not exist.
    if (!row) throw new BoardNotFoundError(boardId)
    return Number(row.seq)
  }

  loadDocument(boardId: string): Promise<StoredDocument> {
    return this.readDocument(boardId, null)
  }

  loadDocumentSince(boardId: string, afterSeq: number): Promise<StoredDocument> {
    return this.readDocument(boardId, afterSeq)
  }

  async compact(boardId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    const bytes = Buffer.from(state)
    const now = new Date()
    await onMissingBoard(boardId, () =>
      this.db.transaction(async (tx) => {
        // Monotonic: the upsert (which locks the snapshot row) leaves a snapshot through a later
        // sequence number alone and returns no row, so two nodes compacting at once never put
        // back an older snapshot after its log is gone.
        const replaced = await tx
          .insert(boardSnapshots)
          .values({ boardId, state: bytes, throughSeq, updatedAt: now })
          .onConflictDoUpdate({
            target: boardSnapshots.boardId,
            set: { state: bytes, throughSeq, updatedAt: now },
            setWhere: lt(boardSnapshots.throughSeq, throughSeq),
          })
          .returning({ boardId: boardSnapshots.boardId })
        if (replaced.length === 0) return
        await tx
          .delete(boardUpdates)
          .where(and(eq(boardUpdates.boardId, boardId), lte(boardUpdates.seq, throughSeq)))
      }),
    )
  }

  async lastActivity(boardId: string): Promise<Date | null> {
    // One round trip: the newest logged update and the snapshot's fold, whichever is later.
    const result = await this.db.execute<{ at: Date | string | null }>(
      sql`select greatest(
        (select max(${boardUpdates.createdAt}) from ${boardUpdates} where ${boardUpdates.boardId} = ${boardId}),
        (select ${boardSnapshots.updatedAt} from ${boardSnapshots} where ${boardSnapshots.boardId} = ${boardId})
      ) as at`,
    )
    const at = result.rows[0]?.at
    return at ? new Date(at) : null
  }

  async updateLogStats(boardId: string): Promise<UpdateLogStats> {
    const [row] = await this.db
      .select({
        count: sql<number>`count(*)`.mapWith(Number),
        bytes: sql<number>`coalesce(sum(octet_length(${boardUpdates.update})), 0)`.mapWith(Number),
      })
      .from(boardUpdates)
      .where(eq(boardUpdates.boardId, boardId))
    return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 }
  }

  async addMember(boardId: string, member: MemberRecord): Promise<void> {
    await onMissingBoard(boardId, () =>
      this.db.insert(boardMembers).values({
        boardId,
        memberId: member.memberId,
        secretHash: member.secretHash,
        grant: member.grant,
        createdAt: member.createdAt,
      }),
    )
  }

  async getMember(boardId: string, memberId: string): Promise<MemberRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(boardMembers)
      .where(and(eq(boardMembers.boardId, boardId), eq(boardMembers.memberId, memberId)))
    return row ? toMemberRecord(row) : undefined
  }

  async setMemberGrant(
    boardId: string,
    memberId: string,
    grant: MemberGrant | null,
  ): Promise<void> {
    const updated = await this.db
      .update(boardMembers)
      .set({ grant })
      .where(and(eq(boardMembers.boardId, boardId), eq(boardMembers.memberId, memberId)))
      .returning({ memberId: boardMembers.memberId })
    if (updated.length === 0) {
      if (!(await this.getBoard(boardId))) throw new BoardNotFoundError(boardId)
      throw new Error(`No member ${memberId} on board ${boardId}`)
    }
  }

  async listMembers(boardId: string): Promise<MemberRecord[]> {
    const rows = await this.db
      .select()
      .from(boardMembers)
      .where(eq(boardMembers.boardId, boardId))
      .orderBy(asc(boardMembers.createdAt), asc(byCodeUnit(boardMembers.memberId)))
    return rows.map(toMemberRecord)
  }

  async loadPrivateDocument(boardId: string, memberId: string): Promise<Uint8Array | null> {
    const [row] = await this.db
      .select({ state: memberPrivateDocuments.state })
      .from(memberPrivateDocuments)
      .where(privateDocumentKey(boardId, memberId))
    return row ? new Uint8Array(row.state) : null
  }

  async savePrivateDocument(boardId: string, memberId: string, state: Uint8Array): Promise<void> {
    const bytes = Buffer.from(state)
    const now = new Date()
    const key = privateDocumentKey(boardId, memberId)
    await onMissingBoard(boardId, () =>
      this.db.transaction(async (tx) => {
        for (let attempt = 0; attempt < privateDocumentAttempts; attempt++) {
          // Locked until the commit: a save from another node waits, then merges into this one.
          const [stored] = await tx
            .select({ state: memberPrivateDocuments.state })
            .from(memberPrivateDocuments)
            .where(key)
            .for('update')
          if (stored) {
            // Merged, not replaced: another node may have saved changes this state lacks.
            const merged = Buffer.from(Y.mergeUpdates([stored.state, bytes]))
            await tx
              .update(memberPrivateDocuments)
              .set({ state: merged, updatedAt: now })
              .where(key)
            return
          }
          const inserted = await tx
            .insert(memberPrivateDocuments)
            .values({ boardId, memberId, state: bytes, updatedAt: now })
            .onConflictDoNothing()
            .returning({ memberId: memberPrivateDocuments.memberId })
          if (inserted.length > 0) return
          // Another node inserted this member's first document since the read (and has
          // committed, or the insert would still wait): read it again and merge into it.
        }
        throw new Error(`Could not save the private document of ${memberId} on board ${boardId}`)
      }),
    )
  }

  async listPrivateDocuments(boardId: string): Promise<PrivateDocument[]> {
    const rows = await this.db
      .select({ memberId: memberPrivateDocuments.memberId, state: memberPrivateDocuments.state })
      .from(memberPrivateDocuments)
      .where(eq(memberPrivateDocuments.boardId, boardId))
      .orderBy(asc(byCodeUnit(memberPrivateDocuments.memberId)))
    return rows.map((row) => ({ memberId: row.memberId, state: new Uint8Array(row.state) }))
  }

  async saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    // Copied before the first await: the caller may reuse its buffers once this returns.
    const values = {
      ...checkpoint,
      state: Buffer.from(checkpoint.state),
      restoredState: checkpoint.restoredState ? Buffer.from(checkpoint.restoredState) : null,
    }
    await onMissingBoard(checkpoint.boardId, () => this.db.insert(boardCheckpoints).values(values))
  }

  async listCheckpoints(boardId: string): Promise<CheckpointRecord[]> {
    const rows = await this.db
      .select(checkpointColumns)
      .from(boardCheckpoints)
      .where(eq(boardCheckpoints.boardId, boardId))
      .orderBy(desc(boardCheckpoints.createdAt), desc(byCodeUnit(boardCheckpoints.id)))
    return rows.map(toCheckpointRecord)
  }

  async loadCheckpoint(
    boardId: string,
    checkpointId: string,
  ): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db
      .select()
      .from(boardCheckpoints)
      .where(and(eq(boardCheckpoints.boardId, boardId), eq(boardCheckpoints.id, checkpointId)))
    if (!row) return undefined
    return toStoredCheckpoint(row)
  }

  async setCheckpointUndone(
    boardId: string,
    checkpointId: string,
    undone: boolean,
  ): Promise<boolean> {
    // One statement (the row is locked by it): of two undos of one restore, exactly one changes it.
    const changed = await this.db
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
      .returning({ id: boardCheckpoints.id })
    return changed.length > 0
  }

  async deleteCheckpoint(boardId: string, checkpointId: string): Promise<boolean> {
    const deleted = await this.db
      .delete(boardCheckpoints)
      .where(and(eq(boardCheckpoints.boardId, boardId), eq(boardCheckpoints.id, checkpointId)))
      .returning({ id: boardCheckpoints.id })
    return deleted.length > 0
  }

  async pruneCheckpoints(boardId: string, retention: CheckpointRetention): Promise<number> {
    return this.db.transaction(async (tx) => {
      const aged = await tx
        .delete(boardCheckpoints)
        .where(
          and(
            eq(boardCheckpoints.boardId, boardId),
            ne(boardCheckpoints.kind, 'named'),
            lt(boardCheckpoints.createdAt, retention.keepSince),
          ),
        )
        .returning({ id: boardCheckpoints.id })
      const surplus = await tx
        .select({ id: boardCheckpoints.id })
        .from(boardCheckpoints)
        .where(and(eq(boardCheckpoints.boardId, boardId), eq(boardCheckpoints.kind, 'auto')))
        .orderBy(desc(boardCheckpoints.createdAt), desc(byCodeUnit(boardCheckpoints.id)))
        .offset(retention.keepAuto)
      if (surplus.length === 0) return aged.length
      const extra = await tx
        .delete(boardCheckpoints)
        .where(
          and(
            eq(boardCheckpoints.boardId, boardId),
            inArray(
              boardCheckpoints.id,
              surplus.map((row) => row.id),
            ),
          ),
        )
        .returning({ id: boardCheckpoints.id })
      return aged.length + extra.length
    })
  }

  /** From the start (`afterSeq` null), or what a node that has everything through `afterSeq` lacks. */
  private readDocument(boardId: string, afterSeq: number | null): Promise<StoredDocument> {
    // Repeatable read: the snapshot and the log come from one moment, so a compaction
    // committing in between cannot drop updates from both.
    return this.db.transaction(
      async (tx) => {
        // The snapshot goes along only when it holds updates after `afterSeq`: they left the log.
        const snapshotWanted =
          afterSeq === null
            ? eq(boardSnapshots.boardId, boards.id)
            : and(eq(boardSnapshots.boardId, boards.id), gt(boardSnapshots.throughSeq, afterSeq))
        const [board] = await tx
          .select({
            lastSeq: boards.lastSeq,
            state: boardSnapshots.state,
            throughSeq: boardSnapshots.throughSeq,
          })
          .from(boards)
          .leftJoin(boardSnapshots, snapshotWanted)
          .where(eq(boards.id, boardId))
        if (!board) throw new BoardNotFoundError(boardId)
        const from = Math.max(afterSeq ?? 0, board.throughSeq ?? 0)
        const rows = await tx
          .select({ update: boardUpdates.update })
          .from(boardUpdates)
          .where(and(eq(boardUpdates.boardId, boardId), gt(boardUpdates.seq, from)))
          .orderBy(asc(boardUpdates.seq))
        return {
          snapshot: board.state ? new Uint8Array(board.state) : null,
          updates: rows.map((row) => new Uint8Array(row.update)),
          lastSeq: board.lastSeq,
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
  }
}

function privateDocumentKey(boardId: string, memberId: string) {
  return and(
    eq(memberPrivateDocuments.boardId, boardId),
    eq(memberPrivateDocuments.memberId, memberId),
  )
}

/** Ids sort by code unit, as SQLite and the memory store sort them, whatever the collation. */
function byCodeUnit(
  column:
    | typeof boardMembers.memberId
    | typeof memberPrivateDocuments.memberId
    | typeof boardCheckpoints.id,
) {
  return sql`${column} collate "C"`
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

/** Runs a write and turns "the board this row points at is gone" into BoardNotFoundError. */
async function onMissingBoard<T>(boardId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (hasSqlState(error, foreignKeyViolation)) throw new BoardNotFoundError(boardId)
    throw error
  }
}

/** pg's DatabaseError carries the SQLSTATE; drizzle wraps it as the cause of its own error. */
function hasSqlState(error: unknown, code: string): boolean {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = cause.cause) {
    if ('code' in cause && cause.code === code) return true
    if (!('cause' in cause)) return false
  }
  return false
}
