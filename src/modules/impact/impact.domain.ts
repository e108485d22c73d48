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
  TMethod,
  TSankeyLink,
  TTotals,
} from '../../shared/impact.schemas';
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

/** Distinct hubs of the scope that took part in these rows. */
export function distinctHubs(rows: TFlowRow[], scope: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const r of rows) {
    if (scope.has(r.fromHub)) seen.add(r.fromHub);
    if (scope.has(r.toHub)) seen.add(r.toHub);
  }
  return seen.size;
}

/**
 * The dashboard totals for a filter. Each figure is the sum of one field over the rows its own
 * drill-down filter lists (tested: for random ledgers, figure = sum of its drill-down rows).
 */
export function totalsOf(
  ledger: Ledger,
  f: Filter,
  o: { slug: string; scope: ReadonlySet<string>; estimateRangePermille: number },
): TTotals {
  const flowsFor = (extra: Filter) => {
    const filter = { ...f, ...extra };
    return { filter, rows: ledger.flows.filter((r) => flowMatches(r, filter, o.scope)) };
  };
  const impacts = ledger.impacts.filter((r) => impactMatches(r, f, o.scope));
  const impactsPath = drillDownPath(o.slug, f);

  const massFigure = (source: 'weighed' | 'estimated'): TFigure => {
    const { filter, rows } = flowsFor({ kind: 'material', mass_source: source });
    const value = sum(rows, (r) => r.massGrams ?? 0);
    const range = (x: TFlowRow) => massRange(x.massGrams ?? 0, source, o.estimateRangePermille);
    return {
      value,
      low: sum(rows, (x) => range(x).lowGrams),
      high: sum(rows, (x) => range(x).highGrams),
      unit: 'g',
      drillDown: drillDownPath(o.slug, filter),
      sumOf: { list: 'flows', field: 'massGrams' },
    };
  };
  const co2e = (field: 'grossG' | 'attributedG' | 'transportG' | 'netG'): TFigure => {
    const ranged = field !== 'transportG';
    const base = field.slice(0, -1);
    return {
      value: sum(impacts, (r) => r[field]),
      low: ranged ? sum(impacts, (r) => r[`${base}LowG` as 'netLowG']) : null,
      high: ranged ? sum(impacts, (r) => r[`${base}HighG` as 'netHighG']) : null,
      unit: 'g_co2e',
      drillDown: impactsPath,
      sumOf: { list: 'impacts', field },
    };
  };
  const unknown = flowsFor({ kind: 'material', mass_source: 'unknown' });
  const hours = flowsFor({ kind: 'machine_time' });
  const all = flowsFor({});
  return {
    massWeighed: massFigure('weighed'),
    massEstimated: massFigure('estimated'),
    massUnknown: {
      value: unknown.rows.length,
      low: null,
      high: null,
      unit: 'count',
      drillDown: drillDownPath(o.slug, unknown.filter),
      sumOf: { list: 'flows', field: 'count' },
    },
    co2eGross: co2e('grossG'),
    co2eAttributed: co2e('attributedG'),
    co2eTransport: co2e('transportG'),
    co2eNet: co2e('netG'),
    exchanges: {
      value: impacts.length,
      low: null,
      high: null,
      unit: 'count',
      drillDown: impactsPath,
      sumOf: { list: 'impacts', field: 'count' },
    },
    hubsActive: {
      value: distinctHubs(all.rows, o.scope),
      low: null,
      high: null,
      unit: 'count',
      drillDown: drillDownPath(o.slug, all.filter),
      sumOf: { list: 'flows', field: 'distinctHubs' },
    },
    machineHours: {
      value: sum(hours.rows, (r) => r.quantityMilli),
      low: null,
      high: null,
      unit: 'hours_milli',
      drillDown: drillDownPath(o.slug, hours.filter),
      sumOf: { list: 'flows', field: 'quantityMilli' },
    },
  };
}

/** Months (YYYY-MM) with any row in the period, oldest first. */
export function monthsOf(ledger: Ledger, f: Filter, scope: ReadonlySet<string>): string[] {
  const months = new Set<string>();
  for (const r of ledger.flows) if (flowMatches(r, f, scope)) months.add(r.completedAt.slice(0, 7));
  for (const r of ledger.impacts) if (impactMatches(r, f, scope)) months.add(r.completedAt.slice(0, 7));
  return [...months].sort();
}

/** Categories with any row in the period, heaviest first. */
export function categoriesOf(ledger: Ledger, f: Filter, scope: ReadonlySet<string>): string[] {
  const grams = new Map<string, number>();
  for (const r of ledger.flows)
    if (flowMatches(r, f, scope)) grams.set(r.category, (grams.get(r.category) ?? 0) + (r.massGrams ?? 0));
  for (const r of ledger.impacts)
    if (impactMatches(r, f, scope)) grams.set(r.category, grams.get(r.category) ?? 0);
  return [...grams.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/** Material flows hub → hub by family, in grams of known mass. */
export function sankeyOf(
  ledger: Ledger,
  f: Filter,
  o: { slug: string; scope: ReadonlySet<string> },
): TSankeyLink[] {
  const links = new Map<string, TSankeyLink>();
  const base = { ...f, kind: 'material' as const };
  for (const r of ledger.flows) {
    if (!flowMatches(r, base, o.scope)) continue;
    const key = `${r.fromHub}\u0000${r.toHub}\u0000${r.family}`;
    let link = links.get(key);
    if (!link) {
      link = {
        from: r.fromHub,
        to: r.toHub,
        family: r.family,
        grams: 0,
        drillDown: drillDownPath(o.slug, { ...base, from_hub: r.fromHub, to_hub: r.toHub, family: r.family }),
      };
      links.set(key, link);
    }
    link.grams += r.massGrams ?? 0;
  }
  return [...links.values()].filter((l) => l.grams !== 0).sort((a, b) => b.grams - a.grams);
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
  o: {
    slug: string;
    scope: ReadonlySet<string>;
    estimateRangePermille: number;
    hubs: readonly { slug: string; name: string }[];
  },
): TGroup[] {
  const period: Filter = { from: query.from, to: query.to };
  const plain = (key: string, label: string, f: Filter): TGroup => ({
    key,
    label,
    totals: totalsOf(ledger, { ...period, ...f }, o),
    given: null,
    received: null,
  });
  const hub = (key: string, label: string): TGroup => {
    const received = totalsOf(ledger, { ...period, hub: key, direction: 'received' }, o);
    const given = totalsOf(ledger, { ...period, hub: key, direction: 'given' }, o);
    return { key, label, totals: received, given, received };
  };
  if (query.group_by === 'month')
    return monthsOf(ledger, period, o.scope).map((m) => plain(m, m, { month: m }));
  if (query.group_by === 'category')
    return categoriesOf(ledger, period, o.scope).map((c) => plain(c, c, { category: c }));
  if (query.group_by !== 'hub') return [];
  const groups = o.hubs.filter((h) => o.scope.has(h.slug)).map((h) => hub(h.slug, h.name));
  const outside = (r: { fromHub: string; toHub: string }) => !o.scope.has(r.fromHub) || !o.scope.has(r.toHub);
  if (
    ledger.flows.some((r) => outside(r) && flowMatches(r, period, o.scope)) ||
    ledger.impacts.some((r) => outside(r) && impactMatches(r, period, o.scope))
  )
    groups.push(hub(OUTSIDE_HUBS, 'Hubs outside the network'));
  return groups;
}
