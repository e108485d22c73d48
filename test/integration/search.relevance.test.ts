/**
 * With words, results come best first: a match in the title or the category's names above one in
 * the description, then the nearest (with a point), then the newest; paging never repeats or
 * skips a row in any order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ZListingPage, type TListingPage } from '../../src/shared/search.schemas';
import { toFtsQuery, type Cursor } from '../../src/modules/search/search.domain';
import { buildSearchSql, runSearch, type SearchSqlOptions } from '../../src/modules/search/search.statements';
import { call, createListing, db, expectJson, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';

const GHENT = { lat: 51.0517, lon: 3.7265 };
const BRUSSELS = { lat: 50.8545, lon: 4.339 };
const ids = (page: { items: { id: number }[] }) => page.items.map((l) => l.id);

/**
 * Every page of a search; `stopped`: the pages that ended early, having sent the statements a
 * page may (they say how far they looked, `searchedKm`, or are short and go on).
 */
async function allPages(
  path: string,
  limit: number,
): Promise<{ ids: number[]; pages: number; stopped: number }> {
  const out: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let stopped = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: TListingPage = await expectJson(await call(url), 200, ZListingPage);
    out.push(...ids(page));
    cursor = page.nextCursor;
    pages++;
    // Stopped early: it says how far it looked, or (best match between two bands) it is short
    // and goes on.
    if (page.searchedKm !== undefined || (page.items.length < limit && page.nextCursor)) {
      expect(page.items.length).toBeLessThanOrEqual(limit);
      stopped++;
    }
  } while (cursor && pages < 50);
  return { ids: out, pages, stopped };
}

describe('relevance order', () => {
  let n: Record<string, number> = {};
  let ghentHub = '';
  beforeAll(async () => {
    const ghent = await makerWithHub(GHENT);
    const brussels = await makerWithHub(BRUSSELS);
    ghentHub = ghent.hub.slug;
    const make = async (who: typeof ghent, o: Record<string, unknown>) =>
      (await createListing(who.session, who.hub.slug, o)).id;
    // Oldest first: newest-first would list them in reverse.
    n = {
      titleEn: await make(ghent, {
        title: 'Birch plywood 18 mm',
        category: 'birch-plywood',
        description: '',
      }),
      titleNl: await make(ghent, { title: 'Populier multiplex 12 mm', category: 'plywood', description: '' }),
      category: await make(ghent, { title: 'Restpartij platen 12 mm', category: 'plywood', description: '' }),
      description: await make(ghent, {
        title: 'Pine battens 20 × 40',
        category: 'softwood',
        description: 'Left over from a plywood job',
        unit: 'pieces',
      }),
      twinGhent: await make(ghent, { title: 'Oak offcuts', category: 'hardwood', description: '' }),
      twinBrussels: await make(brussels, { title: 'Oak offcuts', category: 'hardwood', description: '' }),
    };
  }, 120_000);

  it('puts title and category matches above a mention in the description, in any language', async () => {
    for (const q of ['plywood', 'multiplex', 'contreplaqu%C3%A9']) {
      const page = await expectJson(await call(`/listings?q=${q}&hub=${ghentHub}`), 200, ZListingPage);
      const order = ids(page);
      expect(order.slice(0, 2).sort(), q).toEqual([n.titleEn, n.titleNl].sort());
      expect(order.slice(2), q).toEqual([n.category, n.description]);
      expect(page.sort).toBe('relevance');
    }
    // Asked for, newest first still holds: the description match is the newest.
    const newest = await expectJson(
      await call(`/listings?q=plywood&hub=${ghentHub}&sort=newest`),
      200,
      ZListingPage,
    );
    expect(ids(newest)).toEqual([n.description, n.category, n.titleNl, n.titleEn]);
    expect(newest.sort).toBe('newest');
  });

  it('breaks ties by distance with a point, by freshness without', async () => {
    const plain = await expectJson(await call('/listings?q=oak'), 200, ZListingPage);
    expect(ids(plain)).toEqual([n.twinBrussels, n.twinGhent]);
    const nearGhent = await expectJson(
      await call(`/listings?q=oak&near=${GHENT.lat},${GHENT.lon}`),
      200,
      ZListingPage,
    );
    expect(ids(nearGhent)).toEqual([n.twinGhent, n.twinBrussels]);
    expect(nearGhent.sort).toBe('relevance');
    expect(nearGhent.items.map((l) => l.distanceKm)).toEqual([0, expect.any(Number)]);
  });

  it('pages through every order without repeats or gaps', async () => {
    const near = `near=${BRUSSELS.lat},${BRUSSELS.lon}`;
    for (const path of [
      '/listings?q=hout',
      `/listings?q=hout&${near}`,
      `/listings?q=hout&${near}&sort=nearest`,
      '/listings?q=hout&sort=newest',
      `/listings?${near}`,
      '/listings?category=wood',
    ]) {
      const whole = ids(await expectJson(await call(`${path}&limit=50`), 200, ZListingPage));
      expect(whole.length, path).toBe(6);
      for (const limit of [1, 2, 4]) {
        const paged = await allPages(path, limit);
        expect(paged.ids, `${path} by ${limit}`).toEqual(whole);
        // Best match near a point may stop a page early (5 statements); no other order here does.
        const full = Math.ceil(whole.length / limit);
        if (!path.includes('near=') || path.includes('sort=')) {
          expect(paged.pages, `${path} by ${limit}`).toBe(full);
          expect(paged.stopped).toBe(0);
        } else {
          // Best match near a point may end a page early, where a band ends (5 statements a
          // page), and then a last page may hold nothing.
          expect(paged.pages, `${path} by ${limit}`).toBeGreaterThanOrEqual(full);
          expect(paged.pages - paged.stopped, `${path} by ${limit}`).toBeLessThanOrEqual(full + 1);
        }
      }
    }
  });
});

describe('best match at scale', () => {
  it('reads about a page per band, not every match, and pages as the general query ranks', async () => {
    const m = await makerWithHub();
    const hub = (await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(m.hub.slug)
      .first<{ id: number }>())!;
    // 300 with the word in the title, 300 only in the description, 300 only by category.
    await db
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 900)
         INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
           condition, price_type, created_at, updated_at)
         SELECT ?1, ?2, 'offcut',
           CASE i % 3 WHEN 0 THEN 'Walnut lot ' || i ELSE 'Lot ' || i END,
           CASE i % 3 WHEN 1 THEN 'Some walnut inside' ELSE '' END,
           CASE i % 3 WHEN 2 THEN 'hardwood' ELSE 'mdf' END,
           1000, 'sheets', 'good', 'free', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM seq`,
      )
      .bind(hub.id, m.me.user.id)
      .run();
    const options: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [
        { sql: "t.status = 'active'", values: [] },
        { sql: 't.hub_id = ?', values: [hub.id] },
      ],
      // "walnut" in titles (band 0), "loofhout" in hardwood's names (band 1), "walnut" in
      // descriptions (band 2): 300 of each.
      fts: toFtsQuery('walnut')!.replace(/\)$/, ' OR "loofhout"*)'),
      hubDistances: null,
      sort: 'relevance',
      cursor: null,
      limit: 20,
    };
    const general = buildSearchSql(options);
    const all = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all<{ id: number; rank: number }>()
    ).results;
    expect(all.length).toBe(21);
    expect(all.map((r) => r.rank)).toEqual(Array(21).fill(0));
    const rec = recordingDb();
    const banded = await runSearch<{ id: number }>(rec.db, options);
    expect(banded.map((r) => [r.id, r.rank])).toEqual(all.map((r) => [r.id, r.rank]));
    const read = rec.log.reduce((s, x) => s + x.rowsRead, 0);
    // The first band fills the page, so the bands after it are not read: 21 matches (an index
    // entry and a row each) with their hub, not the 900 matches the general query ranks.
    expect(read).toBeLessThanOrEqual(21 * 2 + 21 + 50);
    expect(
      (
        await db
          .prepare(general.sql)
          .bind(...general.values)
          .all()
      ).meta.rows_read,
    ).toBeGreaterThan(900);

    // Paging through all 900 by band: as the general query with no limit, no repeats or gaps.
    const everything = (
      await db
        .prepare(buildSearchSql({ ...options, limit: 5000 }).sql)
        .bind(...buildSearchSql({ ...options, limit: 5000 }).values)
        .all<{ id: number; rank: number }>()
    ).results;
    expect(everything).toHaveLength(900);
    const seen: { id: number; rank: number }[] = [];
    let cursor: Cursor | null = null;
    for (let page = 0; page < 100; page++) {
      const rows: { id: number; rank: number }[] = await runSearch<{ id: number }>(db, {
        ...options,
        limit: 50,
        cursor,
      });
      seen.push(...rows.slice(0, 50).map((r) => ({ id: r.id, rank: r.rank })));
      if (rows.length <= 50) break;
      const last = rows[49]!;
      cursor = { s: 'relevance', r: last.rank, id: last.id };
    }
    expect(seen).toEqual(everything.map((r) => ({ id: r.id, rank: r.rank })));
    expect(new Set(seen.map((r) => r.rank))).toEqual(new Set([0, 1, 2]));
  }, 120_000);
});
