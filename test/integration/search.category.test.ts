/**
 * A category with the ones below it (solid wood: hardwood, softwood), newest first without words
 * or a place: each category is read a page at a time through its own index range, so the rows
 * read follow the page, not how rare the category is among the listings.
 */
import { describe, expect, it } from 'vitest';
import {
  categoryCondition,
  runSearch,
  type SearchSqlOptions,
} from '../../src/modules/search/search.statements';
import { ZListingPage, type TListingPage } from '../../src/shared/search.schemas';
import { call, db, expectJson, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import { addListings } from '../search-helpers';

describe('a category with the ones below it, newest first', () => {
  it('reads each category a page at a time, however rare, and pages as the general query', async () => {
    const m = await makerWithHub({ lat: 50.08, lon: 14.42 });
    const by = m.me.user.id;
    const hub = (await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(m.hub.slug)
      .first<{ id: number }>())!.id;
    // The category's rows are the oldest but four: 1,500 newer rows of another lie between.
    await addListings(hub, by, 9, { title: 'Oak board', category: 'hardwood' });
    await addListings(hub, by, 8, { title: 'Pine lath', category: 'softwood' });
    await addListings(hub, by, 6, { title: 'Beam', category: 'solid-wood' });
    await addListings(hub, by, 1500, { title: 'MDF sheet', category: 'mdf' });
    await addListings(hub, by, 4, { title: 'Late oak', category: 'hardwood' });
    const expected = (
      await db
        .prepare(
          "SELECT id FROM listings WHERE category IN ('solid-wood', 'hardwood', 'softwood') ORDER BY id DESC",
        )
        .all<{ id: number }>()
    ).results.map((r) => r.id);
    expect(expected).toHaveLength(27);

    const rec = recordingDb();
    const o: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [{ sql: "t.status = 'active'", values: [] }, categoryCondition('solid-wood')],
      fts: null,
      hubDistances: null,
      sort: 'newest',
      cursor: null,
      limit: 10,
    };
    const rows = await runSearch<{ id: number }>(rec.db, o);
    expect(rows.map((r) => r.id)).toEqual(expected.slice(0, 11));
    expect(rec.log).toHaveLength(1);
    // Three categories merged newest first, each read through its own index one row at a time:
    // the 11 rows of the page, at most one more per category, and the page's hubs (11) — not the
    // 1,500 newer rows of another category between them, nor a page per category (50 when each
    // was a sub-select with its own ORDER BY and LIMIT, read whole and sorted).
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(11 + 3 + 11);

    // Through the API, page by page: every row once, in the general order, at several page sizes.
    for (const limit of [1, 4, 10, 50]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url = `/listings?category=solid-wood&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: TListingPage = await expectJson(await call(url), 200, ZListingPage);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 40);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }
  }, 120_000);
});
