import { defineConfig, devices } from '@playwright/test';

// Run by `cargo xtask test` (or `cargo xtask test --only-browser`), which builds and
// serves the API and the SPA first and sets E2E_BASE_URL / E2E_API_URL.
// Chromium is Debian's (/usr/bin/chromium, installed by xtask with apt); never run
// `npx playwright install`: it downloads browsers, which this network does not allow.
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:18081';

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
