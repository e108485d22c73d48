/**
 * `npm run bench:impact`: the network dashboard's D1 rows read at scale, cold and warm. Seeds (as
 * `npm run bench` does, 20,000 exchanges by default; `--skip-seed` reuses BENCH_PERSIST), starts
 * the app with BENCH_METRICS=1 and reads, for each dashboard view of the network at scale (the
 * headline, per month, per hub, per category, a period of part months, and the dashboard page's one
 * answer): the first view (cold: no kept report), the second (warm), and the first after a change
 * in the network (an explicit recalculation: cold again). Writes test/bench/last-impact-run.json.
 *   BENCH_PORT=8823 BENCH_PERSIST=/tmp/bench-x node test/bench/impact.mjs [--exchanges 20000] [--skip-seed]
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ENV, PERSIST, d1, seed } from './seed.mjs';

const args = process.argv.slice(2);
const opt = (name, d) => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const EXCHANGES = Number(opt('--exchanges', '20000'));
const PORT = Number(process.env.BENCH_PORT ?? 8790);
const BASE = `http://127.0.0.1:${PORT}`;
const NETWORK = 'flanders-brussels-makers';
const TARGET_ROWS = 500;

if (!args.includes('--skip-seed')) {
  const report = {};
  seed({ persist: PERSIST, listings: 100_000, requests: 10_000, hubs: 50, exchanges: EXCHANGES, report });
}

// Cold means cold: no kept report from an earlier run (before the server holds the state).
d1('DELETE FROM impact_report_cache');

const server = spawn(
  'node',
  [
    'scripts/start.mjs',
    '--port',
    String(PORT),
    '--persist-to',
    PERSIST,
    '--var',
    'BENCH_METRICS:1',
    '--no-demo-activity',
  ],
  { detached: true, stdio: 'ignore', env: ENV },
);
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};

async function ready() {
  for (let i = 0; i < 180; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
  }
  throw new Error('server did not start');
}

/** Rows read, rows returned and statements of one request, from the bench-metrics header. */
async function probe(path, cookie, init = {}) {
  const res = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { cookie, origin: BASE, ...(init.headers ?? {}) },
  });
  await res.arrayBuffer();
  const m = /rows_read=(\d+) rows_returned=(\d+) statements=(\d+)/.exec(
    res.headers.get('server-timing') ?? '',
  );
  return {
    status: res.status,
    rowsRead: m ? Number(m[1]) : null,
    rowsReturned: m ? Number(m[2]) : null,
    statements: m ? Number(m[3]) : null,
  };
}

try {
  await ready();
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ email: 'eva@omloop-network.demo', password: 'omloop-demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const counts = d1(
    `SELECT (SELECT count(*) FROM exchanges) AS exchanges, (SELECT count(*) FROM flows) AS flows,
       (SELECT count(*) FROM exchange_impacts) AS impactRows,
       (SELECT count(*) FROM impact_rollups t JOIN networks n ON n.id = t.scope_id
          WHERE n.slug = '${NETWORK}' AND length(t.period) = 7) AS keptMonthRows,
       (SELECT count(*) FROM impact_rollups t JOIN networks n ON n.id = t.scope_id
          WHERE n.slug = '${NETWORK}' AND t.period = 'all') AS keptAllTimeRows,
       (SELECT count(DISTINCT t.from_hub_id || '>' || t.to_hub_id) FROM impact_rollups t JOIN networks n ON n.id = t.scope_id
          WHERE n.slug = '${NETWORK}' AND t.period = 'all') AS hubPairs,
       (SELECT count(*) FROM exchange_impacts i JOIN networks n ON n.id = i.network_id WHERE n.slug = '${NETWORK}' AND i.superseded_by IS NULL) AS networkExchanges`,
  ).results[0];
  const base = `/api/v1/networks/${NETWORK}/impact`;
  // Periods inside the seeded months (they end the month before the seed ran): its last whole
  // month, and from the 15th of its second month to the 10th of its seventh.
  const span = d1(
    `SELECT min(substr(completed_at, 1, 7)) AS first, max(substr(completed_at, 1, 7)) AS last
     FROM exchange_impacts i JOIN networks n ON n.id = i.network_id WHERE n.slug = '${NETWORK}'`,
  ).results[0];
  const monthAfter = (m, k) =>
    new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1 + k, 1)).toISOString().slice(0, 7);
  const lastDay = (m) =>
    new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const part = `from=${monthAfter(span.first, 1)}-15&to=${monthAfter(span.first, 6)}-10`;
  const views = [
    ['headline (all time)', base],
    ['per month', `${base}?group_by=month`],
    ['per hub', `${base}?group_by=hub`],
    ['per category', `${base}?group_by=category`],
    ['one whole month, per hub', `${base}?from=${span.last}-01&to=${lastDay(span.last)}&group_by=hub`],
    ['a period of part months, per month', `${base}?${part}&group_by=month`],
    ['a period of part months, per hub', `${base}?${part}&group_by=hub`],
    // What the dashboard page asks for: one answer with the three tables (and the period before).
    ['dashboard page, all time', `${base}/dashboard`],
    ['dashboard page, one whole month', `${base}/dashboard?from=${span.last}-01&to=${lastDay(span.last)}`],
    ['dashboard page, a period of part months', `${base}/dashboard?${part}`],
  ];
  const results = [];
  for (const [name, path] of views)
    results.push({ name, path, cold: await probe(path, cookie), warm: await probe(path, cookie) });
  // A change in the network: a coordinator's recalculation of one of its exchanges.
  const one = d1(
    `SELECT i.exchange_id AS id FROM exchange_impacts i JOIN networks n ON n.id = i.network_id
     WHERE n.slug = '${NETWORK}' AND i.superseded_by IS NULL ORDER BY i.id DESC LIMIT 1`,
  ).results[0];
  const change = one
    ? await probe(`/api/v1/networks/${NETWORK}/exchanges/${one.id}/recalculate`, cookie, { method: 'POST' })
    : null;
  for (const r of results) r.coldAfterChange = await probe(r.path, cookie);
  const worst = Math.max(
    ...results.flatMap((r) => [r.cold.rowsRead, r.warm.rowsRead, r.coldAfterChange.rowsRead]),
  );
  const out = {
    at: new Date().toISOString(),
    seeded: counts,
    targetRowsPerView: TARGET_ROWS,
    worstRowsRead: worst,
    targetMet: worst <= TARGET_ROWS,
    change,
    views: results,
  };
  writeFileSync('test/bench/last-impact-run.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
} finally {
  stop();
}
