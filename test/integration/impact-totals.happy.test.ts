import { describe, expect, it } from 'vitest';
import {
  KEPT_COLUMNS,
  keptMonthRows,
  keptTotals,
  recomputedMonthRows,
  recomputedTotals,
} from '../../src/modules/impact/impact.repo';
import type { Deps } from '../../src/env';
import { recomputedReport } from '../../src/modules/impact/impact.service';
import { previousPeriod } from '../../src/modules/impact/impact.domain';
import {
  ZImpactDashboard,
  ZImpactReport,
  ZRecalculation,
  type TImpactQuery,
} from '../../src/shared/impact.schemas';
import { actOk, claimOk } from '../exchanges-helpers';
import { call, db, expectJson, makerWithHub } from '../helpers';
import { addHub, completedExchange, networkOfTwo, runJob } from '../impact-helpers';

/**
 * The network's kept totals and the default scope's, each equal to a recomputation from the rows,
 * and the network's kept months too; returns the network's kept totals of the months.
 */
async function expectKeptEqualsRecomputed(networkId: number) {
  for (const scope of [networkId, null]) {
    const kept = await keptTotals(db, scope);
    expect(kept, `scope ${scope}`).toEqual(await recomputedTotals(db, scope));
    // Each pair's kept days (0049) hold exactly its kept day rows' sums, and no other day.
    const dayRows = await db
      .prepare(
        `SELECT from_hub_id || '>' || to_hub_id || '>' || category AS pair, substr(period, 2) AS day,
           json_array(${KEPT_COLUMNS.join(', ')}) AS sums
         FROM impact_rollups WHERE scope_id = ?1 AND substr(period, 1, 1) = 'd' AND exchanges <> 0`,
      )
      .bind(scope ?? 0)
      .all<{ pair: string; day: string; sums: string }>();
    const pairDays = await db
      .prepare(
        `SELECT from_hub_id || '>' || to_hub_id || '>' || category AS pair, days FROM impact_pair_days
         WHERE scope_id = ?1`,
      )
      .bind(scope ?? 0)
      .all<{ pair: string; days: string }>();
    const fromRows: Record<string, Record<string, number[]>> = {};
    for (const r of dayRows.results) (fromRows[r.pair] ??= {})[r.day] = JSON.parse(r.sums) as number[];
    const keptDays = Object.fromEntries(
      pairDays.results.map((r) => [r.pair, JSON.parse(r.days) as Record<string, number[]>]),
    );
    expect(dayRows.results.length, `scope ${scope}: day rows`).toBeGreaterThan(0);
    expect(keptDays, `scope ${scope}: pair days`).toEqual(fromRows);
    // And each factor and method's kept days count its kept day uses.
    const useRows = await db
      .prepare(
        `SELECT factor_id || '>' || method AS use, substr(month, 2) AS day, exchanges FROM impact_uses
         WHERE scope_id = ?1 AND substr(month, 1, 1) = 'd' AND exchanges <> 0`,
      )
      .bind(scope ?? 0)
      .all<{ use: string; day: string; exchanges: number }>();
    const useDays = await db
      .prepare(`SELECT factor_id || '>' || method AS use, days FROM impact_use_days WHERE scope_id = ?1`)
      .bind(scope ?? 0)
      .all<{ use: string; days: string }>();
    const usesFromRows: Record<string, Record<string, number>> = {};
    for (const r of useRows.results) (usesFromRows[r.use] ??= {})[r.day] = r.exchanges;
    expect(useRows.results.length, `scope ${scope}: day uses`).toBeGreaterThan(0);
    expect(
      Object.fromEntries(useDays.results.map((r) => [r.use, JSON.parse(r.days) as Record<string, number>])),
      `scope ${scope}: use days`,
    ).toEqual(usesFromRows);
  }
  expect(await keptMonthRows(db, networkId)).toEqual(await recomputedMonthRows(db, networkId));
  return (await keptTotals(db, networkId)).filter((r) => r.period.length === 7);
}

const networkIdOf = async (slug: string) =>
  (await db.prepare('SELECT id FROM networks WHERE slug = ?1').bind(slug).first<{ id: number }>())!.id;

describe('kept totals per network, period, hub pair and category', () => {
  it(
    'are written with each impact row: completion, correction and recalculation',
    { timeout: 120_000 },
    async () => {
      const o = await networkOfTwo();
      const networkId = await networkIdOf(o.network.slug);
      const first = await completedExchange(o, 2, { massGrams: 3000, transportMode: 'car' });
      await completedExchange(o, 1, {});
      await runJob();
      let kept = await expectKeptEqualsRecomputed(networkId);
      expect(kept).toHaveLength(1);
      // The same sums kept for the month, the year and all time.
      const periods = await keptTotals(db, networkId);
      const month = kept[0]!.period;
      const day = (await db
        .prepare('SELECT substr(completed_at, 1, 10) AS day FROM exchange_impacts WHERE network_id = ?1')
        .bind(networkId)
        .first<{ day: string }>())!.day;
      expect(periods.map((r) => r.period).sort()).toEqual(
        [`d${day}`, month, 'all', `y${month.slice(0, 4)}`].sort(),
      );
      for (const r of periods) expect({ ...r, period: month }).toEqual(kept[0]);
      expect(await keptMonthRows(db, networkId)).toMatchObject([{ month, hubs_active: 2, exchanges: 2 }]);
      expect(kept[0]).toMatchObject({
        fromHub: o.giver.hub.slug,
        toHub: o.receiver.hub.slug,
        family: 'wood',
        exchanges: 2,
        mass_weighed_g: 3000,
      });
      expect(kept[0]!.mass_estimated_g).toBeGreaterThan(0);

      // The job running again, twice at the same time, adds nothing twice.
      await Promise.all([runJob(), runJob()]);
      expect((await keptTotals(db, networkId)).filter((r) => r.period.length === 7)).toEqual(kept);
      await completedExchange(o, 1, { massGrams: 1000 });
      await Promise.all([runJob(), runJob()]);
      kept = await expectKeptEqualsRecomputed(networkId);
      expect(kept[0]).toMatchObject({ exchanges: 3, mass_weighed_g: 4000 });

      // A ledger correction supersedes the first row: its figures are subtracted, the new ones added.
      const flow = await db
        .prepare('SELECT id FROM flows WHERE exchange_id = ?1')
        .bind(first.id)
        .first<{ id: number }>();
      const res = await call(`/flows/${flow!.id}/reversals`, {
        session: o.giver.session,
        body: { reason: 'Recorded twice by mistake' },
      });
      expect(res.status).toBe(201);
      // Both hubs keep the reversing row as their newest ledger row (a report's version, 0047).
      const newest = await db
        .prepare(
          `SELECT h.newest_flow_id AS kept, (SELECT max(f.id) FROM flows f
             WHERE f.from_hub_id = h.id OR f.to_hub_id = h.id) AS newest FROM hubs h WHERE h.slug IN (?1, ?2)`,
        )
        .bind(o.giver.hub.slug, o.receiver.hub.slug)
        .all<{ kept: number; newest: number }>();
      const reversal = await db
        .prepare('SELECT id FROM flows WHERE reverses_flow_id = ?1')
        .bind(flow!.id)
        .first<{ id: number }>();
      expect(newest.results).toEqual([
        { kept: reversal!.id, newest: reversal!.id },
        { kept: reversal!.id, newest: reversal!.id },
      ]);
      await runJob();
      kept = await expectKeptEqualsRecomputed(networkId);
      expect(kept[0]).toMatchObject({ exchanges: 3, mass_weighed_g: 1000 });

      // An explicit recalculation replaces the current row, once.
      await expectJson(
        await call(`/networks/${o.network.slug}/exchanges/${first.id}/recalculate`, {
          session: o.giver.session,
          method: 'POST',
        }),
        201,
        ZRecalculation,
      );
      kept = await expectKeptEqualsRecomputed(networkId);
      expect(kept[0]).toMatchObject({ exchanges: 3 });
    },
  );

  it(
    "a flow in another network leaves this network's kept report as it is",
    { timeout: 120_000 },
    async () => {
      const o = await networkOfTwo();
      await completedExchange(o, 2, { massGrams: 3000 });
      const view = () => call(`/networks/${o.network.slug}/impact`, { session: o.giver.session });
      expect((await view()).status).toBe(200);
      const kept = () =>
        db
          .prepare(
            `SELECT c.version, c.computed_at FROM impact_report_cache c JOIN networks n ON n.id = c.network_id
           WHERE n.slug = ?1`,
          )
          .bind(o.network.slug)
          .first<{ version: string; computed_at: string }>();
      const before = await kept();
      expect(before).not.toBeNull();

      const elsewhere = await networkOfTwo();
      await completedExchange(elsewhere, 1, { massGrams: 500 });
      await runJob();
      expect((await view()).status).toBe(200);
      expect(await kept()).toEqual(before);

      // A flow of its own does make the next view compute afresh.
      await completedExchange(o, 1, { massGrams: 700 });
      const r = await view();
      expect(
        ((await r.json()) as { totals: { massWeighed: { value: number } } }).totals.massWeighed.value,
      ).toBe(3700);
      expect((await kept())!.version).not.toBe(before!.version);
    },
  );

  it(
    "a day's kept uses leave its days when its last impact row is recalculated with another method",
    { timeout: 120_000 },
    async () => {
      const o = await networkOfTwo();
      const networkId = await networkIdOf(o.network.slug);
      const only = await completedExchange(o, 1, { massGrams: 2000 });
      await runJob();
      await expectKeptEqualsRecomputed(networkId);
      const methods = async () =>
        (
          await db
            .prepare('SELECT method, days FROM impact_use_days WHERE scope_id = ?1 ORDER BY method')
            .bind(networkId)
            .all<{ method: string; days: string }>()
        ).results.map((r) => ({ attribution: JSON.parse(r.method).attribution, days: JSON.parse(r.days) }));
      const before = await methods();
      expect(before).toHaveLength(1);
      expect(Object.values(before[0]!.days)).toEqual([1]);

      const patched = await call(`/networks/${o.network.slug}/method`, {
        session: o.giver.session,
        method: 'PATCH',
        body: { attribution: 0.5 },
      });
      expect(patched.status).toBe(200);
      await expectJson(
        await call(`/networks/${o.network.slug}/exchanges/${only.id}/recalculate`, {
          session: o.giver.session,
          method: 'POST',
        }),
        201,
        ZRecalculation,
      );
      await expectKeptEqualsRecomputed(networkId);
      // The old method's day is gone (not kept as 0, and with no day left, its row); the new one
      // counts it.
      const after = await methods();
      expect(after.map((m) => [m.attribution, Object.values(m.days)])).toEqual([[0.5, [1]]]);
    },
  );

  it('every dashboard view equals a recomputation from the ledger', { timeout: 120_000 }, async () => {
    const o = await networkOfTwo();
    await completedExchange(o, 2, { massGrams: 3000, transportMode: 'van' });
    await completedExchange(o, 1, {});
    const outsider = await makerWithHub({ lat: 51.05, lon: 3.72, city: 'Ghent' });
    const ex = await claimOk(outsider.session, o.listingId, outsider.hub.slug, 1);
    await actOk(o.giver.session, ex.id, 'accept');
    await actOk(o.giver.session, ex.id, 'handover', { quantity: 1 });
    await actOk(outsider.session, ex.id, 'confirm');
    const user = (await db
      .prepare('SELECT id FROM users WHERE email = ?1')
      .bind(o.giver.email)
      .first<{ id: number }>())!.id;
    const deps = { db, now: () => new Date() } as unknown as Deps;
    const today = new Date().toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10);
    const periods = [
      {},
      { from: today, to: today },
      { from: `${month}-01` },
      { from: `${month}-01`, to: last },
      { to: today },
      { from: '2020-01-15', to: '2020-02-10' },
    ];
    const everyView = async (label: string) => {
      for (const period of periods)
        for (const group_by of [undefined, 'month', 'hub', 'category'] as const) {
          const query = { ...period, ...(group_by ? { group_by } : {}) };
          const qs = new URLSearchParams(query as Record<string, string>).toString();
          const viewed = await expectJson(
            await call(`/networks/${o.network.slug}/impact?${qs}`, { session: o.giver.session }),
            200,
            ZImpactReport,
          );
          const fresh = await recomputedReport(deps, { slug: o.network.slug, userId: user, query });
          expect(viewed, `${label} ${JSON.stringify(query)}`).toEqual(fresh);
        }
      // The dashboard's one answer holds the same report, each table, and the period before.
      for (const period of periods) {
        const qs = new URLSearchParams(period as Record<string, string>).toString();
        const dashboard = await expectJson(
          await call(`/networks/${o.network.slug}/impact/dashboard?${qs}`, { session: o.giver.session }),
          200,
          ZImpactDashboard,
        );
        const fresh = (query: TImpactQuery) =>
          recomputedReport(deps, { slug: o.network.slug, userId: user, query });
        const at = `${label} dashboard ${JSON.stringify(period)}`;
        expect(dashboard.report, at).toEqual(await fresh(period));
        for (const group_by of ['month', 'hub', 'category'] as const)
          expect(dashboard.tables[group_by], `${at} ${group_by}`).toEqual(
            (await fresh({ ...period, group_by })).groups,
          );
        const before = 'from' in period && 'to' in period ? previousPeriod(period) : null;
        expect(dashboard.previous, at).toEqual(before ? await fresh(before) : null);
      }
    };
    await everyView('both hubs');
    const all = await recomputedReport(deps, { slug: o.network.slug, userId: user, query: {} });
    expect(all.totals.exchanges.value).toBe(3);
    expect(all.totals.massWeighed.value).toBe(3000);
    const firstMonth = (q: Record<string, string>) =>
      call(`/networks/${o.network.slug}/impact?${new URLSearchParams(q).toString()}`, {
        session: o.giver.session,
      })
        .then((r) => expectJson(r, 200, ZImpactReport))
        .then((r) => r.groups[0]!.totals);
    expect((await firstMonth({ group_by: 'month' })).hubsActive.value).toBe(2);

    // The giving hub leaves the network: the exchange with the outsider no longer touches it, and
    // the kept months are counted again over the hubs that stay (every view still equals the ledger).
    const networkId = await networkIdOf(o.network.slug);
    const left = await call(`/networks/${o.network.slug}/hubs/${o.giver.hub.slug}`, {
      session: o.giver.session,
      method: 'DELETE',
    });
    expect(left.status).toBe(204);
    expect(await keptMonthRows(db, networkId)).toEqual(await recomputedMonthRows(db, networkId));
    expect(await keptMonthRows(db, networkId)).toMatchObject([{ hubs_active: 1, exchanges: 2 }]);
    await everyView('receiver only');
    expect((await firstMonth({ group_by: 'month' })).exchanges.value).toBe(2);

    // And joins again: counted as before.
    expect((await addHub(o.giver.session, o.network.slug, o.giver.hub.slug)).status).toBe(200);
    expect(await keptMonthRows(db, networkId)).toMatchObject([{ hubs_active: 2, exchanges: 3 }]);
    await everyView('both again');
  });
});
