// End-to-end tests in a real Chromium against a running Omloop (see scripts/e2e.mjs, which starts
// one at BASE_URL on a fresh local state with the demo network loaded).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  // One browser at a time: specs share the demo network, and some count what reaches one person
  // (a demo manager's unread notifications) or the whole network (its impact, every hub on the
  // map); another spec's listing or exchange between two reads changes them. Two at a time, one
  // of them failed in three runs of four (README, `npm run test:e2e`).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Budgets far above what a step needs (well under a second, here): CI's machine is a shared
  // 2-CPU one, about twice as slow as ours, and a newcomer's first "ask to join" once waited
  // there past a 10 s expect. A passing test takes no longer for them.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8788',
    // The service worker would hide page requests from page.route; only the offline spec allows it.
    serviceWorkers: 'block',
    // Debian's Chromium; Playwright's own browsers are never downloaded.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Offline but for the app: every other host name fails at once (OpenStreetMap's tiles),
        // without routing, which would turn off the HTTP cache (test/e2e/fixtures/helpers.ts).
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    },
    // wrangler dev's workerd closes a kept-alive socket after 5 s idle, and Playwright's API
    // requests reuse pooled sockets without knowing it: a request sent at that moment is reset
    // ("socket hang up"). Every context (browser and API alike) asks for a fresh connection, and
    // the specs' API reads (apiGet) are sent again on a reset (`maxRetries`), as a GET may be.
    extraHTTPHeaders: { Connection: 'close' },
    // Tests are written against the English UI unless they switch language themselves.
    locale: 'en-GB',
    timezoneId: 'Europe/Brussels',
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
  },
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
    },
  ],
});
