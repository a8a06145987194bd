import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ServerHandle } from '../servers/server-handle.ts'
import { startStormline } from '../servers/stormline.ts'
import { type BenchDatabase, createBenchDatabase } from './bench-database.ts'
import { type PrivateRedis, startPrivateRedis } from './private-redis.ts'

/** Where a cluster keeps boards: embedded SQLite (one node) or scale-out mode (ADR 0014). */
export type StoreBackend = 'sqlite' | 'postgres+redis'

/**
 * Stormline nodes sharing one store: in scale-out mode a fresh PostgreSQL database and a private
 * Redis, each node its own process (NODE_ID node-1, node-2, …); in SQLite mode one data dir
 * (one node at a time: SQLite mode is a single node).
 */
export interface BenchCluster {
  readonly backend: StoreBackend
  /** Every node started so far, in order (stopped ones stay listed). */
  readonly nodes: ServerHandle[]
  readonly database: BenchDatabase | null
  readonly redis: PrivateRedis | null
  /** The SQLite file (SQLite mode). */
  readonly sqliteFile: string
  /** Starts one more node on the same store; `env` adds to (or overrides) the node's settings. */
  startNode(env?: Record<string, string>): Promise<ServerHandle>
  /** Stops every node, then drops the database, Redis and the data dir. */
  dispose(): Promise<void>
}

export async function startBenchCluster(
  backend: StoreBackend,
  nodes: number,
  env: Record<string, string> = {},
): Promise<BenchCluster> {
  if (backend === 'sqlite' && nodes > 1) throw new Error('SQLite mode runs one node')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stormline-bench-scale-out-'))
  let database: BenchDatabase | null = null
  let redis: PrivateRedis | null = null
  const started: ServerHandle[] = []
  const dispose = async (): Promise<void> => {
    await Promise.all(started.map((node) => node.stop()))
    await redis?.stop()
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    if (backend === 'postgres+redis') {
      database = await createBenchDatabase()
      redis = await startPrivateRedis()
    }
    const scaleOut =
      database && redis ? { DATABASE_URL: database.url, REDIS_URL: redis.url } : undefined
    const startNode = async (extra: Record<string, string> = {}): Promise<ServerHandle> => {
      const node = await startStormline({
        dataDir,
        env: { ...scaleOut, NODE_ID: `node-${started.length + 1}`, ...env, ...extra },
      })
      started.push(node)
      return node
    }
    // One after another: the first migrates the database, the others find nothing to do.
    for (let i = 0; i < nodes; i++) await startNode()
    return {
      backend,
      nodes: started,
      database,
      redis,
      sqliteFile: path.join(dataDir, 'stormline.sqlite'),
      startNode,
      dispose,
    }
  } catch (error) {
    await dispose()
    throw error
  }
}
