import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/modules/impact/impact.csv';
import { COLUMN_TOTALS, CSV_GROUP_COLUMNS, knownMass } from '../../src/modules/impact/impact.exports';
import { ZHubImpact, ZImpactReport } from '../../src/shared/impact.schemas';
import { call, expectJson, makerWithHub, createListing } from '../helpers';
import { completedExchange, networkOfTwo } from '../impact-helpers';
import { claimOk, actOk } from '../exchanges-helpers';

describe('exports that sum, through the API', () => {
  it(
    'every CSV and the JSON sum to the dashboard totals; net is credited once, to the receiver',
    {
      timeout: 120_000,
    },
    async () => {
      const o = await networkOfTwo();
      await completedExchange(o, 2, { massGrams: 61_000, transportMode: 'van' });
      await completedExchange(o, 1, { transportMode: 'car' });
      // A hub outside the network receives too: its row is "outside", so columns still sum.
      const outsider = await makerWithHub({ lat: 51.05, lon: 3.72, city: 'Ghent' });
      const ex = await claimOk(outsider.session, o.listingId, outsider.hub.slug, 1);
      await actOk(o.giver.session, ex.id, 'accept');
      await actOk(o.giver.session, ex.id, 'handover', { quantity: 1, massGrams: 3000 });
      await actOk(outsider.session, ex.id, 'confirm');
      // And the receiver gives something back.
      const back = await createListing(o.receiver.session, o.receiver.hub.slug, {
        title: 'Steel offcuts',
        category: 'steel',
        unit: 'kg',
        quantity: 20,
        lengthMm: null,
        widthMm: null,
        thicknessMm: null,
      });
      const ex2 = await claimOk(o.giver.session, back.id, o.giver.hub.slug, 5);
      await actOk(o.receiver.session, ex2.id, 'accept');
      await actOk(o.receiver.session, ex2.id, 'handover', { quantity: 5, transportMode: 'cargo_bike' });
      await actOk(o.giver.session, ex2.id, 'confirm');

      const s = { session: o.giver.session };
      const report = await expectJson(
        await call(`/networks/${o.network.slug}/impact`, s),
        200,
        ZImpactReport,
      );
      const totals = report.totals;
      expect(totals.exchanges.value).toBe(4);

      // The reader's account is in English: commas and decimal points; lang=nl and lang=fr get
      // semicolons and decimal commas. Every file starts with a UTF-8 BOM.
      for (const lang of [undefined, 'nl', 'fr', 'en'] as const)
        for (const table of ['hubs', 'months', 'categories']) {
          const res = await call(
            `/networks/${o.network.slug}/export.csv?table=${table}${lang ? `&lang=${lang}` : ''}`,
            s,
          );
          expect(res.status).toBe(200);
          const bytes = new Uint8Array(await res.arrayBuffer());
          expect([...bytes.slice(0, 3)], 'BOM').toEqual([0xef, 0xbb, 0xbf]);
          const text = new TextDecoder().decode(bytes);
          const sep = lang === 'nl' || lang === 'fr' ? ';' : ',';
          expect(text.split('\r\n')[0]).toBe(CSV_GROUP_COLUMNS.map(([name]) => name).join(sep));
          const rows = parseCsv(text, sep);
          for (const [name, col, div] of CSV_GROUP_COLUMNS) {
            if (col === 'key' || col === 'label') continue;
            const cells = rows.map((r) => r[name] ?? '');
            if (sep === ';') expect(cells.join(''), `${name}: no decimal point`).not.toContain('.');
            expect(
              cells.reduce((sum, v) => sum + Math.round(Number(v.replace(',', '.') || 0) * div), 0),
              `${lang} ${table}: ${name}`,
            ).toBe(COLUMN_TOTALS[col](totals));
          }
          if (table === 'hubs') {
            const by = Object.fromEntries(rows.map((r) => [r.key, r]));
            expect(Object.keys(by)).toEqual([o.giver.hub.slug, o.receiver.hub.slug, '~outside']);
            expect(by['~outside']!.receivedMassKg).toBe('3');
            expect(Number(by['~outside']!.exchanges)).toBe(1);
            expect(Number(by[o.receiver.hub.slug]!.exchanges)).toBe(2);
            expect(Number(by[o.giver.hub.slug]!.exchanges)).toBe(1);
            // 61 kg of plywood by van: its net CO2e, in the reader's decimal mark.
            const net = by[o.receiver.hub.slug]!.co2eNetKg!;
            expect(net).toMatch(sep === ';' ? /^-?\d+,\d+$/ : /^-?\d+\.\d+$/);
          }
        }
      const json = (await (await call(`/networks/${o.network.slug}/export.json`, s)).json()) as {
        tables: Record<string, { totals: typeof totals; given: typeof totals | null }[]>;
        impacts: { netG: number }[];
      };
      for (const [name, groups] of Object.entries(json.tables)) {
        expect(
          groups.reduce((sum, g) => sum + g.totals.co2eNet.value, 0),
          name,
        ).toBe(totals.co2eNet.value);
        expect(
          groups.reduce((sum, g) => sum + knownMass(g.given ?? g.totals), 0),
          name,
        ).toBe(knownMass(totals));
      }
      expect(json.impacts.reduce((sum, r) => sum + r.netG, 0)).toBe(totals.co2eNet.value);

      // A hub's public page credits CO2e by the same convention: what it received.
      const giverPage = await expectJson(await call(`/hubs/${o.giver.hub.slug}/impact`), 200, ZHubImpact);
      const receiverPage = await expectJson(
        await call(`/hubs/${o.receiver.hub.slug}/impact`),
        200,
        ZHubImpact,
      );
      const outsiderPage = await expectJson(await call(`/hubs/${outsider.hub.slug}/impact`), 200, ZHubImpact);
      const net = giverPage.co2eNetG + receiverPage.co2eNetG + outsiderPage.co2eNetG;
      const all = await expectJson(await call(`/networks/${o.network.slug}/impact`, s), 200, ZImpactReport);
      // The network uses the default method, so the public pages' credits add up to its net.
      expect(net).toBe(all.totals.co2eNet.value);
    },
  );
});
