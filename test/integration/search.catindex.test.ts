/**
 * Words with a category, read from the category-ordered full-text index (migration 0056): each
 * category's titles and whole rows are ranges of rowids, newest first, each ending with the end
 * marker. The index must follow every write (a new listing, its words edited, a move to another
 * category), and best match with a category must read the rows it shows from the category's
 * ranges, however common the words are in other categories, in the general query's order.
 */
import { describe, expect, it } from 'vitest';
import { HUB_END_WORD } from '../../src/modules/search/search.domain';
import { categoryPlace, categoryRange } from '../../src/modules/search/search.keys';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZListingSearch } from '../../src/shared/search.schemas';
import { CATEGORIES, categoryFamily, findCategory } from '../../src/shared/taxonomy';
import { call, createListing, db, expectJson, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import {
  SEEDED_AT,
  addHub,
  addListings,
  allPages,
  generalSearch,
  hubsInReach,
  idsInCategoryHub,
  idsInRange,
} from '../search-helpers';
import { searchListings } from '../../src/modules/listings/listings.service';
import type { Deps } from '../../src/env';

/** The ids in the range of a category's rows (its titles, or its whole rows) that a query matches. */
const inRange = (category: string, whole: boolean, query: string) =>
  idsInRange('listings_cat_fts', categoryRange(category), whole, query);

/** Every row the general query gives for a search in a URL's form, in its order. */
const general = (params: string) =>
  generalSearch(ZListingSearch.parse(Object.fromEntries(new URLSearchParams(params))));

describe('the category-ordered full-text index', () => {
  it('has both end markers of every category, and follows every write', async () => {
    const m = await makerWithHub({ lat: 67.85, lon: 20.22 }); // Kiruna
    const hub = await addHub('catindex-every', 67.86, 20.23, m.me.user.id);
    for (const c of CATEGORIES) {
      expect(categoryPlace(c.slug), c.slug).toBeGreaterThan(0);
      // A category's range is its own just below a family, or the one above it that is.
      const parent = c.parent ? findCategory(c.parent)! : null;
      const head = parent?.parent ? parent.slug : c.slug;
      expect(categoryRange(c.slug), c.slug).toBe(categoryPlace(head));
      expect(categoryFamily(head), c.slug).toBe(categoryFamily(c.slug));
      expect(await inRange(c.slug, false, HUB_END_WORD), c.slug).toEqual([0]);
      expect(await inRange(c.slug, true, HUB_END_WORD), c.slug).toEqual([0]);
      // Its rows are written there by SQL, as the code reads them.
      const word = `cat${c.slug.replace(/[^a-z0-9]/g, '')}x`;
      await addListings(hub, m.me.user.id, 1, { title: word, category: c.slug });
      const [row] = (await inRange(c.slug, false, word)).filter((id) => id > 0);
      expect(row, c.slug).toBeGreaterThan(0);
      expect(await inRange(c.slug, true, word), c.slug).toEqual([row]);
    }

    const l = await createListing(m.session, m.hub.slug, {
      title: 'Walnut board',
      description: 'from a table top',
      category: 'solid-wood',
    });
    // Its title alone in the titles' range; title, category names and description in the other.
    expect(await inRange('solid-wood', false, 'walnut')).toEqual([l.id]);
    expect(await inRange('solid-wood', false, 'table')).toEqual([]);
    expect(await inRange('solid-wood', true, 'walnut AND table')).toEqual([l.id]);
    expect(await inRange('solid-wood', true, 'walnut AND {search_terms} : massief')).toEqual([l.id]);

    const edited = await call(`/listings/${l.id}`, {
      session: m.session,
      method: 'PATCH',
      body: { title: 'Cherry board', description: 'from a bench', category: 'hardwood' },
    });
    await expectJson(edited, 200, ZListing);
    // Hardwood is in solid wood's range, with its own token: its words there now.
    expect(await inRange('hardwood', false, 'walnut')).toEqual([]);
    expect(await inRange('hardwood', true, 'walnut OR table')).toEqual([]);
    expect(await inRange('hardwood', false, 'cherry')).toEqual([l.id]);
    expect(await inRange('hardwood', true, 'bench AND loofhout')).toEqual([l.id]);
    const ids = async (path: string) => (await allPages(path, 20)).items.map((i) => i.id);
    expect(await ids('/listings?q=cherry&category=solid-wood')).toEqual([l.id]);
    expect(await ids('/listings?q=cherry&category=hardwood')).toEqual([l.id]);
    expect(await ids('/listings?q=cherry&category=softwood')).toEqual([]);
    expect(await ids('/listings?q=walnut&category=solid-wood')).toEqual([]);

    // To a category of another range: it leaves solid wood's.
    await expectJson(
      await call(`/listings/${l.id}`, { session: m.session, method: 'PATCH', body: { category: 'acrylic' } }),
      200,
      ZListing,
    );
    expect(await inRange('hardwood', true, 'cherry')).toEqual([]);
    expect(await inRange('acrylic', false, 'cherry')).toEqual([l.id]);
    expect(await inRange('acrylic', true, 'cherry AND acryl')).toEqual([l.id]);
    expect(await ids('/listings?q=cherry&category=solid-wood')).toEqual([]);
    expect(await ids('/listings?q=cherry&category=acrylic')).toEqual([l.id]);

    await db.prepare(`INSERT INTO listings_cat_fts (listings_cat_fts) VALUES ('integrity-check')`).run();
  }, 120_000);

  it('reads best match with a category from its ranges: the rows shown, not the words elsewhere', async () => {
    const m = await makerWithHub({ lat: 68.4, lon: 17.4 });
    const by = m.me.user.id;
    const hub = await addHub('catindex-a', 68.41, 17.42, by);
    // Oldest first: solid wood with "birch" in its description, hardwood with it in the title, then
    // 600 birch plywood (the word in every title and in the category's names), a common word elsewhere.
    await addListings(hub, by, 3, {
      title: 'Oak board',
      category: 'solid-wood',
      description: 'next to birch',
    });
    await addListings(hub, by, 2, { title: 'Birch stool', category: 'hardwood' });
    await addListings(hub, by, 600, { title: 'Birch plywood', category: 'birch-plywood' });

    // A category just below a family (its range, no token), one below it (its token in that range),
    // and one whose range is full of the words: every page as the general query ranks them.
    for (const [filter, shown, limits] of [
      ['q=birch&category=solid-wood', 5, [1, 2, 3, 50]],
      ['q=birch&category=hardwood', 2, [1, 50]],
      ['q=birch&category=softwood', 0, [50]],
      ['q=oak birch&category=solid-wood', 3, [1, 50]],
      ['q=birch&category=birch-plywood', 600, [50]],
      ['q=birch&category=plywood', 600, [49]],
      // Newest first: one band, the range's whole rows.
      ['q=birch&category=solid-wood&sort=newest', 5, [1, 2, 50]],
      ['q=birch&category=hardwood&sort=newest', 2, [1, 50]],
      ['q=birch&category=plywood&sort=newest', 600, [49]],
    ] as const) {
      const expected = await general(filter);
      if (shown < 600) expect(expected, filter).toHaveLength(shown);
      else expect(expected.length, filter).toBeGreaterThanOrEqual(shown); // and the maker's own
      for (const limit of limits)
        expect(
          (await allPages(`/listings?${filter}`, limit)).items.map((i) => i.id),
          `${filter} by ${limit}`,
        ).toEqual(expected);
    }
    const expected = await general('q=birch&category=solid-wood');

    const rec = recordingDb();
    const page = await searchListings({ db: rec.db, now: () => new Date(SEEDED_AT) } as Deps, {
      query: ZListingSearch.parse({ q: 'birch', category: 'solid-wood', limit: '20' }),
      user: null,
    });
    expect(page.items.map((i) => i.id)).toEqual(expected);
    expect(rec.log).toHaveLength(1);
    expect(rec.log[0]!.sql).toContain('listings_cat_fts MATCH');
    expect(rec.log[0]!.sql).not.toContain('listings_fts MATCH');
    // A page's rows and their display joins; the 600 rows of birch plywood are never read.
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(2 * 4 * 5 + 50);

    // A family's categories are in several ranges: the network-wide index.
    const family = recordingDb();
    await searchListings({ db: family.db, now: () => new Date(SEEDED_AT) } as Deps, {
      query: ZListingSearch.parse({ q: 'birch', category: 'wood', limit: '20' }),
      user: null,
    });
    expect(family.log[0]!.sql).toContain('listings_fts MATCH');
    expect(family.log[0]!.sql).not.toContain('listings_cat_fts');

    const newest = recordingDb();
    const byDate = await searchListings({ db: newest.db, now: () => new Date(SEEDED_AT) } as Deps, {
      query: ZListingSearch.parse({ q: 'birch', category: 'solid-wood', sort: 'newest', limit: '20' }),
      user: null,
    });
    expect(byDate.items.map((i) => i.id)).toEqual(await general('q=birch&category=solid-wood&sort=newest'));
    expect(newest.log).toHaveLength(1);
    expect(newest.log[0]!.sql).toContain('listings_cat_fts MATCH');
    expect(newest.log[0]!.sql).not.toContain('listings_fts MATCH');
    expect(newest.log[0]!.rowsRead).toBeLessThanOrEqual(2 * 4 * 5 + 50);
  }, 120_000);
});

describe('the category-ordered index’s region ordered by hub', () => {
  const place = categoryRange('solid-wood');
  it('ends each range with the end marker, and follows every write, a move to another hub too', async () => {
    const m = await makerWithHub({ lat: 69.2, lon: 16.0 });
    const other = await addHub('cathub-other', 69.21, 16.02, m.me.user.id);
    // The end marker at the last rowid of each range (2^62 + place × 2^53 + 2^53 − 1).
    const ranges = [...new Set(CATEGORIES.map((c) => categoryRange(c.slug)))];
    const { results } = await db
      .prepare(
        `SELECT (rowid - 4611686018427387904 - 9007199254740991) / 9007199254740992 AS place
         FROM listings_cat_fts WHERE listings_cat_fts MATCH ?1 AND rowid >= 4611686018427387904`,
      )
      .bind(HUB_END_WORD)
      .all<{ place: number }>();
    expect(results.map((r) => r.place)).toEqual(expect.arrayContaining(ranges));

    const l = await createListing(m.session, m.hub.slug, {
      title: 'Walnut board',
      description: 'from a table top',
      category: 'solid-wood',
    });
    const hub = (await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(m.hub.slug)
      .first<{ id: number }>())!.id;
    expect(await idsInCategoryHub(place, hub, false, 'walnut')).toEqual([l.id]);
    expect(await idsInCategoryHub(place, hub, false, 'table')).toEqual([]);
    expect(await idsInCategoryHub(place, hub, true, 'walnut AND table AND massief')).toEqual([l.id]);

    // Its words and its category (hardwood: solid wood's range, with its own token).
    await expectJson(
      await call(`/listings/${l.id}`, {
        session: m.session,
        method: 'PATCH',
        body: { title: 'Cherry board', description: 'from a bench', category: 'hardwood' },
      }),
      200,
      ZListing,
    );
    expect(await idsInCategoryHub(place, hub, true, 'walnut OR table')).toEqual([]);
    expect(await idsInCategoryHub(place, hub, false, 'cherry')).toEqual([l.id]);
    expect(await idsInCategoryHub(place, hub, true, 'bench AND loofhout')).toEqual([l.id]);

    // Another hub (bare SQL, as an import or a correction would): its rows leave the first hub's.
    await db.prepare('UPDATE listings SET hub_id = ?1 WHERE id = ?2').bind(other, l.id).run();
    expect(await idsInCategoryHub(place, hub, false, 'cherry')).toEqual([]);
    expect(await idsInCategoryHub(place, hub, true, 'cherry')).toEqual([]);
    expect(await idsInCategoryHub(place, other, false, 'cherry')).toEqual([l.id]);
    expect(await idsInCategoryHub(place, other, true, 'cherry AND bench')).toEqual([l.id]);

    // Another range: it leaves solid wood's.
    await db.prepare(`UPDATE listings SET category = 'acrylic' WHERE id = ?1`).bind(l.id).run();
    expect(await idsInCategoryHub(place, other, true, 'cherry')).toEqual([]);
    expect(await idsInCategoryHub(categoryRange('acrylic'), other, true, 'cherry AND acryl')).toEqual([l.id]);

    await db.prepare(`INSERT INTO listings_cat_fts (listings_cat_fts) VALUES ('integrity-check')`).run();
  }, 120_000);

  it('refuses a hub id the region by hub cannot hold (2^20 and above), whoever writes it', async () => {
    const insert = (id: number) =>
      db
        .prepare(
          `INSERT INTO hubs (id, slug, name, city, country, kind, lat, lon, created_at, updated_at)
           VALUES (?1, ?2, 'Far id', 'Oslo', 'NO', 'fab_lab', 59.9, 10.7, '2026-01-01', '2026-01-01')`,
        )
        .bind(id, `far-id-${id}`)
        .run();
    await expect(insert(2 ** 20)).rejects.toThrow(/hub ids stop below 1048576/);
    expect(await db.prepare('SELECT count(*) AS n FROM hubs WHERE id >= 1048576').first()).toEqual({ n: 0 });
    // Nothing half-written: no map cell, no count, no name in the hubs' index for it.
    expect(await db.prepare("SELECT count(*) AS n FROM hubs_fts WHERE hubs_fts MATCH 'far'").first()).toEqual(
      { n: 0 },
    );
    await insert(2 ** 20 - 1);
    await expect(
      db
        .prepare('UPDATE hubs SET id = ?1 WHERE id = ?2')
        .bind(2 ** 20 + 5, 2 ** 20 - 1)
        .run(),
    ).rejects.toThrow(/hub ids stop below 1048576/);
    expect(
      await db
        .prepare('SELECT id FROM hubs WHERE slug = ?1')
        .bind(`far-id-${2 ** 20 - 1}`)
        .first(),
    ).toEqual({
      id: 2 ** 20 - 1,
    });
    // Gone again, so the hubs created after it take the ids after the others.
    await db.batch([
      db.prepare('DELETE FROM hub_counts WHERE hub_id = ?1').bind(2 ** 20 - 1),
      db.prepare('DELETE FROM hubs WHERE id = ?1').bind(2 ** 20 - 1),
    ]);
  });

  it('lists the hubs holding words of a category with a seek each, not a walk over every hub holding either', async () => {
    const m = await makerWithHub({ lat: 69.6, lon: 27.0 });
    const by = m.me.user.id;
    // 40 hubs in a row, alternately birch plywood ("birch" in every row's names) and oak solid
    // wood: the words and the category side by side in hub order, never together. Together only
    // in four: birch in a solid wood row's description (far), in a hardwood title (farther), with
    // oak in a title (a second word), and machine time.
    const hubs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const id = await addHub(`cathub-row-${i}`, 69.0 + i * 0.02, 26.0, by);
      if (i % 2 === 0) await addListings(id, by, 3, { title: 'Birch plywood', category: 'birch-plywood' });
      else await addListings(id, by, 3, { title: 'Oak beam', category: 'solid-wood' });
      hubs.push(id);
    }
    await addListings(hubs[30]!, by, 2, {
      title: 'Oak plank',
      category: 'solid-wood',
      description: 'next to birch',
    });
    await addListings(hubs[35]!, by, 1, { title: 'Birch stool', category: 'hardwood' });
    await addListings(hubs[37]!, by, 1, { title: 'Oak and birch offcut', category: 'solid-wood' });
    await addListings(hubs[39]!, by, 1, {
      title: 'Birch lathe hours',
      category: 'solid-wood',
      kind: 'machine_time',
    });
    const point = { lat: 69.0, lon: 26.0 };
    const deps = { db, now: () => new Date(SEEDED_AT) } as Deps;
    // Within 120 km: the other tests' hubs are farther.
    const metres = new Map(
      (await hubsInReach(deps, point, 120)).map((h) => [h.id, h.metres] as [number, number]),
    );
    for (const [filter, shown, holders] of [
      ['q=birch&category=solid-wood', 5, 4],
      ['q=birch&category=hardwood', 1, 1],
      ['q=oak birch&category=solid-wood', 3, 2],
      ['q=birch&category=solid-wood&kind=machine_time', 1, 1],
      ['q=birch&category=softwood', 0, 0],
    ] as const) {
      const at = `&near=${point.lat},${point.lon}&radius_km=120`;
      const q = ZListingSearch.parse(Object.fromEntries(new URLSearchParams(filter + at)));
      const expected = await generalSearch(q, metres);
      expect(expected, filter).toHaveLength(shown);
      for (const limit of [1, 2, 50])
        expect(
          (await allPages(`/listings?${filter}${at}`, limit)).items.map((i) => i.id),
          `${filter} by ${limit}`,
        ).toEqual(expected);

      const rec = recordingDb();
      const page = await searchListings({ db: rec.db, now: () => new Date(SEEDED_AT) } as Deps, {
        query: ZListingSearch.parse({
          ...Object.fromEntries(new URLSearchParams(filter)),
          near: `${point.lat},${point.lon}`,
          radius_km: '120',
        }),
        user: null,
      });
      expect(
        page.items.map((i) => i.id),
        filter,
      ).toEqual(expected);
      // The walk of the category's range by hub, then (when any) the page of the hubs it listed.
      const walk = rec.log.find((x) => /listings_cat_fts MATCH \?1 AND rowid BETWEEN/.test(x.sql));
      expect(walk, filter).toBeDefined();
      // (The network's other hubs holding both are listed too: the earlier tests' few.)
      expect(walk!.returned, filter).toBeGreaterThanOrEqual(holders);
      expect(walk!.returned, filter).toBeLessThan(holders + 3);
      expect(
        rec.log.some((x) => /_hub_fts MATCH \?1 AND rowid >=/.test(x.sql)),
        filter,
      ).toBe(false);
      // (Two words: one more, the look-up of whether some listing holds them together.)
      expect(
        rec.log.reduce((n, x) => n + x.n, 0),
        filter,
      ).toBeLessThanOrEqual(filter.startsWith('q=oak birch') ? 3 : 2);
      // A few rows a hub holding both (the seek and its hub), not the 40 hubs holding either.
      expect(walk!.rowsRead, filter).toBeLessThanOrEqual(4 * walk!.returned + 8);
    }
  }, 240_000);
});
