/**
 * How the e2e stories and the benchmark launch Chromium: Debian's build (Playwright cannot
 * download one here), and nothing that would call a host other than the app's own.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
