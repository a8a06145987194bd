import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { repoRoot } from '../paths.ts'

const run = promisify(execFile)

export interface BundleSize {
  /** JavaScript and CSS: what the browser parses and runs. */
  code: { files: number; bytes: number; gzipBytes: number }
  /** Everything in the build (fonts, icons, translations too). */
  all: { files: number; bytes: number; gzipBytes: number }
  largest: { file: string; bytes: number; gzipBytes: number }
}

/**
 * Builds the web app with its production config into `outDir` (a temp folder, so the build the
 * e2e tests serve from web/dist is never emptied under them).
 */
export async function buildWebApp(outDir: string): Promise<number> {
  const start = performance.now()
  await run(
    'pnpm',
    [
      '--filter',
      '@stormline/web',
      'exec',
      'vite',
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  return performance.now() - start
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )
}

/** Raw and gzip (level 9, as static hosting usually serves) sizes of a built web app. */
export function measureBundle(dist: string): BundleSize {
  const code = { files: 0, bytes: 0, gzipBytes: 0 }
  const all = { files: 0, bytes: 0, gzipBytes: 0 }
  let largest = { file: '', bytes: 0, gzipBytes: 0 }
  for (const file of filesUnder(dist)) {
    const bytes = statSync(file).size
    const gzipBytes = gzipSync(readFileSync(file), { level: 9 }).byteLength
    all.files++
    all.bytes += bytes
    all.gzipBytes += gzipBytes
    if (/\.(js|css)$/.test(file)) {
      code.files++
      code.bytes += bytes
      code.gzipBytes += gzipBytes
      if (bytes > largest.bytes) largest = { file: path.relative(dist, file), bytes, gzipBytes }
    }
  }
  return { code, all, largest }
}
