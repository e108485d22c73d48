import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The pool asks for its options each time it starts a runtime (once per test file): read the
// migrations once, not once per file.
let migrations: ReturnType<typeof readD1Migrations> | undefined;

export default defineConfig({
  test: {
    // Vitest's default (CPUs − 1) runs one file at a time on a 2-CPU machine, leaving the CPU idle
    // while each file's workerd starts; two at a time was 20 % faster in wall time here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        // Pure rules and schemas need no Workers runtime: on Node they skip a workerd start per file.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
        // The web app's rules import `src/shared` as `$shared` (web/svelte.config.js).
        resolve: { alias: { $shared: resolve('src/shared') } },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            main: './src/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: await (migrations ??= readD1Migrations('./migrations')) },
              // A second, empty database for the backup test to restore into (merged with wrangler's DB).
              d1Databases: { RESTORE_DB: 'omloop-restore-test' },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/integration/**/*.test.ts'],
          // Each test file starts its own workerd, which imports every module of the app one by
          // one from Vite; the libraries pre-bundled are about 120 modules fewer a file (zod alone
          // is 94). Every entry the app or a test imports is listed, so each library is one copy.
          deps: {
            optimizer: {
              ssr: {
                enabled: true,
                include: [
                  'zod',
                  'hono',
                  'hono/cookie',
                  'hono/factory',
                  'hono/http-exception',
                  'hono/secure-headers',
                  '@hono/zod-openapi',
                  'ical.js',
                  'fast-check',
                  '@cfworker/json-schema',
                ],
              },
            },
          },
          setupFiles: ['./test/setup.ts'],
          // A floor far above any ordinary test's need on a busy 2-CPU machine; heavy tests set
          // their own budget (e.g. 120 s) next to what they do.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Tools that run on Node only (the OpenAPI linter) check what the Worker serves.
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
