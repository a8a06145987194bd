import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export type ServerKind = 'stormline' | 'y-websocket' | 'hocuspocus'

export const serverKinds: readonly ServerKind[] = ['stormline', 'y-websocket', 'hocuspocus']

/** A sync server running as a child process, so its CPU and memory are its own. */
export interface ServerHandle {
  readonly kind: ServerKind
  readonly pid: number
  readonly port: number
  readonly httpUrl: string
  /** Base websocket URL the stock client is given (the room/document name is added by it). */
  readonly wsUrl: string
  /** Graceful stop (SIGTERM): each server runs its own shutdown (compaction, final store). */
  stop(): Promise<void>
  /** SIGKILL: a crash, no shutdown hook runs. */
  kill(): Promise<void>
}

/** Resolves once a line of the child's output matches; rejects if it exits first. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} from the server in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    )
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = pattern.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stderr?.off('data', onData)
        resolve(match)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
}

/** Stop helpers shared by the three servers. */
export function processControls(child: ChildProcess): Pick<ServerHandle, 'stop' | 'kill'> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  // Output is drained but not kept (a chatty server must not block on a full pipe), unless
  // BENCH_SERVER_LOG=1 asks to see it while debugging.
  if (process.env.BENCH_SERVER_LOG === '1') {
    child.stdout?.pipe(process.stderr)
    child.stderr?.pipe(process.stderr)
  } else {
    child.stdout?.resume()
    child.stderr?.resume()
  }
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name)
    await exited
  }
  return {
    stop: async () => {
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await signal('SIGTERM')
      clearTimeout(hard)
    },
    kill: () => signal('SIGKILL'),
  }
}

/** A port that was free a moment ago (for servers that cannot report the port they picked). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}
