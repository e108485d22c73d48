/**
 * All SQL of impact accounting. The ledger (flows, exchanges) belongs to the exchanges module;
 * it is read here as a read model, never written.
 */
import type { TFlowRow, TImpactFactor, TImpactRow, TTransportFactor } from '../../shared/impact.schemas';
import { categoryFamily } from '../../shared/taxonomy';
import {
  keptPeriodMonth,
  type Bucket,
  type ExchangeImpact,
  type Factor,
  type KeptMonth,
  type LedgerRow,
  type TransportFactor,
} from './impact.domain';

// ---------- factors ----------

type FactorRow = {
  id: number;
  category: string;
  g_co2e_per_tonne: number;
  label: string;
  source: string;
  source_url: string | null;
  year: number;
  licence: string;
  version: number;
  valid_from: string;
  note: string;
};

type TransportRow = {
  id: number;
  mode: string;
  g_co2e_per_km: number;
  source: string;
  year: number;
  licence: string;
  version: number;
  valid_from: string;
  note: string;
};

export async function factorRows(
  db: D1Database,
): Promise<{ factors: FactorRow[]; transport: TransportRow[] }> {
  const [f, t] = await db.batch([
    db.prepare('SELECT * FROM impact_factors ORDER BY category, version'),
    db.prepare('SELECT * FROM transport_factors ORDER BY mode, version'),
  ]);
  return { factors: (f?.results ?? []) as FactorRow[], transport: (t?.results ?? []) as TransportRow[] };
}

/** These impact factors only (the ones a report's rows used), in the order of `factorRows`. */
export async function factorsByIds(db: D1Database, ids: number[]): Promise<FactorRow[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      'SELECT * FROM impact_factors WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY category, version',
    )
    .bind(JSON.stringify(ids))
    .all<FactorRow>();
  return results;
}

export const toFactor = (r: FactorRow): Factor => ({
  id: r.id,
  category: r.category,
  gPerTonne: r.g_co2e_per_tonne,
  version: r.version,
  validFrom: r.valid_from,
  year: r.year,
  licence: r.licence,
  source: r.source,
});

export const toTransportFactor = (r: TransportRow): TransportFactor => ({
  id: r.id,
  mode: r.mode,
  gPerKm: r.g_co2e_per_km,
  version: r.version,
  validFrom: r.valid_from,
  year: r.year,
  licence: r.licence,
  source: r.source,
});

export const toApiFactor = (r: FactorRow): TImpactFactor => ({
  id: r.id,
  category: r.category,
  kgCo2ePerKg: r.g_co2e_per_tonne / 1_000_000,
  label: r.label,
  source: r.source,
  sourceUrl: r.source_url,
  year: r.year,
  licence: r.licence,
  version: r.version,
  validFrom: r.valid_from,
  note: r.note,
});

export const toApiTransportFactor = (r: TransportRow): TTransportFactor => ({
  id: r.id,
  mode: r.mode,
  kgCo2ePerKm: r.g_co2e_per_km / 1000,
  source: r.source,
  year: r.year,
  licence: r.licence,
  version: r.version,
  validFrom: r.valid_from,
  note: r.note,
});

// ---------- computing ----------

/**
 * Exchanges with ledger rows in scope (network_id null: every exchange) that have no current
 * impact row covering their latest ledger row: new completions and later corrections.
 */
export async function pendingExchanges(
  db: D1Database,
  networkId: number | null,
  limit: number,
  onlyExchangeId: number | null = null,
  afterFlowId: number | null = null,
): Promise<number[]> {
  // A network's scope reads only its hubs' ledger rows, through the from/to hub indexes; the
  // default scope covers every row. (One statement for both made the planner scan every flow
  // and test each against the network's hubs.)
  const inScope =
    networkId === null
      ? '1'
      : `(f.from_hub_id IN (SELECT hub_id FROM network_hubs WHERE network_id = ?1 AND status = 'active')
          OR f.to_hub_id IN (SELECT hub_id FROM network_hubs WHERE network_id = ?1 AND status = 'active'))`;
  const { results } = await db
    .prepare(
      `SELECT c.exchange_id FROM (
         SELECT f.exchange_id, max(f.id) AS last_flow_id FROM flows f
         WHERE ${inScope} AND (?3 IS NULL OR f.exchange_id = ?3) AND f.id > coalesce(?4, 0)
         GROUP BY f.exchange_id) c
       WHERE NOT EXISTS (SELECT 1 FROM exchange_impacts i WHERE i.exchange_id = c.exchange_id
         AND i.network_id IS ?1 AND i.superseded_by IS NULL AND i.last_flow_id >= c.last_flow_id)
       ORDER BY c.exchange_id LIMIT ?2`,
    )
    .bind(networkId, limit, onlyExchangeId, afterFlowId)
    .all<{ exchange_id: number }>();
  return results.map((r) => r.exchange_id);
}

/** The newest ledger row a network's impact rows cover (null when it has none): one index step. */
export async function coveredFlowId(db: D1Database, networkId: number): Promise<number | null> {
  const row = await db
    .prepare('SELECT max(last_flow_id) AS id FROM exchange_impacts WHERE network_id = ?1')
    .bind(networkId)
    .first<{ id: number | null }>();
  return row?.id ?? null;
}

export type ExchangeLedger = {
  exchangeId: number;
  fromHubId: number;
  toHubId: number;
  from: { lat: number; lon: number };
  to: { lat: number; lon: number };
  transportMode: string | null;
  rows: LedgerRow[];
};

type LedgerJoinRow = {
  id: number;
  exchange_id: number;
  from_hub_id: number;
  to_hub_id: number;
  category: string;
  quantity_milli: number;
  unit: string;
  mass_grams: number | null;
  mass_source: 'weighed' | 'estimated' | 'unknown';
  completed_at: string;
  reverses_flow_id: number | null;
  transport_mode: string | null;
  from_lat: number;
  from_lon: number;
  to_lat: number;
  to_lon: number;
};

/** The ledger rows of these exchanges, with the handover's transport mode and the hubs' places. */
export async function ledgersOf(db: D1Database, exchangeIds: number[]): Promise<ExchangeLedger[]> {
  if (exchangeIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT f.id, f.exchange_id, f.from_hub_id, f.to_hub_id, f.category, f.quantity_milli, f.unit,
         f.mass_grams, f.mass_source, f.completed_at, f.reverses_flow_id, e.transport_mode,
         hf.lat AS from_lat, hf.lon AS from_lon, ht.lat AS to_lat, ht.lon AS to_lon
       FROM flows f JOIN exchanges e ON e.id = f.exchange_id
         JOIN hubs hf ON hf.id = f.from_hub_id JOIN hubs ht ON ht.id = f.to_hub_id
       WHERE f.exchange_id IN (SELECT value FROM json_each(?1)) ORDER BY f.exchange_id, f.id`,
    )
    .bind(JSON.stringify(exchangeIds))
    .all<LedgerJoinRow>();
  const out = new Map<number, ExchangeLedger>();
  for (const r of results) {
    let ledger = out.get(r.exchange_id);
    if (!ledger) {
      ledger = {
        exchangeId: r.exchange_id,
        fromHubId: r.from_hub_id,
        toHubId: r.to_hub_id,
        from: { lat: r.from_lat, lon: r.from_lon },
        to: { lat: r.to_lat, lon: r.to_lon },
        transportMode: r.transport_mode,
        rows: [],
      };
      out.set(r.exchange_id, ledger);
    }
    ledger.rows.push({
      id: r.id,
      exchangeId: r.exchange_id,
      category: r.category,
      quantityMilli: r.quantity_milli,
      unit: r.unit,
      massGrams: r.mass_grams,
      massSource: r.mass_source,
      completedAt: r.completed_at,
      reversesFlowId: r.reverses_flow_id,
    });
  }
  return [...out.values()];
}

const IMPACT_COLUMNS = [
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
] as const;

// ---------- kept totals ----------

/** The kept figures: each column of impact_rollups and the impact rows' sum it keeps. */
const KEPT = {
  exchanges: 'count(*)',
  mass_weighed_g: "sum(CASE WHEN mass_source = 'weighed' THEN mass_grams ELSE 0 END)",
  mass_estimated_g: "sum(CASE WHEN mass_source = 'estimated' THEN mass_grams ELSE 0 END)",
  mass_estimated_low_g: "sum(CASE WHEN mass_source = 'estimated' THEN mass_low_grams ELSE 0 END)",
  mass_estimated_high_g: "sum(CASE WHEN mass_source = 'estimated' THEN mass_high_grams ELSE 0 END)",
  mass_unknown: "sum(CASE WHEN mass_source = 'unknown' THEN 1 ELSE 0 END)",
  machine_hours_milli: 'sum(machine_hours_milli)',
  gross_g: 'sum(gross_g)',
  gross_low_g: 'sum(gross_low_g)',
  gross_high_g: 'sum(gross_high_g)',
  attributed_g: 'sum(attributed_g)',
  attributed_low_g: 'sum(attributed_low_g)',
  attributed_high_g: 'sum(attributed_high_g)',
  transport_g: 'sum(transport_g)',
  net_g: 'sum(net_g)',
  net_low_g: 'sum(net_low_g)',
  net_high_g: 'sum(net_high_g)',
} as const;
export type KeptColumn = keyof typeof KEPT;
export const KEPT_COLUMNS = Object.keys(KEPT) as KeptColumn[];
/**
 * Each impact row is kept four times: in its month, its year, over all periods, and on its day
 * (`d2026-05-14`; a trigger copies each day row into its hub pair's days, impact_pair_days, 0049).
 */
const PERIODS = '(SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) g';
const PERIOD = `CASE g.k WHEN 0 THEN substr(completed_at, 1, 7) WHEN 1 THEN 'y' || substr(completed_at, 1, 4)
  WHEN 2 THEN 'all' ELSE 'd' || substr(completed_at, 1, 10) END`;
const KEY = `coalesce(network_id, 0), ${PERIOD}, from_hub_id, to_hub_id, category, family`;
const USE_METHOD = `json_object('attribution', json_extract(method_json, '$.attribution'),
  'deadweight', json_extract(method_json, '$.deadweight'), 'transport', json_extract(method_json, '$.transport'),
  'estimateRange', json_extract(method_json, '$.estimateRange'))`;
const USE_KEY = `coalesce(network_id, 0), ${PERIOD}, coalesce(factor_id, 0), ${USE_METHOD}`;
const MONTH_COLUMNS = `scope_id, month, hubs_active, ${KEPT_COLUMNS.join(', ')}`;

/** Adds (sign 1) or subtracts (sign −1) the impact rows matching `where` to the kept totals. */
function keepTotals(db: D1Database, o: { sign: 1 | -1; where: string }): D1PreparedStatement {
  const cols = KEPT_COLUMNS.join(', ');
  const sums = KEPT_COLUMNS.map((c) => `${o.sign} * ${KEPT[c]}`).join(', ');
  const update = KEPT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  return db.prepare(
    `INSERT INTO impact_rollups (scope_id, period, from_hub_id, to_hub_id, category, family, ${cols})
     SELECT ${KEY}, ${sums} FROM exchange_impacts, ${PERIODS} WHERE ${o.where} GROUP BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (scope_id, period, from_hub_id, to_hub_id, category) DO UPDATE SET ${update}`,
  );
}

/** The same for the kept factor and method uses. */
function keepUses(db: D1Database, o: { sign: 1 | -1; where: string }): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO impact_uses (scope_id, month, factor_id, method, exchanges)
     SELECT ${USE_KEY}, ${o.sign} * count(*) FROM exchange_impacts, ${PERIODS} WHERE ${o.where} GROUP BY 1, 2, 3, 4
     ON CONFLICT (scope_id, month, factor_id, method) DO UPDATE SET exchanges = exchanges + excluded.exchanges`,
  );
}

/**
 * The network's kept month (impact_months) an exchange's impact rows fall in, refreshed from
 * impact_rollups: two statements for the batch that records the exchange's impact. Every
 * revision of an exchange's impact keeps its completion time, so one month is touched. The month
 * is a plain value: a month computed in SQL would leave the view's grouping unfiltered.
 */
function refreshMonth(db: D1Database, networkId: number, month: string): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM impact_months WHERE scope_id = ?1 AND month = ?2').bind(networkId, month),
    db
      .prepare(
        `INSERT INTO impact_months (${MONTH_COLUMNS})
         SELECT ${MONTH_COLUMNS} FROM impact_month_sums WHERE scope_id = ?1 AND month = ?2`,
      )
      .bind(networkId, month),
  ];
}

/** Rebuilds every kept total, use and month from the current impact rows (bench seeding). */
export const REBUILD_KEPT_TOTALS_SQL = `DELETE FROM impact_rollups;
DELETE FROM impact_pair_days;
INSERT INTO impact_rollups (scope_id, period, from_hub_id, to_hub_id, category, family, ${KEPT_COLUMNS.join(', ')})
SELECT ${KEY}, ${KEPT_COLUMNS.map((c) => KEPT[c]).join(', ')}
FROM exchange_impacts, ${PERIODS} WHERE superseded_by IS NULL GROUP BY 1, 2, 3, 4, 5, 6;
DELETE FROM impact_uses;
DELETE FROM impact_use_days;
INSERT INTO impact_uses (scope_id, month, factor_id, method, exchanges)
SELECT ${USE_KEY}, count(*) FROM exchange_impacts, ${PERIODS} WHERE superseded_by IS NULL GROUP BY 1, 2, 3, 4;
DELETE FROM impact_months;
INSERT INTO impact_months (${MONTH_COLUMNS}) SELECT ${MONTH_COLUMNS} FROM impact_month_sums;`;

export type KeptRow = {
  period: string;
  fromHub: string;
  toHub: string;
  category: string;
  family: string;
} & Record<KeptColumn, number>;

/** A scope's kept totals at every period (network id, or null for the default scope), with the hubs' slugs. */
export async function keptTotals(db: D1Database, networkId: number | null): Promise<KeptRow[]> {
  const { results } = await db
    .prepare(
      `SELECT t.period, hf.slug AS fromHub, ht.slug AS toHub, t.category, t.family,
         ${KEPT_COLUMNS.map((c) => `t.${c}`).join(', ')}
       FROM impact_rollups t JOIN hubs hf ON hf.id = t.from_hub_id JOIN hubs ht ON ht.id = t.to_hub_id
       WHERE t.scope_id = ?1 AND t.exchanges <> 0
       ORDER BY t.period, hf.slug, ht.slug, t.category`,
    )
    .bind(networkId ?? 0)
    .all<KeptRow>();
  return results;
}

/** The same figures recomputed from the current impact rows: what the kept totals must equal. */
export async function recomputedTotals(db: D1Database, networkId: number | null): Promise<KeptRow[]> {
  const { results } = await db
    .prepare(
      `SELECT t.period, hf.slug AS fromHub, ht.slug AS toHub, t.category, t.family,
         ${KEPT_COLUMNS.map((c) => `t.${c}`).join(', ')}
       FROM (SELECT ${PERIOD} AS period, from_hub_id, to_hub_id, category, family,
               ${KEPT_COLUMNS.map((c) => `${KEPT[c]} AS ${c}`).join(', ')}
             FROM exchange_impacts, ${PERIODS} WHERE network_id IS ?1 AND superseded_by IS NULL
             GROUP BY 1, 2, 3, 4, 5) t
       JOIN hubs hf ON hf.id = t.from_hub_id JOIN hubs ht ON ht.id = t.to_hub_id
       ORDER BY t.period, hf.slug, ht.slug, t.category`,
    )
    .bind(networkId)
    .all<KeptRow>();
  return results;
}

export type KeptMonthRow = { month: string; hubs_active: number } & Record<KeptColumn, number>;

/** A network's kept months (impact_months), oldest first. */
export async function keptMonthRows(db: D1Database, networkId: number): Promise<KeptMonthRow[]> {
  const { results } = await db
    .prepare(
      `SELECT month, hubs_active, ${KEPT_COLUMNS.join(', ')} FROM impact_months
       WHERE scope_id = ?1 AND exchanges <> 0 ORDER BY month`,
    )
    .bind(networkId)
    .all<KeptMonthRow>();
  return results;
}

/**
 * The same recomputed from the current impact rows touching the network's active hubs, with the
 * number of those hubs taking part each month.
 */
export async function recomputedMonthRows(db: D1Database, networkId: number): Promise<KeptMonthRow[]> {
  const active = `SELECT hub_id FROM network_hubs WHERE network_id = ?1 AND status = 'active'`;
  const { results } = await db
    .prepare(
      `SELECT substr(i.completed_at, 1, 7) AS month,
         (SELECT count(*) FROM network_hubs nh WHERE nh.network_id = ?1 AND nh.status = 'active'
            AND EXISTS (SELECT 1 FROM exchange_impacts x WHERE x.network_id = ?1 AND x.superseded_by IS NULL
              AND substr(x.completed_at, 1, 7) = substr(i.completed_at, 1, 7)
              AND (x.from_hub_id = nh.hub_id OR x.to_hub_id = nh.hub_id))) AS hubs_active,
         ${KEPT_COLUMNS.map((c) => `${KEPT[c]} AS ${c}`).join(', ')}
       FROM exchange_impacts i WHERE i.network_id = ?1 AND i.superseded_by IS NULL
         AND (i.from_hub_id IN (${active}) OR i.to_hub_id IN (${active}))
       GROUP BY 1 ORDER BY 1`,
    )
    .bind(networkId)
    .all<KeptMonthRow>();
  return results;
}

const toBucket = (
  r: Record<KeptColumn, number>,
  key: { month: string; fromHub: string; toHub: string; category: string; family: string },
): Bucket => ({
  ...key,
  exchanges: r.exchanges,
  massWeighedG: r.mass_weighed_g,
  massEstimatedG: r.mass_estimated_g,
  massEstimatedLowG: r.mass_estimated_low_g,
  massEstimatedHighG: r.mass_estimated_high_g,
  massUnknown: r.mass_unknown,
  machineHoursMilli: r.machine_hours_milli,
  grossG: r.gross_g,
  grossLowG: r.gross_low_g,
  grossHighG: r.gross_high_g,
  attributedG: r.attributed_g,
  attributedLowG: r.attributed_low_g,
  attributedHighG: r.attributed_high_g,
  transportG: r.transport_g,
  netG: r.net_g,
  netLowG: r.net_low_g,
  netHighG: r.net_high_g,
});

/** One primary-key range per kept period range, in one statement (`keptPeriods`). */
function periodRanges(
  table: 'impact_rollups' | 'impact_uses',
  column: string,
  cols: string,
  n: number,
): string {
  return Array.from(
    { length: n },
    (_, k) =>
      `SELECT ${column} AS period, ${cols} FROM ${table}
       WHERE scope_id = ?1 AND ${column} BETWEEN ?${2 * k + 2} AND ?${2 * k + 3} AND exchanges <> 0`,
  ).join(' UNION ALL ');
}

/** D1's limit of bound parameters per statement. */
const MAX_PARAMS = 100;

/**
 * Hubs' slugs by id: those in `known` (the network's own hubs, already read) from there, the
 * others looked up — up to 100 ids as bound parameters (two rows read each), more through
 * json_each (which reads each id twice more).
 */
export async function hubSlugs(
  db: D1Database,
  ids: number[],
  known: ReadonlyMap<number, string>,
): Promise<Map<number, string>> {
  const slugs = new Map<number, string>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const slug = known.get(id);
    if (slug === undefined) missing.push(id);
    else slugs.set(id, slug);
  }
  if (missing.length === 0) return slugs;
  const stmt =
    missing.length <= MAX_PARAMS
      ? db
          .prepare(`SELECT id, slug FROM hubs WHERE id IN (${missing.map((_, k) => `?${k + 1}`).join(', ')})`)
          .bind(...missing)
      : db
          .prepare('SELECT id, slug FROM hubs WHERE id IN (SELECT value FROM json_each(?1))')
          .bind(JSON.stringify(missing));
  for (const h of (await stmt.all<{ id: number; slug: string }>()).results) slugs.set(h.id, h.slug);
  return slugs;
}

/**
 * Rows that name hubs by id: the ids they need, and the rows once the slugs are known — so a
 * report names its hubs from the network's hubs it has read already, and looks up only the others
 * (`hubSlugs`), once.
 */
export type ByHubId<T> = { hubIds: number[]; withSlugs: (slugs: ReadonlyMap<number, string>) => T[] };

const slugOf = (slugs: ReadonlyMap<number, string>, id: number) => slugs.get(id) ?? String(id);

/**
 * A network's kept totals for these kept periods (`keptPeriods`), as buckets: one primary-key
 * range of impact_rollups per range.
 */
export async function keptBuckets(
  db: D1Database,
  networkId: number,
  ranges: [string, string][],
): Promise<ByHubId<Bucket>> {
  if (ranges.length === 0) return { hubIds: [], withSlugs: () => [] };
  // Hub ids, not joins: a join reads two hub rows per kept row; the slugs are looked up once.
  const { results } = await db
    .prepare(
      periodRanges(
        'impact_rollups',
        'period',
        `from_hub_id AS fromHub, to_hub_id AS toHub, category, family, ${KEPT_COLUMNS.join(', ')}`,
        ranges.length,
      ),
    )
    .bind(networkId, ...ranges.flat())
    .all<
      Record<KeptColumn, number> & {
        period: string;
        fromHub: number;
        toHub: number;
        category: string;
        family: string;
      }
    >();
  return {
    hubIds: results.flatMap((r) => [r.fromHub, r.toHub]),
    withSlugs: (slugs) =>
      results.map((r) =>
        toBucket(r, {
          month: keptPeriodMonth(r.period),
          fromHub: slugOf(slugs, r.fromHub),
          toHub: slugOf(slugs, r.toHub),
          category: r.category,
          family: r.family,
        }),
      ),
  };
}

/** A hub pair's kept days (migration 0049): the KEPT_COLUMNS sums of each day, in that order. */
export type PairDays = {
  fromHub: string;
  toHub: string;
  category: string;
  family: string;
  days: Record<string, number[]>;
};

/**
 * A network's kept days, one row per hub pair and category whatever the period: a view of any
 * days reads these rows and sums the days it covers (`pairDayBuckets`), instead of a kept row per
 * month and the impact rows of the days of a month it covers in part.
 */
export async function keptPairDays(db: D1Database, networkId: number): Promise<ByHubId<PairDays>> {
  const { results } = await db
    .prepare(
      `SELECT from_hub_id AS fromHub, to_hub_id AS toHub, category, family, days FROM impact_pair_days
       WHERE scope_id = ?1`,
    )
    .bind(networkId)
    .all<{ fromHub: number; toHub: number; category: string; family: string; days: string }>();
  return {
    hubIds: results.flatMap((r) => [r.fromHub, r.toHub]),
    withSlugs: (slugs) =>
      results.map((r) => ({
        fromHub: slugOf(slugs, r.fromHub),
        toHub: slugOf(slugs, r.toHub),
        category: r.category,
        family: r.family,
        days: JSON.parse(r.days) as Record<string, number[]>,
      })),
  };
}

/** The factors and methods a network's current impact rows used, each with its days (0049). */
export async function keptUseDays(
  db: D1Database,
  networkId: number,
): Promise<{ factorId: number | null; method: Record<string, unknown>; days: Record<string, number> }[]> {
  const { results } = await db
    .prepare('SELECT factor_id, method, days FROM impact_use_days WHERE scope_id = ?1')
    .bind(networkId)
    .all<{ factor_id: number; method: string; days: string }>();
  return results.map((r) => ({
    factorId: r.factor_id === 0 ? null : r.factor_id,
    method: JSON.parse(r.method) as Record<string, unknown>,
    days: JSON.parse(r.days) as Record<string, number>,
  }));
}

/** The kept days of these pairs from `from` to `to` (inclusive; open when absent), per month. */
export function pairDayBuckets(pairs: PairDays[], period: { from?: string; to?: string }): Bucket[] {
  const buckets: Bucket[] = [];
  for (const p of pairs) {
    const months = new Map<string, Record<KeptColumn, number>>();
    for (const [day, sums] of Object.entries(p.days)) {
      if ((period.from && day < period.from) || (period.to && day > period.to) || !sums[0]) continue;
      const month = day.slice(0, 7);
      let m = months.get(month);
      if (!m)
        months.set(
          month,
          (m = Object.fromEntries(KEPT_COLUMNS.map((c) => [c, 0])) as Record<KeptColumn, number>),
        );
      KEPT_COLUMNS.forEach((c, k) => (m[c] += sums[k] ?? 0));
    }
    for (const [month, sums] of months)
      buckets.push(
        toBucket(sums, { month, fromHub: p.fromHub, toHub: p.toHub, category: p.category, family: p.family }),
      );
  }
  return buckets;
}

/** A network's kept months from `from` to `to` (YYYY-MM, null for open): one row per month. */
export async function keptMonths(
  db: D1Database,
  networkId: number,
  months: { from: string | null; to: string | null },
): Promise<KeptMonth[]> {
  const { results } = await db
    .prepare(
      `SELECT month, hubs_active, ${KEPT_COLUMNS.join(', ')} FROM impact_months
       WHERE scope_id = ?1 AND month BETWEEN coalesce(?2, '') AND coalesce(?3, '9999') AND exchanges <> 0`,
    )
    .bind(networkId, months.from, months.to)
    .all<KeptMonthRow>();
  return results.map((r) => ({
    bucket: toBucket(r, { month: r.month, fromHub: '', toHub: '', category: '', family: '' }),
    hubsActive: r.hubs_active,
  }));
}

/** The factors and methods a network's current impact rows of these kept periods used. */
export async function keptUses(
  db: D1Database,
  networkId: number,
  ranges: [string, string][],
): Promise<{ factorId: number | null; method: Record<string, unknown> }[]> {
  if (ranges.length === 0) return [];
  const { results } = await db
    .prepare(periodRanges('impact_uses', 'month', 'factor_id, method', ranges.length))
    .bind(networkId, ...ranges.flat())
    .all<{ factor_id: number; method: string }>();
  return results.map((r) => ({
    factorId: r.factor_id === 0 ? null : r.factor_id,
    method: JSON.parse(r.method) as Record<string, unknown>,
  }));
}

/**
 * Records an impact row and supersedes the scope's previous current row, in one atomic batch.
 * Automatic computation ('auto') inserts only while no current row covers the exchange's latest
 * ledger row, so concurrent runs compute an exchange once; a recalculation always records.
 * Returns the new row's id, or null when nothing was recorded.
 */
export async function recordImpact(
  db: D1Database,
  v: {
    exchangeId: number;
    networkId: number | null;
    fromHubId: number;
    toHubId: number;
    impact: ExchangeImpact;
    kind: 'auto' | 'recalculation';
    requestedBy: number | null;
    now: string;
  },
): Promise<number | null> {
  const i = v.impact;
  const values = [
    v.fromHubId,
    v.toHubId,
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
    v.requestedBy,
    v.now,
  ];
  const first = 4; // ?1 exchange, ?2 network, ?3 recalculation flag
  const placeholders = IMPACT_COLUMNS.map((_, k) => `?${k + first}`).join(', ');
  const recalc = v.kind === 'recalculation' ? 1 : 0;
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO exchange_impacts (exchange_id, network_id, revision, reason, ${IMPACT_COLUMNS.join(', ')})
         SELECT ?1, ?2,
           coalesce((SELECT max(revision) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2), 0) + 1,
           CASE WHEN ?3 = 1 THEN 'recalculation'
                WHEN EXISTS (SELECT 1 FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)
                  THEN 'ledger_correction'
                ELSE 'completion' END,
           ${placeholders}
         WHERE ?3 = 1 OR NOT EXISTS (SELECT 1 FROM exchange_impacts WHERE exchange_id = ?1
           AND network_id IS ?2 AND superseded_by IS NULL AND last_flow_id >= ?${first + 6})
         RETURNING id`,
      )
      .bind(v.exchangeId, v.networkId, recalc, ...values),
    // Kept totals, in the same batch: the new row is added only when the insert above happened
    // (changes() still speaks of it), then the rows it supersedes are subtracted.
    keepTotals(db, {
      sign: 1,
      where: `id = (SELECT max(id) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)
        AND changes() = 1`,
    }).bind(v.exchangeId, v.networkId),
    // changes() now speaks of the totals' upsert: its month, year and all-time rows when the
    // impact row was added, none otherwise.
    keepUses(db, {
      sign: 1,
      where: `id = (SELECT max(id) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)
        AND changes() > 0`,
    }).bind(v.exchangeId, v.networkId),
    // `+network_id`, `+superseded_by`: found through the exchange's index (a few rows), not the
    // scope's (every current row of the network).
    keepTotals(db, {
      sign: -1,
      where: `exchange_id = ?1 AND +network_id IS ?2 AND +superseded_by IS NULL
        AND id < (SELECT max(id) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)`,
    }).bind(v.exchangeId, v.networkId),
    keepUses(db, {
      sign: -1,
      where: `exchange_id = ?1 AND +network_id IS ?2 AND +superseded_by IS NULL
        AND id < (SELECT max(id) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)`,
    }).bind(v.exchangeId, v.networkId),
    db
      .prepare(
        `UPDATE exchange_impacts
         SET superseded_by = (SELECT max(id) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)
         WHERE exchange_id = ?1 AND +network_id IS ?2 AND +superseded_by IS NULL
           AND id < (SELECT max(id) FROM exchange_impacts WHERE exchange_id = ?1 AND network_id IS ?2)`,
      )
      .bind(v.exchangeId, v.networkId),
    // The network's months over every hub pair, from the kept totals just written.
    ...(v.networkId === null ? [] : refreshMonth(db, v.networkId, i.completedAt.slice(0, 7))),
  ]);
  const row = inserted?.results[0] as { id: number } | undefined;
  return row?.id ?? null;
}

// ---------- reading ----------

type FlowJoinRow = {
  id: number;
  exchange_id: number;
  from_hub: string;
  to_hub: string;
  category: string;
  quantity_milli: number;
  unit: string;
  mass_grams: number | null;
  mass_source: 'weighed' | 'estimated' | 'unknown';
  completed_at: string;
  reverses_flow_id: number | null;
};

/** Ledger rows touching any of these hubs, oldest first; no person is named. */
export async function flowsTouching(db: D1Database, hubIds: number[]): Promise<TFlowRow[]> {
  if (hubIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT f.id, f.exchange_id, hf.slug AS from_hub, ht.slug AS to_hub, f.category, f.quantity_milli,
         f.unit, f.mass_grams, f.mass_source, f.completed_at, f.reverses_flow_id
       FROM flows f JOIN hubs hf ON hf.id = f.from_hub_id JOIN hubs ht ON ht.id = f.to_hub_id
       WHERE f.from_hub_id IN (SELECT value FROM json_each(?1)) OR f.to_hub_id IN (SELECT value FROM json_each(?1))
       ORDER BY f.completed_at, f.id`,
    )
    .bind(JSON.stringify(hubIds))
    .all<FlowJoinRow>();
  return results.map((r) => ({
    id: r.id,
    exchangeId: r.exchange_id,
    fromHub: r.from_hub,
    toHub: r.to_hub,
    category: r.category,
    family: categoryFamily(r.category),
    quantityMilli: r.quantity_milli,
    unit: r.unit,
    massGrams: r.mass_grams,
    massSource: r.mass_source,
    completedAt: r.completed_at,
    reversesFlowId: r.reverses_flow_id,
  }));
}

type ImpactJoinRow = {
  id: number;
  exchange_id: number;
  revision: number;
  reason: TImpactRow['reason'];
  from_hub: string;
  to_hub: string;
  completed_at: string;
  category: string;
  family: string;
  flow_ids: string;
  mass_source: TImpactRow['massSource'];
  mass_grams: number;
  mass_low_grams: number;
  mass_high_grams: number;
  machine_hours_milli: number;
  factor_id: number | null;
  transport_mode: string | null;
  transport_factor_id: number | null;
  distance_m: number;
  gross_g: number;
  gross_low_g: number;
  gross_high_g: number;
  attributed_g: number;
  attributed_low_g: number;
  attributed_high_g: number;
  transport_g: number;
  net_g: number;
  net_low_g: number;
  net_high_g: number;
  method_json: string;
  computed_at: string;
  superseded_by: number | null;
};

const toImpactRow = (r: ImpactJoinRow): TImpactRow => ({
  id: r.id,
  exchangeId: r.exchange_id,
  revision: r.revision,
  reason: r.reason,
  fromHub: r.from_hub,
  toHub: r.to_hub,
  completedAt: r.completed_at,
  category: r.category,
  family: r.family,
  flowIds: JSON.parse(r.flow_ids) as number[],
  massSource: r.mass_source,
  massGrams: r.mass_grams,
  massLowGrams: r.mass_low_grams,
  massHighGrams: r.mass_high_grams,
  machineHoursMilli: r.machine_hours_milli,
  factorId: r.factor_id,
  transportMode: r.transport_mode,
  transportFactorId: r.transport_factor_id,
  distanceM: r.distance_m,
  grossG: r.gross_g,
  grossLowG: r.gross_low_g,
  grossHighG: r.gross_high_g,
  attributedG: r.attributed_g,
  attributedLowG: r.attributed_low_g,
  attributedHighG: r.attributed_high_g,
  transportG: r.transport_g,
  netG: r.net_g,
  netLowG: r.net_low_g,
  netHighG: r.net_high_g,
  method: JSON.parse(r.method_json) as Record<string, unknown>,
  computedAt: r.computed_at,
  supersededBy: r.superseded_by,
});

// requested_by is left out on purpose: impact rows are shared and exported without people.
const IMPACT_FIELDS = `i.id, i.exchange_id, i.revision, i.reason,
  i.completed_at, i.category, i.family, i.flow_ids, i.mass_source, i.mass_grams, i.mass_low_grams,
  i.mass_high_grams, i.machine_hours_milli, i.factor_id, i.transport_mode, i.transport_factor_id,
  i.distance_m, i.gross_g, i.gross_low_g, i.gross_high_g, i.attributed_g, i.attributed_low_g,
  i.attributed_high_g, i.transport_g, i.net_g, i.net_low_g, i.net_high_g, i.method_json,
  i.computed_at, i.superseded_by`;
const IMPACT_SELECT = `SELECT ${IMPACT_FIELDS}, hf.slug AS from_hub, ht.slug AS to_hub
  FROM exchange_impacts i JOIN hubs hf ON hf.id = i.from_hub_id JOIN hubs ht ON ht.id = i.to_hub_id`;

/** The current impact rows of a scope touching any of these hubs, oldest first. */
export async function currentImpactsTouching(
  db: D1Database,
  networkId: number | null,
  hubIds: number[],
): Promise<TImpactRow[]> {
  if (hubIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `${IMPACT_SELECT}
       WHERE i.network_id IS ?1 AND i.superseded_by IS NULL
         AND (i.from_hub_id IN (SELECT value FROM json_each(?2)) OR i.to_hub_id IN (SELECT value FROM json_each(?2)))
       ORDER BY i.completed_at, i.id`,
    )
    .bind(networkId, JSON.stringify(hubIds))
    .all<ImpactJoinRow>();
  return results.map(toImpactRow);
}

/** One exchange's current impact row in a scope (network id, or null for the default scope). */
export async function currentImpactOf(
  db: D1Database,
  exchangeId: number,
  networkId: number | null,
): Promise<TImpactRow | null> {
  const r = await db
    .prepare(`${IMPACT_SELECT} WHERE i.exchange_id = ?1 AND i.network_id IS ?2 AND i.superseded_by IS NULL`)
    .bind(exchangeId, networkId)
    .first<ImpactJoinRow>();
  return r && toImpactRow(r);
}

export async function findImpact(db: D1Database, id: number): Promise<TImpactRow | null> {
  const r = await db.prepare(`${IMPACT_SELECT} WHERE i.id = ?1`).bind(id).first<ImpactJoinRow>();
  return r && toImpactRow(r);
}

/** Ids of the rows a recalculation superseded (its scope's earlier rows pointing at it). */
export async function supersededBy(db: D1Database, id: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM exchange_impacts
       WHERE exchange_id = (SELECT exchange_id FROM exchange_impacts WHERE id = ?1) AND superseded_by = ?1 ORDER BY id`,
    )
    .bind(id)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Names for a drill-down list: hub names by slug and listing titles by exchange id. */
export async function namesFor(
  db: D1Database,
  o: { hubSlugs: string[]; exchangeIds: number[] },
): Promise<{ hubs: Record<string, string>; exchanges: Record<string, string> }> {
  const [hubs, exchanges] = await db.batch<{ k: string; name: string }>([
    db
      .prepare('SELECT slug AS k, name FROM hubs WHERE slug IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(o.hubSlugs)),
    db
      .prepare(
        `SELECT CAST(e.id AS TEXT) AS k, l.title AS name FROM exchanges e JOIN listings l ON l.id = e.listing_id
         WHERE e.id IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(o.exchangeIds)),
  ]);
  const record = (rows: { k: string; name: string }[]) => Object.fromEntries(rows.map((r) => [r.k, r.name]));
  return { hubs: record(hubs!.results), exchanges: record(exchanges!.results) };
}

/**
 * What a network's report version is made of besides its hubs (`networks.hubsWithMarksOf`, which
 * gives each hub's newest flow and update times): its newest impact row — impact rows are
 * append-only, a recalculation adds one — and the update times of the network and its method.
 * Three index steps.
 */
export type ReportMarks = { i: number | null; n: string | null; m: string | null };

/** Those marks as one statement (three index steps), for a shared `DB.batch`; read with `reportMarksOf`. */
export function reportMarksStatement(db: D1Database, networkId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT (SELECT max(id) FROM exchange_impacts WHERE network_id = ?1) AS i,
         (SELECT updated_at FROM networks WHERE id = ?1) AS n,
         (SELECT updated_at FROM network_methods WHERE network_id = ?1) AS m`,
    )
    .bind(networkId);
}

export function reportMarksOf(result: D1Result | undefined): ReportMarks {
  return (result?.results[0] as ReportMarks | undefined) ?? { i: null, n: null, m: null };
}

/** A kept report under its query (read with `cachedReportOf`). */
export function cachedReportStatement(db: D1Database, networkId: number, query: string): D1PreparedStatement {
  return db
    .prepare('SELECT version, report FROM impact_report_cache WHERE network_id = ?1 AND query = ?2')
    .bind(networkId, query);
}

export function cachedReportOf(result: D1Result | undefined): { version: string; report: string } | null {
  return (result?.results[0] as { version: string; report: string } | undefined) ?? null;
}

export async function storeReport(
  db: D1Database,
  o: { networkId: number; query: string; version: string; report: string; now: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO impact_report_cache (network_id, query, version, report, computed_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (network_id, query) DO UPDATE SET version = excluded.version, report = excluded.report,
         computed_at = excluded.computed_at`,
    )
    .bind(o.networkId, o.query, o.version, o.report, o.now)
    .run();
}
