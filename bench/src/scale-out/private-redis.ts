import { spawn } from 'node:child_process'
import { freePort, processControls, waitForOutput } from '../servers/server-handle.ts'

/** A redis-server of the bench's own: its CPU is the relay's alone, and nothing else shares it. */
export interface PrivateRedis {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * Starts `redis-server` on a free loopback port, nothing kept on disk (as the cluster tests do).
 * The machine's Redis on 6379 may serve other work at the same time, which would blur its CPU.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const spawnFailed = new Promise<never>((_resolve, reject) =>
    child.once('error', (error) =>
      reject(new Error(`redis-server could not start (is it installed?): ${error.message}`)),
    ),
  )
  await Promise.race([waitForOutput(child, /Ready to accept connections/, 10_000), spawnFailed])
  if (child.pid === undefined) throw new Error('redis-server has no pid')
  const { kill } = processControls(child)
  // Nothing to flush: a kill is its whole shutdown.
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop: kill }
}
