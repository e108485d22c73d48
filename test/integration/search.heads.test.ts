/**
 * The last part of a Dutch compound finds it: "Koperdraad restanten" is found by "draad", "wire"
 * and "fil", network-wide, near a point, with a category filter and on the requests page. The
 * generated columns (`title_words`, `title_heads`, `search_terms`: migration 0065) are held to
 * `searchTermsOf` (src/shared/search-terms.ts) title by title, what is counted in sheets is found as
 * a sheet (migration 0066), and a title or unit changed changes what finds it, with every
 * full-text index kept whole.
 */
import { describe, expect, it } from 'vitest';
import { ZListingPage, ZRequestPage } from '../../src/shared/search.schemas';
import { compoundHeadsOf, searchTermsOf } from '../../src/shared/search-terms';
import { call, db, expectJson } from '../helpers';
import { newArea, newListing, newRequest } from '../matching-helpers';
import { nearHub } from '../search-helpers';

/** Ids found by a search of one hub's listings or requests (`extra`: more of the query). */
async function found(table: 'listings' | 'requests', q: string, hub: string, extra = ''): Promise<number[]> {
  const path = `/${table}?q=${encodeURIComponent(q)}&hub=${hub}&limit=50${extra}`;
  const page = await expectJson(await call(path), 200, table === 'listings' ? ZListingPage : ZRequestPage);
  return page.items.map((i) => i.id);
}

const TITLES = [
  'Koperdraad restanten',
  'KOPERDRADEN, 2,5 mm',
  'Eikenhouten planken',
  'MDF-restplaten (6 mm)',
  'Piepschuim/isolatieschuim',
  'Steigerhout, daklatten',
  'Lederresten en koperbuizen',
  'Draad en platen',
  'Chairs without cushions',
  'Douglas planks',
  'Kunststof platen',
  'Recycled PLA, motor control board',
  'Chutes de chêne: 2 m³ & plus',
  '<img src=x onerror=alert(1)>koperdraad',
  "'); DROP TABLE listings; -- plexiglasplaat",
];

describe('the last part of a Dutch compound', () => {
  it('is indexed as src/shared/search-terms.ts says, title by title, in listings and requests', async () => {
    const maker = (await newArea()('ghent'))!;
    const rows: { table: 'listings' | 'requests'; id: number; title: string; category: string }[] = [];
    for (const [i, title] of TITLES.entries()) {
      const category = i % 2 ? 'copper' : 'wood';
      // Every unit in turn (machine time aside), sheets among them.
      const unit = ['sheets', 'pieces', 'kg', 'm', 'm2', 'm3', 'litres'][i % 7];
      const l = await newListing(maker.session, maker.hub.slug, {
        title,
        category,
        unit,
        description: 'lot',
      });
      rows.push({ table: 'listings', id: l.id, title, category });
      const r = await newRequest(maker.session, maker.hub.slug, {
        title,
        category,
        unit,
        description: 'lot',
      });
      rows.push({ table: 'requests', id: r.id, title, category });
    }
    for (const row of rows) {
      const got = (await db
        .prepare(`SELECT title, unit, title_heads, search_terms FROM ${row.table} WHERE id = ?1`)
        .bind(row.id)
        .first<{ title: string; unit: string; title_heads: string; search_terms: string }>())!;
      expect(got.title, row.title).toBe(row.title);
      expect(got.title_heads, `${row.table}: ${row.title}`).toBe(compoundHeadsOf(row.title));
      expect(got.search_terms, `${row.table}: ${row.title}`).toBe(
        searchTermsOf(row.category, row.title, got.unit),
      );
    }
    // What is counted in sheets is indexed as a sheet; nothing else is.
    const ids = rows.filter((r) => r.table === 'listings').map((r) => r.id);
    const { results: sheets } = await db
      .prepare(`SELECT title, unit, search_terms FROM listings WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(ids))
      .all<{ title: string; unit: string; search_terms: string }>();
    expect(sheets.filter((r) => r.unit === 'sheets')).toHaveLength(3);
    for (const r of sheets)
      expect(r.search_terms.endsWith(`${compoundHeadsOf(r.title)} plaat`), `${r.unit}: ${r.title}`).toBe(
        r.unit === 'sheets',
      );
    // The heads some of them have, as the unit test names them.
    expect(rows.filter((r) => compoundHeadsOf(r.title) !== '').length).toBe(2 * 9);
  }, 120_000);

  it('finds the compound by its last part in nl, fr and en: network-wide, near a point, with a category, on requests', async () => {
    const makerAt = newArea();
    const maker = (await makerAt('ghent'))!;
    const hub = maker.hub.slug;
    const wire = await newListing(maker.session, hub, {
      title: 'Koperdraad restanten',
      description: 'Gestript, 1,5 en 2,5 mm²',
      category: 'copper',
    });
    const planks = await newListing(maker.session, hub, {
      title: 'Eikenhouten planken',
      description: 'Uit een sloop',
      category: 'other',
    });
    const chairs = await newListing(maker.session, hub, {
      title: 'Chairs without cushions',
      description: 'Six of them',
      category: 'other',
    });
    const wanted = await newRequest(maker.session, hub, {
      title: 'Gezocht: lasdraad',
      description: 'Voor een workshop',
      category: 'steel',
    });
    for (const q of ['draad', 'wire', 'fil', 'draden'])
      expect(await found('listings', q, hub), q).toContain(wire.id);
    // Near the hub (the hub-ordered index) and with a category whose names hold no "draad".
    const near = `&near=${await nearHub(hub)}`;
    expect(await found('listings', 'draad', hub, near)).toContain(wire.id);
    expect(await found('listings', 'wire', hub, '&category=copper')).toEqual([wire.id]);
    expect(await found('listings', 'wire', hub, `&category=metals${near}`)).toEqual([wire.id]);
    // The whole network, without a hub.
    const all = await expectJson(await call(`/listings?q=draad&limit=50`), 200, ZListingPage);
    expect(all.items.map((i) => i.id)).toContain(wire.id);
    // "hout" (wood, bois) finds the oak planks of a category that is no wood, never "without".
    for (const q of ['hout', 'bois', 'wood']) {
      const ids = await found('listings', q, hub);
      expect(ids, q).toContain(planks.id);
      expect(ids, q).not.toContain(chairs.id);
    }
    expect(await found('requests', 'wire', hub)).toEqual([wanted.id]);
    expect(await found('requests', 'draad', hub, near)).toEqual([wanted.id]);
  }, 120_000);

  it('follows a title or unit changed, and every full-text index stays whole', async () => {
    const maker = (await newArea()('ghent'))!;
    const hub = maker.hub.slug;
    const l = await newListing(maker.session, hub, {
      title: 'Koperdraad restanten',
      description: 'lot',
      category: 'copper',
    });
    expect(await found('listings', 'wire', hub)).toEqual([l.id]);
    const res = await call(`/listings/${l.id}`, {
      session: maker.session,
      method: 'PATCH',
      body: { title: 'Koperbuizen restanten' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(
      await db.prepare('SELECT title_heads FROM listings WHERE id = ?1').bind(l.id).first('title_heads'),
    ).toBe(' buis');
    expect(await found('listings', 'wire', hub)).toEqual([]);
    expect(await found('listings', 'tube', hub)).toEqual([l.id]);
    expect(await found('listings', 'buis', hub, '&category=copper')).toEqual([l.id]);
    // Counted in sheets, it is a sheet; counted in pieces, no longer (near a point too).
    const near = `&near=${await nearHub(hub)}`;
    for (const q of ['plaques', 'platen', 'sheet'])
      expect(await found('listings', q, hub, near), q).toEqual([l.id]);
    const pieces = await call(`/listings/${l.id}`, {
      session: maker.session,
      method: 'PATCH',
      body: { unit: 'pieces' },
    });
    expect(pieces.status, await pieces.clone().text()).toBe(200);
    for (const q of ['plaques', 'platen', 'sheet']) {
      expect(await found('listings', q, hub), q).toEqual([]);
      expect(await found('listings', q, hub, near), q).toEqual([]);
    }
    const apart = await expectJson(
      await call(`/listings?q=${encodeURIComponent(`plaques koperbuizen`)}&hub=${hub}`),
      200,
      ZListingPage,
    );
    expect(apart.items.map((i) => i.id)).toEqual([l.id]);
    expect(apart.wordsApart).toEqual(['plaques']);
    // The external-content indexes agree with their tables' rows, generated columns included.
    for (const t of ['listings_fts', 'requests_fts'])
      await db.prepare(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`).run();
  }, 120_000);
});
