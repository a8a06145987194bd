import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const serverEntry = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export interface ServerProcess {
  readonly port: number
  readonly httpUrl: string
  readonly wsUrl: string
  readonly dataDir: string
  /** Kills the process with SIGKILL: no shutdown hook runs, like a crash. */
  crash(): Promise<void>
  stop(): Promise<void>
  /** Starts a new process on the same port and data dir. */
  restart(): Promise<ServerProcess>
  /** Stops the process and removes its data dir. */
  dispose(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  port?: number
  env?: Record<string, string>
}

/**
 * Runs the real server entry point as a child process with its own SQLite
 * data dir, and resolves once it logs the port it listens on.
 */
export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'stormline-it-'))
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: path.join(dataDir, 'no-web-build'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const port = await waitForPort(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  const handle: ServerProcess = {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    dataDir,
    crash: () => kill('SIGKILL'),
    stop: () => kill('SIGTERM'),
    restart: async () => {
      await kill('SIGKILL')
      return startServer({ ...options, dataDir, port })
    },
    dispose: async () => {
      await kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return handle
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /"event":"server.listening".*?"port":(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output}`))
    })
  })
}
