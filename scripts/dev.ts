/**
 * `pnpm dev`: the server (restarted on change) on :3000 and Vite with HMR on
 * :5173, which proxies /api and /sync to the server.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch', 'server/src/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@stormline/web', 'dev'], { cwd: root, stdio: 'inherit' }),
]

function stopAll(): void {
  for (const child of children) child.kill('SIGTERM')
}
for (const child of children) child.once('exit', stopAll)
process.on('SIGINT', stopAll)
process.on('SIGTERM', stopAll)
