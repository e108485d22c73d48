declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}

declare namespace Cloudflare {
  // Types `exports.default` from cloudflare:workers in tests as the Worker's own entry.
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
}
