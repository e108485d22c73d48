import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/modules/impact/impact.csv';
import { distanceMetres } from '../../src/modules/search/search.domain';
import {
  ZFactorTable,
  ZFlowList,
  ZHubImpact,
  ZImpactReport,
  ZOpenData,
  ZRecalculation,
} from '../../src/shared/impact.schemas';
import { ZNetwork } from '../../src/shared/networks.schemas';
import { call, count, db, expectJson, HUB_DEFAULTS, type Session } from '../helpers';
import { completedExchange, drillDownSum, impactRows, networkOfTwo, runJob } from '../impact-helpers';

const RECEIVER = { lat: 50.85, lon: 4.35 };
const DISTANCE_M = distanceMetres(HUB_DEFAULTS, RECEIVER);

async function report(session: Session, slug: string, qs = '') {
  return expectJson(await call(`/networks/${slug}/impact${qs}`, { session }), 200, ZImpactReport);
}

describe('impact: happy paths', () => {
  it('computes a completed exchange once, with factor version, method and transport, and keeps it', async () => {
    const o = await networkOfTwo();
    const ex = await completedExchange(o, 2, { massGrams: 5000, transportMode: 'car' });

    expect(await runJob()).toMatchObject({ computed: 2 }); // the default scope and the network's
    expect(await runJob()).toEqual({ computed: 0 });
    const rows = await impactRows(ex.id);
    expect(rows).toHaveLength(2);
    const mine = rows.find((r) => r.network_id !== null)!;
    const gross = Math.round((5000 * 312_610) / 1_000_000);
    const transport = Math.round((DISTANCE_M * 170) / 1000);
    expect(mine).toMatchObject({
      revision: 1,
      reason: 'completion',
      mass_source: 'weighed',
      mass_grams: 5000,
      gross_g: gross,
      transport_g: transport,
      net_g: gross - transport,
      transport_mode: 'car',
      superseded_by: null,
    });
    expect(JSON.parse(mine.method_json as string)).toMatchObject({
      attribution: 1,
      deadweight: 0,
      factor: { category: 'wood', version: 1, licence: 'OGL-UK-3.0' },
      transportFactor: { mode: 'car', version: 1 },
    });

    const r = await report(o.giver.session, o.network.slug);
    expect(r.totals.massWeighed.value).toBe(5000);
    expect(r.totals.co2eNet).toMatchObject({ value: gross - transport, low: gross - transport });
    expect(r.totals.co2eNet.value).toBeLessThan(0); // 5 kg of plywood does not pay for 49 km by car
    expect(r.totals.exchanges.value).toBe(1);
    expect(r.totals.hubsActive.value).toBe(2);
    expect(r.method).toEqual({ attribution: 1, deadweight: 0, transport: true, estimateRange: 0.25 });
    expect(r.factorsUsed).toEqual([expect.objectContaining({ category: 'wood', version: 1, year: 2024 })]);
    expect(r.sankey).toEqual([
      expect.objectContaining({
        from: o.giver.hub.slug,
        to: o.receiver.hub.slug,
        family: 'wood',
        grams: 5000,
      }),
    ]);
  });

  it('links every figure to a list whose rows sum to it', { timeout: 60_000 }, async () => {
    const o = await networkOfTwo();
    await completedExchange(o, 2, { massGrams: 4000, transportMode: 'van' });
    await completedExchange(o, 1, { transportMode: 'bike' }); // estimated from dimensions
    const checked = new Map<string, number>();
    for (const group of ['?group_by=hub', '?group_by=month']) {
      const r = await report(o.giver.session, o.network.slug, group);
      const figures = [r.totals, ...r.groups.flatMap((g) => [g.totals, g.given, g.received])].filter(
        (t) => t !== null,
      );
      for (const totals of figures)
        for (const [name, fig] of Object.entries(totals)) {
          const key = `${fig.drillDown} ${fig.sumOf.list}.${fig.sumOf.field}`;
          if (!checked.has(key)) checked.set(key, (await drillDownSum(o.giver.session, fig)).sum);
          expect(checked.get(key), `${group} ${name}`).toBe(fig.value);
        }
      for (const link of r.sankey) {
        const fig = { ...r.totals.massWeighed, value: link.grams, drillDown: link.drillDown };
        expect((await drillDownSum(o.giver.session, fig)).sum).toBe(link.grams);
      }
    }
    const r = await report(o.giver.session, o.network.slug);
    expect(r.totals.massEstimated.value).toBeGreaterThan(0);
    expect(r.totals.massEstimated.low).toBeLessThan(r.totals.massEstimated.value);
    expect(r.totals.exchanges.value).toBe(2);
    const flows = await count(
      'SELECT count(*) AS n FROM flows f JOIN hubs h ON h.id = f.from_hub_id WHERE h.slug = ?1',
      o.giver.hub.slug,
    );
    expect(flows).toBe(2);
  });

  it('never rewrites history when a factor changes; a recalculation is explicit and recorded', async () => {
    // Glass, so that the new factor version does not touch the other tests of this file.
    const o = await networkOfTwo({ category: 'glass' });
    const ex = await completedExchange(o, 2, { massGrams: 10_000, transportMode: 'bike' });
    const before = await report(o.giver.session, o.network.slug);
    expect(before.totals.co2eGross.value).toBe(14_028);

    // A corrected wood factor, in force for the same period.
    await db
      .prepare(
        `INSERT INTO impact_factors (category, g_co2e_per_tonne, label, source, year, licence, version, valid_from, created_at)
         VALUES ('glass', 2000000, 'Glass (corrected)', 'test', 2025, 'OGL-UK-3.0', 2, '2024-01-01', '2026-03-02T00:00:00Z')`,
      )
      .run();
    await runJob();
    const after = await report(o.giver.session, o.network.slug);
    expect(after.totals.co2eGross.value).toBe(14_028);
    const rowsBefore = await impactRows(ex.id);
    expect(rowsBefore.filter((r) => r.network_id !== null)).toHaveLength(1);

    const recalc = await expectJson(
      await call(`/networks/${o.network.slug}/exchanges/${ex.id}/recalculate`, {
        session: o.giver.session,
        method: 'POST',
      }),
      201,
      ZRecalculation,
    );
    expect(recalc.impact).toMatchObject({ revision: 2, reason: 'recalculation', grossG: 20_000 });
    expect(recalc.impact.method).toMatchObject({ factor: { version: 2 } });
    const old = rowsBefore.find((r) => r.network_id !== null)!;
    expect(recalc.superseded).toEqual([old.id]);
    const stored = await db
      .prepare('SELECT gross_g, superseded_by FROM exchange_impacts WHERE id = ?1')
      .bind(old.id)
      .first();
    expect(stored).toEqual({ gross_g: 14_028, superseded_by: recalc.impact.id });
    const now = await report(o.giver.session, o.network.slug);
    expect(now.totals.co2eGross.value).toBe(20_000);
    expect(now.factorsUsed.map((f) => f.version)).toEqual([2]);
    // The public (default) scope was not recalculated.
    expect((await impactRows(ex.id)).filter((r) => r.network_id === null)).toHaveLength(1);
    // The database itself refuses to overwrite a factor or a kept figure.
    await expect(
      db.prepare("UPDATE impact_factors SET g_co2e_per_tonne = 1 WHERE category = 'glass'").run(),
    ).rejects.toThrow();
    await expect(
      db.prepare('UPDATE exchange_impacts SET net_g = 0 WHERE id = ?1').bind(old.id).run(),
    ).rejects.toThrow();
  });

  it('records a ledger correction as a new revision that supersedes the first', async () => {
    const o = await networkOfTwo();
    const ex = await completedExchange(o, 2, { massGrams: 3000, transportMode: 'car' });
    await runJob();
    const flow = await db
      .prepare('SELECT id FROM flows WHERE exchange_id = ?1')
      .bind(ex.id)
      .first<{ id: number }>();
    const res = await call(`/flows/${flow!.id}/reversals`, {
      session: o.giver.session,
      body: { reason: 'Recorded twice by mistake' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    await runJob();
    const rows = (await impactRows(ex.id)).filter((r) => r.network_id !== null);
    expect(rows.map((r) => [r.revision, r.reason, r.mass_grams, r.transport_g])).toEqual([
      [1, 'completion', 3000, expect.any(Number)],
      [2, 'ledger_correction', 0, 0],
    ]);
    expect(rows[0]!.superseded_by).toBe(rows[1]!.id);
    const r = await report(o.giver.session, o.network.slug);
    expect(r.totals.massWeighed.value).toBe(0);
    expect(r.totals.co2eNet.value).toBe(0);
  });

  it('applies a changed method to new exchanges only', async () => {
    const o = await networkOfTwo();
    await completedExchange(o, 1, { massGrams: 10_000, transportMode: 'bike' });
    await runJob();
    const patched = await expectJson(
      await call(`/networks/${o.network.slug}/method`, {
        session: o.giver.session,
        method: 'PATCH',
        body: { attribution: 0.7, deadweight: 0.2 },
      }),
      200,
      ZNetwork,
    );
    expect(patched.method).toMatchObject({ attribution: 0.7, deadweight: 0.2, transport: true });
    await completedExchange(o, 1, { massGrams: 10_000, transportMode: 'bike' });
    const r = await report(o.giver.session, o.network.slug);
    expect(r.totals.co2eAttributed.value).toBe(3126 + 1751);
    expect(r.methodsUsed).toHaveLength(2);
    const stored = await db
      .prepare(
        'SELECT attribution_permille, deadweight_permille FROM network_methods m JOIN networks n ON n.id = m.network_id WHERE n.slug = ?1',
      )
      .bind(o.network.slug)
      .first();
    expect(stored).toEqual({ attribution_permille: 700, deadweight_permille: 200 });
  });

  it('keeps a network report until what it is computed from changes: a flow, the method, a hub', async () => {
    const o = await networkOfTwo();
    await completedExchange(o, 1, { massGrams: 4000, transportMode: 'bike' });
    const first = await report(o.giver.session, o.network.slug);
    expect(first.totals.massWeighed.value).toBe(4000);
    const kept = () =>
      db
        .prepare(
          'SELECT version, report FROM impact_report_cache WHERE network_id = (SELECT id FROM networks WHERE slug = ?1)',
        )
        .bind(o.network.slug)
        .all<{ version: string; report: string }>();
    const rows = (await kept()).results;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.report)).toEqual(first);

    // While nothing changes, a view is answered from the kept report: mark it and see the mark.
    const marked = { ...first, network: { ...first.network, name: 'kept copy' } };
    await db.prepare('UPDATE impact_report_cache SET report = ?1').bind(JSON.stringify(marked)).run();
    expect((await report(o.giver.session, o.network.slug)).network.name).toBe('kept copy');

    // A new completed exchange appends a flow: the next view is computed afresh, with it.
    await completedExchange(o, 1, { massGrams: 1500, transportMode: 'bike' });
    const second = await report(o.giver.session, o.network.slug);
    expect(second.network.name).not.toBe('kept copy');
    expect(second.totals.massWeighed.value).toBe(5500);
    expect(second.totals.exchanges.value).toBe(2);

    // A method change shows at once.
    await db.prepare('UPDATE impact_report_cache SET report = ?1').bind(JSON.stringify(marked)).run();
    await call(`/networks/${o.network.slug}/method`, {
      session: o.giver.session,
      method: 'PATCH',
      body: { attribution: 0.5 },
    });
    const third = await report(o.giver.session, o.network.slug);
    expect(third.network.name).not.toBe('kept copy');
    expect(third.method.attribution).toBe(0.5);

    // So does a hub's new name.
    await db.prepare('UPDATE impact_report_cache SET report = ?1').bind(JSON.stringify(marked)).run();
    const renamed = await call(`/hubs/${o.receiver.hub.slug}`, {
      session: o.receiver.session,
      method: 'PATCH',
      body: { name: 'Renamed Receiving Lab' },
    });
    expect(renamed.status).toBe(200);
    const fourth = await report(o.giver.session, o.network.slug);
    expect(fourth.network.name).not.toBe('kept copy');
    expect(fourth.hubs.map((h) => h.name)).toContain('Renamed Receiving Lab');
    // One kept report per query: another period or grouping is kept beside it.
    await report(o.giver.session, o.network.slug, '?group_by=month');
    expect((await kept()).results).toHaveLength(2);
  });

  it('exports the ledger as CSV that parses back to the same rows, JSON, and open data without people', async () => {
    const o = await networkOfTwo();
    await completedExchange(o, 2, { massGrams: 2500, transportMode: 'cargo_bike' });
    await completedExchange(o, 1, {});
    const list = await expectJson(
      await call(`/networks/${o.network.slug}/flows`, { session: o.giver.session }),
      200,
      ZFlowList,
    );
    expect(list.flows).toHaveLength(2);
    // The list names what its rows reference: hub names by slug, the listing title of each exchange.
    for (const f of list.flows) {
      const names = await db
        .prepare(
          `SELECT (SELECT name FROM hubs WHERE slug = ?1) AS fromName, (SELECT name FROM hubs WHERE slug = ?2) AS toName,
             (SELECT l.title FROM exchanges e JOIN listings l ON l.id = e.listing_id WHERE e.id = ?3) AS title`,
        )
        .bind(f.fromHub, f.toHub, f.exchangeId)
        .first<{ fromName: string; toName: string; title: string }>();
      expect(list.names.hubs[f.fromHub]).toBe(names!.fromName);
      expect(list.names.hubs[f.toHub]).toBe(names!.toName);
      expect(list.names.exchanges[String(f.exchangeId)]).toBe(names!.title);
    }

    const res = await call(`/networks/${o.network.slug}/export.csv?table=flows`, {
      session: o.giver.session,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const parsed = parseCsv(await res.text()).map((r) => ({
      id: Number(r.id),
      exchangeId: Number(r.exchangeId),
      fromHub: r.fromHub,
      toHub: r.toHub,
      category: r.category,
      family: r.family,
      quantityMilli: Number(r.quantityMilli),
      unit: r.unit,
      massGrams: r.massGrams === '' ? null : Number(r.massGrams),
      massSource: r.massSource,
      completedAt: r.completedAt,
      reversesFlowId: r.reversesFlowId === '' ? null : Number(r.reversesFlowId),
    }));
    expect(parsed).toEqual(list.flows);

    for (const table of ['impacts', 'hubs', 'months', 'categories', 'factors']) {
      const t = await call(`/networks/${o.network.slug}/export.csv?table=${table}`, {
        session: o.giver.session,
      });
      expect(t.status, table).toBe(200);
      expect(parseCsv(await t.text()).length, table).toBeGreaterThan(0);
    }
    const json = await call(`/networks/${o.network.slug}/export.json`, { session: o.giver.session });
    expect(json.status).toBe(200);

    const open = await call(`/networks/${o.network.slug}/open-data.json`, { session: o.giver.session });
    const text = await open.text();
    const data = ZOpenData.parse(JSON.parse(text));
    expect(data.flows).toHaveLength(2);
    for (const person of [o.giver, o.receiver]) {
      expect(text).not.toContain(person.email);
      expect(text).not.toContain(`"createdBy"`);
      expect(text).not.toContain(`"requestedBy"`);
    }
  });

  it("shows a hub's own totals publicly, with the default method and nothing about people", async () => {
    const o = await networkOfTwo();
    await completedExchange(o, 2, { massGrams: 6000, transportMode: 'bike' });
    const res = await call(`/hubs/${o.giver.hub.slug}/impact`);
    const text = await res.clone().text();
    const h = await expectJson(res, 200, ZHubImpact);
    // The giver's page shows what it gave; the CO2e is credited once, to the receiving hub.
    expect(h).toMatchObject({
      exchanges: 1,
      givenGrams: 6000,
      receivedGrams: 0,
      co2eNetG: 0,
      co2eTransportG: 0,
    });
    const received = await expectJson(await call(`/hubs/${o.receiver.hub.slug}/impact`), 200, ZHubImpact);
    expect(received).toMatchObject({ exchanges: 1, givenGrams: 0, receivedGrams: 6000, co2eNetG: 1876 });
    expect(h.method.attribution).toBe(1);
    expect(text).not.toContain(o.giver.email);
    const hubId = `(SELECT id FROM hubs WHERE slug = ?1)`;
    expect(
      await count(
        `SELECT count(*) AS n FROM exchange_impacts WHERE network_id IS NULL AND from_hub_id = ${hubId}`,
        o.giver.hub.slug,
      ),
    ).toBe(1);
  });

  it('lists every factor version with source, year and licence', async () => {
    const t = await expectJson(await call('/impact/factors'), 200, ZFactorTable);
    const wood = t.factors.find((f) => f.category === 'wood' && f.version === 1);
    expect(wood).toMatchObject({ kgCo2ePerKg: 0.31261, licence: 'OGL-UK-3.0', year: 2024 });
    expect(t.factors.map((f) => f.category)).toEqual(
      expect.arrayContaining([
        'wood',
        'cardboard',
        'paper',
        'glass',
        'plastics',
        'aluminium',
        'steel',
        'textiles',
        'electronics',
      ]),
    );
    expect(t.transport.find((f) => f.mode === 'car')).toMatchObject({ kgCo2ePerKm: 0.17 });
  });

  it('computes each exchange once even when the job runs twice at the same time', async () => {
    const o = await networkOfTwo();
    const a = await completedExchange(o, 1, { massGrams: 1000 });
    const b = await completedExchange(o, 1, { massGrams: 2000 });
    await Promise.all([runJob(), runJob(), runJob()]);
    for (const ex of [a, b]) {
      const rows = await impactRows(ex.id);
      expect(rows.filter((r) => r.network_id === null)).toHaveLength(1);
      expect(rows.filter((r) => r.network_id !== null)).toHaveLength(1);
    }
  });
});
