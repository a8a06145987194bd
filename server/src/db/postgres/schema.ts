/**
 * The PostgreSQL schema (scale-out, ADR 0014): the tables of ../schema.ts (SQLite), with bytea
 * for Yjs state and one difference in the update log: sequence numbers count 1, 2, 3, … per
 * board (from `boards.last_seq`), because the cross-node relay finds missed updates by gaps.
 */
import { pgCore } from './drizzle-pg-modules.ts'

const { bigint, boolean, customType, index, integer, pgTable, primaryKey, text, timestamp } = pgCore

/** drizzle has no bytea column; pg sends and returns Buffers for it. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
})

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull()
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull()

export const boards = pgTable('boards', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  template: text('template').notNull().default('path-to-production'),
  createdAt: createdAt(),
  /** Sequence number of the board's last appended update; appends take the next one. */
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
})

/** Merged Yjs state of a board, covering every logged update up to `throughSeq`. */
export const boardSnapshots = pgTable('board_snapshots', {
  boardId: text('board_id')
    .primaryKey()
    .references(() => boards.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  throughSeq: bigint('through_seq', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
})

/** Append-only log of accepted Yjs updates since the snapshot, numbered per board. */
export const boardUpdates = pgTable(
  'board_updates',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    update: bytea('update').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.seq] })],
)

/** One access token hash (SHA-256, hex) per board and role (ADR 0008). */
export const boardTokens = pgTable(
  'board_tokens',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.role] })],
)

/** The people of a board (ADR 0013): id, SHA-256 (hex) of their secret, and their grant. */
export const boardMembers = pgTable(
  'board_members',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    grant: text('grant'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.memberId] })],
)

/** Each member's private Yjs document (their dots, ballots and drafts), stored whole. */
export const memberPrivateDocuments = pgTable(
  'member_private_documents',
  {
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    state: bytea('state').notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [primaryKey({ columns: [table.boardId, table.memberId] })],
)

/**
 * Checkpoints of a board's shared document (ADR 0015): its whole state as one Yjs update, with
 * what the history list shows; `restored_state` on `before-restore` checkpoints only.
 */
export const boardCheckpoints = pgTable(
  'board_checkpoints',
  {
    id: text('id').primaryKey(),
    boardId: text('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    stickyCount: integer('sticky_count').notNull(),
    restoredFrom: text('restored_from'),
    undone: boolean('undone').notNull().default(false),
    state: bytea('state').notNull(),
    restoredState: bytea('restored_state'),
  },
  (table) => [index('board_checkpoints_board_created').on(table.boardId, table.createdAt)],
)
