import { describe, expect, it } from 'vitest';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { ZFlowList } from '../../src/shared/impact.schemas';
import { estimateMass } from '../../src/shared/mass';
import { ZListingMatches } from '../../src/shared/matching.schemas';
import { call, expectJson } from '../helpers';
import { completedExchange, impactRows, networkOfTwo, runJob } from '../impact-helpers';

/**
 * One listing, three places that show its mass: the match card, the ledger row written when the
 * exchange completes, and the impact row the dashboard sums. All three use the one mass rule.
 */
describe('the one mass rule, from match card to ledger to impact', () => {
  const shapes = [
    { name: '12 sheets of birch plywood', listing: { quantity: 12 } },
    {
      name: '40 m of 95 × 17.5 mm softwood',
      listing: {
        category: 'softwood',
        unit: 'm',
        quantity: 40,
        lengthMm: null,
        widthMm: 95,
        thicknessMm: 17.5,
      },
    },
  ];
  for (const shape of shapes)
    it(`shows the same grams and range everywhere: ${shape.name}`, { timeout: 120_000 }, async () => {
      const o = await networkOfTwo(shape.listing);
      const card = await expectJson(await call(`/listings/${o.listingId}/matches`), 200, ZListingMatches);
      expect(card.mass).not.toBeNull();
      const { grams, lowGrams, highGrams } = card.mass!;
      expect(grams).toBeGreaterThan(0);
      expect(lowGrams).toBeLessThan(grams);
      expect(highGrams).toBeGreaterThan(grams);

      // The whole listing changes hands, nobody weighs it.
      const quantity = shape.listing.quantity;
      const done = await completedExchange(o, quantity);
      const ex = await expectJson(
        await call(`/exchanges/${done.id}`, { session: o.giver.session }),
        200,
        ZExchangeDetail,
      );
      expect(ex.flows).toHaveLength(1);
      expect(ex.flows[0]).toMatchObject({ massGrams: grams, massSource: 'estimated' });

      await runJob();
      const impact = (await impactRows(done.id)).find((r) => r.network_id !== null)!;
      expect(impact).toMatchObject({
        mass_source: 'estimated',
        mass_grams: grams,
        mass_low_grams: lowGrams,
        mass_high_grams: highGrams,
      });

      // The network's drill-down lists the same impact row.
      const list = await expectJson(
        await call(`/networks/${o.network.slug}/flows`, { session: o.giver.session }),
        200,
        ZFlowList,
      );
      expect(list.impacts.find((r) => r.exchangeId === done.id)).toMatchObject({
        massGrams: grams,
        massLowGrams: lowGrams,
        massHighGrams: highGrams,
      });
      expect(list.flows.find((r) => r.exchangeId === done.id)).toMatchObject({ massGrams: grams });
    });

  it('the shared rule is what all three read (the figures are the rule, not a copy of it)', () => {
    const m = estimateMass({
      category: 'birch-plywood',
      unit: 'sheets',
      quantityMilli: 12_000,
      lengthMm: 600,
      widthMm: 400,
      thicknessMm: 18,
    });
    // 12 × 0.6 × 0.4 × 0.018 m³ × 700 kg/m³ = 36.288 kg
    expect(m).toEqual({ source: 'estimated', grams: 36_288, lowGrams: 27_216, highGrams: 45_360 });
  });
});
