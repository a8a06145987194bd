import path from 'node:path'
import { z } from 'zod'
import type { SqliteDurability } from './db/database.ts'

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /** Folder with the built web app (index.html + assets); null serves no UI. */
  webDist: string | null
  tldrawLicenseKey: string | null
  /** Public origin for links in exports (e.g. https://stormline.example.org); null: the request's origin. */
  publicUrl: string | null
  durability: SqliteDurability
  /** Largest websocket frame accepted, in bytes. */
  maxMessageBytes: number
  compactEveryUpdates: number
  compactIntervalMs: number
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  WEB_DIST: z.string().min(1).optional(),
  TLDRAW_LICENSE_KEY: z.string().trim().optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  COMPACT_EVERY_UPDATES: z.coerce.number().int().min(1).default(500),
  COMPACT_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
})

const defaultWebDist = new URL('../../web/dist', import.meta.url).pathname

/** Reads configuration from the environment; throws a readable error on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration: ${problems.join('; ')}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    webDist: path.resolve(e.WEB_DIST ?? defaultWebDist),
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY ? e.TLDRAW_LICENSE_KEY : null,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    durability: e.SQLITE_SYNCHRONOUS,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    compactEveryUpdates: e.COMPACT_EVERY_UPDATES,
    compactIntervalMs: e.COMPACT_INTERVAL_MS,
  }
}
