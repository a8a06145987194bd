import { existsSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'

/** Size of a SQLite database on disk: the main file plus its write-ahead log. */
export function sqliteFileBytes(file: string): number {
  const size = (path: string): number => (existsSync(path) ? statSync(path).size : 0)
  return size(file) + size(`${file}-wal`)
}

export interface StormlineStorage {
  logRows: number
  logBytes: number
  snapshotBytes: number
}

/**
 * What Stormline holds for one board: its update log and snapshot. Opened only while the server
 * is stopped (closing the connection checkpoints the WAL, so file sizes are read before).
 */
export function stormlineStorage(file: string, boardId: string): StormlineStorage {
  const db = new Database(file)
  try {
    const log = db
      .prepare(
        'select count(*) as rows, coalesce(sum(length("update")), 0) as bytes from board_updates where board_id = ?',
      )
      .get(boardId) as { rows: number; bytes: number }
    const snapshot = db
      .prepare('select coalesce(length(state), 0) as bytes from board_snapshots where board_id = ?')
      .get(boardId) as { bytes: number } | undefined
    return { logRows: log.rows, logBytes: log.bytes, snapshotBytes: snapshot?.bytes ?? 0 }
  } finally {
    db.close()
  }
}

/** Bytes Hocuspocus's SQLite extension stores for a document (one row of merged state). */
export function hocuspocusStoredBytes(file: string, name: string): number {
  const db = new Database(file)
  try {
    const row = db
      .prepare('select length(data) as bytes from documents where name = ?')
      .get(name) as { bytes: number } | undefined
    return row?.bytes ?? 0
  } finally {
    db.close()
  }
}
