import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '@stormline/shared/testing/chromium'

/**
 * Playwright cannot download browsers here, so the tests drive Debian's
 * Chromium. Each test starts its own server process (see fixtures/stormline.ts)
 * because the stories include restarting it.
 */
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  // One retry as a safety net on a loaded 2-core CI machine; Playwright still reports a test
  // that needed it as flaky, so flakiness stays visible.
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // Beside another build's folder when one is given, so runs side by side keep their traces apart.
  outputDir: process.env.STORMLINE_E2E_WEB_DIST
    ? `${process.env.STORMLINE_E2E_WEB_DIST}-results`
    : '../.tmp/e2e-results',
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [...chromiumArgs],
    },
  },
})
