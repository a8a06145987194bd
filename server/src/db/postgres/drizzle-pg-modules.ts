import { createRequire } from 'node:module'

/**
 * drizzle-orm's PostgreSQL modules, loaded through require() rather than import, for the reason
 * ../drizzle-modules.ts gives (Node's ES module loader re-reads drizzle-orm's 179 KB package.json
 * for each file it pulls in). A module of their own so a node on PostgreSQL never loads
 * better-sqlite3, and one on SQLite never loads pg. Types come from the ES module declarations.
 */
const require = createRequire(import.meta.url)

export const orm: typeof import('drizzle-orm') = require('drizzle-orm')
export const pgCore: typeof import('drizzle-orm/pg-core') = require('drizzle-orm/pg-core')
export const nodePostgres: typeof import('drizzle-orm/node-postgres') = require('drizzle-orm/node-postgres')
export const pgMigrator: typeof import('drizzle-orm/node-postgres/migrator') = require('drizzle-orm/node-postgres/migrator')
