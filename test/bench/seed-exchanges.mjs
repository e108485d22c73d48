/**
 * Bench seeding of exchanges at scale (used by seed.mjs when `exchanges` > 0): each exchange with
 * the rows the real code writes along its way — the claim message, one timeline entry per move
 * (claim, accept, handover, confirm …, as TRANSITIONS allows), the listing's reservation, one
 * flow per completed exchange (mass from the app's own flowMass) and its impact rows, computed by
 * the app's own computeExchangeImpact for the default scope and every network the two hubs are
 * active in, with that network's method. The domain code is bundled from src/ with esbuild (a
 * dependency of wrangler and vite), so the figures are the app's, not a copy.
 *
 * Exchanges take every fifth bench listing (one exchange per listing, so no reservation goes
 * over the quantity); the receiving hub is any other hub, demo hubs included. Bench hubs 1–15
 * join "flanders-brussels-makers", so its dashboard sums a few thousand exchanges.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const DAY = 24 * 3600 * 1000;
const NETWORK_AT_SCALE = 'flanders-brussels-makers';
const HUBS_JOINING = 15;

/** The app's own domain functions, bundled for Node (CommonJS, so seeding stays synchronous). */
function appDomain() {
  const require = createRequire(import.meta.url);
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error('esbuild not found (it comes with wrangler and vite: run npm ci)');
  }
  const out = resolve('bench-results/bench-domain.cjs');
  esbuild.buildSync({
    stdin: {
      contents: `export { computeExchangeImpact, DEFAULT_METHOD_PERMILLE } from './src/modules/impact/impact.domain';
export { flowMass, CONFIRM_DAYS, CLAIM_DAYS } from './src/modules/exchanges/exchanges.domain';
export { distanceMetres } from './src/modules/search/search.domain';
export { toFactor, toTransportFactor, REBUILD_KEPT_TOTALS_SQL } from './src/modules/impact/impact.repo';`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    outfile: out,
    logLevel: 'error',
  });
  delete require.cache[out];
  return require(out);
}

/** A small deterministic generator (mulberry32), so two runs seed the same exchanges. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lit = (v) => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replaceAll("'", "''")}'`;
};
const tuple = (values) => `(${values.map(lit).join(', ')})`;

/** INSERT statements under D1's 100 KB statement limit. */
function inserts(table, columns, rows) {
  const out = [];
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES\n`;
  let values = [];
  let size = head.length;
  for (const row of rows) {
    const t = tuple(row);
    if (values.length > 0 && size + t.length > 90_000) {
      out.push(`${head}${values.join(',\n')};`);
      values = [];
      size = head.length;
    }
    values.push(t);
    size += t.length + 2;
  }
  if (values.length > 0) out.push(`${head}${values.join(',\n')};`);
  return out;
}

// Final and open states, in the shares a year of use might leave behind.
const STATES = [
  ['completed', 0.6],
  ['claimed', 0.08],
  ['accepted', 0.08],
  ['handed_over', 0.04],
  ['disputed', 0.02],
  ['declined', 0.06],
  ['cancelled', 0.06],
  ['expired', 0.06],
];
const MODES = ['on_foot', 'bike', 'cargo_bike', 'car', 'van'];

/**
 * Seeds `count` exchanges into the local D1 at `persist`; `d1(sql)` runs one statement and
 * `execFile(path)` a SQL file. Returns what was written.
 */
export function seedExchanges({ count, d1, execFile }) {
  const app = appDomain();
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const rand = prng(20261127);
  const pick = (list) => list[Math.floor(rand() * list.length)];

  // Two bench people, members of every bench hub: one gives, one receives (a handover is never
  // confirmed by the person who recorded it).
  const setup = [
    `INSERT INTO users (email, display_name, password_hash, password_salt, password_iterations, locale, created_at)
       VALUES ('bench2@bench.invalid', 'Bench receiver', 'x', 'x', 100000, 'en', '${iso(now)}');`,
    `INSERT INTO memberships (hub_id, user_id, role, created_at)
       SELECT h.id, u.id, 'manager', '${iso(now)}' FROM hubs h, users u
       WHERE h.slug LIKE 'bench-hub-%' AND u.email IN ('bench@bench.invalid', 'bench2@bench.invalid');`,
    `INSERT INTO network_hubs (network_id, hub_id, status, added_by, created_at, updated_at)
       SELECT n.id, h.id, 'active', NULL, '${iso(now)}', '${iso(now)}' FROM networks n, hubs h
       WHERE n.slug = '${NETWORK_AT_SCALE}' AND h.slug IN (${Array.from(
         { length: HUBS_JOINING },
         (_, i) => `'bench-hub-${i + 1}'`,
       ).join(', ')});`,
  ];
  writeFileSync('bench-results/seed-exchanges-setup.sql', setup.join('\n'));
  execFile('bench-results/seed-exchanges-setup.sql');

  const q = (sql) => d1(sql).results;
  const userId = (email) => q(`SELECT id FROM users WHERE email = '${email}'`)[0].id;
  const giver = userId('bench@bench.invalid');
  const receiver = userId('bench2@bench.invalid');
  const hubs = q('SELECT id, slug, lat, lon FROM hubs ORDER BY id');
  const hubById = new Map(hubs.map((h) => [h.id, h]));
  // A member of each demo hub, to claim for it.
  const demoMember = new Map(
    q(
      "SELECT m.hub_id, min(m.user_id) AS user_id FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE h.slug NOT LIKE 'bench-hub-%' GROUP BY m.hub_id",
    ).map((r) => [r.hub_id, r.user_id]),
  );
  const listings = q(
    `SELECT id, hub_id, category, unit, quantity_milli, length_mm, width_mm, thickness_mm FROM listings
     WHERE author_id = ${giver} AND id % 5 = 0 ORDER BY id LIMIT ${count}`,
  );
  if (listings.length < count)
    throw new Error(`only ${listings.length} bench listings for ${count} exchanges`);
  const factorRows = q('SELECT * FROM impact_factors ORDER BY category, version');
  const transportRows = q('SELECT * FROM transport_factors ORDER BY mode, version');
  const factors = factorRows.map(app.toFactor);
  const transportFactors = transportRows.map(app.toTransportFactor);
  const activeNetworks = new Map(); // hub id -> network ids
  for (const r of q("SELECT network_id, hub_id FROM network_hubs WHERE status = 'active'")) {
    activeNetworks.set(r.hub_id, [...(activeNetworks.get(r.hub_id) ?? []), r.network_id]);
  }
  const methods = new Map(
    q('SELECT * FROM network_methods').map((r) => [
      r.network_id,
      {
        attributionPermille: r.attribution_permille,
        deadweightPermille: r.deadweight_permille,
        transport: r.transport === 1,
        estimateRangePermille: r.estimate_range_permille,
      },
    ]),
  );

  const exchanges = [];
  const events = [];
  const messages = [];
  const flows = [];
  const impacts = [];
  let eventId = 0;
  let flowId = 0;
  let impactId = 0;
  const counts = Object.fromEntries(STATES.map(([s]) => [s, 0]));

  listings.forEach((l, k) => {
    const id = k + 1;
    let r = rand();
    let state = 'completed';
    for (const [s, share] of STATES) {
      if (r < share) {
        state = s;
        break;
      }
      r -= share;
    }
    counts[state]++;
    let toHub = pick(hubs).id;
    while (toHub === l.hub_id) toHub = pick(hubs).id;
    const claimant = demoMember.get(toHub) ?? receiver;
    // Open exchanges are recent (nothing the scheduler would move yet); final ones spread over a year.
    const open = ['claimed', 'accepted', 'handed_over', 'disputed'].includes(state);
    const created = open
      ? now - Math.floor(rand() * 2 * DAY)
      : now - 10 * DAY - Math.floor(rand() * 355 * DAY);
    const quantity = Math.min(l.quantity_milli, 1000 * (1 + Math.floor(rand() * 3)));
    const handover = rand() < 0.1 && quantity > 1000 ? quantity - 1000 : quantity;
    const weighed = rand() < 0.8 ? Math.round((handover / 1000) * (2000 + rand() * 18000)) : null;
    const mode = pick(MODES);
    const t = [
      created,
      created + 3600e3,
      created + 2 * 3600e3,
      created + 3 * 3600e3,
      created + 3 * 3600e3 + 600e3,
    ];
    const ev = (action, from, to, actor, at, note = null) =>
      events.push([++eventId, id, actor, action, from, to, note, iso(at)]);
    ev('claim', null, 'claimed', claimant, t[0]);
    messages.push([id, claimant, toHub, `Could we pick this up? (bench ${id})`, iso(t[0])]);
    const row = {
      id,
      listing_id: l.id,
      from_hub_id: l.hub_id,
      to_hub_id: toHub,
      claimed_by: claimant,
      state,
      category: l.category,
      unit: l.unit,
      quantity_milli: quantity,
      proposed_pickup_at: null,
      expires_at: iso(created + app.CLAIM_DAYS * DAY),
      accepted_at: null,
      handover_quantity_milli: null,
      handover_mass_grams: null,
      transport_mode: null,
      handover_by: null,
      handover_hub_id: null,
      handed_over_at: null,
      confirm_by: null,
      dispute_reason: null,
      completed_at: null,
      action_token: randomBytes(16).toString('hex'),
      created_at: iso(t[0]),
      updated_at: iso(t[0]),
    };
    if (state === 'declined') ev('decline', 'claimed', 'declined', giver, t[1]);
    if (state === 'cancelled') ev('cancel', 'claimed', 'cancelled', claimant, t[1]);
    if (state === 'expired') ev('expire', 'claimed', 'expired', null, created + app.CLAIM_DAYS * DAY);
    if (['accepted', 'handed_over', 'disputed', 'completed'].includes(state)) {
      ev('accept', 'claimed', 'accepted', giver, t[1]);
      row.accepted_at = iso(t[1]);
    }
    if (['handed_over', 'disputed', 'completed'].includes(state)) {
      ev('handover', 'accepted', 'handed_over', giver, t[2]);
      Object.assign(row, {
        handover_quantity_milli: handover,
        handover_mass_grams: weighed,
        transport_mode: mode,
        handover_by: giver,
        handover_hub_id: l.hub_id,
        handed_over_at: iso(t[2]),
        confirm_by: iso(t[2] + app.CONFIRM_DAYS * DAY),
      });
    }
    if (state === 'disputed') {
      row.dispute_reason = 'Fewer sheets than recorded';
      ev('dispute', 'handed_over', 'disputed', claimant, t[3], row.dispute_reason);
    }
    if (state === 'completed') {
      // Most are confirmed by the receiver; some become final when the window passes.
      const finalised = rand() < 0.2;
      const at = finalised ? t[2] + app.CONFIRM_DAYS * DAY : t[3];
      ev(finalised ? 'finalise' : 'confirm', 'handed_over', 'completed', finalised ? null : claimant, at);
      row.completed_at = iso(at);
      const mass = app.flowMass({
        weighedGrams: weighed,
        quantityMilli: handover,
        unit: l.unit,
        category: l.category,
        lengthMm: l.length_mm,
        widthMm: l.width_mm,
        thicknessMm: l.thickness_mm,
      });
      const flow = [
        ++flowId,
        id,
        l.hub_id,
        toHub,
        l.category,
        handover,
        l.unit,
        mass.massGrams,
        mass.massSource,
        iso(at),
        finalised ? null : claimant,
        iso(at),
      ];
      flows.push(flow);
      const ledger = [
        {
          id: flowId,
          exchangeId: id,
          category: l.category,
          quantityMilli: handover,
          unit: l.unit,
          massGrams: mass.massGrams,
          massSource: mass.massSource,
          completedAt: iso(at),
          reversesFlowId: null,
        },
      ];
      const from = hubById.get(l.hub_id);
      const to = hubById.get(toHub);
      const distanceM = app.distanceMetres(from, to);
      const scopes = [
        null,
        ...new Set([...(activeNetworks.get(l.hub_id) ?? []), ...(activeNetworks.get(toHub) ?? [])]),
      ];
      for (const networkId of scopes) {
        const method =
          networkId === null
            ? app.DEFAULT_METHOD_PERMILLE
            : (methods.get(networkId) ?? app.DEFAULT_METHOD_PERMILLE);
        const i = app.computeExchangeImpact({
          rows: ledger,
          transportMode: mode,
          distanceM,
          factors,
          transportFactors,
          method,
          scope: networkId === null ? 'default' : `network:${networkId}`,
        });
        // As the scheduled job records it: a completion, computed within the quarter hour.
        impacts.push([
          ++impactId,
          id,
          networkId,
          1,
          'completion',
          l.hub_id,
          toHub,
          i.completedAt,
          i.category,
          i.family,
          JSON.stringify(i.flowIds),
          i.lastFlowId,
          i.massSource,
          i.massGrams,
          i.massLowGrams,
          i.massHighGrams,
          i.machineHoursMilli,
          i.factorId,
          i.transportMode,
          i.transportFactorId,
          i.distanceM,
          i.grossG,
          i.grossLowG,
          i.grossHighG,
          i.attributedG,
          i.attributedLowG,
          i.attributedHighG,
          i.transportG,
          i.netG,
          i.netLowG,
          i.netHighG,
          JSON.stringify(i.method),
          null,
          iso(at + 15 * 60e3),
        ]);
      }
    }
    row.updated_at = events[events.length - 1][7];
    exchanges.push(row);
  });

  const exchangeColumns = Object.keys(exchanges[0]);
  const statements = [
    ...inserts(
      'exchanges',
      exchangeColumns,
      exchanges.map((e) => exchangeColumns.map((c) => e[c])),
    ),
    ...inserts(
      'exchange_events',
      ['id', 'exchange_id', 'actor_id', 'action', 'from_state', 'to_state', 'note', 'created_at'],
      events,
    ),
    ...inserts('exchange_messages', ['exchange_id', 'author_id', 'hub_id', 'body', 'created_at'], messages),
    ...inserts(
      'flows',
      [
        'id',
        'exchange_id',
        'from_hub_id',
        'to_hub_id',
        'category',
        'quantity_milli',
        'unit',
        'mass_grams',
        'mass_source',
        'completed_at',
        'created_by',
        'created_at',
      ],
      flows,
    ),
    ...inserts(
      'exchange_impacts',
      [
        'id',
        'exchange_id',
        'network_id',
        'revision',
        'reason',
        'from_hub_id',
        'to_hub_id',
        'completed_at',
        'category',
        'family',
        'flow_ids',
        'last_flow_id',
        'mass_source',
        'mass_grams',
        'mass_low_grams',
        'mass_high_grams',
        'machine_hours_milli',
        'factor_id',
        'transport_mode',
        'transport_factor_id',
        'distance_m',
        'gross_g',
        'gross_low_g',
        'gross_high_g',
        'attributed_g',
        'attributed_low_g',
        'attributed_high_g',
        'transport_g',
        'net_g',
        'net_low_g',
        'net_high_g',
        'method_json',
        'requested_by',
        'computed_at',
      ],
      impacts,
    ),
    // The kept totals, as the app keeps them alongside each impact row.
    app.REBUILD_KEPT_TOTALS_SQL,
    // The reservation each holding exchange keeps (accepted, handed over, disputed, completed).
    `UPDATE listings SET quantity_reserved_milli = (
       SELECT sum(CASE e.state WHEN 'completed' THEN e.handover_quantity_milli ELSE e.quantity_milli END)
       FROM exchanges e WHERE e.listing_id = listings.id AND e.state IN ('accepted', 'handed_over', 'disputed', 'completed'))
     WHERE id IN (SELECT listing_id FROM exchanges WHERE state IN ('accepted', 'handed_over', 'disputed', 'completed'));`,
  ];
  // Files of a few MB each: wrangler reads a file into memory before sending it.
  const files = [];
  let chunk = [];
  let size = 0;
  for (const s of statements) {
    chunk.push(s);
    size += s.length;
    if (size > 4e6) {
      files.push(chunk);
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length) files.push(chunk);
  files.forEach((c, i) => {
    const path = `bench-results/seed-exchanges-${i}.sql`;
    writeFileSync(path, c.join('\n'));
    execFile(path);
  });
  return {
    exchanges: exchanges.length,
    states: counts,
    events: events.length,
    messages: messages.length,
    flows: flows.length,
    impacts: impacts.length,
    networkAtScale: { slug: NETWORK_AT_SCALE, benchHubsJoined: HUBS_JOINING },
  };
}
