import { fileURLToPath } from 'node:url'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Logger } from '../../logging/logger.ts'
import { nodePostgres, pgMigrator } from './drizzle-pg-modules.ts'
import * as schema from './schema.ts'

export type PostgresDatabase = NodePgDatabase<typeof schema> & { $client: pg.Pool }

export interface PostgresConnection {
  db: PostgresDatabase
  pool: pg.Pool
  /** Ends every connection of the pool; calling it again does nothing more. */
  close(): Promise<void>
}

export interface OpenPostgresOptions {
  /** Where dropped connections are reported (the pool replaces them either way). */
  logger?: Logger
  /** Most connections the pool opens at once (pg's default is 10). */
  max?: number
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Key of the session-level advisory lock held while migrating. drizzle's migrator creates its
 * schema and journal table outside its transaction, so nodes starting at once would race on
 * them; under the lock they migrate one after another, and the later ones find nothing to do.
 */
const migrationLockKey = 0x53_74_6f_72

/**
 * Connects a pool to PostgreSQL and applies pending migrations before answering. Rejects (and
 * closes the pool) when the database cannot be reached or migrated; the error does not repeat
 * the URL, which may hold a password.
 */
export async function openPostgres(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<PostgresConnection> {
  const pool = new pg.Pool({ connectionString: url, max: options.max })
  pool.on('connect', (client) => {
    // pg-pool listens for a connection's errors only while it is idle. One that drops while
    // checked out (mid-transaction) would emit 'error' to nobody, which crashes the process;
    // its query fails by itself and the pool discards the connection when it comes back.
    client.on('error', (error) => {
      options.logger?.warn('postgres.connection_lost', { error })
    })
  })
  pool.on('error', () => {
    // An idle connection dropped: pg-pool has removed it already, and the listener above has
    // logged it. Without a listener here the 'error' event would crash the process.
  })
  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= pool.end()
    return closing
  }
  try {
    await migrate(pool)
  } catch (error) {
    await close()
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Could not open the PostgreSQL database: ${reason}`, { cause: error })
  }
  const db = nodePostgres.drizzle({ client: pool, schema })
  return { db, pool, close }
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey])
    await pgMigrator.migrate(nodePostgres.drizzle({ client }), { migrationsFolder })
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey])
    client.release()
  } catch (error) {
    // Discarded, not reused: ending its session also releases the lock if it still holds it.
    client.release(true)
    throw error
  }
}
