#!/usr/bin/env node
// `npm run test:sqlmap`: an injection scan of a fresh local server with Debian's sqlmap. Starts
// Omloop on 127.0.0.1:8793 with its own empty state and the demo network, signs in, and runs
// sqlmap in batch mode (SQLite payloads, --level 3 --risk 2) against the query parameters of the
// main read routes, a path id, and JSON bodies sent with the session cookie and the Origin the
// CSRF check needs. Exits non-zero if sqlmap reports an injectable parameter, a run fails, or a
// payload gets a 5xx. Loopback only; logs in bench-results/sqlmap-<date>/. Not part of CI.
//
//   apt-get install -y sqlmap      (this script installs nothing)
//   npm run test:sqlmap [-- --only listings-search]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 8793;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'omloop-demo-2026';
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (spawnSync('sqlmap', ['--version'], { stdio: 'ignore' }).error) {
  console.error('sqlmap not found. Install it from Debian: apt-get install -y sqlmap');
  process.exit(2);
}
const sqlmapVersion = spawnSync('sqlmap', ['--version']).stdout.toString().trim().split('\n')[0];

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};
const persist = mkdtempSync(join(tmpdir(), 'omloop-sqlmap-'));
const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
const outDir = join('bench-results', `sqlmap-${stamp}`);
mkdirSync(outDir, { recursive: true });

const server = spawn(
  'node',
  [
    'scripts/start.mjs',
    '--no-ticker',
    ...(existsSync('web/build/index.html') ? ['--skip-build'] : []),
    '--port',
    String(PORT),
    '--persist-to',
    persist,
  ],
  { detached: true, stdio: ['ignore', 'ignore', 'inherit'], env },
);
let stopped = false;
function stop() {
  if (stopped) return;
  stopped = true;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

async function json(path, init = {}) {
  const res = await fetch(`${BASE}${path}`, init);
  return { res, body: await res.json() };
}

/** One sqlmap run; resolves with what its output says. */
function sqlmap(name, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      'sqlmap',
      [
        '--batch',
        '--dbms=SQLite',
        // Level 3 and risk 2 are where sqlmap's SQLite time-based and stacked tests start.
        '--level=3',
        '--risk=2',
        '--technique=BEUST',
        '--time-sec=2',
        '--threads=2',
        '--flush-session',
        '--disable-coloring',
        `--output-dir=${join(process.cwd(), outDir, 'sessions')}`,
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      writeFileSync(join(outDir, `${name}.log`), out);
      // Only a confirmed finding counts; a tentative one sqlmap then rejects is reported apart.
      const injectable = /identified the following injection point|is vulnerable/i.test(out);
      const rejected = (out.match(/false positive or unexploitable injection point detected/g) ?? []).length;
      // Clean: every parameter sqlmap tested ended as "does not seem to be injectable".
      const tested = new Set(
        [...out.matchAll(/testing for SQL injection on .*?parameter '([^']+)'/g)].map((m) => m[1]),
      );
      const cleared = new Set(
        [...out.matchAll(/parameter '([^']+)' does not seem to be injectable/g)].map((m) => m[1]),
      );
      const clean = !injectable && tested.size > 0 && [...tested].every((p) => cleared.has(p));
      const errors = /\[CRITICAL\][^\n]*/g.exec(out)?.[0] ?? null;
      const http = /HTTP error codes detected during run:\s*\n?([^\n]*)/i.exec(out)?.[1]?.trim() ?? null;
      const fiveHundreds = http
        ? [...http.matchAll(/5\d\d \([^)]*\) - (\d+) times/g)].reduce((n, m) => n + Number(m[1]), 0)
        : 0;
      const requests = Number(/(\d+) HTTP\(s\) requests/.exec(out)?.[1] ?? NaN);
      resolve({
        name,
        seconds: Math.round((Date.now() - started) / 1000),
        exitCode: code,
        injectable,
        clean,
        parameters: [...tested],
        tentativeRejected: rejected,
        fiveHundreds,
        httpErrors: http,
        critical: clean ? null : errors,
        requests: Number.isNaN(requests) ? null : requests,
      });
    });
  });
}

const results = [];
try {
  let up = false;
  for (let i = 0; i < 180 && !up; i++) {
    await sleep(1000);
    try {
      up = (await fetch(`${BASE}/api/v1/health`)).ok;
    } catch {
      // not listening yet
    }
  }
  if (!up) throw new Error('server did not start');

  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ email: 'an@broei.demo', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`sign-in failed: ${login.status}`);
  const auth = [`--cookie=${cookie}`, `--headers=Origin: ${BASE}\nAccept-Language: en`];
  const page = (await json('/api/v1/listings?limit=2&sort=newest')).body;
  const listingId = page.items[0].id;
  const cursor = page.nextCursor;
  // A request of the signed-in person's hub, so its matches are theirs to read.
  const created = await json('/api/v1/requests', {
    method: 'POST',
    headers: { cookie, origin: BASE, 'content-type': 'application/json' },
    body: JSON.stringify({
      hub: 'broei',
      title: 'Plywood for 40 stool seats',
      description: 'Seats of 300 × 200 mm',
      category: 'plywood',
      quantity: 40,
      unit: 'pieces',
      fetchRadiusKm: 60,
    }),
  });
  if (created.res.status !== 201) throw new Error(`request not created: ${JSON.stringify(created.body)}`);
  const requestId = created.body.id;

  const targets = [
    [
      'listings-search',
      [
        '-u',
        `${BASE}/api/v1/listings?q=birch&category=solid-wood&near=51.05,3.72&radius_km=25&sort=nearest`,
        '-p',
        'q,category,near,radius_km,sort',
      ],
    ],
    ['listings-cursor', ['-u', `${BASE}/api/v1/listings?sort=newest&cursor=${cursor}`, '-p', 'cursor']],
    [
      'requests-search',
      [
        '-u',
        `${BASE}/api/v1/requests?q=wood&category=solid-wood&near=51.05,3.72&radius_km=50&sort=nearest`,
        '-p',
        'q,category,near,radius_km,sort',
      ],
    ],
    ['listing-id', ['-u', `${BASE}/api/v1/listings/${listingId}*`]],
    ['request-matches-id', ['-u', `${BASE}/api/v1/requests/${requestId}*/matches`, ...auth]],
    [
      'exchanges-filters',
      ['-u', `${BASE}/api/v1/exchanges?role=incoming&state=claimed`, '-p', 'role,state', ...auth],
    ],
    [
      'flows-filters',
      [
        '-u',
        `${BASE}/api/v1/flows?category=solid-wood&from=2026-01-01&to=2026-12-31`,
        '-p',
        'category,from,to',
        ...auth,
      ],
    ],
    [
      'listing-create-json',
      [
        '-u',
        `${BASE}/api/v1/listings`,
        '--method=POST',
        `--data=${JSON.stringify({
          hub: 'broei',
          kind: 'offcut',
          title: 'Birch offcuts',
          description: 'Left over from a cabinet',
          category: 'birch-plywood',
          quantity: 3,
          unit: 'sheets',
          condition: 'good',
        })}`,
        '--headers=Content-Type: application/json\nOrigin: ' + BASE + '\nAccept-Language: en',
        `--cookie=${cookie}`,
      ],
    ],
    [
      'saved-search-json',
      [
        '-u',
        `${BASE}/api/v1/saved-searches`,
        '--method=POST',
        `--data=${JSON.stringify({ name: 'Birch near Ghent', query: { q: 'birch', category: 'birch-plywood' } })}`,
        '--headers=Content-Type: application/json\nOrigin: ' + BASE + '\nAccept-Language: en',
        `--cookie=${cookie}`,
      ],
    ],
  ];
  for (const [name, args] of targets) {
    if (only && name !== only) continue;
    // The unchanged request must succeed, or sqlmap would only be testing a refusal.
    const url = args[args.indexOf('-u') + 1].replace('*', '');
    const data = args.find((a) => a.startsWith('--data='))?.slice(7);
    const base = await fetch(url, {
      method: data ? 'POST' : 'GET',
      headers: { cookie, origin: BASE, 'content-type': 'application/json' },
      ...(data ? { body: data } : {}),
    });
    if (!base.ok) throw new Error(`${name}: the unchanged request got ${base.status}: ${await base.text()}`);
    console.log(`sqlmap: ${name} …`);
    const r = await sqlmap(name, args);
    console.log(
      `  ${r.injectable ? 'INJECTABLE' : r.clean ? 'not injectable' : 'no verdict'}; ${r.seconds} s; 5xx: ${r.fiveHundreds}${r.critical ? `; ${r.critical}` : ''}`,
    );
    results.push(r);
  }
} finally {
  stop();
  await sleep(1500);
  rmSync(persist, { recursive: true, force: true });
}

const failed = results.filter((r) => r.injectable || !r.clean || r.fiveHundreds > 0);
const report = { date: new Date().toISOString(), sqlmap: sqlmapVersion, base: BASE, results };
writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
console.table(
  results.map(({ name, injectable, clean, fiveHundreds, seconds, httpErrors }) => ({
    name,
    injectable,
    verdict: clean,
    '5xx': fiveHundreds,
    seconds,
    httpErrors,
  })),
);
console.log(`logs: ${outDir}`);
if (failed.length > 0) {
  console.error(`sqlmap: ${failed.length} run(s) failed: ${failed.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
console.log('sqlmap: no injectable parameter found');
