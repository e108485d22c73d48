import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            main: './src/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations') },
              // A second, empty database for the backup test to restore into (merged with wrangler's DB).
              d1Databases: { RESTORE_DB: 'omloop-restore-test' },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          setupFiles: ['./test/setup.ts'],
        },
      },
      {
        // Tools that run on Node only (the OpenAPI linter) check what the Worker serves.
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
