#!/usr/bin/env node
// `npm start`: build the web app, apply D1 migrations locally, load the demo network when the
// database is empty, then serve API + web with `wrangler dev` at http://127.0.0.1:8787.
// Options: --port N, --persist-to DIR (a separate local state, e.g. for e2e), --skip-build,
// --var NAME:VALUE, --no-ticker (benchmarks and e2e: no scheduled jobs in the background).
// Without --no-ticker the scheduled jobs (claim expiry, handovers made final, digests, stream
// publishing, the event sweep) run every minute, as the cron trigger does every 15 in production.
// When it just loaded the demo network (and runs the ticker), it then brings it to life through the
// API (scripts/demo-activity.mjs: completed exchanges with impact, a stream); --no-demo-activity
// leaves the demo network as loaded. --no-inspector serves through scripts/serve.mjs instead of
// `wrangler dev`: the same Worker and local D1 without the runtime's inspector (the bench's CPU).
/* global AbortSignal, setInterval, clearInterval */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const port = option('--port', '8787');
const persistTo = option('--persist-to', undefined);
const persist = persistTo ? ['--persist-to', persistTo] : [];
// --var NAME:VALUE (repeatable) passes a var to wrangler dev, e.g. the bench's BENCH_METRICS:1.
const ticker = !args.includes('--no-ticker');
const vars = [
  ...args.flatMap((a, i) => (a === '--var' ? ['--var', args[i + 1]] : [])),
  ...(ticker ? ['--var', 'LOCAL_SCHEDULED:1'] : []),
];
/** How often the local ticker runs the scheduled jobs. */
const TICK_MS = 60_000;

// With these set, wrangler makes no network calls.
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: 'true',
};
const run = (cmd, cmdArgs) => execFileSync(cmd, cmdArgs, { stdio: 'inherit', env });

if (!args.includes('--skip-build')) run('npm', ['run', 'build', '--workspace', 'web']);
// wrangler refuses to start without the assets directory.
if (!existsSync('web/build')) mkdirSync('web/build', { recursive: true });
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist]);
const seeded = execFileSync('node', ['scripts/seed.mjs', ...persist], {
  env,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.stdout.write(seeded);
const demoActivity = /^Loaded /m.test(seeded) && ticker && !args.includes('--no-demo-activity');

console.log(`\nOmloop: http://127.0.0.1:${port}  (API docs: http://127.0.0.1:${port}/docs/api)\n`);
const dev = args.includes('--no-inspector')
  ? spawn('node', ['scripts/serve.mjs', '--port', port, ...persist, ...vars], { stdio: 'inherit', env })
  : spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, ...persist, ...vars], {
      stdio: 'inherit',
      env,
    });

// The ticker: POST /api/__scheduled (answered only with LOCAL_SCHEDULED=1, see src/index.ts).
let timer;
if (ticker) {
  const tick = async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/__scheduled`, {
        method: 'POST',
        signal: AbortSignal.timeout(TICK_MS),
      });
      if (!res.ok) console.error(`[ticker] scheduled jobs answered ${res.status}`);
    } catch {
      // not listening yet, or restarting: the next tick tries again
    }
  };
  timer = setInterval(tick, TICK_MS);
}
// Exchanges and a stream for the demo network just loaded, once the server answers.
if (demoActivity) {
  (async () => {
    for (let i = 0; i < 180; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    spawn('node', ['scripts/demo-activity.mjs', '--base', `http://127.0.0.1:${port}`], {
      stdio: 'inherit',
      env,
    });
  })();
}
const stop = () => {
  if (timer) clearInterval(timer);
  dev.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));
