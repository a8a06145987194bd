import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repoRoot, stormlineEntry } from '../paths.ts'

/** Which Stormline server code the bench runs. */
export interface StormlineSource {
  entry: string
  /** Commit and whether the working tree differed from it ("abc1234", "abc1234+dirty"). */
  describe: string
}

function git(...args: string[]): string {
  return execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8' }).trim()
}

/** The server as checked out in this working tree (the default). */
export function workingTreeSource(): StormlineSource {
  const head = git('rev-parse', '--short', 'HEAD')
  const dirty = git('status', '--porcelain', '--', 'server', 'shared') !== ''
  return { entry: stormlineEntry, describe: dirty ? `${head}+uncommitted changes` : head }
}

/** Links every installed dependency of a package, pointing @stormline/shared at `shared`. */
function linkDependencies(from: string, to: string, shared: string): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from)) {
    if (entry === '.bin') continue
    if (entry.startsWith('@')) {
      linkDependencies(path.join(from, entry), path.join(to, entry), shared)
      continue
    }
    const target =
      path.join(path.basename(from), entry) === path.join('@stormline', 'shared')
        ? shared
        : realpathSync(path.join(from, entry))
    symlinkSync(target, path.join(to, entry))
  }
}

/**
 * The server and shared code of one commit, exported to a temp folder and wired to this
 * workspace's installed dependencies: a run measures exactly that commit even while the working
 * tree is being edited.
 */
export function commitSource(rev: string): StormlineSource {
  const commit = git('rev-parse', '--short', rev)
  const dir = mkdtempSync(path.join(tmpdir(), `stormline-bench-src-${commit}-`))
  // The export lives as long as the bench process (server children are gone by then).
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  execFileSync('sh', [
    '-c',
    `git -C "${repoRoot}" archive "${commit}" server shared | tar -x -C "${dir}"`,
  ])
  for (const pkg of ['server', 'shared']) {
    const installed = path.join(repoRoot, pkg, 'node_modules')
    if (existsSync(installed))
      linkDependencies(installed, path.join(dir, pkg, 'node_modules'), path.join(dir, 'shared'))
  }
  return { entry: path.join(dir, 'server', 'src', 'main.ts'), describe: commit }
}
