import { defineConfig } from 'drizzle-kit'

/** PostgreSQL migrations (scale-out, ADR 0014); drizzle.config.ts generates SQLite's. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/postgres/schema.ts',
  out: './src/db/postgres/migrations',
})
