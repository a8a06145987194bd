import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** A database of its own for one test file or one server cluster, gone after `drop()`. */
export interface TestDatabase {
  /** Connection string of the fresh, empty database. */
  url: string
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>
}

const defaultAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * Creates a uniquely named, empty database through TEST_DATABASE_ADMIN_URL (a role that may
 * create databases; default: postgres on 127.0.0.1). Tests running at once never share one.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? defaultAdminUrl
  // Lower-case letters and digits only: safe to quote, and the same name PostgreSQL reports.
  const name = `stormline_test_${process.pid}_${randomBytes(6).toString('hex')}`
  await asAdmin(adminUrl, `create database "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropped: Promise<void> | undefined
  return {
    url: url.toString(),
    drop: () => {
      dropped ??= asAdmin(adminUrl, `drop database if exists "${name}" with (force)`)
      return dropped
    },
  }
}

/** One statement on a connection of its own (CREATE and DROP DATABASE refuse a transaction). */
async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
