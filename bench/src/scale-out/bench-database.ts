import { execFileSync } from 'node:child_process'
// The server's own helper for a fresh, uniquely named database (the cluster tests use it too):
// the bench has no PostgreSQL client of its own, and this one resolves `pg` from server/.
import { createTestDatabase } from '../../../server/src/db/postgres/test-database.ts'
import type { StormlineStorage } from '../board-scale/sqlite-files.ts'
import { ProcessGroupCpu, processesMatching } from './process-group-cpu.ts'

export interface BenchDatabase {
  url: string
  name: string
  /** CPU of the PostgreSQL backends serving this database (not the shared WAL writer etc.). */
  backendsCpu(): ProcessGroupCpu
  drop(): Promise<void>
}

/** A fresh PostgreSQL database for one cluster (TEST_DATABASE_ADMIN_URL, default local postgres). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const database = await createTestDatabase()
  const name = new URL(database.url).pathname.slice(1)
  // Backend titles read "postgres: [cluster:] user database host(port) state".
  const backend = new RegExp(`^postgres: .*\\b${name}\\b`)
  return {
    url: database.url,
    name,
    backendsCpu: () => new ProcessGroupCpu(() => processesMatching(backend)),
    drop: database.drop,
  }
}

/**
 * One board's update log and snapshot in PostgreSQL, through psql (installed with PostgreSQL);
 * null when psql is not there: the figure is then left out, the timings stay.
 */
export function postgresStorage(url: string, boardId: string): StormlineStorage | null {
  // Board ids are server-made (letters, digits, dashes); checked anyway before quoting.
  if (!/^[A-Za-z0-9_-]+$/.test(boardId)) throw new Error(`unexpected board id ${boardId}`)
  const sql = `select (select count(*) from board_updates where board_id = '${boardId}'),
    (select coalesce(sum(length("update")), 0) from board_updates where board_id = '${boardId}'),
    (select coalesce(sum(length(state)), 0) from board_snapshots where board_id = '${boardId}')`
  try {
    const out = execFileSync('psql', ['-X', '-A', '-t', '-F', ',', '-d', url, '-c', sql], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const [rows, bytes, snapshot] = out.trim().split(',').map(Number)
    return { logRows: rows ?? 0, logBytes: bytes ?? 0, snapshotBytes: snapshot ?? 0 }
  } catch {
    return null
  }
}
