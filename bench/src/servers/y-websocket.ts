import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { freePort, processControls, type ServerHandle, waitForOutput } from './server-handle.ts'

const require = createRequire(import.meta.url)
// The package's own bin script, unmodified: the stock in-memory y-websocket server.
const serverScript = path.join(
  path.dirname(require.resolve('@y/websocket-server/package.json')),
  'src/server.js',
)

/**
 * The stock y-websocket server (`@y/websocket-server`, in memory, no persistence). It reads its
 * port from PORT and cannot report one it picked, so a free port is chosen first.
 */
export async function startYWebsocket(): Promise<ServerHandle> {
  const port = await freePort()
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await waitForOutput(child, /running at/)
  if (child.pid === undefined) throw new Error('y-websocket server has no pid')
  return {
    kind: 'y-websocket',
    pid: child.pid,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    ...processControls(child),
  }
}
