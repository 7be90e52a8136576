import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import { E2E_BASE_URL } from './e2e/constants'

// Debian's Chromium when there is one (no browser download needed); Playwright's own otherwise.
const chromium = process.env.HOLDOVER_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  // Generous: the suite must pass on a two-core machine busy with other work, where a test that
  // drives four browsers spends most of a minute only opening their pages. A real failure still
  // fails; it only takes longer to say so.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: 'list',
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: existsSync(chromium) ? chromium : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The real server with the built client (`npm run build` first), a fresh data folder each run.
  webServer: {
    command: 'node --import tsx e2e/testServer.ts',
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
})
