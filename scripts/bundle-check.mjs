#!/usr/bin/env node
// CI step "deploy bundle": bundle the Worker exactly as `wrangler deploy` would (--dry-run, no
// network), then fail when
//   - the Worker bundle passes BUNDLE_BUDGET_KB gzip (Cloudflare's own limit is 3 MB gzip on
//     the Free plan, 10 MB on Paid; we keep far below it because size is paid at every cold start);
//   - the startup phase (module evaluation: building the app, its routes and zod schemas) uses
//     more than STARTUP_BUDGET_MS of CPU. Measured with `wrangler check startup` (a local CPU
//     profile of workerd), counting only samples that ran our code or the GC, the best of three
//     runs: a loaded machine inflates single runs, the best of three rarely. Cloudflare refuses a
//     Worker whose startup passes 1 s; the budget keeps a wide margin to that and to today.
// Writes the figures to bench-results/bundle.json. Options: --runs N (startup runs, default 3).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUNDLE_BUDGET_KB = 400;
const STARTUP_BUDGET_MS = 250;

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: 'true',
};
// wrangler refuses to bundle without the assets directory.
if (!existsSync('web/build')) mkdirSync('web/build', { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'omloop-bundle-'));
const wrangler = (cmdArgs) =>
  execFileSync('npx', ['wrangler', ...cmdArgs], { env, stdio: 'pipe' }).toString();

wrangler(['deploy', '--dry-run', '--env', 'production', '--outdir', join(dir, 'out')]);
const bundle = readFileSync(join(dir, 'out', 'index.js'));
const rawKb = bundle.length / 1024;
const gzipKb = gzipSync(bundle).length / 1024;

/** CPU of the startup phase in one profile: every sample that is not idle time. */
const startupCpuMs = (profile) => {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let us = 0;
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) us += profile.timeDeltas[i] ?? 0;
  });
  return us / 1000;
};
const startups = [];
for (let i = 0; i < runs; i++) {
  const outfile = join(dir, `startup-${i}.cpuprofile`);
  wrangler(['check', 'startup', '--env', 'production', '--outfile', outfile]);
  startups.push(startupCpuMs(JSON.parse(readFileSync(outfile, 'utf8'))));
}
const startupMs = Math.min(...startups);

const result = {
  date: new Date().toISOString(),
  bundle: { rawKb: +rawKb.toFixed(1), gzipKb: +gzipKb.toFixed(1), budgetGzipKb: BUNDLE_BUDGET_KB },
  startup: {
    bestMs: +startupMs.toFixed(1),
    runsMs: startups.map((ms) => +ms.toFixed(1)),
    budgetMs: STARTUP_BUDGET_MS,
  },
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bundle.json', JSON.stringify(result, null, 2) + '\n');

let ok = true;
console.log(
  `Worker bundle: ${rawKb.toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzip (budget ${BUNDLE_BUDGET_KB} KB gzip)`,
);
if (gzipKb > BUNDLE_BUDGET_KB) {
  ok = false;
  console.error(
    `FAIL: the Worker bundle is ${gzipKb.toFixed(1)} KB gzip, over the ${BUNDLE_BUDGET_KB} KB budget`,
  );
}
console.log(
  `Startup CPU: best ${startupMs.toFixed(1)} ms of [${startups.map((ms) => ms.toFixed(1)).join(', ')}] (budget ${STARTUP_BUDGET_MS} ms)`,
);
if (startupMs > STARTUP_BUDGET_MS) {
  ok = false;
  console.error(
    `FAIL: startup used ${startupMs.toFixed(1)} ms of CPU, over the ${STARTUP_BUDGET_MS} ms budget`,
  );
}
process.exit(ok ? 0 : 1);
