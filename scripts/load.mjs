#!/usr/bin/env node
/**
 * `npm run test:load`: concurrent claims and bookings over HTTP, against a real local server.
 *
 * Starts `scripts/start.mjs --skip-build` on 127.0.0.1:8792 with a fresh local state in a temporary
 * directory (own process group), signs people up through the API, then:
 *   (a) a listing of 10 sheets, N claims of 1 sheet from another hub, all N accepts at once
 *       (bounded concurrency): exactly 10 accepted, the rest 409 INSUFFICIENT_QUANTITY, nothing
 *       left on the listing, exactly 10 exchanges in state `accepted`;
 *   (b) a machine open all week, M overlapping bookings by several members at once: exactly one
 *       201, the rest 409 SLOT_TAKEN; two back-to-back slots both succeed.
 * Prints a table and exits non-zero on any violation. Always stops the server (by process group)
 * and removes the temporary directory. Loopback only; never run in `npm test`.
 *
 *   node scripts/load.mjs [--claims 200] [--bookings 300] [--concurrency 50]
 */
/* global AbortSignal */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const CLAIMS = opt('--claims', 200);
const BOOKINGS = opt('--bookings', 300);
const CONCURRENCY = opt('--concurrency', 50);
const SHEETS = 10;
const MEMBERS = 6;
const PHASE_MS = 60_000;
const PORT = 8792;
const BASE = `http://127.0.0.1:${PORT}`;
const API = `${BASE}/api/v1`;
const PASSWORD = 'correct horse battery';

const violations = [];
const check = (ok, what) => {
  if (!ok) violations.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

// ---------- server ----------
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};
let server = null;
let stateDir = null;

async function startServer() {
  if (!existsSync('web/build')) {
    execFileSync('npm', ['run', 'build', '--workspace', 'web'], { stdio: 'inherit', env: ENV });
  }
  stateDir = mkdtempSync(join(tmpdir(), 'omloop-load-'));
  server = spawn(
    'node',
    ['scripts/start.mjs', '--skip-build', '--no-ticker', '--port', String(PORT), '--persist-to', stateDir],
    { detached: true, stdio: 'ignore', env: ENV },
  );
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${API}/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
  }
  throw new Error('server did not answer /api/v1/health within 120 s');
}

async function stopServer() {
  if (server?.pid) {
    const alive = () => {
      try {
        process.kill(-server.pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) process.kill(-server.pid, 'SIGKILL');
    server = null;
  }
  if (stateDir) {
    rmSync(stateDir, { recursive: true, force: true });
    stateDir = null;
  }
}

// ---------- HTTP ----------
/** One API call; unsafe methods carry the Origin header, a session its cookie. */
async function api(path, { method, body, cookie, signal } = {}) {
  const m = method ?? (body === undefined ? 'GET' : 'POST');
  const headers = { 'accept-language': 'en' };
  if (m !== 'GET') headers.origin = BASE;
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${API}${path}`, {
    method: m,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** A setup call that must answer `status`. */
async function must(status, path, o) {
  const r = await api(path, o);
  if (r.status !== status)
    throw new Error(`${o?.method ?? 'POST'} ${path}: ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function signup(name) {
  const email = `load-${unique()}@example.org`;
  await must(201, '/auth/signup', {
    body: { email, password: PASSWORD, displayName: name, locale: 'en' },
  });
  // Log in through the API as well: the session a person keeps.
  const r = await must(200, '/auth/login', { body: { email, password: PASSWORD } });
  return { email, cookie: r.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

async function hubOf(person, overrides = {}) {
  const slug = `load-${unique()}`;
  await must(201, '/hubs', {
    cookie: person.cookie,
    body: {
      name: 'Load Lab',
      city: 'Ghent',
      country: 'BE',
      kind: 'fab_lab',
      lat: 51.05,
      lon: 3.72,
      slug,
      ...overrides,
    },
  });
  return slug;
}

/** Runs `tasks` with at most `limit` in flight, all within `ms`; returns each result and the wall time. */
async function burst(tasks, limit, ms) {
  const signal = AbortSignal.timeout(ms);
  const results = new Array(tasks.length);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i](signal);
      } catch (err) {
        results[i] = { status: signal.aborted ? 'TIMEOUT' : 'ERR', code: String(err?.cause?.code ?? err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return { results, ms: performance.now() - started };
}

const tally = (results) => {
  const t = {};
  for (const r of results) {
    const key = `${r.status}${r.json?.error?.code ? ` ${r.json.error.code}` : ''}`;
    t[key] = (t[key] ?? 0) + 1;
  }
  return t;
};

const rows = [];
function record(name, { results, ms }) {
  const statuses = tally(results);
  rows.push({
    phase: name,
    requests: results.length,
    statuses: Object.entries(statuses)
      .map(([k, n]) => `${k}×${n}`)
      .join(', '),
    'duration ms': Math.round(ms),
    'req/s': Number(((results.length / ms) * 1000).toFixed(1)),
  });
  return statuses;
}

// ---------- (a) concurrent accepts ----------
async function acceptsRace() {
  const giver = await signup('Load Giver');
  const receiver = await signup('Load Receiver');
  const giverHub = await hubOf(giver);
  const receiverHub = await hubOf(receiver, { city: 'Brussels', lat: 50.85, lon: 4.35 });
  const listing = (
    await must(201, '/listings', {
      cookie: giver.cookie,
      body: {
        hub: giverHub,
        kind: 'offcut',
        title: 'Birch plywood sheets for the load test',
        description: 'Ten sheets, many hands',
        category: 'birch-plywood',
        quantity: SHEETS,
        unit: 'sheets',
        condition: 'good',
      },
    })
  ).json;

  const claims = await burst(
    Array.from(
      { length: CLAIMS },
      () => (signal) =>
        api(`/listings/${listing.id}/claims`, {
          cookie: receiver.cookie,
          body: { hub: receiverHub, quantity: 1, message: 'One sheet, please' },
          signal,
        }),
    ),
    CONCURRENCY,
    PHASE_MS,
  );
  const claimStatuses = record(`claims (1 sheet each, ${CONCURRENCY} in flight)`, claims);
  check(claimStatuses['201'] === CLAIMS, `all ${CLAIMS} claims opened (claims reserve nothing)`);
  const ids = claims.results.filter((r) => r.status === 201).map((r) => r.json.id);

  const accepts = await burst(
    ids.map((id) => (signal) => api(`/exchanges/${id}/accept`, { cookie: giver.cookie, body: {}, signal })),
    CONCURRENCY,
    PHASE_MS,
  );
  const s = record(`accepts on ${SHEETS} sheets (${CONCURRENCY} in flight)`, accepts);
  check(s['200'] === SHEETS, `exactly ${SHEETS} accepts answered 200 (got ${s['200'] ?? 0})`);
  check(
    s['409 INSUFFICIENT_QUANTITY'] === ids.length - SHEETS,
    `the other ${ids.length - SHEETS} answered 409 INSUFFICIENT_QUANTITY (got ${s['409 INSUFFICIENT_QUANTITY'] ?? 0})`,
  );
  check(
    Object.keys(s).every((k) => k === '200' || k === '409 INSUFFICIENT_QUANTITY'),
    `no other status (${Object.keys(s).join(', ')})`,
  );

  const after = await must(200, `/listings/${listing.id}`, { method: 'GET' });
  check(
    after.json.quantityRemaining === 0,
    `listing quantityRemaining is 0 (got ${after.json.quantityRemaining})`,
  );

  const countState = async (state) => {
    let n = 0;
    let cursor = null;
    do {
      const q = `/exchanges?role=incoming&state=${state}&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await must(200, q, { method: 'GET', cookie: giver.cookie })).json;
      n += page.items.filter((e) => e.listing.id === listing.id && e.state === state).length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };
  const accepted = await countState('accepted');
  const stillClaimed = await countState('claimed');
  check(
    accepted === SHEETS,
    `exactly ${SHEETS} exchanges in state accepted via GET /exchanges (got ${accepted})`,
  );
  check(
    stillClaimed === ids.length - SHEETS,
    `the other ${ids.length - SHEETS} still claimed (got ${stillClaimed})`,
  );
}

// ---------- (b) concurrent bookings ----------
/** UTC instant `days` from today at hour `h`: on whole hours, so on slot boundaries in Europe/Brussels. */
function utcAt(days, h) {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, h)).toISOString();
}

async function bookingsRace() {
  const manager = await signup('Load Manager');
  const hub = await hubOf(manager);
  const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  const machine = (
    await must(201, `/hubs/${hub}/machines`, {
      cookie: manager.cookie,
      body: {
        type: 'laser_cutter',
        name: 'Trotec Speedy 400',
        description: 'CO2 laser, 80 W',
        bedXMm: 600,
        bedYMm: 400,
        materialsAllowed: ['acrylic', 'plywood'],
        materialsForbidden: ['PVC'],
        rules: 'Stay with the machine while it cuts.',
        priceCentsPerHour: 1500,
        slotMinutes: 60,
        maxSlotsPerBooking: 4,
        horizonDays: 28,
        minNoticeMinutes: 60,
        cancelDeadlineMinutes: 120,
        windows,
      },
    })
  ).json;
  const members = [];
  for (let i = 0; i < MEMBERS; i++) {
    const person = await signup(`Load Member ${i + 1}`);
    const { token } = (
      await must(201, `/hubs/${hub}/invites`, { cookie: manager.cookie, body: { role: 'member' } })
    ).json;
    await must(200, `/invites/${token}/accept`, { cookie: person.cookie, method: 'POST' });
    members.push(person);
  }

  // Every range holds the slot 09:00–10:00 UTC (10:00 or 11:00 in Brussels), three days ahead.
  const ranges = [
    [9, 10],
    [8, 10],
    [9, 11],
    [8, 11],
  ].map(([a, b]) => ({ startsAt: utcAt(3, a), endsAt: utcAt(3, b) }));
  const race = await burst(
    Array.from(
      { length: BOOKINGS },
      (_, i) => (signal) =>
        api(`/machines/${machine.id}/bookings`, {
          cookie: members[i % MEMBERS].cookie,
          body: ranges[i % ranges.length],
          signal,
        }),
    ),
    CONCURRENCY,
    PHASE_MS,
  );
  const s = record(`overlapping bookings, ${MEMBERS} members (${CONCURRENCY} in flight)`, race);
  check(s['201'] === 1, `exactly one booking answered 201 (got ${s['201'] ?? 0})`);
  check(
    s['409 SLOT_TAKEN'] === BOOKINGS - 1,
    `the other ${BOOKINGS - 1} answered 409 SLOT_TAKEN (got ${s['409 SLOT_TAKEN'] ?? 0})`,
  );
  check(
    Object.keys(s).every((k) => k === '201' || k === '409 SLOT_TAKEN'),
    `no other status (${Object.keys(s).join(', ')})`,
  );
  const held = (
    await must(
      200,
      `/machines/${machine.id}/bookings?from=${encodeURIComponent(utcAt(3, 0))}&to=${encodeURIComponent(utcAt(4, 0))}`,
      { method: 'GET', cookie: manager.cookie },
    )
  ).json.items.filter((b) => b.status === 'confirmed');
  check(held.length === 1, `the machine holds one confirmed booking that day (got ${held.length})`);

  // Back to back, four days ahead: the end of one is the start of the other.
  const backToBack = await burst(
    [
      [members[0], 9, 10],
      [members[1], 10, 11],
    ].map(
      ([m, a, b]) =>
        (signal) =>
          api(`/machines/${machine.id}/bookings`, {
            cookie: m.cookie,
            body: { startsAt: utcAt(4, a), endsAt: utcAt(4, b) },
            signal,
          }),
    ),
    2,
    PHASE_MS,
  );
  const b2b = record('back-to-back bookings (at once)', backToBack);
  check(b2b['201'] === 2, `both back-to-back bookings answered 201 (got ${b2b['201'] ?? 0})`);
}

// ---------- main ----------
const started = new Date();
let failed = false;
const interrupt = async () => {
  await stopServer();
  process.exit(130);
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);
try {
  console.log(`starting the server on ${BASE} …`);
  const t0 = performance.now();
  await startServer();
  console.log(`server up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await acceptsRace();
  await bookingsRace();
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await stopServer();
}
console.log(
  `\n${started.toISOString()} · Node ${process.version} · ${CLAIMS} claims, ${BOOKINGS} bookings, ${CONCURRENCY} in flight`,
);
console.table(rows);
if (failed || violations.length > 0) {
  console.error(`\n${violations.length} violation(s)${failed ? ' and an error' : ''}:`);
  for (const v of violations) console.error(`- ${v}`);
  process.exit(1);
}
console.log('\nall checks passed');
