/**
 * `npm run bench`: seeds a local D1 state with many listings and requests, starts the app on
 * loopback, loads each main read route from a second process side by side with the bare health
 * route, reads the workerd process's CPU time from /proc, measures first-load JS (gzip) of the web
 * build, prints a table and writes bench-results/<date>.json. Never run in `npm test`.
 *
 *   node test/bench/run.mjs [--listings 100000] [--requests 10000] [--hubs 50] [--seconds 5] [--concurrency 16]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { d1, ENV, PERSIST, run, seed as seedState } from './seed.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const LISTINGS = Number(opt('--listings', '100000'));
const REQUESTS = Number(opt('--requests', '10000'));
const HUBS = Number(opt('--hubs', '50'));
const SECONDS = opt('--seconds', '5');
const CONCURRENCY = opt('--concurrency', '16');
const PORT = 8790;
const BASE = `http://127.0.0.1:${PORT}`;

// ---------- seed (test/bench/seed.mjs) ----------
const seed = () => seedState({ persist: PERSIST, listings: LISTINGS, requests: REQUESTS, hubs: HUBS });

// ---------- server ----------
async function startServer() {
  if (!existsSync('web/build/index.html')) run('npm', ['run', 'build']);
  const child = spawn(
    'node',
    ['scripts/start.mjs', '--skip-build', '--port', String(PORT), '--persist-to', PERSIST],
    {
      detached: true,
      stdio: 'ignore',
      env: ENV,
    },
  );
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return child;
    } catch {
      // not listening yet
    }
  }
  process.kill(-child.pid, 'SIGTERM');
  throw new Error('server did not start');
}

/** The workerd process in the server's process group (the one serving requests). */
function workerdPid(pgid) {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,comm=']).toString();
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  const w = rows.find(([, g, c]) => Number(g) === pgid && c.startsWith('workerd'));
  return w ? Number(w[0]) : null;
}
function cpuTicks(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]); // utime + stime, in clock ticks
}
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function load(url, cookie = '') {
  const out = execFileSync('node', [
    'test/bench/load-worker.mjs',
    url,
    CONCURRENCY,
    SECONDS,
    cookie,
  ]).toString();
  return JSON.parse(out.trim().split('\n').pop());
}

/** Once more after a failure: wrangler dev may close an idle keep-alive socket as undici reuses it. */
async function retry(f) {
  try {
    return await f();
  } catch {
    await new Promise((r) => setTimeout(r, 200));
    return f();
  }
}

async function login(email, password) {
  const res = await retry(() =>
    fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BASE },
      body: JSON.stringify({ email, password }),
    }),
  );
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

// ---------- web ----------
function firstLoadJs() {
  const dir = 'web/build';
  if (!existsSync(join(dir, 'index.html'))) return null;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:href|src)="([^"]+\.js)"|import\("([^"]+\.js)"\)/g)].map(
    (m) => m[1] ?? m[2],
  );
  const seen = new Set();
  const visit = (rel) => {
    const file = join(dir, rel.replace(/^\.?\//, ''));
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    const base = file.slice(0, file.lastIndexOf('/'));
    for (const m of src.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      visit(join(base, m[1]).slice(dir.length + 1));
    }
  };
  entries.forEach(visit);
  let raw = 0;
  let gz = 0;
  for (const f of seen) {
    const b = readFileSync(f);
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { files: seen.size, rawBytes: raw, gzipBytes: gz };
}

// ---------- main ----------
const started = new Date();
console.log(`seeding ${LISTINGS} listings, ${REQUESTS} requests, ${HUBS} hubs into ${PERSIST} …`);
const seedSeconds = seed();
const counts = d1(
  'SELECT (SELECT count(*) FROM listings) AS listings, (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM hubs) AS hubs, (SELECT count(*) FROM exchanges) AS exchanges, (SELECT count(*) FROM flows) AS flows',
).results[0];
const someListing =
  d1("SELECT id FROM listings WHERE hub_id = (SELECT id FROM hubs WHERE slug = 'broei') LIMIT 1").results[0]
    ?.id ?? 1;
const someRequest = d1(
  "SELECT r.id FROM requests r JOIN memberships m ON m.hub_id = r.hub_id JOIN users u ON u.id = m.user_id WHERE u.email = 'an@broei.demo' LIMIT 1",
).results[0]?.id;
const server = await startServer();
const results = [];
try {
  const pid = workerdPid(server.pid);
  const cookie = await login('an@broei.demo', 'omloop-demo-2026');
  const coord = await login('eva@omloop-network.demo', 'omloop-demo-2026');
  const routes = [
    ['bare: GET /api/v1/health', '/api/v1/health', ''],
    ['search by text', '/api/v1/listings?q=birch', ''],
    ['search by distance', '/api/v1/listings?near=51.05,3.72&radius_km=25&sort=nearest', ''],
    ['search by category', '/api/v1/listings?category=solid-wood', ''],
    ['listing page', `/api/v1/listings/${someListing}`, ''],
    ...(someRequest ? [['request matches', `/api/v1/requests/${someRequest}/matches`, cookie]] : []),
    ['network dashboard', '/api/v1/networks/flanders-brussels-makers/impact', coord],
  ];
  for (const [name, path, c] of routes) {
    const probe = await retry(() => fetch(`${BASE}${path}`, { headers: c ? { cookie: c } : {} }));
    const body = await probe.text();
    let returned = null;
    try {
      const j = JSON.parse(body);
      returned = Array.isArray(j.items) ? j.items.length : Array.isArray(j) ? j.length : 1;
    } catch {
      // not JSON: rows returned unknown
    }
    const before = pid ? cpuTicks(pid) : null;
    const r = load(`${BASE}${path}`, c);
    const after = pid ? cpuTicks(pid) : null;
    const cpuMsPerRequest =
      before !== null ? Number(((((after - before) / TICKS) * 1000) / r.requests).toFixed(3)) : null;
    results.push({ name, path, status: probe.status, rowsReturned: returned, ...r, cpuMsPerRequest });
  }
} finally {
  process.kill(-server.pid, 'SIGTERM');
}
const bare = results[0];
for (const r of results) r.ratioToBare = Number((r.rps / bare.rps).toFixed(2));
const web = firstLoadJs();
const report = {
  date: started.toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  seeded: { ...counts, seedSeconds },
  load: { concurrency: Number(CONCURRENCY), seconds: Number(SECONDS) },
  routes: results,
  web: { firstLoadJsEntry: web },
  notMeasured: [
    'D1 rows_read per route',
    'query plans per route',
    'Lighthouse',
    'exchanges/flows at scale (not seeded)',
  ],
};
console.table(
  results.map(
    ({ name, status, rowsReturned, requests, rps, p50, p95, p99, cpuMsPerRequest, ratioToBare, failed }) => ({
      name,
      status,
      rowsReturned,
      requests,
      failed,
      rps,
      p50,
      p95,
      p99,
      cpuMsPerRequest,
      ratioToBare,
    }),
  ),
);
console.log('web first-load JS (entry, gzip):', web);
console.log('seeded:', report.seeded);
const out = `bench-results/${started.toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`written ${out}`);
