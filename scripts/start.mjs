#!/usr/bin/env node
// `npm start`: build the web app, apply D1 migrations locally, load the demo network when the
// database is empty, then serve API + web with `wrangler dev` at http://127.0.0.1:8787.
// Options: --port N, --persist-to DIR (a separate local state, e.g. for e2e), --skip-build,
// --var NAME:VALUE.
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
const vars = args.flatMap((a, i) => (a === '--var' ? ['--var', args[i + 1]] : []));

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
run('node', ['scripts/seed.mjs', ...persist]);

console.log(`\nOmloop: http://127.0.0.1:${port}  (API docs: http://127.0.0.1:${port}/docs/api)\n`);
const dev = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, ...persist, ...vars], {
  stdio: 'inherit',
  env,
});
const stop = () => dev.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));
