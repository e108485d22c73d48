/**
 * Bench seeding shared by `npm run bench` (run.mjs) and `npm run bench:matching` (matching.mjs):
 * migrations and the demo network into a fresh local D1 state, then generated SQL for many hubs,
 * listings and requests, all through `wrangler d1 execute --local --persist-to`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { seedExchanges } from './seed-exchanges.mjs';

export const PERSIST = process.env.BENCH_PERSIST ?? '/tmp/omloop-bench';
// With these set, wrangler makes no network calls.
export const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
};
export const run = (cmd, a) =>
  execFileSync(cmd, a, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: ENV,
    maxBuffer: 256 * 1024 * 1024,
  }).toString();

/** The generated SQL: `hubs` bench hubs, `listings` offcuts and `requests` requests spread over them. */
export function seedSql({ listings, requests, hubs }) {
  const words = JSON.stringify([
    'Birch',
    'Oak',
    'Acrylic',
    'Steel',
    'Felt',
    'Cork',
    'Walnut',
    'Plywood',
    'Pine',
    'Aluminium',
  ]);
  const cats = JSON.stringify([
    'birch-plywood',
    'solid-wood',
    'stainless-steel',
    'paper-board',
    'synthetic-fabric',
  ]);
  const now = new Date().toISOString();
  // Up to 100 hubs: ten rows 0.18° apart (Flanders and Wallonia). More: a grid 0.1° apart over
  // Benelux (40 rows by hubs/40 columns), so that tens of hubs lie within 25 km of a point — the
  // dense end of Europe's maker hubs, where a search by place has the most hubs in reach.
  const hubPosition =
    hubs <= 100
      ? '49.6 + (i % 10) * 0.18, 2.6 + (i / 10) * 0.6'
      : '49.5 + (i % 40) * 0.1, 2.5 + (i / 40) * 0.1';
  return `
INSERT INTO users (email, display_name, password_hash, password_salt, password_iterations, locale, created_at)
  VALUES ('bench@bench.invalid', 'Bench', 'x', 'x', 100000, 'en', '${now}');
INSERT INTO hubs (slug, name, city, country, kind, lat, lon, description, created_by, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${hubs})
  SELECT 'bench-hub-' || i, 'Bench hub ' || i, 'City ' || i, 'BE', 'fab_lab',
         ${hubPosition}, '', (SELECT id FROM users WHERE email = 'bench@bench.invalid'), '${now}', '${now}' FROM n;
INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit, condition, price_type, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${listings})
  SELECT (SELECT id FROM hubs WHERE slug = 'bench-hub-' || (1 + i % ${hubs})), (SELECT id FROM users WHERE email = 'bench@bench.invalid'),
         'offcut', json_extract('${words}', '$[' || (i % 10) || ']') || ' offcuts ' || (i % 97) || ' mm',
         'Lot ' || i || ' ' || json_extract('${words}', '$[' || ((i / 10) % 10) || ']'),
         json_extract('${cats}', '$[' || (i % 5) || ']'), 1000 * (1 + i % 20), 'sheets', 'good', 'free',
         strftime('%Y-%m-%dT%H:%M:%fZ', '${now}', '-' || i || ' seconds'), '${now}' FROM n;
INSERT INTO requests (hub_id, author_id, title, description, category, quantity_milli, unit, fetch_radius_km, created_at, updated_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${requests})
  SELECT (SELECT id FROM hubs WHERE slug = 'bench-hub-' || (1 + i % ${hubs})), (SELECT id FROM users WHERE email = 'bench@bench.invalid'),
         json_extract('${words}', '$[' || (i % 10) || ']') || ' wanted ' || i, '',
         json_extract('${cats}', '$[' || (i % 5) || ']'), 1000, 'sheets', 50,
         strftime('%Y-%m-%dT%H:%M:%fZ', '${now}', '-' || i || ' seconds'), '${now}' FROM n;
`;
}

/**
 * Recreates `persist` with migrations, the demo network and the generated rows; returns seconds
 * spent on the latter. `exchanges` (default none) adds that many exchanges with their timeline,
 * flows and impact rows (seed-exchanges.mjs); `report`, if given, receives what was written.
 */
export function seed({ persist = PERSIST, listings, requests, hubs, exchanges = 0, report = {} }) {
  rmSync(persist, { recursive: true, force: true });
  run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  run('node', ['scripts/seed.mjs', '--persist-to', persist]);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/seed.sql', seedSql({ listings, requests, hubs }));
  const t = Date.now();
  run('npx', [
    'wrangler',
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    persist,
    '--file',
    'bench-results/seed.sql',
  ]);
  if (exchanges > 0) {
    report.exchangeSeed = seedExchanges({
      count: exchanges,
      d1: (sql) => d1(sql, persist),
      execFile: (file) =>
        run('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file]),
    });
  }
  return (Date.now() - t) / 1000;
}

/** One statement through `wrangler d1 execute --json --command`: `{ results, success, meta }`. */
export function d1(sql, persist = PERSIST) {
  const out = run('npx', [
    'wrangler',
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    persist,
    '--json',
    '--command',
    sql,
  ]);
  return JSON.parse(out)[0];
}
