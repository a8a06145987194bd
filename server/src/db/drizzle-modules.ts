import { createRequire } from 'node:module'

/**
 * drizzle-orm, loaded through require() rather than import. Node 24's ES module loader re-reads
 * drizzle-orm's 179 KB package.json for each of the ~110 files sqlite-core pulls in, which grew
 * the server's idle heap to ~225 MiB (RSS ~260 MiB against ~85 MiB for the stock y-websocket
 * server); its CommonJS build costs ~14 MiB. Measured in bench/results/before-after.md. Types
 * still come from the ES module declarations, which are the same.
 */
const require = createRequire(import.meta.url)

export const orm: typeof import('drizzle-orm') = require('drizzle-orm')
export const sqliteCore: typeof import('drizzle-orm/sqlite-core') = require('drizzle-orm/sqlite-core')
export const betterSqlite: typeof import('drizzle-orm/better-sqlite3') = require('drizzle-orm/better-sqlite3')
export const migrator: typeof import('drizzle-orm/better-sqlite3/migrator') = require('drizzle-orm/better-sqlite3/migrator')
