import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEPT_COLUMNS, pairDayBuckets, type PairDays } from '../../src/modules/impact/impact.repo';

const DAYS = Array.from({ length: 90 }, (_, k) =>
  new Date(Date.UTC(2025, 11, 15 + k)).toISOString().slice(0, 10),
);

/** A pair's kept days: a few days, each with its exchanges (0 for a day all superseded) and sums. */
const arbPair = fc.record({
  fromHub: fc.constantFrom('a', 'b'),
  toHub: fc.constantFrom('c', 'd'),
  category: fc.constantFrom('plywood', 'pla'),
  family: fc.constant('wood'),
  days: fc.dictionary(
    fc.constantFrom(...DAYS),
    fc.tuple(
      fc.integer({ min: 0, max: 3 }),
      ...KEPT_COLUMNS.slice(1).map(() => fc.integer({ min: -50, max: 5000 })),
    ),
    { maxKeys: 12 },
  ),
}) as fc.Arbitrary<PairDays>;

const arbPeriod = fc
  .tuple(
    fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
    fc.option(fc.constantFrom(...DAYS), { nil: undefined }),
  )
  .map(([from, to]) => (from && to && from > to ? { from: to, to: from } : { from, to }));

describe("a pair's kept days summed for a period", () => {
  it('give one bucket per pair and month, each the sum of the days inside the period (both ends counted)', () => {
    fc.assert(
      fc.property(
        // Each pair its own giving hub, so its buckets are told apart.
        fc.array(arbPair, { maxLength: 5 }).map((ps) => ps.map((p, k) => ({ ...p, fromHub: `h${k}` }))),
        arbPeriod,
        (pairs, period) => {
          const buckets = pairDayBuckets(pairs, period);
          pairs.forEach((p) => {
            const inside = Object.entries(p.days).filter(
              ([day, sums]) =>
                sums[0] !== 0 && (!period.from || day >= period.from) && (!period.to || day <= period.to),
            );
            const months = [...new Set(inside.map(([day]) => day.slice(0, 7)))].sort();
            const mine = buckets.filter(
              (b) => b.fromHub === p.fromHub && b.toHub === p.toHub && b.category === p.category,
            );
            // Pairs may repeat in the sample: compare this pair's own buckets, taken in its order.
            const own = mine.slice(0, months.length);
            expect(own.map((b) => b.month).sort()).toEqual(months);
            for (const b of own) {
              const days = inside.filter(([day]) => day.startsWith(b.month));
              expect(b.exchanges).toBe(days.reduce((n, [, s]) => n + s[0]!, 0));
              expect(b.netHighG).toBe(
                days.reduce((n, [, s]) => n + s[KEPT_COLUMNS.indexOf('net_high_g')]!, 0),
              );
              expect(b.massWeighedG).toBe(days.reduce((n, [, s]) => n + s[1]!, 0));
            }
          });
          expect(buckets.every((b) => b.exchanges > 0)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
