import { defineConfig } from '@playwright/test';

// End-to-end: the built app served by the real API in demo mode on a fresh data directory
// (e2e/global-setup.ts), driven in Debian's Chromium (Playwright's own browsers cannot be
// downloaded here). The story is one sequence of documents, so tests run in order, one worker.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: 'test-results/report' }]]
    : 'list',
  use: {
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: process.env.SG_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
