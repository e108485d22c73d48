import type { Deps, SessionUser } from '../../env';
import { ApiError } from '../../http/errors';
import type {
  TFactorTable,
  TFlowList,
  TFlowQuery,
  TFlowRow,
  THubImpact,
  GroupBy,
  TGroup,
  TImpactDashboard,
  TImpactQuery,
  TImpactReport,
  TExchangeImpact,
  TImpactRow,
  TOpenData,
  TRecalculation,
} from '../../shared/impact.schemas';
import type { TMethod } from '../../shared/networks.schemas';
import * as exchanges from '../exchanges/exchanges.service';
import { requireHubRef } from '../hubs/hubs.service';
import * as networks from '../networks/networks.service';
import { distanceMetres } from '../search/search.domain';
import { toCsv, type Cell, type CsvFormat } from './impact.csv';
import { CSV_GROUP_COLUMNS, groupCsvRow } from './impact.exports';
import {
  DEFAULT_METHOD_PERMILLE,
  computeExchangeImpact,
  bucketMatches,
  flowMatches,
  groupsFromBuckets,
  groupsOf,
  keptPeriods,
  keptSplit,
  sankeyOfBuckets,
  totalsFromBuckets,
  impactMatches,
  methodToApi,
  previousPeriod,
  sankeyOf,
  totalsOf,
  type Bucket,
  type Filter,
  type KeptMonth,
  type Ledger,
  type MethodPermille,
} from './impact.domain';
import * as repo from './impact.repo';

const BATCH = 200;
const MAX_ROUNDS = 25;

/**
 * Computes and records the impact of exchanges in a scope that have none yet (or whose ledger
 * gained a correction since). Safe to run concurrently: the insert is conditional.
 */
export async function computePending(
  deps: Deps,
  {
    networkId,
    limit = BATCH,
    afterFlowId = null,
    exchangeId = null,
  }: { networkId: number | null; limit?: number; afterFlowId?: number | null; exchangeId?: number | null },
): Promise<number> {
  const ids = await repo.pendingExchanges(deps.db, networkId, limit, exchangeId, afterFlowId);
  if (ids.length === 0) return 0;
  const [rows, method, ledgers] = await Promise.all([
    repo.factorRows(deps.db),
    networkId === null ? Promise.resolve(DEFAULT_METHOD_PERMILLE) : networks.methodOf(deps, networkId),
    repo.ledgersOf(deps.db, ids),
  ]);
  const factors = rows.factors.map(repo.toFactor);
  const transportFactors = rows.transport.map(repo.toTransportFactor);
  const now = deps.now().toISOString();
  let recorded = 0;
  for (const ledger of ledgers) {
    const impact = computeExchangeImpact({
      rows: ledger.rows,
      transportMode: ledger.transportMode,
      distanceM: distanceMetres(ledger.from, ledger.to),
      factors,
      transportFactors,
      method,
      scope: networkId === null ? 'default' : `network:${networkId}`,
    });
    const id = await repo.recordImpact(deps.db, {
      exchangeId: ledger.exchangeId,
      networkId,
      fromHubId: ledger.fromHubId,
      toHubId: ledger.toHubId,
      impact,
      kind: 'auto',
      requestedBy: null,
      now,
    });
    if (id !== null) recorded++;
  }
  return recorded;
}

/** Everything pending in one scope, in bounded rounds. */
async function computeAll(deps: Deps, networkId: number | null): Promise<number> {
  let total = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const n = await computePending(deps, { networkId });
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/**
 * Before a dashboard view: the exchanges whose ledger rows are newer than any the network's
 * impact rows cover (a few index steps when nothing is new). Older gaps — a hub that joined
 * later — are left to the scheduled job, which computes everything pending.
 */
async function computeRecent(deps: Deps, networkId: number, newestFlowId?: number | null): Promise<number> {
  const covered = await repo.coveredFlowId(deps.db, networkId);
  if (covered === null) return computeAll(deps, networkId);
  // No ledger row of the network's hubs newer than what its impact rows cover: nothing pending.
  if (newestFlowId !== undefined && (newestFlowId ?? 0) <= covered) return 0;
  let total = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const n = await computePending(deps, { networkId, afterFlowId: covered });
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/** The scheduled job: the default scope (public hub totals) and every network's. */
export async function runImpactJob(deps: Deps): Promise<{ computed: number }> {
  let computed = await computeAll(deps, null);
  for (const n of await networks.allNetworks(deps)) computed += await computeAll(deps, n.id);
  return { computed };
}

function checkPeriod(q: { from?: string; to?: string }) {
  if (q.from && q.to && q.from > q.to)
    throw new ApiError('INVALID_PERIOD', { details: { fields: [{ path: 'to', message: '' }] } });
}

type Loaded = {
  network: networks.NetworkRef;
  ledger: Ledger;
  scope: Set<string>;
  method: MethodPermille;
};

async function loadNetwork(deps: Deps, slug: string, userId: number): Promise<Loaded> {
  const network = await networks.requireCoordinatedNetwork(deps, slug, userId);
  // Impacts are computed when first needed too, so a figure never waits for the cron.
  await computeAll(deps, network.id);
  return loadLedger(deps, network);
}

/** A network's ledger: every flow and current impact row touching its active hubs. */
async function loadLedger(deps: Deps, network: networks.NetworkRef): Promise<Loaded> {
  const hubs = await networks.activeHubsOf(deps, network.id);
  const ids = hubs.map((h) => h.id);
  const [flows, impacts, method] = await Promise.all([
    repo.flowsTouching(deps.db, ids),
    repo.currentImpactsTouching(deps.db, network.id, ids),
    networks.methodOf(deps, network.id),
  ]);
  return { network, ledger: { flows, impacts }, scope: new Set(hubs.map((h) => h.slug)), method };
}

const methodKey = (m: TMethod) => `${m.attribution}|${m.deadweight}|${m.transport}|${m.estimateRange}`;

function methodsUsed(uses: { method: Record<string, unknown> }[]): TMethod[] {
  const seen = new Map<string, TMethod>();
  for (const r of uses) {
    const m = r.method as Partial<TMethod>;
    const method: TMethod = {
      attribution: Number(m.attribution),
      deadweight: Number(m.deadweight),
      transport: Boolean(m.transport),
      estimateRange: Number(m.estimateRange),
    };
    seen.set(methodKey(method), method);
  }
  return [...seen.values()].sort((a, b) => methodKey(a).localeCompare(methodKey(b)));
}

type FactorUse = TImpactReport['factorsUsed'][number];

const factorIdsOf = (impacts: { factorId: number | null }[]) =>
  impacts.map((r) => r.factorId).filter((id): id is number => id !== null);

/** The factors these rows used, read once for several reports (`pick` one report's from them). */
async function factorUses(deps: Deps, ids: number[]): Promise<FactorUse[]> {
  return (await repo.factorsByIds(deps.db, [...new Set(ids)])).map((f) => ({
    id: f.id,
    category: f.category,
    version: f.version,
    year: f.year,
    licence: f.licence,
    source: f.source,
    kgCo2ePerKg: f.g_co2e_per_tonne / 1_000_000,
  }));
}

async function factorsUsed(deps: Deps, impacts: { factorId: number | null }[]) {
  return factorUses(deps, factorIdsOf(impacts));
}

/** Reports larger than this are computed on every view rather than kept (D1 rows stay small). */
const MAX_CACHED_REPORT_CHARS = 1_000_000;

/**
 * What a network's kept report depends on, read in two statements: its hubs (with their ids,
 * update times and newest ledger row), its newest impact row, and the update times of the network
 * and its method. The version changes with a new flow of one of its active hubs or a new impact
 * row of its own — and only then, not with a flow anywhere else — and with any change to the
 * network, its method, its hubs or their membership.
 */
type ReportState = { version: string; newestFlowId: number; hubs: networks.NetworkHubMarks[] };

async function reportState(deps: Deps, networkId: number): Promise<ReportState> {
  return stateFrom(await deps.db.batch(stateStatements(deps, networkId)));
}

/** The two statements `reportState` reads, for a batch of the caller's; read with `stateFrom`. */
function stateStatements(deps: Deps, networkId: number): D1PreparedStatement[] {
  return [networks.hubsWithMarksStatement(deps, networkId), repo.reportMarksStatement(deps.db, networkId)];
}

function stateFrom([hubRows, markRow]: D1Result[]): ReportState {
  const hubs = networks.hubsWithMarksOf(hubRows);
  const marks = repo.reportMarksOf(markRow);
  const active = hubs.filter((h) => h.hub.status === 'active');
  const newestFlowId = Math.max(0, ...active.map((h) => h.newestFlowId));
  const latest = (times: string[]) => times.reduce((a, b) => (b > a ? b : a), '');
  const h = [
    hubs.length,
    active.length,
    latest(hubs.map((x) => x.membershipUpdatedAt)),
    latest(hubs.map((x) => x.hubUpdatedAt)),
  ].join('/');
  return { version: JSON.stringify({ f: newestFlowId, ...marks, h }), newestFlowId, hubs };
}

type ReportContext = {
  network: networks.NetworkRef;
  method: MethodPermille;
  hubs: networks.NetworkHubMarks[];
};

/**
 * What a coordinator's view of a network answers, kept with the version of everything it was
 * computed from (impact_report_cache, `reportState`, under `key`); a view whose version still
 * matches is answered from there, without reading the ledger. Otherwise pending impacts are
 * computed, the answer built and kept again.
 */
async function keptOrBuilt<T>(
  deps: Deps,
  { slug, userId, key }: { slug: string; userId: number; key: string },
  build: (ctx: ReportContext) => Promise<T>,
): Promise<T> {
  const network = await networks.requireCoordinatedNetwork(deps, slug, userId);
  // The kept report and the state it must match, in one call to D1.
  const [kept, ...stateRows] = await deps.db.batch([
    repo.cachedReportStatement(deps.db, network.id, key),
    ...stateStatements(deps, network.id),
  ]);
  const cached = repo.cachedReportOf(kept);
  const current = stateFrom(stateRows);
  if (cached && cached.version === current.version) return JSON.parse(cached.report) as T;
  const computed = await computeRecent(deps, network.id, current.newestFlowId);
  // Read before the ledger: anything recorded meanwhile makes the kept version stale, never wrong.
  // When nothing was computed here, the state read above is such a state already.
  const state = computed === 0 ? current : await reportState(deps, network.id);
  const built = await build({ network, method: await networks.methodOf(deps, network.id), hubs: state.hubs });
  const json = JSON.stringify(built);
  if (json.length <= MAX_CACHED_REPORT_CHARS)
    await repo.storeReport(deps.db, {
      networkId: network.id,
      query: key,
      version: state.version,
      report: json,
      now: deps.now().toISOString(),
    });
  return built;
}

/** A network's report for a period, grouped by month, hub or category or not at all. */
export async function impactReport(
  deps: Deps,
  { slug, userId, query }: { slug: string; userId: number; query: TImpactQuery },
): Promise<TImpactReport> {
  checkPeriod(query);
  const key = JSON.stringify([query.from ?? null, query.to ?? null, query.group_by ?? null]);
  return keptOrBuilt(deps, { slug, userId, key }, async (ctx) => {
    const [read] = await readReports(deps, ctx, [{ period: query, withMonths: query.group_by === 'month' }]);
    return read!.report(query.group_by ?? null);
  });
}

/**
 * The dashboard (and the funders' report) in one answer: the period's report and its three tables
 * from one read of the kept totals, and the period just before it for the comparison — instead of
 * one report per table, each reading the same kept rows again.
 */
export async function impactDashboard(
  deps: Deps,
  { slug, userId, query }: { slug: string; userId: number; query: Omit<TImpactQuery, 'group_by'> },
): Promise<TImpactDashboard> {
  checkPeriod(query);
  const period = { from: query.from, to: query.to };
  const key = JSON.stringify(['dashboard', period.from ?? null, period.to ?? null]);
  return keptOrBuilt(deps, { slug, userId, key }, async (ctx) => {
    const before = previousPeriod(period);
    const [read, previous] = await readReports(deps, ctx, [
      { period, withMonths: true },
      ...(before ? [{ period: before, withMonths: false }] : []),
    ]);
    return {
      report: read!.report(null),
      tables: { month: read!.groups('month'), hub: read!.groups('hub'), category: read!.groups('category') },
      previous: previous ? previous.report(null) : null,
    };
  });
}

type Period = Pick<TImpactQuery, 'from' | 'to'>;
type ReadReport = {
  report: (groupBy: GroupBy | null) => TImpactReport;
  groups: (groupBy: GroupBy) => TGroup[];
};

/** One period's figures for a report; its figures equal a recomputation from the ledger (tested). */
type ReportPart = {
  query: Period;
  period: Filter;
  /** The month table's kept months; absent: the month table from the buckets alone. */
  months?: { whole: KeptMonth[]; edges: Bucket[] };
  buckets: Bucket[];
  used: { factorId: number | null; method: Record<string, unknown> }[];
};

/**
 * The one kept period asked for, if one period is asked and it is one kept period — all time, a
 * whole year, a whole month (`keptSplit`, `keptPeriods`): then its kept rows are read, one per hub
 * pair and category (`readByKeptPeriod`). Anything else — several months, days of a month, or
 * two periods at once — reads each pair's kept days once (`readByDays`).
 */
function oneKeptPeriod(asked: { period: Period }[]): { from: string | null; to: string | null } | null {
  if (asked.length !== 1) return null;
  const split = keptSplit(asked[0]!.period);
  if (split.days.length > 0 || !split.months) return null;
  const ranges = keptPeriods(split.months);
  return ranges.length === 1 && ranges[0]![0] === ranges[0]![1] ? split.months : null;
}

/** A report's rows from one kept period: its kept rows and uses, and its months if asked for. */
async function readByKeptPeriod(
  deps: Deps,
  networkId: number,
  all: networks.NetworkHubMarks[],
  scope: ReadonlySet<string>,
  { period: query, withMonths }: { period: Period; withMonths: boolean },
  months: { from: string | null; to: string | null },
): Promise<ReportPart[]> {
  const ranges = keptPeriods(months);
  const [kept, uses, whole] = await Promise.all([
    repo.keptBuckets(deps.db, networkId, ranges),
    repo.keptUses(deps.db, networkId, ranges),
    withMonths ? repo.keptMonths(deps.db, networkId, months) : Promise.resolve([]),
  ]);
  const slugs = await repo.hubSlugs(deps.db, kept.hubIds, new Map(all.map((h) => [h.id, h.hub.slug])));
  const period: Filter = { from: query.from, to: query.to };
  const buckets = kept.withSlugs(slugs).filter((b) => bucketMatches(b, period, scope));
  return [{ query, period, months: { whole, edges: [] }, buckets, used: uses }];
}

/**
 * Periods from each hub pair's kept days (impact_pair_days, one row per pair and category, read
 * once for every period asked): the days each period covers summed per month in the Worker, and
 * the factors and methods used from their kept days (impact_use_days, one row per factor and
 * method).
 */
async function readByDays(
  deps: Deps,
  networkId: number,
  all: networks.NetworkHubMarks[],
  scope: ReadonlySet<string>,
  asked: { period: Period }[],
): Promise<ReportPart[]> {
  const [pairsById, useDays] = await Promise.all([
    repo.keptPairDays(deps.db, networkId),
    repo.keptUseDays(deps.db, networkId),
  ]);
  const slugs = await repo.hubSlugs(deps.db, pairsById.hubIds, new Map(all.map((h) => [h.id, h.hub.slug])));
  const pairs = pairsById.withSlugs(slugs);
  return asked.map(({ period: query }) => {
    const period: Filter = { from: query.from, to: query.to };
    const buckets = repo.pairDayBuckets(pairs, period).filter((b) => bucketMatches(b, period, scope));
    const inPeriod = (day: string) =>
      (!period.from || day >= period.from) && (!period.to || day <= period.to);
    const used = useDays.filter((u) => Object.entries(u.days).some(([day, n]) => n !== 0 && inPeriod(day)));
    return { query, period, buckets, used };
  });
}

/**
 * Reports of these periods (the dashboard's and the one it compares with) from the kept totals,
 * their hubs outside the network and their factors looked up once for all of them.
 */
async function readReports(
  deps: Deps,
  { network, method, hubs: all }: ReportContext,
  asked: { period: Period; withMonths: boolean }[],
): Promise<ReadReport[]> {
  const hubs = all.map((h) => h.hub).filter((h) => h.status === 'active');
  const scope = new Set(hubs.map((h) => h.slug));
  const o = { slug: network.slug, scope, hubs };
  const kept = oneKeptPeriod(asked);
  const parts = kept
    ? await readByKeptPeriod(deps, network.id, all, scope, asked[0]!, kept)
    : await readByDays(deps, network.id, all, scope, asked);
  const factors = await factorUses(
    deps,
    parts.flatMap((p) => factorIdsOf(p.used)),
  );
  return parts.map(({ query, period, months, buckets, used }) => {
    const ids = new Set(factorIdsOf(used));
    const groups = (groupBy: GroupBy) =>
      groupsFromBuckets(buckets, { ...query, group_by: groupBy }, { ...o, months });
    const totals = totalsFromBuckets(buckets, period, o);
    const sankey = sankeyOfBuckets(buckets, period, o);
    return {
      report: (groupBy) => ({
        network: { slug: network.slug, name: network.name },
        period: { from: query.from ?? null, to: query.to ?? null },
        method: methodToApi(method),
        methodsUsed: methodsUsed(used),
        factorsUsed: factors.filter((f) => ids.has(f.id)),
        hubs,
        totals,
        groupBy,
        groups: groupBy ? groups(groupBy) : [],
        sankey,
      }),
      groups,
    };
  });
}

/** The same report recomputed from the whole ledger: what the kept report must equal (tests). */
export async function recomputedReport(
  deps: Deps,
  { slug, userId, query }: { slug: string; userId: number; query: TImpactQuery },
): Promise<TImpactReport> {
  const { network, ledger, scope, method } = await loadNetwork(deps, slug, userId);
  const period: Filter = { from: query.from, to: query.to };
  const hubs = (await networks.hubsOf(deps, network.id)).filter((h) => h.status === 'active');
  const o = { slug: network.slug, scope, hubs };
  const inPeriod = ledger.impacts.filter((r) => impactMatches(r, period, scope));
  return {
    network: { slug: network.slug, name: network.name },
    period: { from: query.from ?? null, to: query.to ?? null },
    method: methodToApi(method),
    methodsUsed: methodsUsed(inPeriod),
    factorsUsed: await factorsUsed(deps, inPeriod),
    hubs,
    totals: totalsOf(ledger, period, o),
    groupBy: query.group_by ?? null,
    groups: groupsOf(ledger, query, o),
    sankey: sankeyOf(ledger, period, o),
  };
}

/** The drill-down: the ledger rows and impact rows a figure with these filters sums. */
export async function flowList(
  deps: Deps,
  { slug, userId, filter }: { slug: string; userId: number; filter: TFlowQuery },
): Promise<TFlowList> {
  checkPeriod(filter);
  const { ledger, scope } = await loadNetwork(deps, slug, userId);
  const flows = ledger.flows.filter((r) => flowMatches(r, filter, scope));
  const impacts = ledger.impacts.filter((r) => impactMatches(r, filter, scope));
  const rows = [...flows, ...impacts];
  const names = await repo.namesFor(deps.db, {
    hubSlugs: [...new Set(rows.flatMap((r) => [r.fromHub, r.toHub]))],
    exchangeIds: [...new Set(rows.map((r) => r.exchangeId))],
  });
  return {
    filters: Object.fromEntries(
      Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    flows,
    impacts,
    names,
  };
}

export const EXPORT_TABLES = ['flows', 'impacts', 'hubs', 'months', 'categories', 'factors'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const FLOW_COLUMNS = [
  'id',
  'exchangeId',
  'fromHub',
  'toHub',
  'category',
  'family',
  'quantityMilli',
  'unit',
  'massGrams',
  'massSource',
  'completedAt',
  'reversesFlowId',
] as const satisfies (keyof TFlowRow)[];

const IMPACT_CSV_COLUMNS = [
  'id',
  'exchangeId',
  'revision',
  'reason',
  'fromHub',
  'toHub',
  'completedAt',
  'category',
  'family',
  'massSource',
  'massGrams',
  'massLowGrams',
  'massHighGrams',
  'machineHoursMilli',
  'factorId',
  'transportMode',
  'transportFactorId',
  'distanceM',
  'grossG',
  'grossLowG',
  'grossHighG',
  'attributedG',
  'attributedLowG',
  'attributedHighG',
  'transportG',
  'netG',
  'netLowG',
  'netHighG',
  'computedAt',
] as const satisfies (keyof TImpactRow)[];

export async function factorTable(deps: Deps): Promise<TFactorTable> {
  const rows = await repo.factorRows(deps.db);
  return {
    factors: rows.factors.map(repo.toApiFactor),
    transport: rows.transport.map(repo.toApiTransportFactor),
  };
}

/** One table of the dashboard as CSV, in the format a spreadsheet in the reader's language opens. */
export async function exportCsv(
  deps: Deps,
  {
    slug,
    userId,
    table,
    query,
    format,
  }: { slug: string; userId: number; table: ExportTable; query: TImpactQuery; format: CsvFormat },
): Promise<string> {
  if (table === 'factors') {
    await networks.requireCoordinatedNetwork(deps, slug, userId);
    const t = await factorTable(deps);
    return toCsv(
      [
        'id',
        'category',
        'kgCo2ePerKg',
        'label',
        'source',
        'sourceUrl',
        'year',
        'licence',
        'version',
        'validFrom',
        'note',
      ],
      t.factors,
      format,
    );
  }
  if (table === 'flows' || table === 'impacts') {
    const list = await flowList(deps, { slug, userId, filter: { from: query.from, to: query.to } });
    return table === 'flows'
      ? toCsv([...FLOW_COLUMNS], list.flows, format)
      : toCsv([...IMPACT_CSV_COLUMNS], list.impacts as unknown as Record<string, Cell>[], format);
  }
  const groupBy = table === 'hubs' ? 'hub' : table === 'months' ? 'month' : 'category';
  const report = await impactReport(deps, { slug, userId, query: { ...query, group_by: groupBy } });
  return toCsv(
    CSV_GROUP_COLUMNS.map(([name]) => name),
    report.groups.map(groupCsvRow),
    format,
  );
}

/** The ledger and every table as one JSON document. */
export async function exportJson(
  deps: Deps,
  { slug, userId, query }: { slug: string; userId: number; query: TImpactQuery },
) {
  const [months, hubs, categories, list, factors] = await Promise.all([
    impactReport(deps, { slug, userId, query: { ...query, group_by: 'month' } }),
    impactReport(deps, { slug, userId, query: { ...query, group_by: 'hub' } }),
    impactReport(deps, { slug, userId, query: { ...query, group_by: 'category' } }),
    flowList(deps, { slug, userId, filter: { from: query.from, to: query.to } }),
    factorTable(deps),
  ]);
  return {
    report: { ...months, groups: [], groupBy: null },
    tables: { months: months.groups, hubs: hubs.groups, categories: categories.groups },
    flows: list.flows,
    impacts: list.impacts,
    factors,
  };
}

/** An export to publish: hubs, flows between them, impacts, method and factors; nobody named. */
export async function openData(
  deps: Deps,
  { slug, userId }: { slug: string; userId: number },
): Promise<TOpenData> {
  const [list, network, factors] = await Promise.all([
    flowList(deps, { slug, userId, filter: {} }),
    networks.getNetwork(deps, slug, userId),
    factorTable(deps),
  ]);
  return {
    licenceNote:
      'Ledger rows and impact figures of the network, without personal data. Factors carry their own ' +
      'source and licence; check with the hubs before publishing under an open licence.',
    network: { slug: network.slug, name: network.name, description: network.description },
    hubs: network.hubs.filter((h) => h.status === 'active').map(({ status: _s, ...h }) => h),
    method: network.method,
    factors,
    flows: list.flows,
    impacts: list.impacts,
    generatedAt: deps.now().toISOString(),
  };
}

/**
 * An explicit recalculation of one exchange with today's method and the factors now recorded
 * for its completion date. Recorded as a new revision; the old one stays, superseded.
 */
export async function recalculate(
  deps: Deps,
  { slug, userId, exchangeId }: { slug: string; userId: number; exchangeId: number },
): Promise<TRecalculation> {
  const network = await networks.requireCoordinatedNetwork(deps, slug, userId);
  const [hubs, [ledger]] = await Promise.all([
    networks.activeHubsOf(deps, network.id),
    repo.ledgersOf(deps.db, [exchangeId]),
  ]);
  const ids = new Set(hubs.map((h) => h.id));
  if (!ledger || (!ids.has(ledger.fromHubId) && !ids.has(ledger.toHubId)))
    throw new ApiError('EXCHANGE_NOT_IN_NETWORK');
  const [rows, method] = await Promise.all([repo.factorRows(deps.db), networks.methodOf(deps, network.id)]);
  const impact = computeExchangeImpact({
    rows: ledger.rows,
    transportMode: ledger.transportMode,
    distanceM: distanceMetres(ledger.from, ledger.to),
    factors: rows.factors.map(repo.toFactor),
    transportFactors: rows.transport.map(repo.toTransportFactor),
    method,
    scope: `network:${network.id}`,
  });
  const id = await repo.recordImpact(deps.db, {
    exchangeId,
    networkId: network.id,
    fromHubId: ledger.fromHubId,
    toHubId: ledger.toHubId,
    impact,
    kind: 'recalculation',
    requestedBy: userId,
    now: deps.now().toISOString(),
  });
  const row = id === null ? null : await repo.findImpact(deps.db, id);
  if (!row) throw new Error('recalculation recorded no row');
  return { impact: row, superseded: await repo.supersededBy(deps.db, row.id) };
}

/**
 * What one exchange saved, for the people of its two hubs: its impact with Omloop's default
 * method (the one its hubs' pages count), computed on the spot when it has just completed.
 */
export async function exchangeImpact(
  deps: Deps,
  { exchangeId, user }: { exchangeId: number; user: SessionUser },
): Promise<TExchangeImpact> {
  const { state } = await exchanges.requireVisibleExchange(deps, { id: exchangeId, user });
  const method = methodToApi(DEFAULT_METHOD_PERMILLE);
  if (state !== 'completed') return { exchangeId, counted: false, method, impact: null };
  await computePending(deps, { networkId: null, exchangeId, limit: 1 });
  const row = await repo.currentImpactOf(deps.db, exchangeId, null);
  if (!row) return { exchangeId, counted: false, method, impact: null };
  const [factor] = await factorsUsed(deps, [row]);
  return {
    exchangeId,
    counted: true,
    method,
    impact: {
      category: row.category,
      massSource: row.massSource,
      massGrams: row.massGrams,
      massLowGrams: row.massLowGrams,
      massHighGrams: row.massHighGrams,
      machineHoursMilli: row.machineHoursMilli,
      co2eGrossG: row.grossG,
      co2eAttributedG: row.attributedG,
      co2eTransportG: row.transportG,
      co2eNetG: row.netG,
      co2eNetLowG: row.netLowG,
      co2eNetHighG: row.netHighG,
      transportMode: row.transportMode,
      distanceM: row.distanceM,
      factor: factor ?? null,
      computedAt: row.computedAt,
    },
  };
}

/** A hub's own totals with Omloop's default method; public, with nothing about people. */
export async function hubImpact(deps: Deps, hubSlug: string): Promise<THubImpact> {
  const hub = await requireHubRef(deps, hubSlug);
  await computeAll(deps, null);
  const [flows, impacts] = await Promise.all([
    repo.flowsTouching(deps.db, [hub.id]),
    repo.currentImpactsTouching(deps.db, null, [hub.id]),
  ]);
  const material = flows.filter((f) => f.unit !== 'hours');
  const known = (side: 'fromHub' | 'toHub') =>
    material.filter((f) => f[side] === hub.slug).reduce((s, f) => s + (f.massGrams ?? 0), 0);
  // One convention with the network exports: CO2e is credited to the hub that received.
  const received = impacts.filter((r) => r.toHub === hub.slug);
  const sum = (pick: (r: TImpactRow) => number) => received.reduce((s, r) => s + pick(r), 0);
  return {
    hub: hub.slug,
    method: methodToApi(DEFAULT_METHOD_PERMILLE),
    factorsUsed: await factorsUsed(deps, impacts),
    exchanges: impacts.length,
    givenGrams: known('fromHub'),
    receivedGrams: known('toHub'),
    massUnknownExchanges: impacts.filter((r) => r.massSource === 'unknown').length,
    co2eNetG: sum((r) => r.netG),
    co2eNetLowG: sum((r) => r.netLowG),
    co2eNetHighG: sum((r) => r.netHighG),
    co2eGrossG: sum((r) => r.grossG),
    co2eTransportG: sum((r) => r.transportG),
    machineHoursMilli: flows.filter((f) => f.unit === 'hours').reduce((s, f) => s + f.quantityMilli, 0),
  };
}
