import { sqliteCore } from './drizzle-modules.ts'

const { blob, index, integer, primaryKey, sqliteTable, text } = sqliteCore

export const boards = sqliteTable('boards', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  template: text('template').notNull().default('path-to-production'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
})

/** Merged Yjs state of a board, covering every logged update up to `throughSeq`. */
export const boardSnapshots = sqliteTable('board_snapshots', {
  boardId: text('board_id')
    .primaryKey()
    .references(() => boards.id, { onDelete: 'cascade' }),
  state: blob('state', { mode: 'buffer' }).notNull(),
  throughSeq: integer('through_seq').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
})

/** Append-only log of accepted Yjs updates since the snapshot. */
export const boardUpdates = sqliteTable(
  'board_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    update: blob('update', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('board_updates_board_seq').on(table.boardId, table.seq)],
)

/**
 * One access token per board and role (facilitator, participant, viewer). Only a SHA-256 of the
 * token is kept: a copy of the database does not hand out working links (ADR 0008).
 */
export const boardTokens = sqliteTable(
  'board_tokens',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.role] })],
)

/**
 * The people of a board (ADR 0013): a server-issued id per browser and the SHA-256 (hex) of the
 * secret in its credential, plus what the facilitator granted them ('co-facilitator' or null).
 */
export const boardMembers = sqliteTable(
  'board_members',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    grant: text('grant'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.memberId] })],
)

/** Each member's private Yjs document (their dots, ballots and drafts), stored whole. */
export const memberPrivateDocuments = sqliteTable(
  'member_private_documents',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.memberId] })],
)

/**
 * Checkpoints of a board's shared document (ADR 0015): its whole state as one Yjs update, with
 * what the history list shows. `restored_state` is set on `before-restore` checkpoints only (what
 * the restore put back, for its undo). Listed newest first per board.
 */
export const boardCheckpoints = sqliteTable(
  'board_checkpoints',
  {
    id: text('id').primaryKey(),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    stickyCount: integer('sticky_count').notNull(),
    restoredFrom: text('restored_from'),
    undone: integer('undone', { mode: 'boolean' }).notNull().default(false),
    state: blob('state', { mode: 'buffer' }).notNull(),
    restoredState: blob('restored_state', { mode: 'buffer' }),
  },
  (table) => [index('board_checkpoints_board_created').on(table.boardId, table.createdAt)],
)
