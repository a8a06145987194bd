import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { createTestDatabase } from '../../src/db/postgres/test-database.ts'
import { type ObservedServer, startObservedServer } from './observed-server.ts'

/**
 * Several real Stormline processes in scale-out mode (ADR 0014) on loopback, sharing one fresh
 * PostgreSQL database and one Redis of their own (a private redis-server, so a test can restart
 * it without touching anyone else's). Both engines must be installed: these tests never skip.
 */
export interface Cluster {
  nodes: ObservedServer[]
  redis: PrivateRedis
  databaseUrl: string
  /** Starts one more node on the same database and Redis. */
  addNode(env?: Record<string, string>): Promise<ObservedServer>
  dispose(): Promise<void>
}

export async function startCluster(
  size: number,
  env: Record<string, string> = {},
): Promise<Cluster> {
  const database = await createTestDatabase()
  const redis = await startPrivateRedis()
  const nodes: ObservedServer[] = []
  let next = 0
  const addNode = async (extra: Record<string, string> = {}): Promise<ObservedServer> => {
    const node = await startObservedServer({
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        NODE_ID: `node-${String.fromCharCode(97 + next++)}`,
        ...env,
        ...extra,
      },
    })
    nodes.push(node)
    return node
  }
  // One after another: the first migrates, the others find nothing to do.
  for (let i = 0; i < size; i++) await addNode()
  return {
    nodes,
    redis,
    databaseUrl: database.url,
    addNode,
    dispose: async () => {
      await Promise.all(nodes.map((node) => node.dispose()))
      await redis.stop()
      await database.drop()
    },
  }
}

export interface PrivateRedis {
  url: string
  port: number
  /** Kills it (nothing is kept on disk: it comes back empty, like a restarted cache). */
  stop(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  let child: ChildProcess | null = null
  const start = async (): Promise<void> => {
    const process = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child = process
    await new Promise<void>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start:\n${output}`)),
        10_000,
      )
      process.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer)
          resolve()
        }
      })
      process.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
  }
  const stop = async (): Promise<void> => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve())
      running.kill('SIGKILL')
    })
  }
  await start()
  return { url: `redis://127.0.0.1:${port}`, port, start, stop }
}
