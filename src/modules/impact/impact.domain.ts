/**
 * Impact accounting, pure: the impact of one exchange from its ledger rows, and the dashboard
 * figures as exact integer sums of rows, each with the filter that lists the rows it sums.
 */
import { OUTSIDE_HUBS } from '../../shared/impact.schemas';
import type {
  TFigure,
  TGroup,
  TImpactQuery,
  TFlowQuery,
  TFlowRow,
  TImpactRow,
  TSankeyLink,
  TTotals,
} from '../../shared/impact.schemas';
import type { TMethod } from '../../shared/networks.schemas';
import { DEFAULT_MASS_RANGE_PERMILLE, massRange, mulDivRound } from '../../shared/mass';
import { categoryFamily, findCategory } from '../../shared/taxonomy';

// ---------- integer arithmetic ----------

export { mulDivRound };

// ---------- method ----------

/** A method as stored: per-mille integers. */
export type MethodPermille = {
  attributionPermille: number;
  deadweightPermille: number;
  transport: boolean;
  estimateRangePermille: number;
};

export const DEFAULT_METHOD_PERMILLE: MethodPermille = {
  attributionPermille: 1000,
  deadweightPermille: 0,
  transport: true,
  estimateRangePermille: DEFAULT_MASS_RANGE_PERMILLE,
};

export function methodToApi(m: MethodPermille): TMethod {
  return {
    attribution: m.attributionPermille / 1000,
    deadweight: m.deadweightPermille / 1000,
    transport: m.transport,
    estimateRange: m.estimateRangePermille / 1000,
  };
}

export const toPermille = (share: number) => Math.round(share * 1000);

// ---------- factors ----------

export type Factor = {
  id: number;
  category: string;
  gPerTonne: number;
  version: number;
  validFrom: string;
  year: number;
  licence: string;
  source: string;
};

export type TransportFactor = {
  id: number;
  mode: string;
  gPerKm: number;
  version: number;
  validFrom: string;
  year: number;
  licence: string;
  source: string;
};

/** The version in force on `at`: the highest whose validFrom is not later, else the first one. */
function inForce<T extends { version: number; validFrom: string }>(versions: T[], at: string): T | null {
  if (versions.length === 0) return null;
  const day = at.slice(0, 10);
  const valid = versions.filter((v) => v.validFrom.slice(0, 10) <= day);
  const pool = valid.length > 0 ? valid : [versions.reduce((a, b) => (a.version <= b.version ? a : b))];
  return pool.reduce((a, b) => (a.version >= b.version ? a : b));
}

/** The factor for a category: its own, else its parent's, up to its family; null when none. */
export function pickFactor(factors: Factor[], category: string, at: string): Factor | null {
  let slug: string | null = category;
  while (slug) {
    const own = factors.filter((f) => f.category === slug);
    if (own.length > 0) return inForce(own, at);
    slug = findCategory(slug)?.parent ?? null;
  }
  return null;
}

export function pickTransportFactor(factors: TransportFactor[], mode: string, at: string) {
  return inForce(
    factors.filter((f) => f.mode === mode),
    at,
  );
}

// ---------- one exchange ----------

export type LedgerRow = {
  id: number;
  exchangeId: number;
  category: string;
  quantityMilli: number;
  unit: string;
  massGrams: number | null;
  massSource: 'weighed' | 'estimated' | 'unknown';
  completedAt: string;
  reversesFlowId: number | null;
};

export type ExchangeImpact = {
  completedAt: string;
  category: string;
  family: string;
  flowIds: number[];
  lastFlowId: number;
  massSource: 'weighed' | 'estimated' | 'unknown' | 'none';
  massGrams: number;
  massLowGrams: number;
  massHighGrams: number;
  machineHoursMilli: number;
  factorId: number | null;
  transportMode: string | null;
  transportFactorId: number | null;
  distanceM: number;
  grossG: number;
  grossLowG: number;
  grossHighG: number;
  attributedG: number;
  attributedLowG: number;
  attributedHighG: number;
  transportG: number;
  netG: number;
  netLowG: number;
  netHighG: number;
  method: Record<string, unknown>;
};

/**
 * The impact of one completed exchange from all its ledger rows (a correction's reversing row
 * included): gross = mass × factor; attributed = gross × attribution × (1 − deadweight);
 * net = attributed − distance × transport factor (so net can be negative). Machine time is
 * counted in hours and has no mass. Unknown mass counts as zero and is marked 'unknown'.
 */
export function computeExchangeImpact(o: {
  rows: LedgerRow[];
  transportMode: string | null;
  distanceM: number;
  factors: Factor[];
  transportFactors: TransportFactor[];
  method: MethodPermille;
  scope: string;
}): ExchangeImpact {
  const rows = [...o.rows].sort((a, b) => a.id - b.id);
  const original = rows.find((r) => r.reversesFlowId === null) ?? rows[0];
  if (!original) throw new Error('an exchange impact needs ledger rows');
  const quantity = rows.reduce((s, r) => s + r.quantityMilli, 0);
  const isHours = original.unit === 'hours';
  const moved = quantity > 0;

  let massSource: ExchangeImpact['massSource'] = 'none';
  let mass = 0;
  if (!isHours && moved) {
    massSource = original.massSource;
    mass = massSource === 'unknown' ? 0 : rows.reduce((s, r) => s + (r.massGrams ?? 0), 0);
  }
  const { lowGrams: massLow, highGrams: massHigh } = massRange(
    mass,
    massSource === 'estimated' ? 'estimated' : 'weighed',
    o.method.estimateRangePermille,
  );

  const factor = isHours ? null : pickFactor(o.factors, original.category, original.completedAt);
  const perTonne = factor?.gPerTonne ?? 0;
  const gross = mulDivRound(mass, perTonne, 1_000_000);
  const grossLow = mulDivRound(massLow, perTonne, 1_000_000);
  const grossHigh = mulDivRound(massHigh, perTonne, 1_000_000);

  const share = o.method.attributionPermille * (1000 - o.method.deadweightPermille);
  const attributed = mulDivRound(gross, share, 1_000_000);
  const attributedLow = mulDivRound(grossLow, share, 1_000_000);
  const attributedHigh = mulDivRound(grossHigh, share, 1_000_000);

  const tf =
    o.method.transport && moved && o.transportMode
      ? pickTransportFactor(o.transportFactors, o.transportMode, original.completedAt)
      : null;
  const transport = tf ? mulDivRound(o.distanceM, tf.gPerKm, 1000) : 0;

  return {
    completedAt: original.completedAt,
    category: original.category,
    family: categoryFamily(original.category),
    flowIds: rows.map((r) => r.id),
    lastFlowId: rows[rows.length - 1]?.id ?? original.id,
    massSource,
    massGrams: mass,
    massLowGrams: massLow,
    massHighGrams: massHigh,
    machineHoursMilli: isHours ? quantity : 0,
    factorId: factor?.id ?? null,
    transportMode: o.transportMode,
    transportFactorId: tf?.id ?? null,
    distanceM: o.distanceM,
    grossG: gross,
    grossLowG: grossLow,
    grossHighG: grossHigh,
    attributedG: attributed,
    attributedLowG: attributedLow,
    attributedHighG: attributedHigh,
    transportG: transport,
    netG: attributed - transport,
    netLowG: attributedLow - transport,
    netHighG: attributedHigh - transport,
    method: {
      scope: o.scope,
      ...methodToApi(o.method),
      factor: factor && {
        id: factor.id,
        category: factor.category,
        version: factor.version,
        year: factor.year,
        licence: factor.licence,
        source: factor.source,
        kgCo2ePerKg: factor.gPerTonne / 1_000_000,
      },
      noFactor: !isHours && factor === null,
      transportFactor: tf && {
        id: tf.id,
        mode: tf.mode,
        version: tf.version,
        year: tf.year,
        licence: tf.licence,
        source: tf.source,
        kgCo2ePerKm: tf.gPerKm / 1000,
      },
      transportModeRecorded: o.transportMode !== null,
      distance: 'great-circle (haversine) between the two hubs, one way',
    },
  };
}

// ---------- dashboard: filters, figures, groups ----------

export type Filter = TFlowQuery;

const day = (at: string) => at.slice(0, 10);

function inPeriod(at: string, f: Filter): boolean {
  if (f.from && day(at) < f.from) return false;
  if (f.to && day(at) > f.to) return false;
  if (f.month && at.slice(0, 7) !== f.month) return false;
  return true;
}

/** A hub filter's slug: a hub of the network, or OUTSIDE_HUBS for any hub outside it. */
const isHub = (slug: string, hub: string, scope: ReadonlySet<string>) =>
  hub === OUTSIDE_HUBS ? !scope.has(slug) : slug === hub;

function hubsMatch(fromHub: string, toHub: string, f: Filter, scope: ReadonlySet<string>): boolean {
  if (f.from_hub && !isHub(fromHub, f.from_hub, scope)) return false;
  if (f.to_hub && !isHub(toHub, f.to_hub, scope)) return false;
  if (f.hub) {
    if (f.direction === 'given') return isHub(fromHub, f.hub, scope);
    if (f.direction === 'received') return isHub(toHub, f.hub, scope);
    return isHub(fromHub, f.hub, scope) || isHub(toHub, f.hub, scope);
  }
  return true;
}

/** A ledger row in a network's scope (one of its hubs on either side) that passes the filter. */
export function flowMatches(r: TFlowRow, f: Filter, scope: ReadonlySet<string>): boolean {
  if (!scope.has(r.fromHub) && !scope.has(r.toHub)) return false;
  if (!inPeriod(r.completedAt, f) || !hubsMatch(r.fromHub, r.toHub, f, scope)) return false;
  if (f.category && r.category !== f.category) return false;
  if (f.family && r.family !== f.family) return false;
  if (f.mass_source && r.massSource !== f.mass_source) return false;
  if (f.kind === 'material' && r.unit === 'hours') return false;
  if (f.kind === 'machine_time' && r.unit !== 'hours') return false;
  return true;
}

/** An exchange's current impact row in scope that passes the filter. */
export function impactMatches(r: TImpactRow, f: Filter, scope: ReadonlySet<string>): boolean {
  if (!scope.has(r.fromHub) && !scope.has(r.toHub)) return false;
  if (!inPeriod(r.completedAt, f) || !hubsMatch(r.fromHub, r.toHub, f, scope)) return false;
  if (f.category && r.category !== f.category) return false;
  if (f.family && r.family !== f.family) return false;
  if (f.mass_source && r.massSource !== f.mass_source) return false;
  if (f.kind === 'material' && r.machineHoursMilli !== 0) return false;
  if (f.kind === 'machine_time' && r.machineHoursMilli === 0) return false;
  return true;
}

/** The API path of the drill-down list for a filter. */
export function drillDownPath(slug: string, f: Filter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f).sort(([a], [b]) => a.localeCompare(b)))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1/networks/${encodeURIComponent(slug)}/flows${qs ? `?${qs}` : ''}`;
}

const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + pick(r), 0);

export type Ledger = { flows: TFlowRow[]; impacts: TImpactRow[] };

/** Distinct hubs of the scope that took part in these rows (ledger rows or impact rows). */
export function distinctHubs(rows: { fromHub: string; toHub: string }[], scope: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const r of rows) {
    if (scope.has(r.fromHub)) seen.add(r.fromHub);
    if (scope.has(r.toHub)) seen.add(r.toHub);
  }
  return seen.size;
}

// ---------- buckets: impact rows, or kept totals of many ----------

/**
 * Summable figures of one or more current impact rows that share a period, a hub pair and a
 * category: one impact row, or one row of the kept totals (impact_rollups). The dashboard's
 * figures are sums of these, so they come out the same from the ledger and from the kept totals.
 * `month` is the row's month; for a kept year or all-time row, a month inside it (such rows are
 * read only for periods that cover them whole).
 */
export type Bucket = {
  month: string;
  fromHub: string;
  toHub: string;
  category: string;
  family: string;
  exchanges: number;
  massWeighedG: number;
  massEstimatedG: number;
  massEstimatedLowG: number;
  massEstimatedHighG: number;
  massUnknown: number;
  machineHoursMilli: number;
  grossG: number;
  grossLowG: number;
  grossHighG: number;
  attributedG: number;
  attributedLowG: number;
  attributedHighG: number;
  transportG: number;
  netG: number;
  netLowG: number;
  netHighG: number;
};

/** One impact row as a bucket. */
export function impactBucket(r: TImpactRow): Bucket {
  const is = (s: TImpactRow['massSource']) => r.massSource === s;
  return {
    month: r.completedAt.slice(0, 7),
    fromHub: r.fromHub,
    toHub: r.toHub,
    category: r.category,
    family: r.family,
    exchanges: 1,
    massWeighedG: is('weighed') ? r.massGrams : 0,
    massEstimatedG: is('estimated') ? r.massGrams : 0,
    massEstimatedLowG: is('estimated') ? r.massLowGrams : 0,
    massEstimatedHighG: is('estimated') ? r.massHighGrams : 0,
    massUnknown: is('unknown') ? 1 : 0,
    machineHoursMilli: r.machineHoursMilli,
    grossG: r.grossG,
    grossLowG: r.grossLowG,
    grossHighG: r.grossHighG,
    attributedG: r.attributedG,
    attributedLowG: r.attributedLowG,
    attributedHighG: r.attributedHighG,
    transportG: r.transportG,
    netG: r.netG,
    netLowG: r.netLowG,
    netHighG: r.netHighG,
  };
}

/**
 * A bucket in scope that passes the filter's month, hub, category and family parts. Day bounds
 * (from, to) are the caller's: kept totals are read for whole months only (see `keptSplit`).
 */
export function bucketMatches(b: Bucket, f: Filter, scope: ReadonlySet<string>): boolean {
  if (!scope.has(b.fromHub) && !scope.has(b.toHub)) return false;
  if (f.month && b.month !== f.month) return false;
  if (f.from && b.month < f.from.slice(0, 7)) return false;
  if (f.to && b.month > f.to.slice(0, 7)) return false;
  if (!hubsMatch(b.fromHub, b.toHub, f, scope)) return false;
  if (f.category && b.category !== f.category) return false;
  if (f.family && b.family !== f.family) return false;
  return true;
}

/** The buckets of a ledger's impact rows that pass the filter (all of its parts). */
export function ledgerBuckets(ledger: Ledger, f: Filter, scope: ReadonlySet<string>): Bucket[] {
  return ledger.impacts.filter((r) => impactMatches(r, f, scope)).map(impactBucket);
}

/**
 * The dashboard totals for a filter, from the buckets that pass it. Each figure is the sum of
 * one field over the impact rows its own drill-down filter lists (tested: for random ledgers,
 * figure = sum of its drill-down rows, and the same from kept totals as from the ledger).
 */
export function totalsFromBuckets(
  buckets: Bucket[],
  f: Filter,
  o: { slug: string; scope: ReadonlySet<string> },
  /** The distinct hubs when the buckets cannot tell (a kept month over every hub pair). */
  hubsActive?: number,
): TTotals {
  const figure = (
    value: number,
    extra: Filter,
    sumOf: TFigure['sumOf'],
    unit: TFigure['unit'],
    range: [number, number] | null = null,
  ): TFigure => ({
    value,
    low: range ? range[0] : null,
    high: range ? range[1] : null,
    unit,
    drillDown: drillDownPath(o.slug, { ...f, ...extra }),
    sumOf,
  });
  const s = (k: keyof Omit<Bucket, 'month' | 'fromHub' | 'toHub' | 'category' | 'family'>) =>
    sum(buckets, (b) => b[k]);
  const weighed = s('massWeighedG');
  const co2e = (field: 'grossG' | 'attributedG' | 'transportG' | 'netG', range: boolean) => {
    const base = field.slice(0, -1) as 'gross' | 'attributed' | 'net';
    return figure(
      s(field),
      {},
      { list: 'impacts', field },
      'g_co2e',
      range ? [s(`${base}LowG`), s(`${base}HighG`)] : null,
    );
  };
  return {
    massWeighed: figure(
      weighed,
      { kind: 'material', mass_source: 'weighed' },
      { list: 'impacts', field: 'massGrams' },
      'g',
      [weighed, weighed],
    ),
    massEstimated: figure(
      s('massEstimatedG'),
      { kind: 'material', mass_source: 'estimated' },
      { list: 'impacts', field: 'massGrams' },
      'g',
      [s('massEstimatedLowG'), s('massEstimatedHighG')],
    ),
    massUnknown: figure(
      s('massUnknown'),
      { kind: 'material', mass_source: 'unknown' },
      { list: 'impacts', field: 'count' },
      'count',
    ),
    co2eGross: co2e('grossG', true),
    co2eAttributed: co2e('attributedG', true),
    co2eTransport: co2e('transportG', false),
    co2eNet: co2e('netG', true),
    exchanges: figure(s('exchanges'), {}, { list: 'impacts', field: 'count' }, 'count'),
    hubsActive: figure(
      hubsActive ??
        distinctHubs(
          buckets.filter((b) => b.exchanges !== 0),
          o.scope,
        ),
      {},
      { list: 'impacts', field: 'distinctHubs' },
      'count',
    ),
    machineHours: figure(
      s('machineHoursMilli'),
      { kind: 'machine_time' },
      { list: 'impacts', field: 'machineHoursMilli' },
      'hours_milli',
    ),
  };
}

/** The dashboard totals for a filter, from a ledger's current impact rows. */
export function totalsOf(
  ledger: Ledger,
  f: Filter,
  o: { slug: string; scope: ReadonlySet<string>; estimateRangePermille?: number },
): TTotals {
  return totalsFromBuckets(ledgerBuckets(ledger, f, o.scope), f, o);
}

/** Months (YYYY-MM) with any exchange in these buckets, oldest first. */
export function monthsOfBuckets(buckets: Bucket[]): string[] {
  return [...new Set(buckets.filter((b) => b.exchanges !== 0).map((b) => b.month))].sort();
}

/** Months (YYYY-MM) with any exchange in the period, oldest first. */
export function monthsOf(ledger: Ledger, f: Filter, scope: ReadonlySet<string>): string[] {
  return monthsOfBuckets(ledgerBuckets(ledger, f, scope));
}

/** Categories with any exchange in these buckets, heaviest (known mass) first. */
export function categoriesOfBuckets(buckets: Bucket[]): string[] {
  const grams = new Map<string, number>();
  for (const b of buckets)
    if (b.exchanges !== 0)
      grams.set(b.category, (grams.get(b.category) ?? 0) + b.massWeighedG + b.massEstimatedG);
  return [...grams.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/** Material flows hub → hub by family, in grams of known mass, from buckets. */
export function sankeyOfBuckets(
  buckets: Bucket[],
  f: Filter,
  o: { slug: string; scope: ReadonlySet<string> },
): TSankeyLink[] {
  const links = new Map<string, TSankeyLink>();
  const base = { ...f, kind: 'material' as const };
  for (const b of buckets) {
    const grams = b.massWeighedG + b.massEstimatedG;
    if (grams === 0) continue;
    const key = `${b.fromHub}\u0000${b.toHub}\u0000${b.family}`;
    let link = links.get(key);
    if (!link) {
      link = {
        from: b.fromHub,
        to: b.toHub,
        family: b.family,
        grams: 0,
        drillDown: drillDownPath(o.slug, { ...base, from_hub: b.fromHub, to_hub: b.toHub, family: b.family }),
      };
      links.set(key, link);
    }
    link.grams += grams;
  }
  return [...links.values()].filter((l) => l.grams !== 0).sort((a, b) => b.grams - a.grams);
}

/** Material flows hub → hub by family, in grams of known mass. */
export function sankeyOf(
  ledger: Ledger,
  f: Filter,
  o: { slug: string; scope: ReadonlySet<string> },
): TSankeyLink[] {
  return sankeyOfBuckets(ledgerBuckets(ledger, f, o.scope), f, o);
}

// ---------- groups: one convention for per-hub figures ----------

/**
 * The dashboard's groups for a period. Months and categories partition the rows. Hubs follow one
 * convention: what a hub gave and what it received are separate figures (`given`, `received`);
 * every figure counted once per exchange (net CO2e, exchanges, mass by source, machine hours) is
 * credited to the receiving hub (`totals` = `received`); exchanges with a hub outside the network
 * on a side are credited to one more row, OUTSIDE_HUBS. So each column of the table sums to the
 * network's totals, given and received alike.
 */
export function groupsOf(
  ledger: Ledger,
  query: Pick<TImpactQuery, 'from' | 'to' | 'group_by'>,
  o: GroupOptions,
): TGroup[] {
  const period: Filter = { from: query.from, to: query.to };
  return groupsFromBuckets(ledgerBuckets(ledger, period, o.scope), query, o);
}

export type GroupOptions = {
  slug: string;
  scope: ReadonlySet<string>;
  hubs: readonly { slug: string; name: string }[];
};

/**
 * A kept month over every hub pair of a network (impact_months): its sums, and the number of the
 * network's hubs that took part, which the sums cannot tell.
 */
export type KeptMonth = { bucket: Bucket; hubsActive: number };

/**
 * The groups from the period's buckets (impact rows or kept totals, in scope and period). With
 * `months` (kept totals), the month table reads one kept row per whole month and the buckets of
 * the part months (`edges`, impact rows) instead of the buckets, which may be kept per year.
 */
export function groupsFromBuckets(
  buckets: Bucket[],
  query: Pick<TImpactQuery, 'from' | 'to' | 'group_by'>,
  o: GroupOptions & { months?: { whole: KeptMonth[]; edges: Bucket[] } },
): TGroup[] {
  const period: Filter = { from: query.from, to: query.to };
  const totals = (f: Filter) =>
    totalsFromBuckets(
      buckets.filter((b) => bucketMatches(b, f, o.scope)),
      { ...period, ...f },
      o,
    );
  const hub = (key: string, label: string): TGroup => {
    const received = totals({ hub: key, direction: 'received' });
    const given = totals({ hub: key, direction: 'given' });
    return { key, label, totals: received, given, received };
  };
  const plain = (key: string, t: TTotals): TGroup => ({
    key,
    label: key,
    totals: t,
    given: null,
    received: null,
  });
  if (query.group_by === 'month') {
    if (!o.months) return monthsOfBuckets(buckets).map((m) => plain(m, totals({ month: m })));
    const edges = o.months.edges;
    const whole = o.months.whole
      .filter((k) => k.bucket.exchanges !== 0)
      .map((k) =>
        plain(
          k.bucket.month,
          totalsFromBuckets([k.bucket], { ...period, month: k.bucket.month }, o, k.hubsActive),
        ),
      );
    const parts = monthsOfBuckets(edges).map((m) =>
      plain(
        m,
        totalsFromBuckets(
          edges.filter((b) => bucketMatches(b, { month: m }, o.scope)),
          { ...period, month: m },
          o,
        ),
      ),
    );
    return [...whole, ...parts].sort((a, b) => a.key.localeCompare(b.key));
  }
  if (query.group_by === 'category')
    return categoriesOfBuckets(buckets).map((c) => plain(c, totals({ category: c })));
  if (query.group_by !== 'hub') return [];
  const groups = o.hubs.filter((h) => o.scope.has(h.slug)).map((h) => hub(h.slug, h.name));
  if (buckets.some((b) => b.exchanges !== 0 && (!o.scope.has(b.fromHub) || !o.scope.has(b.toHub))))
    groups.push(hub(OUTSIDE_HUBS, 'Hubs outside the network'));
  return groups;
}

// ---------- reading kept totals for a period ----------

const monthAfter = (m: string, step: 1 | -1) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, mm - 1 + step, 1));
  return d.toISOString().slice(0, 7);
};
const lastDayOf = (m: string) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10);
};

/**
 * How a period is read: whole months from the kept totals (`months`, null bounds meaning open),
 * and the days of a first or last month the period covers only in part from the impact rows
 * themselves (`days`). Null `months` when no whole month is inside.
 */
export function keptSplit(period: { from?: string; to?: string }): {
  months: { from: string | null; to: string | null } | null;
  days: { from: string; to: string }[];
} {
  const { from, to } = period;
  let first = from ? from.slice(0, 7) : null;
  let last = to ? to.slice(0, 7) : null;
  const days: { from: string; to: string }[] = [];
  if (from && to && first === last) {
    if (from.slice(8) === '01' && to === lastDayOf(last!)) return { months: { from: first, to: last }, days };
    return { months: null, days: [{ from, to }] };
  }
  if (from && from.slice(8) !== '01') {
    days.push({ from, to: lastDayOf(first!) });
    first = monthAfter(first!, 1);
  }
  if (to && to !== lastDayOf(last!)) {
    days.push({ from: `${last}-01`, to });
    last = monthAfter(last!, -1);
  }
  if (first && last && first > last) return { months: null, days };
  return { months: { from: first, to: last }, days };
}

/**
 * The kept periods that cover the whole months from `from` to `to` (null: open) each exactly
 * once, as ranges of impact_rollups.period: 'all' for an open period; otherwise the months of a
 * first and a last year taken in part ('YYYY-MM') and the whole years between ('yYYYY'). A view
 * reads at most 11 + 11 month rows and a run of year rows per hub pair and category.
 */
export function keptPeriods(months: { from: string | null; to: string | null }): [string, string][] {
  let { from: lo, to: hi } = months;
  if (lo === null && hi === null) return [['all', 'all']];
  const ranges: [string, string][] = [];
  if (lo !== null && !lo.endsWith('-01')) {
    const endOfYear = `${lo.slice(0, 4)}-12`;
    if (hi !== null && hi <= endOfYear) return [[lo, hi]];
    ranges.push([lo, endOfYear]);
    lo = `${Number(lo.slice(0, 4)) + 1}-01`;
  }
  let tail: [string, string] | null = null;
  if (hi !== null && !hi.endsWith('-12')) {
    const startOfYear = `${hi.slice(0, 4)}-01`;
    tail = [startOfYear, hi];
    hi = `${String(Number(hi.slice(0, 4)) - 1).padStart(4, '0')}-12`;
  }
  const years: [string, string] = [
    `y${lo === null ? '0000' : lo.slice(0, 4)}`,
    `y${hi === null ? '9999' : hi.slice(0, 4)}`,
  ];
  if (years[0] <= years[1]) ranges.push(years);
  if (tail) ranges.push(tail);
  return ranges;
}

/** The month a kept period's bucket stands for: itself, a year's January, or none for 'all'. */
export function keptPeriodMonth(period: string): string {
  if (period === 'all') return '0000-01';
  return period.startsWith('y') ? `${period.slice(1)}-01` : period;
}

const MS_DAY = 86_400_000;

/** A month's first and last day, `k` months after the month of `day` (YYYY-MM-DD). */
function monthBounds(day: string, k: number): { from: string; to: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + k;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(y, m, 1))), to: iso(new Date(Date.UTC(y, m + 1, 0))) };
}

/**
 * The period a chosen one is compared with (none for a period open at an end): for whole months
 * (the 1st to a month's last day) the same number of whole months just before — November against
 * October, a quarter against the quarter before, a year against the year before —, otherwise the
 * same number of days just before.
 */
export function previousPeriod(p: Filter): { from: string; to: string } | null {
  if (!p.from || !p.to || p.from > p.to) return null;
  if (p.from.endsWith('-01') && monthBounds(p.to, 0).to === p.to) {
    const months =
      (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
      Number(p.to.slice(5, 7)) -
      Number(p.from.slice(5, 7)) +
      1;
    return { from: monthBounds(p.from, -months).from, to: monthBounds(p.from, -1).to };
  }
  const from = Date.parse(`${p.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${p.to}T00:00:00Z`) - from) / MS_DAY) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - days * MS_DAY), to: iso(from - MS_DAY) };
}
