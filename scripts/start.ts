/**
 * `pnpm start`: builds the web app when its build is missing or older than its
 * sources, then runs the server in this process (one port for UI, API and sync).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const builtIndex = path.join(root, 'web', 'dist', 'index.html')
const sources = [
  path.join(root, 'web', 'src'),
  path.join(root, 'web', 'index.html'),
  path.join(root, 'web', 'vite.config.ts'),
  path.join(root, 'web', 'package.json'),
  path.join(root, 'shared', 'src'),
]

function newestChange(target: string): number {
  if (!existsSync(target)) return 0
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestChange(path.join(target, entry)))
  }
  return newest
}

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
const sourcesAt = Math.max(...sources.map(newestChange))
if (process.env.WEB_DIST === undefined && builtAt < sourcesAt) {
  console.log(builtAt === 0 ? 'Building the web app…' : 'Web sources changed, rebuilding…')
  execFileSync('pnpm', ['--filter', '@stormline/web', 'build'], { cwd: root, stdio: 'inherit' })
}

await import('../server/src/main.ts')
