declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /**
     * Tests only: an empty database, which backup.test.ts restores into and
     * listing-photos-kept.test.ts migrates in two steps (its own copy: storage is per test file).
     */
    RESTORE_DB: D1Database;
  }
}

declare namespace Cloudflare {
  // Types `exports.default` from cloudflare:workers in tests as the Worker's own entry.
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
}

// Files read as text by the tests (vite's ?raw), e.g. web/static/_headers.
declare module '*?raw' {
  const text: string;
  export default text;
}
