/**
 * `npm run bench:matching`: matching at scale on a local D1 seeded like `npm run bench` (seed.mjs).
 *
 * 1. Incremental matching of one new listing and one new request: the app's own matching service
 *    (src/modules/matching, transpiled with the project's TypeScript) runs against the seeded state
 *    through wrangler's getPlatformProxy, and every statement it sends is recorded with D1's
 *    meta.rows_read and the rows it returned. The candidate statements are run again, literals
 *    inlined, through `wrangler d1 execute --json --command` (their row counts must agree), and every
 *    matching statement gets an EXPLAIN QUERY PLAN the same way; a SCAN of listings, requests or
 *    matches without an index is flagged.
 * 2. The scheduled pass: `wrangler dev --test-scheduled` on 127.0.0.1:8791, the scheduled handler
 *    triggered and timed a few times (see TRIGGER); each run's `matching.rebuild` result (requests covered, matches, cursor) comes
 *    from the Worker's log, the cursor and match counts from `wrangler d1 execute`, and the workerd
 *    process's CPU time from /proc.
 *
 * Prints tables and writes bench-results/matching-<date>.json. Never run in `npm test`.
 *
 *   node test/bench/matching.mjs [--listings 100000] [--requests 10000] [--hubs 50] [--runs 3]
 *     [--step-timeout 300] [--pass-timeout 900] [--skip-seed]
 */
import { Buffer } from 'node:buffer';
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpGet } from 'node:http';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { getPlatformProxy } from 'wrangler';
import { d1 as d1At, ENV, run, seed } from './seed.mjs';

// Its own state, so `npm run bench` (which seeds /tmp/omloop-bench) can run at another time without
// the two runs sharing a database.
const PERSIST = '/tmp/omloop-bench-matching';
const d1 = (sql) => d1At(sql, PERSIST);

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const LISTINGS = Number(opt('--listings', '100000'));
const REQUESTS = Number(opt('--requests', '10000'));
const HUBS = Number(opt('--hubs', '50'));
const RUNS = Number(opt('--runs', '3'));
// A step of the incremental part, and a scheduled pass, is abandoned after this long (the pass: after
// the 15 minutes a cron invocation may run, by default); the report then says it did not finish.
const STEP_TIMEOUT = Number(opt('--step-timeout', '300'));
const PASS_TIMEOUT = Number(opt('--pass-timeout', '900'));
const PORT = 8791;
const BASE = `http://127.0.0.1:${PORT}`;
const CRON = '*/15 * * * *';
const DEV_LOG = '/tmp/omloop-bench-matching-dev.log';
// wrangler.toml sends everything but /api/* to the assets first (run_worker_first), and with SPA
// not_found_handling the asset worker answers GET /__scheduled with index.html, so --test-scheduled never
// reaches the Worker (and /cdn-cgi/handler/scheduled answers "exception" at once). The bench server
// therefore runs on a copy of wrangler.toml with absolute paths and run_worker_first = true: the same
// Worker, D1 binding and database_id, so the same state.
const TRIGGER = '/__scheduled';
const DEV_CONFIG = '/tmp/omloop-bench-matching.wrangler.toml';
function writeDevConfig() {
  let toml = readFileSync('wrangler.toml', 'utf8');
  const edits = [
    [/^main = "([^"]+)"/m, (_, p) => `main = "${resolve(p)}"`],
    [/^directory = "([^"]+)"/m, (_, p) => `directory = "${resolve(p)}"`],
    [/^migrations_dir = "([^"]+)"/m, (_, p) => `migrations_dir = "${resolve(p)}"`],
    [/^run_worker_first = .*$/m, () => 'run_worker_first = true'],
  ];
  for (const [re, f] of edits) {
    if (!re.test(toml)) throw new Error(`wrangler.toml: ${re} not found`);
    toml = toml.replace(re, f);
  }
  writeFileSync(DEV_CONFIG, toml);
}
// What a scheduled invocation is compared with (see the README's "Matching at scale").
const LIMITS = {
  cronWallSeconds: 15 * 60,
  cpuSecondsDefault: 30,
  cpuSecondsMaxConfigurable: 300,
};

// ---------- the app's own matching code, transpiled ----------
const OUT = resolve('node_modules/.cache/omloop-bench-ts');

/** Transpiles a TypeScript module and the relative modules it imports at run time; returns its URL. */
function transpile(file, seen = new Set()) {
  const src = resolve(file);
  const out = join(OUT, relative(resolve('src'), src)).replace(/\.ts$/, '.js');
  if (seen.has(src)) return out;
  seen.add(src);
  const js = ts.transpileModule(readFileSync(src, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const fixed = js.replace(/(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (_, lead, q, spec) => {
    const target = resolve(dirname(src), `${spec}.ts`);
    transpile(target, seen);
    return `${lead}${q}${spec}.js${q}`;
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, fixed);
  return out;
}
const load = async (file) => import(pathToFileURL(transpile(file)).href);

// ---------- D1 through getPlatformProxy, every statement recorded ----------
/** Wraps a D1 binding so that each executed statement is logged with its parameters and meta. */
function recording(db, log) {
  const note = (s, r) =>
    log.push({
      sql: s.sql,
      params: s.params,
      rowsRead: r.meta?.rows_read ?? null,
      rowsWritten: r.meta?.rows_written ?? null,
      returned: Array.isArray(r.results) ? r.results.length : null,
    });
  const wrap = (inner, sql, params) => {
    const s = {
      inner,
      sql,
      params,
      bind: (...p) => wrap(inner.bind(...p), sql, p),
      all: async () => {
        log.inflight = sql;
        const r = await inner.all();
        note(s, r);
        return r;
      },
      run: async () => {
        log.inflight = sql;
        const r = await inner.run();
        note(s, r);
        return r;
      },
      first: async (col) => {
        log.inflight = sql;
        const r = await inner.all();
        note(s, r);
        const row = r.results[0] ?? null;
        return col === undefined ? row : (row?.[col] ?? null);
      },
      raw: async () => {
        const r = await inner.all();
        note(s, r);
        return r.results.map((row) => Object.values(row));
      },
    };
    return s;
  };
  return {
    prepare: (sql) => wrap(db.prepare(sql), sql, []),
    batch: async (stmts) => {
      log.inflight = stmts.map((x) => x.sql).join('\n;\n');
      const rs = await db.batch(stmts.map((s) => s.inner));
      rs.forEach((r, i) => note(stmts[i], r));
      return rs;
    },
  };
}

/** A database that records statements without running them (for writes only explained). */
function dry(log) {
  const wrap = (sql, params) => {
    const s = {
      sql,
      params,
      bind: (...p) => wrap(sql, p),
      all: async () => (log.push({ sql, params }), { results: [], meta: {} }),
      run: async () => (log.push({ sql, params }), { results: [], meta: { changes: 0 } }),
      first: async () => (log.push({ sql, params }), null),
    };
    return s;
  };
  return { prepare: (sql) => wrap(sql, []) };
}

/** A SQL literal for a value this script generated or read back itself (numbers, strings, null). */
function literal(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  throw new Error(`cannot inline ${typeof v}`);
}
/** The statement with ?N replaced by literals (wrangler's --command takes no parameters). */
const inline = (sql, params) =>
  sql.replace(/\?(\d+)/g, (_, n) => {
    if (Number(n) > params.length) throw new Error(`?${n} unbound in ${sql.slice(0, 60)}`);
    return literal(params[Number(n) - 1]);
  });
/** For EXPLAIN only: a long JSON array parameter is cut to its first three items (the plan is the same). */
const shorten = (params) =>
  params.map((p) => {
    if (typeof p !== 'string' || p.length <= 4000) return p;
    try {
      const v = JSON.parse(p);
      if (Array.isArray(v)) return JSON.stringify(v.slice(0, 3));
      return JSON.stringify(Object.fromEntries(Object.entries(v).slice(0, 3)));
    } catch {
      return p.slice(0, 4000);
    }
  });

const oneLine = (sql) => sql.replace(/\s+/g, ' ').trim();
const TIMED_OUT = Symbol('timed out');
function withTimeout(promise, seconds) {
  let timer;
  return Promise.race([
    promise,
    new Promise((ok) => (timer = setTimeout(() => ok(TIMED_OUT), seconds * 1000))),
  ]).finally(() => clearTimeout(timer));
}
/** Flagged: a full scan of a big table (json_each is the small parameter list). */
const BAD_SCAN = /SCAN (l|r|m|listings|requests|matches)\b(?! USING)/;
/** Also flagged: an index used on status/state alone, which on these tables reads (nearly) all of them. */
const BROAD = /SEARCH (l|r|m|listings|requests|matches) USING INDEX \w+ \((status|state)=\?\)$/;

// ---------- the scheduled pass against wrangler dev ----------
async function startDev(onStarted) {
  // wrangler refuses to start without the assets; build them when web/build is empty.
  if (!existsSync('web/build') || readdirSync('web/build').length === 0) run('npm', ['run', 'build']);
  writeDevConfig();
  const log = openSync(DEV_LOG, 'w');
  const child = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '-c',
      DEV_CONFIG,
      '--ip',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--persist-to',
      PERSIST,
      '--test-scheduled',
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...ENV, CI: 'true' } },
  );
  closeSync(log);
  onStarted(child);
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return child;
    } catch {
      // not listening yet
    }
  }
  stop(child);
  throw new Error(`wrangler dev did not start (see ${DEV_LOG})`);
}
function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** workerd processes in the dev server's process group, and their CPU time (utime + stime) in seconds. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
function workerdCpuSeconds(pgid) {
  const rows = execFileSync('ps', ['-eo', 'pid=,pgid=,comm='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  let ticks = 0;
  for (const [pid, g, c] of rows) {
    if (Number(g) !== pgid || !c.startsWith('workerd')) continue;
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks / TICKS;
}

/** GET without a client timeout (a pass may take minutes); resolves with status, body and seconds. */
function timedGet(url) {
  return new Promise((ok, fail) => {
    const t = process.hrtime.bigint();
    const req = httpGet(url, { timeout: 0, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        ok({ status: res.statusCode, body, seconds: Number(process.hrtime.bigint() - t) / 1e9 }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

/** The `{"scheduled": [...]}` lines the Worker logged so far. */
function scheduledLogs() {
  if (!existsSync(DEV_LOG)) return [];
  return readFileSync(DEV_LOG, 'utf8')
    .split('\n')
    .map((l) => l.slice(l.indexOf('{"scheduled"')))
    .filter((l) => l.startsWith('{"scheduled"'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l).scheduled];
      } catch {
        return [];
      }
    });
}

const state = () =>
  d1(
    `SELECT (SELECT last_id FROM matching_cursor WHERE name = 'rebuild') AS cursor,
       (SELECT count(*) FROM matches) AS matches, (SELECT count(*) FROM matches WHERE state = 'open') AS open,
       (SELECT count(*) FROM requests WHERE status = 'open' AND hidden_at IS NULL) AS openRequests`,
  ).results[0];

// ---------- main ----------
const started = new Date();
let seedSeconds = null;
if (args.includes('--skip-seed') && existsSync(PERSIST)) {
  console.log(`reusing ${PERSIST}`);
} else {
  console.log(`seeding ${LISTINGS} listings, ${REQUESTS} requests, ${HUBS} hubs into ${PERSIST} …`);
  seedSeconds = seed({ persist: PERSIST, listings: LISTINGS, requests: REQUESTS, hubs: HUBS });
}
const counts = d1(
  'SELECT (SELECT count(*) FROM listings) AS listings, (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM hubs) AS hubs, (SELECT count(*) FROM matches) AS matches',
).results[0];

// A new listing and a new request as a maker would post them: wood, in the middle of the bench hubs.
const now = new Date().toISOString();
const author = d1("SELECT id FROM users WHERE email = 'bench@bench.invalid'").results[0].id;
const hubOf = (slug) => d1(`SELECT id FROM hubs WHERE slug = ${literal(slug)}`).results[0].id;
const listingHub = hubOf(`bench-hub-${Math.ceil(HUBS / 2)}`);
const requestHub = hubOf(`bench-hub-${Math.min(HUBS, Math.ceil(HUBS / 2) + 1)}`);
const newListing = d1(
  `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit, length_mm, width_mm, thickness_mm, condition, price_type, created_at, updated_at)
   VALUES (${literal(listingHub)}, ${literal(author)}, 'offcut', 'Birch plywood offcuts 18 mm', 'Bench: new listing', 'birch-plywood', 12000, 'sheets', 1220, 610, 18, 'good', 'free', ${literal(now)}, ${literal(now)}) RETURNING id`,
).results[0].id;
const newRequest = d1(
  `INSERT INTO requests (hub_id, author_id, title, description, category, quantity_milli, unit, fetch_radius_km, created_at, updated_at)
   VALUES (${literal(requestHub)}, ${literal(author)}, 'Birch plywood wanted', 'Bench: new request', 'birch-plywood', 20000, 'sheets', 50, ${literal(now)}, ${literal(now)}) RETURNING id`,
).results[0].id;

console.log('loading the matching service (TypeScript → node_modules/.cache/omloop-bench-ts) …');
rmSync(OUT, { recursive: true, force: true });
const service = await load('src/modules/matching/matching.service.ts');
const repo = await load('src/modules/matching/matching.repo.ts');
const listingsSql = await load('src/modules/listings/listings.candidates.ts');
const requestsSql = await load('src/modules/requests/requests.candidates.ts');
const savedSearches = await load('src/modules/saved-searches/saved-searches.repo.ts');
const taxonomy = await load('src/shared/taxonomy.ts');
const search = await load('src/modules/search/search.domain.ts');
const hubsRepo = await load('src/modules/hubs/hubs.repo.ts');

const log = [];
const steps = [];
const proxy = await getPlatformProxy({ persist: { path: join(PERSIST, 'v3') } });
try {
  const db = recording(proxy.env.DB, log);
  const deps = { db, now: () => new Date(), baseUrl: BASE };
  let stuck = null;
  const step = async (name, f) => {
    if (stuck)
      return steps.push({ name, skipped: `after "${stuck}" timed out`, from: log.length, to: log.length });
    const from = log.length;
    const t = performance.now();
    const result = await withTimeout(f(), STEP_TIMEOUT);
    if (result === TIMED_OUT) stuck = name;
    steps.push({
      name,
      ms: Math.round(performance.now() - t),
      timedOut: result === TIMED_OUT || undefined,
      runningWhenAbandoned: result === TIMED_OUT ? oneLine(log.inflight ?? '').slice(0, 300) : undefined,
      result: result === TIMED_OUT ? undefined : result,
      from,
      to: log.length,
    });
  };
  // The candidate reads alone first, with the parameters the service computes (distancesFrom, categoryFamily).
  const hubs = (await proxy.env.DB.prepare('SELECT id, lat, lon FROM hubs').all()).results;
  const within = (originId, km) => {
    const o = hubs.find((h) => h.id === originId);
    return new Map(hubs.map((h) => [h.id, search.distanceMetres(o, h)]).filter(([, m]) => m <= km * 1000));
  };
  const family = taxonomy.categoryFamily('birch-plywood');
  await step(
    'candidate requests of the new listing',
    async () =>
      (
        await requestsSql.candidateRequests(db, {
          family,
          hubDistances: within(listingHub, service.MAX_FETCH_RADIUS_KM),
          excludeHubId: listingHub,
        })
      ).length,
  );
  await step(
    'candidate listings of the new request',
    async () =>
      (
        await listingsSql.candidateListings(db, {
          family,
          hubDistances: within(requestHub, 50),
          today: now.slice(0, 10),
          excludeHubId: requestHub,
        })
      ).length,
  );
  await step('new listing: refreshListingMatches', () => service.refreshListingMatches(deps, newListing));
  await step('new request: refreshRequestMatches', () => service.refreshRequestMatches(deps, newRequest));
  await step('request match list: openMatchesOfRequest', () => repo.openMatchesOfRequest(db, newRequest));
  await step('listing match list: openMatchesOfListing', () => repo.openMatchesOfListing(db, newListing));
  await step('listingsByIds (match list)', async () => {
    const rows = await proxy.env.DB.prepare(
      "SELECT listing_id FROM matches WHERE request_id = ?1 AND state = 'open' ORDER BY score DESC, id",
    )
      .bind(newRequest)
      .all();
    return (
      await listingsSql.listingsByIds(
        db,
        rows.results.map((r) => r.listing_id),
      )
    ).size;
  });
  await step('requestsByIds (match list)', async () => {
    const rows = await proxy.env.DB.prepare(
      "SELECT request_id FROM matches WHERE listing_id = ?1 AND state = 'open' ORDER BY score DESC, id",
    )
      .bind(newListing)
      .all();
    return (
      await requestsSql.requestsByIds(
        db,
        rows.results.map((r) => r.request_id),
      )
    ).size;
  });
  await step('findMatch', async () => {
    const first = await proxy.env.DB.prepare('SELECT id FROM matches ORDER BY id LIMIT 1').first();
    return repo.findMatch(db, first?.id ?? 1);
  });
  await step('saved searches of the family', () =>
    db.prepare(savedSearches.SEARCHES_FOR_FAMILY_SQL).bind('wood').all(),
  );
  await step('scheduled: readCursor', () => repo.readCursor(db, 'rebuild'));
  await step('scheduled: openRequestIdsAfter', () =>
    requestsSql.openRequestIdsAfter(db, 0, service.REBUILD_BATCH),
  );
  // The expiry window of a pass run a day after the previous one.
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await step('scheduled: expireMatches', () =>
    repo.expireMatches(db, yesterday, now.slice(0, 10), new Date().toISOString()),
  );
} finally {
  // A statement still running keeps workerd busy; dispose stops it (its transaction never commits).
  await withTimeout(proxy.dispose(), 30);
}
// Every other matching statement, recorded with realistic parameters but not run, is explained too
// (writes that would change the state, and whatever a step left unrun when it timed out).
const dryLog = [];
const ddb = dry(dryLog);
const sample = [
  { listingId: newListing, requestId: newRequest, score: 80, reasons: [], partsFit: null, distanceM: 20000 },
];
await listingsSql.findListingForMatching(ddb, newListing);
await requestsSql.findRequestForMatching(ddb, newRequest);
await hubsRepo.hubRefsByIds(ddb, [1]);
await hubsRepo.hubPointsInCells(ddb, [[5641830, 5641840]]);
await repo.upsertMatches(ddb, sample, now, now.slice(0, 10)).run();
await repo.staleListingMatches(ddb, newListing, [newRequest], now).run();
await repo.staleRequestMatches(ddb, newRequest, [newListing], now).run();
await repo.openMatchesOfListing(ddb, newListing);
await repo.openMatchesOfRequest(ddb, newRequest);
await listingsSql.listingsByIds(ddb, [newListing]);
await requestsSql.requestsByIds(ddb, [newRequest]);
await repo.findMatch(ddb, 1);
await repo.dismissMatch(ddb, 1, author, now);
await repo.expireMatches(ddb, '', now.slice(0, 10), now);
await repo.readCursor(ddb, 'rebuild');
await requestsSql.openRequestIdsAfter(ddb, 0, service.REBUILD_BATCH);
await repo.writeCursor(ddb, 'rebuild', 0, now);
await repo.queueImportStatement(ddb, 1, now).run();
await repo.queuedListingIds(ddb, service.QUEUE_BATCH);
await repo.queuedListingIds(ddb, service.QUEUE_BATCH, 1);
await repo.unqueue(ddb, [newListing]);

// One row per distinct statement: the first time it ran, its plan, and for candidates the wrangler check.
const distinct = new Map();
for (const [i, e] of [...log, ...dryLog].entries()) {
  const key = oneLine(e.sql);
  if (!distinct.has(key)) distinct.set(key, { ...e, index: i, runs: [] });
  if (e.rowsRead !== undefined) distinct.get(key).runs.push(e);
}
const NAMES = [
  [listingsSql.CANDIDATE_LISTINGS_SQL, 'candidate listings (CANDIDATE_LISTINGS_SQL)'],
  [requestsSql.CANDIDATE_REQUESTS_SQL, 'candidate requests (CANDIDATE_REQUESTS_SQL)'],
  [savedSearches.SEARCHES_FOR_FAMILY_SQL, 'saved searches of a family (SEARCHES_FOR_FAMILY_SQL)'],
];
const nameOf = (sql) => {
  const known = NAMES.find(([s]) => oneLine(s) === oneLine(sql));
  if (known) return known[1];
  const s = oneLine(sql);
  if (/FROM listings l WHERE l\.id = \?1/.test(s)) return 'listing for matching (by id)';
  if (/FROM requests r WHERE r\.id = \?1/.test(s)) return 'request for matching (by id)';
  if (/FROM listings l WHERE l\.id IN/.test(s)) return 'listingsByIds';
  if (/FROM requests r WHERE r\.id IN/.test(s)) return 'requestsByIds';
  if (/FROM hubs WHERE id IN/.test(s)) return 'hubRefsByIds (the origin hub)';
  if (/JOIN hubs h ON h\.cell BETWEEN/.test(s))
    return 'hubPointsInCells (the hubs of a radius, migration 0037)';
  if (s.startsWith('INSERT INTO matches')) return 'upsertMatches';
  if (/UPDATE matches SET state = 'stale'.*WHERE listing_id/.test(s)) return 'staleListingMatches';
  if (/UPDATE matches SET state = 'stale'.*WHERE request_id/.test(s)) return 'staleRequestMatches';
  if (/UPDATE matches SET state = 'stale'.*WHERE state = 'open'/.test(s)) return 'expireMatches';
  if (/FROM matches WHERE request_id = \?1 AND state = 'open'/.test(s)) return 'openMatchesOfRequest';
  if (/FROM matches WHERE listing_id = \?1 AND state = 'open'/.test(s)) return 'openMatchesOfListing';
  if (/FROM matches WHERE id = \?1/.test(s)) return 'findMatch';
  if (s.startsWith("UPDATE matches SET state = 'dismissed'")) return 'dismissMatch';
  if (/FROM matching_cursor/.test(s)) return 'readCursor';
  if (s.startsWith('INSERT INTO matching_cursor')) return 'writeCursor';
  if (/FROM requests WHERE status = 'open'/.test(s)) return 'openRequestIdsAfter';
  if (s.startsWith('INSERT OR IGNORE INTO matching_queue')) return 'queueImportStatement';
  if (/FROM matching_queue ORDER BY/.test(s)) return 'queuedListingIds';
  if (/CROSS JOIN matching_queue/.test(s)) return 'queuedListingIds (one import)';
  if (s.startsWith('DELETE FROM matching_queue')) return 'unqueue';
  return s.slice(0, 60);
};

console.log(`EXPLAIN QUERY PLAN of ${distinct.size} statements through wrangler d1 execute …`);
const queries = [];
for (const e of distinct.values()) {
  const name = nameOf(e.sql);
  let plan;
  try {
    plan = d1(`EXPLAIN QUERY PLAN ${inline(e.sql, shorten(e.params))}`).results.map((r) => r.detail);
  } catch (err) {
    plan = [`EXPLAIN failed: ${String(err).slice(0, 200)}`];
  }
  const paramBytes = e.params.reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : 8), 0);
  queries.push({
    name,
    sql: oneLine(e.sql),
    executions: e.runs.length,
    rowsRead: e.runs.map((r) => r.rowsRead),
    rowsReturned: e.runs.map((r) => r.returned),
    rowsWritten: e.runs.map((r) => r.rowsWritten),
    largestParamBytes: Math.max(
      0,
      ...e.params.map((p) => (typeof p === 'string' ? Buffer.byteLength(p) : 8)),
    ),
    paramBytes,
    plan,
    fullScan: plan.some((d) => BAD_SCAN.test(d)),
    statusOnlyIndex: plan.some((d) => BROAD.test(d)),
  });
}

// The candidate statements once more through wrangler, literals inlined: the same rows must come back.
const candidates = [];
for (const [sql, label, forWhat] of [
  [requestsSql.CANDIDATE_REQUESTS_SQL, 'candidate requests', `new listing ${newListing}`],
  [listingsSql.CANDIDATE_LISTINGS_SQL, 'candidate listings', `new request ${newRequest}`],
]) {
  const e = log.find((x) => oneLine(x.sql) === oneLine(sql));
  if (!e) {
    candidates.push({ query: label, for: forWhat, error: 'not executed (no hub within reach?)' });
    continue;
  }
  const viaWrangler = d1(inline(sql, e.params)).results.length;
  const hubsInParam = Object.keys(JSON.parse(e.params[0])).length;
  candidates.push({
    query: label,
    for: forWhat,
    hubsInReachParam: hubsInParam,
    family: e.params[1],
    rowsRead: e.rowsRead,
    candidateSet: e.returned,
    candidateSetViaWrangler: viaWrangler,
    readsPerCandidate: e.returned ? Number((e.rowsRead / e.returned).toFixed(2)) : null,
    // D1 also counts the hub list's rows and at most one index entry past the end of each hub's range.
    listOverhead: 2 * hubsInParam,
    readsNoMoreThanCandidates: e.rowsRead <= e.returned + 2 * hubsInParam,
  });
}
const upsert = log.filter((x) => oneLine(x.sql).startsWith('INSERT INTO matches'));

// ---------- scheduled passes ----------
console.log(`starting wrangler dev on ${BASE} --test-scheduled …`);
const passes = [];
let server = null;
const cleanup = () => server && stop(server);
process.on('SIGINT', () => (cleanup(), process.exit(130)));
process.on('SIGTERM', () => (cleanup(), process.exit(143)));
await startDev((child) => (server = child));
try {
  const url = `${BASE}${TRIGGER}?cron=${encodeURIComponent(CRON)}`;
  for (let i = 1; i <= RUNS; i++) {
    const before = state();
    const logged = scheduledLogs().length;
    const cpu0 = workerdCpuSeconds(server.pid);
    const t = performance.now();
    const res = await timedGet(url);
    if (res.status !== 200 || /<html/i.test(res.body)) {
      console.error(res.body.slice(0, 300));
      throw new Error(`${TRIGGER} did not reach the Worker: ${res.status} ${res.body.slice(0, 80)}`);
    }
    // The handler hands the jobs to ctx.waitUntil and returns: the pass ends when the jobs log their results.
    let jobs = null;
    while (!jobs && performance.now() - t < PASS_TIMEOUT * 1000) {
      const all = scheduledLogs();
      if (all.length > logged) jobs = all.at(-1);
      else await new Promise((r) => setTimeout(r, 250));
    }
    if (!jobs) {
      let after = {};
      try {
        after = state();
      } catch (err) {
        after = { error: String(err).slice(0, 200) };
      }
      passes.push({
        run: i,
        timedOut: true,
        httpStatus: res.status,
        httpSeconds: Number(res.seconds.toFixed(2)),
        secondsUntilJobsLogged: `> ${PASS_TIMEOUT}`,
        workerdCpuSeconds: Number((workerdCpuSeconds(server.pid) - cpu0).toFixed(2)),
        cursorBefore: before.cursor,
        cursorAfter: after.cursor,
        matchesBefore: before.matches,
        matchesAfter: after.matches,
        openRequests: after.openRequests,
        stateError: after.error,
      });
      console.log(`pass ${i}: not finished after ${PASS_TIMEOUT} s; no further passes`);
      break;
    }
    const untilLogged = (performance.now() - t) / 1000;
    const cpu = workerdCpuSeconds(server.pid) - cpu0;
    const after = state();
    const matching = jobs?.find((j) => j.name === 'matching.rebuild');
    passes.push({
      run: i,
      httpStatus: res.status,
      httpSeconds: Number(res.seconds.toFixed(2)),
      secondsUntilJobsLogged: Number(untilLogged.toFixed(2)),
      workerdCpuSeconds: Number(cpu.toFixed(2)),
      matching: matching ?? null,
      otherJobs: (jobs ?? [])
        .filter((j) => j.name !== 'matching.rebuild')
        .map((j) => ({ name: j.name, ok: j.ok })),
      cursorBefore: before.cursor,
      cursorAfter: after.cursor,
      matchesBefore: before.matches,
      matchesAfter: after.matches,
      openMatchesAfter: after.open,
      openRequests: after.openRequests,
    });
    console.log(`pass ${i}: ${untilLogged.toFixed(1)} s, ${JSON.stringify(matching?.result ?? matching)}`);
  }
} finally {
  cleanup();
}

// ---------- report ----------
const batch = service.REBUILD_BATCH;
const openRequests = passes.at(-1)?.openRequests ?? null;
const worstWall = passes.some((p) => p.timedOut)
  ? `> ${PASS_TIMEOUT}`
  : Math.max(...passes.map((p) => p.secondsUntilJobsLogged));
const worstCpu = Math.max(...passes.map((p) => p.workerdCpuSeconds));
const report = {
  date: started.toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  seeded: { ...counts, seedSeconds },
  newListing: { id: newListing, hubId: listingHub, category: 'birch-plywood' },
  newRequest: { id: newRequest, hubId: requestHub, category: 'birch-plywood', fetchRadiusKm: 50 },
  incremental: steps.map(({ name, ms, result, from, to, timedOut, skipped, runningWhenAbandoned }) => ({
    name,
    ms,
    timedOut,
    runningWhenAbandoned,
    skipped,
    result: typeof result === 'object' && result !== null && !Array.isArray(result) ? result : undefined,
    statements: log.slice(from, to).map((e) => ({
      name: nameOf(e.sql),
      rowsRead: e.rowsRead,
      rowsReturned: e.returned,
      rowsWritten: e.rowsWritten,
    })),
  })),
  candidates,
  upsertMatches: upsert.map((u) => ({
    rows: JSON.parse(u.params[0]).length,
    jsonBytes: Buffer.byteLength(u.params[0]),
  })),
  queries,
  scheduled: {
    cron: CRON,
    batch,
    passes,
    invocationsForAllOpenRequests: openRequests ? Math.ceil(openRequests / batch) : null,
    hoursForAllOpenRequestsAtCron: openRequests
      ? Number(((Math.ceil(openRequests / batch) * 15) / 60).toFixed(1))
      : null,
    comparedWith: LIMITS,
    worstWallSeconds: worstWall,
    worstWorkerdCpuSeconds: worstCpu,
    withinCronWall: typeof worstWall === 'number' ? worstWall <= LIMITS.cronWallSeconds : null,
    withinDefaultCpu: worstCpu <= LIMITS.cpuSecondsDefault,
  },
  notes: [
    'rows_read comes from D1 meta via getPlatformProxy: `wrangler d1 execute --local --json` returns meta.duration only',
    'workerd CPU is the whole local process (includes SQLite and the other scheduled jobs): an upper bound, not Workers CPU time',
    'the scheduled call runs every job of src/scheduled.ts, not only matching.rebuild',
    `GET ${TRIGGER} on a copy of wrangler.toml with run_worker_first = true: with ["/api/*"] the assets answer it (SPA fallback)`,
    'the HTTP call returns when the handler has handed the jobs to ctx.waitUntil; the pass lasts until the jobs log their results',
  ],
};

console.log('\nCandidate reads (new listing / new request):');
console.table(
  candidates.map((c) => ({
    query: c.query,
    for: c.for,
    hubs: c.hubsInReachParam,
    rowsRead: c.rowsRead,
    candidates: c.candidateSet,
    viaWrangler: c.candidateSetViaWrangler,
    readsPerCandidate: c.readsPerCandidate,
    ok: c.readsNoMoreThanCandidates,
  })),
);
console.log('Every matching statement (rows read / returned per execution, plan):');
console.table(
  queries.map((q) => ({
    name: q.name,
    rowsRead: q.rowsRead.join(',') || '(explain only)',
    returned: q.rowsReturned.join(','),
    fullScan: q.fullScan ? 'FULL SCAN' : q.statusOnlyIndex ? 'status-only index' : '',
    plan: q.plan.join(' | ').slice(0, 110),
  })),
);
console.log('Incremental steps:');
console.table(
  steps.map(({ name, ms, result }) => ({ name, ms, result: JSON.stringify(result)?.slice(0, 60) })),
);
console.log(`Scheduled passes (batch ${batch}):`);
console.table(
  passes.map((p) => ({
    run: p.run,
    http: p.httpStatus,
    seconds: p.httpSeconds,
    untilLogged: p.secondsUntilJobsLogged,
    workerdCpuS: p.workerdCpuSeconds,
    rebuilt: p.matching?.result?.rebuilt,
    matched: p.matching?.result?.matched,
    expired: p.matching?.result?.expired,
    cursor: `${p.cursorBefore ?? 0}→${p.cursorAfter}`,
    matches: `${p.matchesBefore}→${p.matchesAfter}`,
  })),
);
console.log(
  `compared with: ${LIMITS.cronWallSeconds / 60} min wall per cron invocation, ${LIMITS.cpuSecondsDefault} s CPU (default; up to ${LIMITS.cpuSecondsMaxConfigurable} s with limits.cpu_ms)`,
);
mkdirSync('bench-results', { recursive: true });
const out = `bench-results/matching-${started.toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`written ${out}`);
