import { spawn } from 'node:child_process'
import path from 'node:path'
import { webDist, webDistBuilt } from '../paths.ts'
import { processControls, type ServerHandle, waitForOutput } from './server-handle.ts'
import { type StormlineSource, workingTreeSource } from './stormline-source.ts'

let source: StormlineSource | null = null

/** Runs the server code of `chosen` from now on (default: this working tree). */
export function useStormlineSource(chosen: StormlineSource): void {
  source = chosen
}

export function stormlineSource(): StormlineSource {
  source ??= workingTreeSource()
  return source
}

export interface StormlineOptions {
  dataDir: string
  /** Extra environment (e.g. compaction settings for the board-scale runs). */
  env?: Record<string, string>
}

/**
 * The production entry point (`node server/src/main.ts`) with SQLite persistence in `dataDir`.
 * The per-connection rate limit is raised far beyond the workload: it protects production from
 * abusive peers, and the bench's bulk writers (10,000-sticky boards) would otherwise trip it.
 */
export async function startStormline(options: StormlineOptions): Promise<ServerHandle> {
  const child = spawn(process.execPath, [stormlineSource().entry], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      WEB_DIST: webDistBuilt() ? webDist : path.join(options.dataDir, 'no-web-build'),
      RATE_LIMIT_PER_SECOND: '1000000',
      RATE_LIMIT_BURST: '1000000',
      // The idle-board runs create hundreds of boards at once from one address.
      CREATE_RATE_PER_MINUTE: '0',
      // For investigating a figure, e.g. BENCH_STORMLINE_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/p"
      // profiles the server alone under the bench's workload.
      ...(process.env.BENCH_STORMLINE_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_STORMLINE_NODE_OPTIONS }
        : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const match = await waitForOutput(child, /"event":"server.listening".*?"port":(\d+)/)
  const port = Number(match[1])
  if (child.pid === undefined) throw new Error('stormline has no pid')
  return {
    kind: 'stormline',
    pid: child.pid,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    ...processControls(child),
  }
}
