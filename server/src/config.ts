import { hostname } from 'node:os'
import path from 'node:path'
import type { Vocabulary } from '@stormline/shared/suggestions/vocabulary'
import { z } from 'zod'
import type { SqliteDurability } from './db/database.ts'
import { loadVocabulary } from './derived/vocabulary-file.ts'
import { type LogLevel, logLevels } from './logging/logger.ts'
import { defaultCompactionPolicy, defaultQuietCheckIntervalMs } from './rooms/compaction-policy.ts'
import { defaultRateLimit, type RateLimit } from './rooms/rate-limit.ts'

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
  /** Compaction (rooms/compaction-policy.ts): update count, log bytes, quiet time, timer. */
  compactEveryUpdates: number
  compactLogBytes: number
  compactQuietMs: number
  compactIntervalMs: number
  /** Largest stored board (snapshot + log) in bytes. */
  maxBoardBytes: number
  /**
   * Websocket messages per second (and burst) handled per connection; beyond, they queue while
   * the socket is paused, up to `queueBytes` (BAD-2).
   */
  rateLimit: RateLimit
  /** A socket whose unsent outgoing bytes pass this is closed with 4529 (a reader far behind). */
  sendBufferBytes: number
  /** Ping every this many ms; a socket that missed the previous ping is dropped (0 disables). */
  heartbeatMs: number
  /** Extra browser origins allowed to open the websocket (the server's own is always allowed). */
  allowedOrigins: string[]
  /**
   * Scale-out mode (ADR 0014): PostgreSQL holds the boards and Redis carries updates, presence and
   * control between nodes. Both or neither: null for both is the embedded SQLite mode.
   */
  scaleOut: { databaseUrl: string; redisUrl: string } | null
  /** This node's name in logs, metrics and relayed messages (default: host name and pid). */
  nodeId: string
  /** Lowest level written to the log (LOG_LEVEL, default info). */
  logLevel: LogLevel
  /** Boards one client address may create (or import) per minute, and at once; 0: no limit. */
  createRatePerMinute: number
  /** Behind our load balancer: client addresses come from X-Forwarded-For (creation-guard.ts). */
  trustProxy: boolean
  /** Worker threads computing backlog, model and suggestion reads (server/src/derived/). */
  derivedWorkers: number
  /**
   * The cluster suggester's vocabulary (ADR 0016): the built-in groups merged with the operator's
   * VOCABULARY_FILE, read and checked here so a bad file stops the start.
   */
  vocabulary: Vocabulary
  /** Board history (ADR 0015): automatic checkpoints and their retention. */
  history: HistoryConfig
}

export interface HistoryConfig {
  /** An automatic checkpoint at most this often during activity, in ms (0: none). */
  autoMs: number
  /** Automatic checkpoints kept per board (the newest). */
  keepAuto: number
  /** Days automatic and before-restore checkpoints are kept (named ones: until deleted). */
  keepDays: number
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
  COMPACT_EVERY_UPDATES: z.coerce
    .number()
    .int()
    .min(1)
    .default(defaultCompactionPolicy.everyUpdates),
  COMPACT_LOG_BYTES: z.coerce.number().int().min(1).default(defaultCompactionPolicy.minLogBytes),
  COMPACT_QUIET_MS: z.coerce.number().int().min(0).default(defaultCompactionPolicy.quietMs),
  COMPACT_INTERVAL_MS: z.coerce.number().int().min(0).default(defaultQuietCheckIntervalMs),
  MAX_BOARD_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(50 * 1024 * 1024),
  RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(1).default(defaultRateLimit.perSecond),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(defaultRateLimit.burst),
  RATE_LIMIT_QUEUE_BYTES: z.coerce.number().int().min(1024).default(defaultRateLimit.queueBytes),
  SEND_BUFFER_BYTES: z.coerce.number().int().min(1024).optional(),
  HEARTBEAT_MS: z.coerce.number().int().min(0).default(30_000),
  ALLOWED_ORIGINS: z.string().default(''),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (at most 64)')
    .optional(),
  LOG_LEVEL: z.string().trim().toLowerCase().pipe(z.enum(logLevels)).default('info'),
  CREATE_RATE_PER_MINUTE: z.coerce.number().int().min(0).default(30),
  TRUST_PROXY: z.stringbool().default(false),
  DERIVED_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  VOCABULARY_FILE: z.string().trim().min(1).optional(),
  // Fractions allowed (a test runs on 0.01 minutes); 0 turns automatic checkpoints off.
  HISTORY_AUTO_MINUTES: z.coerce.number().min(0).max(10_080).default(10),
  HISTORY_KEEP_AUTO: z.coerce.number().int().min(0).max(10_000).default(50),
  HISTORY_KEEP_DAYS: z.coerce.number().min(0).max(36_500).default(30),
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
  // A first sync sends the whole board in one message, so the outgoing bound must hold one.
  if (e.SEND_BUFFER_BYTES !== undefined && e.SEND_BUFFER_BYTES < e.MAX_BOARD_BYTES) {
    throw new Error(
      'Invalid configuration: SEND_BUFFER_BYTES: must be at least MAX_BOARD_BYTES (a first sync sends the whole board)',
    )
  }
  // One without the other would be a node that stores in PostgreSQL but tells no other node, or
  // relays through Redis what only its own SQLite file holds: refuse both half-configurations.
  if ((e.DATABASE_URL === undefined) !== (e.REDIS_URL === undefined)) {
    throw new Error(
      'Invalid configuration: DATABASE_URL and REDIS_URL: set both (scale-out mode) or neither (embedded SQLite)',
    )
  }
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
    compactLogBytes: e.COMPACT_LOG_BYTES,
    compactQuietMs: e.COMPACT_QUIET_MS,
    compactIntervalMs: e.COMPACT_INTERVAL_MS,
    maxBoardBytes: e.MAX_BOARD_BYTES,
    rateLimit: {
      perSecond: e.RATE_LIMIT_PER_SECOND,
      burst: e.RATE_LIMIT_BURST,
      queueBytes: e.RATE_LIMIT_QUEUE_BYTES,
    },
    sendBufferBytes: e.SEND_BUFFER_BYTES ?? 2 * e.MAX_BOARD_BYTES,
    heartbeatMs: e.HEARTBEAT_MS,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    scaleOut:
      e.DATABASE_URL !== undefined && e.REDIS_URL !== undefined
        ? { databaseUrl: e.DATABASE_URL, redisUrl: e.REDIS_URL }
        : null,
    nodeId:
      e.NODE_ID ?? `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64),
    logLevel: e.LOG_LEVEL,
    createRatePerMinute: e.CREATE_RATE_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    derivedWorkers: e.DERIVED_WORKERS,
    vocabulary: loadVocabularyConfig(e.VOCABULARY_FILE),
    history: {
      autoMs: Math.round(e.HISTORY_AUTO_MINUTES * 60_000),
      keepAuto: e.HISTORY_KEEP_AUTO,
      keepDays: e.HISTORY_KEEP_DAYS,
    },
  }
}

function loadVocabularyConfig(file: string | undefined): Vocabulary {
  try {
    return loadVocabulary(file === undefined ? null : path.resolve(file))
  } catch (error) {
    throw new Error(
      `Invalid configuration: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
