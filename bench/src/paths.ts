import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Repository locations the bench needs, resolved from this file so any cwd works. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const benchRoot = fileURLToPath(new URL('../', import.meta.url))
export const stormlineEntry = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url))
export const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url))
export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url))

export function webDistBuilt(): boolean {
  return existsSync(`${webDist}index.html`)
}
