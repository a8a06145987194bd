import path from 'node:path'
import Database from 'better-sqlite3'

/**
 * Reads a server's SQLite file from the outside, read-only, the way an operator
 * would inspect a backup. Table and column names are the stored schema
 * (server/src/db/schema.ts), which migrations keep stable.
 */

export interface UpdateLogState {
  /** Rows in board_updates for the board. */
  loggedUpdates: number
  /** Logged rows the snapshot does not cover (seq above its through_seq). */
  updatesAfterSnapshot: number
  /** through_seq of the board's snapshot, or null when it has none. */
  snapshotThroughSeq: number | null
}

function withDatabase<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'stormline.sqlite'), {
    readonly: true,
    fileMustExist: true,
  })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** `PRAGMA integrity_check`: 'ok', or SQLite's list of problems. */
export function integrityCheck(dataDir: string): string {
  return withDatabase(dataDir, (db) => String(db.pragma('integrity_check', { simple: true })))
}

export function updateLogState(dataDir: string, boardId: string): UpdateLogState {
  return withDatabase(dataDir, (db) => {
    const snapshot = db
      .prepare('SELECT through_seq AS throughSeq FROM board_snapshots WHERE board_id = ?')
      .get(boardId) as { throughSeq: number } | undefined
    const throughSeq = snapshot?.throughSeq ?? null
    const count = (sql: string, ...args: unknown[]): number =>
      (db.prepare(sql).get(...args) as { n: number }).n
    return {
      loggedUpdates: count('SELECT count(*) AS n FROM board_updates WHERE board_id = ?', boardId),
      updatesAfterSnapshot: count(
        'SELECT count(*) AS n FROM board_updates WHERE board_id = ? AND seq > ?',
        boardId,
        throughSeq ?? 0,
      ),
      snapshotThroughSeq: throughSeq,
    }
  })
}
