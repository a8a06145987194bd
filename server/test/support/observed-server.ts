import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Runs the real server entry point as a child process with its own SQLite data dir and resolves
 * once it logs the port it listens on. Tests can also see what the process did: its log lines,
 * whether and how it exited, and when — the crash, shutdown and fuzz tests assert on exactly
 * those things.
 */

const serverEntry = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

export interface ProcessExit {
  code: number | null
  signal: NodeJS.Signals | null
  /** Date.now() when the exit was observed. */
  at: number
}

export interface ObservedServer {
  readonly port: number
  readonly httpUrl: string
  readonly wsUrl: string
  readonly dataDir: string
  /** Everything the process wrote to stdout and stderr so far. */
  log(): string
  /** Parsed JSON log lines with this event name. */
  events(name: string): Record<string, unknown>[]
  /** Resolves when the process exits, for whatever reason. */
  readonly exited: Promise<ProcessExit>
  isRunning(): boolean
  /** Sends a signal without waiting. */
  signal(signal: NodeJS.Signals): void
  /** SIGKILL: no shutdown hook runs, like a crash. */
  crash(): Promise<ProcessExit>
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<ProcessExit>
  /** Starts a new process on the same port and data dir (kills this one first if it runs). */
  restart(): Promise<ObservedServer>
  /** Kills the process and removes its data dir. */
  dispose(): Promise<void>
}

export interface ObservedStartOptions {
  dataDir?: string
  port?: number
  env?: Record<string, string>
}

export async function startObservedServer(
  options: ObservedStartOptions = {},
): Promise<ObservedServer> {
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
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  let exit: ProcessExit | null = null
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal, at: Date.now() }
      resolve(exit)
    }),
  )
  const port = await waitForPort(child, () => output)
  const kill = async (signal: NodeJS.Signals): Promise<ProcessExit> => {
    if (exit === null) child.kill(signal)
    return exited
  }
  return {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    dataDir,
    log: () => output,
    events: (name) => parseEvents(output, name),
    exited,
    isRunning: () => exit === null,
    signal: (signal) => {
      if (exit === null) child.kill(signal)
    },
    crash: () => kill('SIGKILL'),
    stop: () => kill('SIGTERM'),
    restart: async () => {
      await kill('SIGKILL')
      return startObservedServer({ ...options, dataDir, port })
    },
    dispose: async () => {
      await kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function parseEvents(output: string, name: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  for (const line of output.split('\n')) {
    if (!line.includes(`"event":"${name}"`)) continue
    try {
      found.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      // A line cut in half by a kill is not an event.
    }
  }
  return found
}

function waitForPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start:\n${output()}`))
    }, 20_000)
    const onData = (): void => {
      const match = /"event":"server.listening".*?"port":(\d+)/.exec(output())
      if (!match) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve(Number(match[1]))
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output()}`))
    })
  })
}
