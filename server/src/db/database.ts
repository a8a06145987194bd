import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { betterSqlite, migrator } from './drizzle-modules.ts'
import * as schema from './schema.ts'

export type StormlineDatabase = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database
}

export type SqliteDurability = 'normal' | 'full'

export interface OpenDatabaseOptions {
  /** Folder for the database file; created if missing. */
  dataDir: string
  /**
   * `normal` (default): in WAL mode every committed update survives a crash or
   * kill of the server process; `full` also fsyncs each commit so it survives
   * power loss, at a higher write cost (ADR 0003).
   */
  durability?: SqliteDurability
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

export const databaseFileName = 'stormline.sqlite'

/** Opens (creating if needed) the SQLite database and applies pending migrations. */
export function openDatabase(options: OpenDatabaseOptions): StormlineDatabase {
  mkdirSync(options.dataDir, { recursive: true })
  const sqlite = new Database(path.join(options.dataDir, databaseFileName))
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = betterSqlite.drizzle(sqlite, { schema })
  migrator.migrate(db, { migrationsFolder })
  return db
}
