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
import { SEEDED_AT, addHub, addListings, allPages, generalSearch, idsInRange } from '../search-helpers';
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
