/**
 * `pnpm backup <destination-file> [--data-dir DIR]`
 *
 * Copies the database to one self-contained SQLite file while the server keeps
 * running and writing. It uses SQLite's online backup API (better-sqlite3's
 * `db.backup()`), which reads pages inside a read transaction: in WAL mode that
 * never blocks the server's writes, and the copy is one consistent moment of
 * the database. The copy is checked (`PRAGMA integrity_check`) and only then
 * moved to the destination, so a failed backup never leaves a half file there.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { loadConfig } from '../config.ts'
import { databaseFileName } from '../db/database.ts'

function fail(message: string): never {
  process.stderr.write(`backup: ${message}\n`)
  process.exit(1)
}

/**
 * Pages per backup step after the first. SQLite restarts a backup when another
 * connection writes between two steps; copying everything in one step makes the
 * copy a single read transaction, so a busy board cannot keep it from finishing.
 */
const allRemainingPages = 0x7fffffff

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'data-dir': { type: 'string' } },
})
const [target] = positionals
if (!target || positionals.length > 1) {
  fail('usage: pnpm backup <destination-file> [--data-dir DIR]')
}

const config = loadConfig({
  ...process.env,
  ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}),
})
const source = path.join(config.dataDir, databaseFileName)
const destination = path.resolve(target)
if (!existsSync(source)) fail(`no database at ${source} (set DATA_DIR or --data-dir)`)
if (destination === source || destination.startsWith(`${source}-`)) {
  fail('the destination is the live database (or one of its WAL files)')
}
mkdirSync(path.dirname(destination), { recursive: true })

const partial = `${destination}.partial-${process.pid}`
try {
  const live = new Database(source, { fileMustExist: true })
  live.pragma('busy_timeout = 5000')
  try {
    await live.backup(partial, { progress: () => allRemainingPages })
  } finally {
    live.close()
  }

  const copy = new Database(partial, { fileMustExist: true })
  let boards: number
  try {
    const integrity = copy.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${integrity}`)
    // The copy inherits WAL mode; a rollback journal makes it one file with no -wal beside it.
    // The server switches it back to WAL when it opens a restored copy.
    copy.pragma('journal_mode = DELETE')
    const row = copy.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }
    boards = row.n
  } finally {
    copy.close()
  }
  renameSync(partial, destination)
  const bytes = statSync(destination).size
  process.stdout.write(
    `backup: ${source} → ${destination} (${boards} boards, ${bytes} bytes, integrity ok)\n`,
  )
} catch (error) {
  rmSync(partial, { force: true })
  rmSync(`${partial}-wal`, { force: true })
  rmSync(`${partial}-shm`, { force: true })
  fail(error instanceof Error ? error.message : String(error))
}
