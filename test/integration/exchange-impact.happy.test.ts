import { describe, expect, it } from 'vitest';
import { ZExchangeImpact, ZHubImpact } from '../../src/shared/impact.schemas';
import { actOk, claimOk, completedExchange, twoHubs } from '../exchanges-helpers';
import { call, db, expectJson } from '../helpers';

describe('what an exchange saved, on its page', () => {
  it(
    'both hubs see the kg reused and the kg CO2e net with its method, the same their hub pages count',
    { timeout: 120_000 },
    async () => {
      const o = await twoHubs({ category: 'plywood', title: 'Birch plywood sheets' });
      // Before it completes, nothing is counted.
      const open = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
      const before = await expectJson(
        await call(`/exchanges/${open.id}/impact`, { session: o.giver.session }),
        200,
        ZExchangeImpact,
      );
      expect(before).toMatchObject({ exchangeId: open.id, counted: false, impact: null });
      expect(before.method).toEqual({ attribution: 1, deadweight: 0, transport: true, estimateRange: 0.25 });

      const done = await completedExchange(o, 2, { massGrams: 61_000, transportMode: 'van' });
      for (const side of [o.giver, o.receiver]) {
        const seen = await expectJson(
          await call(`/exchanges/${done.id}/impact`, { session: side.session }),
          200,
          ZExchangeImpact,
        );
        expect(seen.counted).toBe(true);
        const i = seen.impact!;
        expect(i).toMatchObject({
          category: 'plywood',
          massSource: 'weighed',
          massGrams: 61_000,
          massLowGrams: 61_000,
          massHighGrams: 61_000,
          transportMode: 'van',
        });
        // Net = gross − transport with the default method; the factor is named with its source.
        expect(i.co2eNetG).toBe(i.co2eGrossG - i.co2eTransportG);
        expect(i.co2eGrossG).toBeGreaterThan(0);
        expect(i.co2eTransportG).toBeGreaterThan(0);
        expect(i.distanceM).toBeGreaterThan(40_000);
        expect(i.factor?.category).toBeTruthy();
        expect(i.factor?.source).toBeTruthy();
        // What the database holds: the one current impact row of the default scope.
        const row = await db
          .prepare(
            `SELECT net_g, mass_grams FROM exchange_impacts
             WHERE exchange_id = ?1 AND network_id IS NULL AND superseded_by IS NULL`,
          )
          .bind(done.id)
          .all<{ net_g: number; mass_grams: number }>();
        expect(row.results).toEqual([{ net_g: i.co2eNetG, mass_grams: 61_000 }]);
      }
      // Asked twice, it is computed once.
      expect(
        (
          await db
            .prepare('SELECT count(*) AS n FROM exchange_impacts WHERE exchange_id = ?1')
            .bind(done.id)
            .first<{ n: number }>()
        )?.n,
      ).toBe(1);

      // The hub pages count it by the dashboard's convention: given by one, received (and its
      // net CO2e credited) by the other.
      const net = (
        await expectJson(
          await call(`/exchanges/${done.id}/impact`, { session: o.receiver.session }),
          200,
          ZExchangeImpact,
        )
      ).impact!.co2eNetG;
      const giver = await expectJson(await call(`/hubs/${o.giver.hub.slug}/impact`), 200, ZHubImpact);
      const receiver = await expectJson(await call(`/hubs/${o.receiver.hub.slug}/impact`), 200, ZHubImpact);
      expect(giver).toMatchObject({ givenGrams: 61_000, receivedGrams: 0, co2eNetG: 0 });
      expect(receiver).toMatchObject({ givenGrams: 0, receivedGrams: 61_000, co2eNetG: net, exchanges: 1 });

      // The still-open claim: declined, and still not counted.
      await actOk(o.giver.session, open.id, 'decline');
      const declined = await expectJson(
        await call(`/exchanges/${open.id}/impact`, { session: o.receiver.session }),
        200,
        ZExchangeImpact,
      );
      expect(declined.counted).toBe(false);
    },
  );

  it(
    'a category without an emission factor counts its kg as reused and says so, with no CO2e saved',
    { timeout: 120_000 },
    async () => {
      // Stone has no factor in the default table (nor has any of its parents).
      const o = await twoHubs({ category: 'stone', title: 'Marble offcuts' });
      const done = await completedExchange(o, 2, { massGrams: 12_000, transportMode: 'van' });
      const seen = await expectJson(
        await call(`/exchanges/${done.id}/impact`, { session: o.receiver.session }),
        200,
        ZExchangeImpact,
      );
      expect(seen.counted).toBe(true);
      const i = seen.impact!;
      expect(i).toMatchObject({ category: 'stone', massSource: 'weighed', massGrams: 12_000, factor: null });
      expect(i.co2eGrossG).toBe(0);
      expect(i.co2eAttributedG).toBe(0);
      // The trip still emitted: net is its transport, never a saving invented from nothing.
      expect(i.co2eNetG).toBe(-i.co2eTransportG);
      const row = await db
        .prepare(
          `SELECT factor_id, gross_g, mass_grams FROM exchange_impacts
           WHERE exchange_id = ?1 AND network_id IS NULL AND superseded_by IS NULL`,
        )
        .bind(done.id)
        .first<{ factor_id: number | null; gross_g: number; mass_grams: number }>();
      expect(row).toEqual({ factor_id: null, gross_g: 0, mass_grams: 12_000 });
    },
  );
});
