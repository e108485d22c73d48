import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFormat, parseCsv, toCsv } from '../../src/modules/impact/impact.csv';
import {
  DEFAULT_METHOD_PERMILLE,
  computeExchangeImpact,
  flowMatches,
  bucketMatches,
  groupsFromBuckets,
  groupsOf,
  impactBucket,
  impactMatches,
  keptPeriodMonth,
  keptPeriods,
  keptSplit,
  sankeyOf,
  sankeyOfBuckets,
  totalsFromBuckets,
  totalsOf,
  type Bucket,
  type Filter,
  type KeptMonth,
  type Ledger,
} from '../../src/modules/impact/impact.domain';
import {
  COLUMN_TOTALS,
  CSV_GROUP_COLUMNS,
  GROUP_COLUMNS,
  groupCsvRow,
  groupRow,
  knownMass,
} from '../../src/modules/impact/impact.exports';
import {
  OUTSIDE_HUBS,
  type TFlowRow,
  type TGroup,
  type TImpactRow,
  type TTotals,
} from '../../src/shared/impact.schemas';
import { categoryFamily } from '../../src/shared/taxonomy';

const HUBS = ['a', 'b', 'c', 'x', 'y'];
const CATEGORIES = ['plywood', 'pla', 'steel', 'cotton', 'glass', 'electronics', 'laser-cutting'];
const FACTORS = [
  { category: 'wood', gPerTonne: 312_610 },
  { category: 'plastics', gPerTonne: 3_116_000 },
  { category: 'metals', gPerTonne: 3_400_000 },
  { category: 'textiles', gPerTonne: 22_310_000 },
  { category: 'glass', gPerTonne: 1_402_000 },
].map((f, i) => ({
  ...f,
  id: i + 1,
  version: 1,
  validFrom: '2024-01-01',
  year: 2024,
  licence: 'x',
  source: 'x',
}));
const TRANSPORT = [
  {
    id: 1,
    mode: 'car',
    gPerKm: 170,
    version: 1,
    validFrom: '2024-01-01',
    year: 2024,
    licence: 'x',
    source: 'x',
  },
  {
    id: 2,
    mode: 'van',
    gPerKm: 240,
    version: 1,
    validFrom: '2024-01-01',
    year: 2024,
    licence: 'x',
    source: 'x',
  },
];

const day = fc
  .record({ m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ m, d }) => `2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const exchangeArb = fc.record({
  from: fc.constantFrom(...HUBS),
  to: fc.constantFrom(...HUBS),
  category: fc.constantFrom(...CATEGORIES),
  source: fc.constantFrom('weighed' as const, 'estimated' as const, 'unknown' as const),
  grams: fc.integer({ min: 1, max: 2_000_000 }),
  quantityMilli: fc.integer({ min: 1, max: 50_000 }),
  day,
  reversed: fc.boolean(),
  corrected: fc.boolean(),
  transport: fc.constantFrom('car', 'van', null),
  distanceM: fc.integer({ min: 0, max: 250_000 }),
  attributionPermille: fc.constantFrom(1000, 700),
  deadweightPermille: fc.constantFrom(0, 200),
});

/** A ledger as the app keeps it: flow rows (a reversal now and then) and one current impact per exchange. */
type ExchangeCase = typeof exchangeArb extends fc.Arbitrary<infer T> ? T : never;

function ledgerOf(exchanges: ExchangeCase[]): Ledger {
  const flows: TFlowRow[] = [];
  const impacts: TImpactRow[] = [];
  let flowId = 1;
  exchanges.forEach((x, i) => {
    const exchangeId = i + 1;
    const to = x.to === x.from ? (x.from === 'a' ? 'b' : 'a') : x.to;
    const hours = x.category === 'laser-cutting';
    const source = hours ? 'unknown' : x.source;
    const mass = source === 'unknown' ? null : x.grams;
    const completedAt = `${x.day}T12:00:00.000Z`;
    const base = {
      exchangeId,
      fromHub: x.from,
      toHub: to,
      category: x.category,
      family: categoryFamily(x.category),
      unit: hours ? 'hours' : 'kg',
      massSource: source,
      completedAt,
    };
    const rows: TFlowRow[] = [
      { ...base, id: flowId++, quantityMilli: x.quantityMilli, massGrams: mass, reversesFlowId: null },
    ];
    if (x.reversed)
      rows.push({
        ...rows[0]!,
        id: flowId++,
        quantityMilli: -x.quantityMilli,
        massGrams: mass === null ? null : -mass,
        reversesFlowId: rows[0]!.id,
      });
    flows.push(...rows);
    const impact = computeExchangeImpact({
      rows,
      transportMode: x.transport,
      distanceM: x.distanceM,
      factors: FACTORS,
      transportFactors: TRANSPORT,
      method: {
        ...DEFAULT_METHOD_PERMILLE,
        attributionPermille: x.attributionPermille,
        deadweightPermille: x.deadweightPermille,
      },
      scope: 'test',
    });
    impacts.push({
      ...impact,
      id: exchangeId,
      exchangeId,
      revision: x.corrected ? 2 : 1,
      reason: x.corrected ? 'recalculation' : 'completion',
      fromHub: x.from,
      toHub: to,
      computedAt: completedAt,
      supersededBy: null,
    });
  });
  return { flows, impacts };
}

const caseArb = fc.record({
  exchanges: fc.array(exchangeArb, { maxLength: 40 }),
  scope: fc.subarray(HUBS, { minLength: 1 }),
  period: fc.oneof(
    fc.constant({}),
    fc.tuple(day, day).map(([p, q]) => (p <= q ? { from: p, to: q } : { from: q, to: p })),
    day.map((from) => ({ from })),
    day.map((to) => ({ to })),
  ),
});

const num = (v: string) => (v === '' ? 0 : Number(v));

/** Every summed column of a table's CSV equals the network total of the same period. */
function expectColumnsSum(csv: string, totals: TTotals, label: string) {
  const rows = parseCsv(csv);
  for (const [col, total] of Object.entries(COLUMN_TOTALS))
    expect(
      rows.reduce((s, r) => s + num(r[col] ?? ''), 0),
      `${label}: ${col}`,
    ).toBe(total(totals));
}

/** The same for the spreadsheet CSV of a language: kg and hours with its decimal mark, back to units. */
function expectSpreadsheetColumnsSum(groups: TGroup[], totals: TTotals, locale: 'nl' | 'fr' | 'en') {
  const f = csvFormat(locale);
  const csv = toCsv(
    CSV_GROUP_COLUMNS.map(([name]) => name),
    groups.map(groupCsvRow),
    f,
  );
  const rows = parseCsv(csv, f.separator);
  for (const [name, col, div] of CSV_GROUP_COLUMNS) {
    if (col === 'key' || col === 'label') continue;
    const units = rows.reduce((s, r) => s + Math.round(num((r[name] ?? '').replace(',', '.')) * div), 0);
    expect(units, `${locale} CSV ${name}`).toBe(COLUMN_TOTALS[col](totals));
  }
}

describe('exports that sum: one convention for per-hub figures', () => {
  it('every export column sums to the dashboard totals, in every scope and period', () => {
    fc.assert(
      fc.property(caseArb, ({ exchanges, scope: scopeList, period }) => {
        const ledger = ledgerOf(exchanges);
        const scope = new Set(scopeList);
        const hubs = scopeList.map((slug) => ({ slug, name: `Hub ${slug}` }));
        const o = { slug: 'net', scope, estimateRangePermille: 250, hubs };
        const totals = totalsOf(ledger, period as Filter, o);

        for (const group_by of ['hub', 'month', 'category'] as const) {
          const groups = groupsOf(ledger, { ...period, group_by }, o);
          // CSV, as a spreadsheet reads it back.
          expectColumnsSum(toCsv([...GROUP_COLUMNS], groups.map(groupRow)), totals, `${group_by} CSV`);
          expectSpreadsheetColumnsSum(
            groups,
            totals,
            group_by === 'hub' ? 'nl' : group_by === 'month' ? 'fr' : 'en',
          );
          // JSON tables: the groups themselves.
          for (const key of ['co2eNet', 'co2eGross', 'co2eTransport', 'exchanges', 'massUnknown'] as const)
            expect(
              groups.reduce((s, g) => s + g.totals[key].value, 0),
              `${group_by} JSON ${key}`,
            ).toBe(totals[key].value);
          if (group_by === 'hub') {
            expect(
              groups.reduce((s, g) => s + knownMass(g.given!), 0),
              'given',
            ).toBe(knownMass(totals));
            expect(
              groups.reduce((s, g) => s + knownMass(g.received!), 0),
              'received',
            ).toBe(knownMass(totals));
            // Each exchange's net is credited once: to its receiving hub (or the outside row).
            for (const g of groups) expect(g.totals).toEqual(g.received);
            const keys = groups.map((g) => g.key);
            expect(keys.filter((k) => k !== OUTSIDE_HUBS)).toEqual(scopeList);
          }
        }

        // The ledger and impact CSVs: their rows sum to the same totals.
        const flows = ledger.flows.filter((r) => flowMatches(r, period as Filter, scope));
        const flowCsv = parseCsv(toCsv(['massGrams', 'massSource', 'unit', 'quantityMilli'], flows));
        const massOf = (src: string) =>
          flowCsv
            .filter((r) => r.unit !== 'hours' && r.massSource === src)
            .reduce((s, r) => s + num(r.massGrams!), 0);
        expect(massOf('weighed')).toBe(totals.massWeighed.value);
        expect(massOf('estimated')).toBe(totals.massEstimated.value);
        const impacts = ledger.impacts.filter((r) => impactMatches(r, period as Filter, scope));
        const impactCsv = parseCsv(
          toCsv(
            ['netG', 'grossG', 'transportG', 'attributedG'],
            impacts as unknown as Record<string, number>[],
          ),
        );
        for (const [col, fig] of [
          ['netG', 'co2eNet'],
          ['grossG', 'co2eGross'],
          ['transportG', 'co2eTransport'],
          ['attributedG', 'co2eAttributed'],
        ] as const)
          expect(
            impactCsv.reduce((s, r) => s + num(r[col]!), 0),
            `impacts CSV ${col}`,
          ).toBe(totals[fig].value);
        expect(impactCsv.length).toBe(totals.exchanges.value);

        // The Sankey's bands carry the known mass, once.
        expect(sankeyOf(ledger, period as Filter, o).reduce((s, l) => s + l.grams, 0)).toBe(
          knownMass(totals),
        );
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it('credits net once, to the receiving hub: one exchange of 61 kg plywood by van over 40.5 km', () => {
    const ledger = ledgerOf([
      {
        from: 'a',
        to: 'b',
        category: 'plywood',
        source: 'weighed',
        grams: 61_000,
        quantityMilli: 61_000,
        day: '2025-05-02',
        reversed: false,
        corrected: false,
        transport: 'van',
        distanceM: 40_500,
        attributionPermille: 1000,
        deadweightPermille: 0,
      },
    ]);
    const scope = new Set(['a', 'b']);
    const o = {
      slug: 'net',
      scope,
      estimateRangePermille: 250,
      hubs: [
        { slug: 'a', name: 'A' },
        { slug: 'b', name: 'B' },
      ],
    };
    const totals = totalsOf(ledger, {}, o);
    // 61 kg × 312.61 kg CO2e/t = 19.07 kg gross; 40.5 km × 0.24 = 9.72 kg transport; 9.35 net.
    expect(totals.co2eGross.value).toBe(19_069);
    expect(totals.co2eTransport.value).toBe(9720);
    expect(totals.co2eNet.value).toBe(9349);
    const rows = parseCsv(toCsv([...GROUP_COLUMNS], groupsOf(ledger, { group_by: 'hub' }, o).map(groupRow)));
    expect(rows.map((r) => [r.key, r.givenMassG, r.receivedMassG, r.co2eNetG, r.exchanges])).toEqual([
      ['a', '61000', '0', '0', '0'],
      ['b', '0', '61000', '9349', '1'],
    ]);

    // The same table as a Dutch, French and English spreadsheet opens it, byte for byte.
    const groups = groupsOf(ledger, { group_by: 'hub' }, o);
    const header = CSV_GROUP_COLUMNS.map(([name]) => name);
    const bytes = (locale: 'nl' | 'fr' | 'en') =>
      new TextEncoder().encode(toCsv(header, groups.map(groupCsvRow), csvFormat(locale)));
    const nl = bytes('nl');
    expect([...nl.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(b);
    expect(text(nl)).toBe(
      '\uFEFF' +
        'key;label;givenMassKg;receivedMassKg;massWeighedKg;massEstimatedKg;massEstimatedLowKg;' +
        'massEstimatedHighKg;massUnknownRows;co2eGrossKg;co2eAttributedKg;co2eTransportKg;co2eNetKg;' +
        'co2eNetLowKg;co2eNetHighKg;exchanges;machineHours\r\n' +
        'a;A;61;0;0;0;0;0;0;0;0;0;0;0;0;0;0\r\n' +
        'b;B;0;61;61;0;0;0;0;19,069;19,069;9,72;9,349;9,349;9,349;1;0\r\n',
    );
    expect(text(bytes('fr'))).toBe(text(nl));
    expect(text(bytes('en'))).toBe(
      '\uFEFF' +
        'key,label,givenMassKg,receivedMassKg,massWeighedKg,massEstimatedKg,massEstimatedLowKg,' +
        'massEstimatedHighKg,massUnknownRows,co2eGrossKg,co2eAttributedKg,co2eTransportKg,co2eNetKg,' +
        'co2eNetLowKg,co2eNetHighKg,exchanges,machineHours\r\n' +
        'a,A,61,0,0,0,0,0,0,0,0,0,0,0,0,0,0\r\n' +
        'b,B,0,61,61,0,0,0,0,19.069,19.069,9.72,9.349,9.349,9.349,1,0\r\n',
    );
  });

  it('writes a decimal comma for nl and fr and quotes cells holding the separator', () => {
    const rows = [{ name: 'Hout; multiplex', kg: 9.35, n: 2 }];
    expect(toCsv(['name', 'kg', 'n'], rows, csvFormat('nl'))).toBe(
      '\uFEFFname;kg;n\r\n"Hout; multiplex";9,35;2\r\n',
    );
    expect(toCsv(['name', 'kg', 'n'], rows, csvFormat('en'))).toBe(
      '\uFEFFname,kg,n\r\nHout; multiplex,9.35,2\r\n',
    );
    expect(parseCsv(toCsv(['name', 'kg', 'n'], rows, csvFormat('fr')), ';')).toEqual([
      { name: 'Hout; multiplex', kg: '9,35', n: '2' },
    ]);
  });
});

/**
 * Kept totals as impact_rollups keeps them: the impact rows summed per kept period (month, year,
 * all time), hub pair and category; as buckets with the month `keptBuckets` gives them.
 */
function keep(ledger: Ledger): { period: string; bucket: Bucket }[] {
  const kept = new Map<string, { period: string; bucket: Bucket }>();
  for (const r of ledger.impacts) {
    const b = impactBucket(r);
    for (const period of [b.month, `y${b.month.slice(0, 4)}`, 'all']) {
      const key = [period, b.fromHub, b.toHub, b.category].join('|');
      const k = kept.get(key);
      if (!k) kept.set(key, { period, bucket: { ...b, month: keptPeriodMonth(period) } });
      else
        for (const f of Object.keys(b) as (keyof Bucket)[])
          if (typeof b[f] === 'number') (k.bucket[f] as number) += b[f] as number;
    }
  }
  return [...kept.values()];
}

/** Kept months as impact_months keeps them: the rows touching the scope, and its hubs taking part. */
function keepMonths(ledger: Ledger, scope: ReadonlySet<string>): KeptMonth[] {
  const months = new Map<string, { bucket: Bucket; hubs: Set<string> }>();
  for (const r of ledger.impacts) {
    if (!scope.has(r.fromHub) && !scope.has(r.toHub)) continue;
    const b = impactBucket(r);
    const k = months.get(b.month);
    const hubs = [r.fromHub, r.toHub].filter((h) => scope.has(h));
    if (!k)
      months.set(b.month, {
        bucket: { ...b, fromHub: '', toHub: '', category: '', family: '' },
        hubs: new Set(hubs),
      });
    else {
      for (const f of Object.keys(b) as (keyof Bucket)[])
        if (typeof b[f] === 'number') (k.bucket[f] as number) += b[f] as number;
      for (const h of hubs) k.hubs.add(h);
    }
  }
  return [...months.values()].map((m) => ({ bucket: m.bucket, hubsActive: m.hubs.size }));
}

const year = fc.constantFrom('2024', '2025', '2026');
const dayOfYears = fc.tuple(year, day).map(([y, d]) => `${y}${d.slice(4)}`);
const keptCaseArb = fc.record({
  exchanges: fc.array(
    fc.tuple(exchangeArb, year).map(([x, y]) => ({ ...x, day: `${y}${x.day.slice(4)}` })),
    { maxLength: 40 },
  ),
  scope: fc.subarray(HUBS, { minLength: 1 }),
  period: fc.oneof(
    fc.constant({}),
    fc.tuple(dayOfYears, dayOfYears).map(([p, q]) => (p <= q ? { from: p, to: q } : { from: q, to: p })),
    dayOfYears.map((from) => ({ from })),
    dayOfYears.map((to) => ({ to })),
    year.map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` })),
    year.map((y) => ({ from: `${y}-01-01` })),
  ),
});

describe('kept totals: the same figures as a recomputation from the ledger', () => {
  it('for random ledgers, scopes and periods (kept months, years and all time; part months from their rows)', () => {
    fc.assert(
      fc.property(keptCaseArb, ({ exchanges, scope: scopeList, period }) => {
        const ledger = ledgerOf(exchanges);
        const scope = new Set(scopeList);
        const hubs = scopeList.map((slug) => ({ slug, name: `Hub ${slug}` }));
        const o = { slug: 'net', scope, hubs };
        const p = period as Filter;
        const split = keptSplit(p);
        const ranges = split.months ? keptPeriods(split.months) : [];
        const inDays = (at: string) =>
          split.days.some((d) => at.slice(0, 10) >= d.from && at.slice(0, 10) <= d.to);
        const edges = ledger.impacts
          .filter((r) => inDays(r.completedAt) && impactMatches(r, p, scope))
          .map(impactBucket);
        const buckets = [
          ...keep(ledger)
            .filter((k) => ranges.some(([lo, hi]) => k.period >= lo && k.period <= hi))
            .map((k) => k.bucket)
            .filter((b) => bucketMatches(b, p, scope)),
          ...edges,
        ];
        expect(totalsFromBuckets(buckets, p, o)).toEqual(totalsOf(ledger, p, o));
        expect(sankeyOfBuckets(buckets, p, o)).toEqual(sankeyOf(ledger, p, o));
        for (const group_by of ['hub', 'category'] as const)
          expect(groupsFromBuckets(buckets, { ...p, group_by }, o)).toEqual(
            groupsOf(ledger, { ...p, group_by }, o),
          );
        const m = split.months;
        const whole = keepMonths(ledger, scope).filter(
          (k) => m !== null && k.bucket.month >= (m.from ?? '') && k.bucket.month <= (m.to ?? '9999'),
        );
        expect(
          groupsFromBuckets(buckets, { ...p, group_by: 'month' }, { ...o, months: { whole, edges } }),
        ).toEqual(groupsOf(ledger, { ...p, group_by: 'month' }, o));
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('reads every whole month of a period from exactly one kept period', () => {
    const month = fc
      .record({ y: fc.integer({ min: 2020, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.option(month), fc.option(month), (a, b) => {
        const [from, to] = a !== null && b !== null && a > b ? [b, a] : [a, b];
        const ranges = keptPeriods({ from, to });
        for (let y = 2019; y <= 2031; y++)
          for (let mm = 1; mm <= 12; mm++) {
            const mo = `${y}-${String(mm).padStart(2, '0')}`;
            const covering = [mo, `y${y}`, 'all'].filter((k) =>
              ranges.some(([lo, hi]) => k >= lo && k <= hi),
            );
            const inside = (from === null || mo >= from) && (to === null || mo <= to);
            expect(covering.length, `${from}..${to}: ${mo}`).toBe(inside ? 1 : 0);
          }
        // A year row is read only where the whole year is inside; at most two part years of months.
        expect(ranges.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 300, seed: 20261203 },
    );
    expect(keptPeriods({ from: null, to: null })).toEqual([['all', 'all']]);
    expect(keptPeriods({ from: '2025-03', to: '2027-05' })).toEqual([
      ['2025-03', '2025-12'],
      ['y2026', 'y2026'],
      ['2027-01', '2027-05'],
    ]);
    expect(keptPeriods({ from: null, to: '2025-05' })).toEqual([
      ['y0000', 'y2024'],
      ['2025-01', '2025-05'],
    ]);
  });

  it('splits a period into whole months and the days of part months', () => {
    expect(keptSplit({})).toEqual({ months: { from: null, to: null }, days: [] });
    expect(keptSplit({ from: '2025-03-01', to: '2025-05-31' })).toEqual({
      months: { from: '2025-03', to: '2025-05' },
      days: [],
    });
    expect(keptSplit({ from: '2025-03-15', to: '2025-05-10' })).toEqual({
      months: { from: '2025-04', to: '2025-04' },
      days: [
        { from: '2025-03-15', to: '2025-03-31' },
        { from: '2025-05-01', to: '2025-05-10' },
      ],
    });
    expect(keptSplit({ from: '2025-03-15', to: '2025-03-20' })).toEqual({
      months: null,
      days: [{ from: '2025-03-15', to: '2025-03-20' }],
    });
    expect(keptSplit({ from: '2025-03-15', to: '2025-04-02' }).months).toBeNull();
    expect(keptSplit({ to: '2024-02-28' })).toEqual({
      months: { from: null, to: '2024-01' },
      days: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    expect(keptSplit({ from: '2024-02-01', to: '2024-02-29' }).days).toEqual([]);
  });
});
