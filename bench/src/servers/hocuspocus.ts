import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { processControls, type ServerHandle, waitForOutput } from './server-handle.ts'

const entry = fileURLToPath(new URL('./hocuspocus-main.ts', import.meta.url))

/** Hocuspocus with its SQLite extension storing into `<dataDir>/hocuspocus.sqlite`. */
export async function startHocuspocus(options: { dataDir: string }): Promise<ServerHandle> {
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      PORT: '0',
      DATABASE: path.join(options.dataDir, 'hocuspocus.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const match = await waitForOutput(child, /"event":"hocuspocus.listening","port":(\d+)/)
  const port = Number(match[1])
  if (child.pid === undefined) throw new Error('hocuspocus has no pid')
  return {
    kind: 'hocuspocus',
    pid: child.pid,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    ...processControls(child),
  }
}
