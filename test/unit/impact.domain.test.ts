import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../src/modules/impact/impact.csv';
import {
  DEFAULT_METHOD_PERMILLE,
  computeExchangeImpact,
  distinctHubs,
  flowMatches,
  impactMatches,
  methodToApi,
  monthsOf,
  mulDivRound,
  pickFactor,
  previousPeriod,
  sankeyOf,
  totalsOf,
  type Factor,
  type Filter,
  type LedgerRow,
  type TransportFactor,
} from '../../src/modules/impact/impact.domain';
import { type TFigure, type TFlowRow, type TImpactRow } from '../../src/shared/impact.schemas';
import { DEFAULT_METHOD, SECOND_SOURCE_METHOD } from '../../src/shared/networks.schemas';
import { categoryFamily } from '../../src/shared/taxonomy';

const F = (
  category: string,
  gPerTonne: number,
  version = 1,
  validFrom = '2024-01-01',
  id = version,
): Factor => ({
  id,
  category,
  gPerTonne,
  version,
  validFrom,
  year: 2024,
  licence: 'OGL-UK-3.0',
  source: 'DESNZ',
});
const FACTORS = [F('wood', 312_610, 1, '2024-01-01', 1), F('plastics', 3_116_000, 1, '2024-01-01', 2)];
const TRANSPORT: TransportFactor[] = [
  {
    id: 1,
    mode: 'car',
    gPerKm: 170,
    version: 1,
    validFrom: '2024-01-01',
    year: 2024,
    licence: 'OGL-UK-3.0',
    source: 'DESNZ',
  },
  {
    id: 2,
    mode: 'bike',
    gPerKm: 0,
    version: 1,
    validFrom: '2024-01-01',
    year: 2024,
    licence: 'n/a',
    source: '-',
  },
];

const row = (o: Partial<LedgerRow> = {}): LedgerRow => ({
  id: 1,
  exchangeId: 1,
  category: 'plywood',
  quantityMilli: 2000,
  unit: 'sheets',
  massGrams: 10_000,
  massSource: 'weighed',
  completedAt: '2026-03-10T10:00:00.000Z',
  reversesFlowId: null,
  ...o,
});

const compute = (o: Partial<Parameters<typeof computeExchangeImpact>[0]> = {}) =>
  computeExchangeImpact({
    rows: [row()],
    transportMode: null,
    distanceM: 0,
    factors: FACTORS,
    transportFactors: TRANSPORT,
    method: DEFAULT_METHOD_PERMILLE,
    scope: 'default',
    ...o,
  });

describe('impact of one exchange', () => {
  it('multiplies weighed mass by the family factor, with no range', () => {
    const i = compute();
    // 10 kg of plywood × 0.31261 kg CO2e/kg (wood) = 3.1261 kg → 3126 g
    expect(i).toMatchObject({ massGrams: 10_000, massLowGrams: 10_000, massHighGrams: 10_000, grossG: 3126 });
    expect(i).toMatchObject({
      grossLowG: 3126,
      grossHighG: 3126,
      attributedG: 3126,
      transportG: 0,
      netG: 3126,
    });
    expect(i.factorId).toBe(1);
    expect(i.family).toBe('wood');
    expect(i.method).toMatchObject({ attribution: 1, deadweight: 0, transport: true, noFactor: false });
  });

  it('puts the method range around an estimated mass', () => {
    const i = compute({ rows: [row({ massSource: 'estimated', massGrams: 8_000 })] });
    expect(i).toMatchObject({
      massSource: 'estimated',
      massGrams: 8_000,
      massLowGrams: 6_000,
      massHighGrams: 10_000,
    });
    expect(i.grossLowG).toBe(mulDivRound(6_000, 312_610, 1_000_000));
    expect(i.grossHighG).toBe(mulDivRound(10_000, 312_610, 1_000_000));
    expect(i.netLowG).toBeLessThan(i.netG);
    expect(i.netHighG).toBeGreaterThan(i.netG);
  });

  it('applies attribution and deadweight as Second Source does', () => {
    const i = compute({
      method: {
        attributionPermille: 700,
        deadweightPermille: 200,
        transport: true,
        estimateRangePermille: 250,
      },
    });
    // 3126 × 0.7 × 0.8 = 1750.56 → 1751
    expect(i.attributedG).toBe(1751);
    expect(i.netG).toBe(1751);
  });

  it('subtracts transport by the mode recorded, and net can be negative', () => {
    const light = [row({ category: 'cardboard', massGrams: 100 })];
    const byCar = compute({ rows: light, transportMode: 'car', distanceM: 120_000 });
    // No factor for cardboard in this table: 0 gross; 120 km × 170 g = 20.4 kg transport.
    expect(byCar.transportG).toBe(20_400);
    expect(byCar.netG).toBe(-20_400);
    expect(byCar.method).toMatchObject({ noFactor: true, transportModeRecorded: true });
    const byBike = compute({ rows: light, transportMode: 'bike', distanceM: 120_000 });
    expect(byBike.transportG).toBe(0);
    const off = compute({
      rows: light,
      transportMode: 'car',
      distanceM: 120_000,
      method: { ...DEFAULT_METHOD_PERMILLE, transport: false },
    });
    expect(off.transportG).toBe(0);
    const wood = compute({ transportMode: 'car', distanceM: 10_000 });
    expect(wood.netG).toBe(3126 - 1700);
  });

  it('counts unknown mass apart, as zero CO2e and marked unknown', () => {
    const i = compute({
      rows: [row({ massSource: 'unknown', massGrams: null })],
      transportMode: 'car',
      distanceM: 1000,
    });
    expect(i).toMatchObject({ massSource: 'unknown', massGrams: 0, grossG: 0, transportG: 170, netG: -170 });
  });

  it('keeps machine hours apart from mass', () => {
    const i = compute({
      rows: [
        row({
          category: 'laser-cutting',
          unit: 'hours',
          quantityMilli: 2500,
          massGrams: null,
          massSource: 'unknown',
        }),
      ],
    });
    expect(i).toMatchObject({
      machineHoursMilli: 2500,
      massGrams: 0,
      massSource: 'none',
      grossG: 0,
      factorId: null,
    });
  });

  it('nets a reversed ledger row to nothing, transport included', () => {
    const i = compute({
      rows: [row(), row({ id: 2, quantityMilli: -2000, massGrams: -10_000, reversesFlowId: 1 })],
      transportMode: 'car',
      distanceM: 5000,
    });
    expect(i).toMatchObject({
      massSource: 'none',
      massGrams: 0,
      grossG: 0,
      transportG: 0,
      netG: 0,
      flowIds: [1, 2],
      lastFlowId: 2,
    });
  });
});

describe('factors and method', () => {
  it('uses the category own factor first, else its family, else none', () => {
    const withPet = [...FACTORS, F('pet', 4_032_000, 1, '2024-01-01', 9)];
    expect(pickFactor(withPet, 'pet', '2026-01-01')?.id).toBe(9);
    expect(pickFactor(withPet, 'pla', '2026-01-01')?.id).toBe(2);
    expect(pickFactor(withPet, 'stone', '2026-01-01')).toBeNull();
  });

  it('uses the highest version in force at completion, never a later one', () => {
    const versions = [F('wood', 300_000, 1, '2024-01-01', 1), F('wood', 400_000, 2, '2026-06-01', 2)];
    expect(pickFactor(versions, 'plywood', '2026-05-31T23:00:00Z')?.version).toBe(1);
    expect(pickFactor(versions, 'plywood', '2026-06-01T08:00:00Z')?.version).toBe(2);
    // Before any version: the first one.
    expect(pickFactor(versions, 'plywood', '2020-01-01')?.version).toBe(1);
  });

  it('has documented defaults and the Second Source preset', () => {
    expect(methodToApi(DEFAULT_METHOD_PERMILLE)).toEqual(DEFAULT_METHOD);
    expect(DEFAULT_METHOD).toEqual({ attribution: 1, deadweight: 0, transport: true, estimateRange: 0.25 });
    expect(SECOND_SOURCE_METHOD).toMatchObject({ attribution: 0.7, deadweight: 0.2 });
  });

  it('rounds exactly, half away from zero, beyond 2^53 intermediate products', () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(1_000_000_000_000, 24_865_000, 1_000_000)).toBe(24_865_000_000_000);
  });
});

// ---------- reconciliation: a seeded PRNG, 200 random ledgers ----------

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUBS = ['a', 'b', 'c', 'd', 'outside'];
const CATS = ['plywood', 'pla', 'steel', 'cotton', 'glass', 'stone', 'laser-cutting'];

function randomLedger(rand: () => number) {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const flows: TFlowRow[] = [];
  const impacts: TImpactRow[] = [];
  const n = Math.floor(rand() * 40);
  let flowId = 1;
  for (let e = 1; e <= n; e++) {
    const from = pick(HUBS);
    let to = pick(HUBS);
    if (to === from) to = from === 'a' ? 'b' : 'a';
    const category = pick(CATS);
    const hours = category === 'laser-cutting';
    const source = hours ? 'unknown' : pick(['weighed', 'estimated', 'unknown'] as const);
    const mass = source === 'unknown' ? null : 1 + Math.floor(rand() * 500_000);
    const at = `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T12:00:00.000Z`;
    const base = {
      exchangeId: e,
      fromHub: from,
      toHub: to,
      category,
      family: categoryFamily(category),
      unit: hours ? 'hours' : 'kg',
      massSource: source,
    };
    const rows: TFlowRow[] = [
      {
        ...base,
        id: flowId++,
        quantityMilli: 1 + Math.floor(rand() * 9000),
        massGrams: mass,
        completedAt: at,
        reversesFlowId: null,
      },
    ];
    if (rand() < 0.1) {
      const first = rows[0]!;
      rows.push({
        ...first,
        id: flowId++,
        quantityMilli: -first.quantityMilli,
        massGrams: mass === null ? null : -mass,
        reversesFlowId: first.id,
      });
    }
    flows.push(...rows);
    const impact = computeExchangeImpact({
      rows: rows.map((r) => ({ ...r, exchangeId: e, massSource: r.massSource })),
      transportMode: pick(['car', 'bike', null]),
      distanceM: Math.floor(rand() * 200_000),
      factors: FACTORS,
      transportFactors: TRANSPORT,
      method: DEFAULT_METHOD_PERMILLE,
      scope: 'test',
    });
    impacts.push({
      ...impact,
      id: e,
      exchangeId: e,
      revision: 1,
      reason: 'completion',
      fromHub: from,
      toHub: to,
      computedAt: at,
      supersededBy: null,
    });
  }
  return { flows, impacts };
}

function sumDrillDown(fig: TFigure, ledger: ReturnType<typeof randomLedger>, scope: Set<string>): number {
  const qs = new URL(fig.drillDown, 'http://x').searchParams;
  const filter = Object.fromEntries(qs.entries()) as Filter;
  if (fig.sumOf.list === 'flows') {
    const rows = ledger.flows.filter((r) => flowMatches(r, filter, scope));
    if (fig.sumOf.field === 'count') return rows.length;
    if (fig.sumOf.field === 'distinctHubs') return distinctHubs(rows, scope);
    return rows.reduce((s, r) => s + ((r[fig.sumOf.field as keyof TFlowRow] as number | null) ?? 0), 0);
  }
  const rows = ledger.impacts.filter((r) => impactMatches(r, filter, scope));
  if (fig.sumOf.field === 'count') return rows.length;
  if (fig.sumOf.field === 'distinctHubs') return distinctHubs(rows, scope);
  return rows.reduce((s, r) => s + (r[fig.sumOf.field as keyof TImpactRow] as number), 0);
}

describe('reconciliation: every figure is the sum of its drill-down rows', () => {
  it('holds for 200 random ledgers, for totals, groups and Sankey links', () => {
    const rand = prng(20260301);
    const scope = new Set(['a', 'b', 'c', 'd']);
    for (let run = 0; run < 200; run++) {
      const ledger = randomLedger(rand);
      const o = { slug: 'net', scope, estimateRangePermille: 250 };
      const period: Filter = run % 3 === 0 ? { from: '2025-03-01', to: '2025-09-30' } : {};
      const totals = totalsOf(ledger, period, o);
      for (const [name, fig] of Object.entries(totals))
        expect(sumDrillDown(fig, ledger, scope), `run ${run}: ${name}`).toBe(fig.value);

      // The months add up to the whole, figure by figure (hubs active excepted: distinct).
      const months = monthsOf(ledger, period, scope).map((m) => totalsOf(ledger, { ...period, month: m }, o));
      for (const key of [
        'massWeighed',
        'massEstimated',
        'co2eNet',
        'co2eGross',
        'co2eTransport',
        'exchanges',
        'machineHours',
      ] as const) {
        expect(
          months.reduce((s, t) => s + t[key].value, 0),
          `run ${run}: months ${key}`,
        ).toBe(totals[key].value);
        expect(months.reduce((s, t) => s + (t[key].low ?? 0), 0)).toBe(totals[key].low ?? 0);
      }
      for (const hub of scope) {
        const given = totalsOf(ledger, { ...period, hub, direction: 'given' }, o);
        expect(sumDrillDown(given.massWeighed, ledger, scope)).toBe(given.massWeighed.value);
        expect(sumDrillDown(given.co2eNet, ledger, scope)).toBe(given.co2eNet.value);
      }
      const sankey = sankeyOf(ledger, period, o);
      const known = totals.massWeighed.value + totals.massEstimated.value;
      expect(
        sankey.reduce((s, l) => s + l.grams, 0),
        `run ${run}: sankey`,
      ).toBe(known);
      for (const link of sankey)
        expect(
          sumDrillDown(
            {
              value: link.grams,
              low: null,
              high: null,
              unit: 'g',
              drillDown: link.drillDown,
              sumOf: { list: 'flows', field: 'massGrams' },
            },
            ledger,
            scope,
          ),
        ).toBe(link.grams);
    }
  });
});

describe('CSV', () => {
  it('round-trips quotes, commas, newlines and empty cells, and defuses formulas', () => {
    const rows = [
      { id: 1, name: 'Plain', note: null },
      { id: 2, name: 'He said "hi", then\nleft', note: '=HYPERLINK("x")' },
    ];
    const csv = toCsv(['id', 'name', 'note'], rows);
    const back = parseCsv(csv);
    expect(back).toEqual([
      { id: '1', name: 'Plain', note: '' },
      { id: '2', name: 'He said "hi", then\nleft', note: `'=HYPERLINK("x")` },
    ]);
  });
});

describe('the period a dashboard compares with', () => {
  const before = (from: string, to: string) => previousPeriod({ from, to });

  it('is the same number of days just before a period of days, across month and year ends', () => {
    for (const [period, expected] of [
      [
        ['2026-03-02', '2026-03-31'],
        ['2026-01-31', '2026-03-01'],
      ],
      [
        ['2026-01-01', '2026-01-01'],
        ['2025-12-31', '2025-12-31'],
      ],
      [
        ['2024-03-02', '2024-03-08'],
        ['2024-02-24', '2024-03-01'],
      ],
      // Not whole months: the end is not its month's last day.
      [
        ['2026-02-01', '2026-02-27'],
        ['2026-01-05', '2026-01-31'],
      ],
    ] as const)
      expect(before(period[0], period[1]), period.join(' … ')).toEqual({
        from: expected[0],
        to: expected[1],
      });
  });

  it('is the same number of whole months just before a period of whole months', () => {
    for (const [period, expected] of [
      // November against October (not 2 – 31 October), a leap February against January.
      [
        ['2026-11-01', '2026-11-30'],
        ['2026-10-01', '2026-10-31'],
      ],
      [
        ['2024-03-01', '2024-03-31'],
        ['2024-02-01', '2024-02-29'],
      ],
      // A quarter against the one before, across a year end; a year against the year before.
      [
        ['2026-01-01', '2026-03-31'],
        ['2025-10-01', '2025-12-31'],
      ],
      [
        ['2026-01-01', '2026-12-31'],
        ['2025-01-01', '2025-12-31'],
      ],
    ] as const)
      expect(before(period[0], period[1]), period.join(' … ')).toEqual({
        from: expected[0],
        to: expected[1],
      });
  });

  it('is none for a period open at an end or upside down', () => {
    expect(previousPeriod({})).toBeNull();
    expect(previousPeriod({ from: '2026-01-01' })).toBeNull();
    expect(previousPeriod({ to: '2026-01-01' })).toBeNull();
    expect(before('2026-02-01', '2026-01-01')).toBeNull();
  });
});
