import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { newBoardId } from '../../boards/board-id.ts'
import { orm } from './drizzle-pg-modules.ts'
import { PostgresBoardStore } from './postgres-board-store.ts'
import { openPostgres, type PostgresConnection } from './postgres-database.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'

const { sql } = orm

const journal = JSON.parse(
  readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: unknown[] }

const opened: PostgresConnection[] = []
const databases: TestDatabase[] = []

async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase()
  databases.push(database)
  return database.url
}

async function open(url: string): Promise<PostgresConnection> {
  const connection = await openPostgres(url)
  opened.push(connection)
  return connection
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.close()))
  await Promise.all(databases.splice(0).map((database) => database.drop()))
})

async function appliedMigrations(connection: PostgresConnection): Promise<number> {
  const { rows } = await connection.pool.query<{ count: string }>(
    'select count(*) from drizzle.__drizzle_migrations',
  )
  return Number(rows[0]?.count)
}

describe('openPostgres', () => {
  it('migrates a fresh database once, however many nodes start on it at once', async () => {
    const url = await freshDatabase()
    const nodes = await Promise.all([open(url), open(url), open(url)])
    // And once more later, as a restarted node does.
    const restarted = await open(url)
    for (const node of [...nodes, restarted]) {
      expect(await appliedMigrations(node)).toBe(journal.entries.length)
    }
    const store = new PostgresBoardStore(restarted.db)
    const id = newBoardId()
    await store.createBoard({ id, name: 'Migrated', template: 'blank', createdAt: new Date() })
    expect(await new PostgresBoardStore(nodes[0].db).getBoard(id)).toMatchObject({ id })
  })

  it('keeps serving after a connection drops in the middle of a transaction', async () => {
    const node = await open(await freshDatabase())
    // The connection dies while checked out of the pool, where pg-pool does not listen for its
    // errors: the transaction fails, the process goes on.
    await expect(
      node.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`)
      }),
    ).rejects.toThrow()
    const store = new PostgresBoardStore(node.db)
    const id = newBoardId()
    await store.createBoard({ id, name: 'Still here', template: 'blank', createdAt: new Date() })
    expect(await store.appendUpdate(id, new Uint8Array([1]))).toBe(1)
  })

  it('fails with a clear error when the database cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(openPostgres('postgres://postgres:secret@127.0.0.1:1/stormline')).rejects.toThrow(
      /^Could not open the PostgreSQL database: (?!.*secret)/,
    )
  })
})
