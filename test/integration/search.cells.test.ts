/**
 * Search by place through the hubs' cells (migration 0037) and the hub key of the full-text index
 * (migration 0038): nearest first without a radius reads rings of cells outward until the page is
 * full; words and a place read band by band, hub by hub, from the index. The pages must be exactly
 * those of the general query (which ranks every row in reach), with no row twice or missed across
 * cursors, in a few statements whatever the number of hubs in reach, and no statement may read the
 * hubs table whole. Europe only: the antimeridian and the poles are handled (the last ring is every
 * other cell) but not exercised here.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { hubRingOf, hubRings, hubsWithin } from '../../src/modules/hubs/hubs.service';
import { refreshRequestMatches } from '../../src/modules/matching/matching.service';
import { distanceMetres, toFtsQuery } from '../../src/modules/search/search.domain';
import {
  SEARCH_STATEMENTS,
  buildSearchSql,
  runSearch,
  type SearchSqlOptions,
} from '../../src/modules/search/search.statements';
import { ZListingPage, ZListingSearch } from '../../src/shared/search.schemas';
import { searchListings } from '../../src/modules/listings/listings.service';
import { FIRST_RING_CELLS_WITH_WORDS } from '../../src/modules/search/search.service';
import { call, db, expectJson, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import { SEEDED_AT, addHub, addListings, allPages, hubsInReach, recordedSearch } from '../search-helpers';

const NOW = SEEDED_AT;

/** No statement reads the hubs table without a condition (by id, slug or cell). */
function expectNoWholeHubsRead(log: { sql: string }[]) {
  for (const s of log)
    expect(s.sql.replace(/\s+/g, ' ')).not.toMatch(/FROM hubs( h)? ?(ORDER|LIMIT|GROUP|JOIN|\)|$)/);
}

// The point sits on a cell's corner (0.1° grid): hubs mirrored east and west of it are at the same
// distance in different cells.
const POINT = { lat: 47.3, lon: 8.5 };

describe('nearest first through rings of cells', () => {
  it('pages by distance then newest across rings and a tie at a cell edge, as the general query', async () => {
    const m = await makerWithHub({ lat: 47.9, lon: 9.9 });
    const by = m.me.user.id;
    const spots = [
      [47.31, 8.51], // ring 0
      [47.3, 8.53], // a tie at the cell edge: east …
      [47.3, 8.47], // … and west of the point, same distance
      [47.3, 8.75], // east, in the first square but beyond its reach (about 19 km) …
      [47.3, 8.25], // … its twin to the west, outside the first square
      [47.9, 9.1], // about 80 km: ring 1
      [46.2, 6.1], // Geneva, about 220 km: beyond ring 1
      [52.37, 4.9], // Amsterdam: far
    ] as const;
    const hubs: { id: number; lat: number; lon: number }[] = [];
    for (const [i, [lat, lon]] of spots.entries()) {
      const id = await addHub(`cells-near-${i}`, lat, lon, by);
      hubs.push({ id, lat, lon });
      await addListings(id, by, 2 + (i % 3), { title: 'Glass pane', category: 'glass' });
      await addListings(id, by, 2, { title: 'Glass pane gone', category: 'glass', status: 'withdrawn' });
    }
    const metres = new Map(hubs.map((h) => [h.id, distanceMetres(POINT, h)]));
    expect(metres.get(hubs[1]!.id)).toBe(metres.get(hubs[2]!.id));
    expect(metres.get(hubs[3]!.id)).toBe(metres.get(hubs[4]!.id));

    const { results } = await db
      .prepare(
        `SELECT id, hub_id FROM listings WHERE status = 'active' AND category = 'glass'
         AND hub_id IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(hubs.map((h) => h.id)))
      .all<{ id: number; hub_id: number }>();
    const expected = results
      .sort((a, b) => metres.get(a.hub_id)! - metres.get(b.hub_id)! || b.id - a.id)
      .map((r) => r.id);
    expect(expected.length).toBeGreaterThan(20);

    // Within 100 km: the squares stop at the radius (the last ring is the rest of its box), so
    // Geneva and Amsterdam are never given.
    const hubOf = new Map(results.map((r) => [r.id, r.hub_id]));
    const within = expected.filter((id) => metres.get(hubOf.get(id)!)! <= 100_000);
    expect(within.length).toBeLessThan(expected.length);
    for (const [path, want] of [
      [`/listings?near=${POINT.lat},${POINT.lon}&category=glass`, expected],
      [`/listings?near=${POINT.lat},${POINT.lon}&category=glass&q=pane&sort=nearest`, expected],
      [`/listings?near=${POINT.lat},${POINT.lon}&category=glass&radius_km=100`, within],
      [`/listings?near=${POINT.lat},${POINT.lon}&category=glass&q=pane&sort=nearest&radius_km=100`, within],
      // Without the category (whose few hubs are listed first), the squares themselves.
      [`/listings?near=${POINT.lat},${POINT.lon}&q=pane&sort=nearest&radius_km=100`, within],
    ] as const)
      for (const limit of [1, 2, 5, 50]) {
        const { items, pages } = await allPages(path, limit);
        expect(
          items.map((i) => i.id),
          `${path} by ${limit}`,
        ).toEqual(want);
        expect(pages).toBe(Math.max(1, Math.ceil(want.length / limit)));
        const km = items.map((i) => i.distanceKm!);
        expect(km).toEqual([...km].sort((a, b) => a - b));
      }
  }, 120_000);

  it('fills a page from the first ring in two statements, reading no hub beyond it', async () => {
    const m = await makerWithHub({ lat: 47.9, lon: 9.9 });
    const by = m.me.user.id;
    const point = { lat: 46.95, lon: 7.45 }; // Bern
    const near = await addHub('cells-bern', 46.951, 7.452, by);
    await addListings(near, by, 100, { title: 'Cork tile', category: 'other' });
    // 200 hubs farther out, each with listings, that the page must not touch.
    for (let i = 0; i < 200; i++) {
      const id = await addHub(`cells-far-${i}`, 45.5 + (i % 20) * 0.15, 5 + Math.floor(i / 20) * 0.5, by);
      if (i % 20 === 0) await addListings(id, by, 5, { title: 'Cork tile', category: 'other' });
    }
    const rec = recordingDb();
    const deps = { db: rec.db, now: () => new Date(NOW) } as Deps;
    const o: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [
        { sql: "t.status = 'active'", values: [] },
        { sql: 't.category = ?', values: ['other'] },
      ],
      fts: null,
      hubDistances: null,
      rings: hubRings(deps, point),
      sort: 'nearest',
      cursor: null,
      limit: 20,
    };
    const rows = await runSearch<{ id: number; hub_slug: string }>(rec.db, o);
    expect(rows).toHaveLength(21);
    expect(new Set(rows.map((r) => r.hub_slug))).toEqual(new Set(['cells-bern']));
    // One statement for the first ring's hubs (a few cells), one for the page.
    expect(rec.log).toHaveLength(2);
    expectNoWholeHubsRead(rec.log);
    const hubsRead = rec.log[0]!.rowsRead;
    expect(hubsRead).toBeLessThan(20);
    // The page: 21 index entries and rows and the hub of each (3 × 21).
    expect(rec.log[1]!.rowsRead).toBeLessThanOrEqual(3 * 21 + 2);
  }, 120_000);
});

describe('words and a place, hub by hub from the full-text index', () => {
  it('ranks band, then distance, then newest, over 45 hubs in reach, in pages as the general query', async () => {
    const m = await makerWithHub({ lat: 47.9, lon: 9.9 });
    const by = m.me.user.id;
    const point = { lat: 47.05, lon: 8.3 }; // Lucerne
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) {
      // A grid of 5 × 9 hubs about 4 to 30 km round the point, two of them at the same spot.
      const id = await addHub(`cells-luz-${i}`, 46.95 + (i % 5) * 0.05, 8.1 + Math.floor(i / 5) * 0.05, by);
      ids.push(id);
      if (i % 3 === 0) await addListings(id, by, 2, { title: 'Slate tile', category: 'stone' });
      if (i % 4 === 0)
        await addListings(id, by, 2, { title: 'Offcut', description: 'a slate leftover', category: 'stone' });
      if (i % 5 === 0) await addListings(id, by, 1, { title: 'Ardoise', category: 'stone' });
    }
    // The same spot as the first: a tie in distance, its rows merged newest first.
    const twin = await addHub('cells-luz-twin', 46.95, 8.1, by);
    await addListings(twin, by, 2, { title: 'Slate tile', category: 'stone' });
    const fts = toFtsQuery('slate')!;
    const deps = { db, now: () => new Date(NOW) } as Deps;
    const hubDistances = new Map(
      (await hubsInReach(deps, point, 40)).map((h) => [h.id, h.metres] as [number, number]),
    );
    expect(hubDistances.size).toBeGreaterThanOrEqual(46);
    const base: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [
        { sql: "t.status = 'active'", values: [] },
        { sql: 't.category = ?', values: ['stone'] },
      ],
      fts,
      hubDistances,
      sort: 'relevance',
      cursor: null,
      limit: 500,
    };
    const general = buildSearchSql(base);
    const everything = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all<{ id: number; rank: number; metres: number }>()
    ).results;
    expect(new Set(everything.map((r) => r.rank))).toEqual(new Set([0, 2]));
    expect(everything.length).toBeGreaterThan(40);

    for (const limit of [1, 4, 7, 50]) {
      const { items, pages } = await allPages(
        `/listings?q=slate&near=${point.lat},${point.lon}&radius_km=40&category=stone`,
        limit,
      );
      expect(
        items.map((i) => i.id),
        `by ${limit}`,
      ).toEqual(everything.map((r) => r.id));
      expect(pages).toBe(Math.ceil(everything.length / limit));
    }

    // The first page: the radius's hubs (one statement of a few cell ranges) and the page in the
    // next, whatever the 46 hubs in reach; rows read do not grow with the matches.
    const rec = recordingDb();
    const rows = await runSearch<{ id: number }>(rec.db, {
      ...base,
      hubDistances: null,
      rings: hubRings({ db: rec.db, now: () => new Date(NOW) } as Deps, point, 40),
      limit: 10,
    });
    expect(rows.map((r) => r.id)).toEqual(everything.slice(0, 11).map((r) => r.id));
    expect(rec.log.length).toBeLessThanOrEqual(3);
    expectNoWholeHubsRead(rec.log);
  }, 120_000);
});

describe('rings sized by the hubs round the point', () => {
  it('reads a few hundred hubs of a dense network for words found 45 km away, not every hub within 140 km', async () => {
    const m = await makerWithHub({ lat: 40.4, lon: -3.7 }); // Madrid, far from the grid
    const by = m.me.user.id;
    // A hub every 0.1° over 4° × 4°, as the bench's grid: 1,600 hubs round Warsaw.
    await db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1599)
         INSERT INTO hubs (slug, name, city, country, kind, lat, lon, description, created_by, created_at, updated_at)
         SELECT 'cells-grid-' || i, 'Grid ' || i, 'City', 'PL', 'fab_lab', 50.23 + (i % 40) * 0.1,
                19.03 + (i / 40) * 0.1, '', ?1, ?2, ?2 FROM n`,
      )
      .bind(by, NOW)
      .run();
    const point = { lat: 52.25, lon: 21.02 };
    // The words in the titles of the hubs of two rows of the grid, about 45 km north and south:
    // 80 hubs, more than a search lists by name, so it reads rings of hubs.
    const { results: holders } = await db
      .prepare(
        `SELECT id FROM hubs WHERE slug LIKE 'cells-grid-%' AND (abs(lat - 52.63) < 0.01 OR abs(lat - 51.83) < 0.01)`,
      )
      .all<{ id: number }>();
    expect(holders).toHaveLength(80);
    for (const h of holders) await addListings(h.id, by, 2, { title: 'Kurkplaat', category: 'other' });
    const near = (await db
      .prepare("SELECT id FROM hubs WHERE slug = 'cells-grid-820'")
      .first<{ id: number }>())!;
    await addListings(near.id, by, 3, { title: 'Lot', category: 'other' });

    const deps = { db, now: () => new Date(NOW) } as Deps;
    const base: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [{ sql: "t.status = 'active'", values: [] }],
      fts: toFtsQuery('kurkplaat')!,
      hubDistances: new Map(
        (await hubsInReach(deps, point, 2000)).map((h) => [h.id, h.metres] as [number, number]),
      ),
      sort: 'relevance',
      cursor: null,
      limit: 20,
    };
    const general = buildSearchSql(base);
    const expected = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all<{ id: number; metres: number }>()
    ).results;
    expect(expected).toHaveLength(21);
    expect(Math.min(...expected.map((r) => r.metres))).toBeGreaterThan(40_000);

    const rec = recordingDb();
    const rows = await runSearch<{ id: number }>(rec.db, {
      ...base,
      hubDistances: null,
      rings: hubRings({ db: rec.db, now: () => new Date(NOW) } as Deps, point),
      ringsOf: (places) => hubRingOf(point, places),
      metresFrom: point,
    });
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    // Two squares of hubs: the first's 25 hubs, then one sized by them to about 256 more
    // (17 × 17 cells, about 60 km) — not the 1,600 of a fixed 140 km square. Their ranges of
    // cells are VALUES (no row read for them): about a row read per hub, and one per range.
    const rings = rec.log.filter((x) => /h\.cell BETWEEN/.test(x.sql));
    expect(rings.map((x) => x.n)).toEqual([1, 1]);
    expect(rings.map((x) => x.returned)).toEqual([25, 264]);
    expect(rings.reduce((n, x) => n + x.rowsRead, 0)).toBeLessThanOrEqual(289 + 30); // 27 ranges
    // With the first ring's page, the look-up of the words (held by too many hubs to list) and
    // the second ring's page: five statements.
    expect(rec.log.reduce((n, x) => n + x.n, 0)).toBe(5);

    // Through the service, words start with a wider square (FIRST_RING_CELLS_WITH_WORDS: 17 × 17
    // cells here) that reaches them: its hubs, then the page (and the page's photos).
    const rec3 = recordingDb();
    const page = await searchListings({ db: rec3.db, now: () => new Date(NOW) } as Deps, {
      query: ZListingSearch.parse({ q: 'kurkplaat', near: `${point.lat},${point.lon}` }),
      user: null,
    });
    expect(page.items.map((i) => i.id)).toEqual(expected.slice(0, 20).map((r) => r.id));
    expect(rec3.log.filter((x) => /h\.cell BETWEEN/.test(x.sql)).map((x) => [x.n, x.returned])).toEqual([
      [1, (2 * FIRST_RING_CELLS_WITH_WORDS + 1) ** 2],
    ]);
    expect(rec3.log.filter((x) => /_hub_fts MATCH/.test(x.sql))).toHaveLength(1);
    expectNoWholeHubsRead(rec.log);

    // And its pages go on as the general query's, across the rings (nearer hubs first).
    const { items } = await allPages(`/listings?q=kurkplaat&near=${point.lat},${point.lon}`, 50);
    const whole = buildSearchSql({ ...base, limit: 500 });
    const all = (
      await db
        .prepare(whole.sql)
        .bind(...whole.values)
        .all<{ id: number }>()
    ).results;
    // The 160 listings of "Kurkplaat", and the cork tiles of the tests above: counted in sheets,
    // they are cork sheets (kurk + plaat: `UNIT_TERMS`), far from the point.
    const corkTiles = (await db
      .prepare("SELECT count(*) AS n FROM listings WHERE title LIKE 'Cork tile %' AND unit = 'sheets'")
      .first<{ n: number }>())!.n;
    expect(corkTiles).toBeGreaterThan(0);
    expect(all).toHaveLength(160 + corkTiles);
    expect(items.map((i) => i.id)).toEqual(all.map((r) => r.id));

    // Within a radius of 150 km (about 1,000 of the grid's hubs in its box), the same squares:
    // the first (17 × 17 cells) holds the page, so the rest of the radius is never read.
    const within = await hubsInReach(deps, point, 150);
    expect(within.length).toBeGreaterThan(900);
    const radial = buildSearchSql({ ...base, hubDistances: new Map(within.map((h) => [h.id, h.metres])) });
    const first = (
      await db
        .prepare(radial.sql)
        .bind(...radial.values)
        .all<{ id: number }>()
    ).results;
    const rec4 = recordingDb();
    const inRadius = await searchListings({ db: rec4.db, now: () => new Date(NOW) } as Deps, {
      query: ZListingSearch.parse({ q: 'kurkplaat', near: `${point.lat},${point.lon}`, radius_km: '150' }),
      user: null,
    });
    expect(inRadius.items.map((i) => i.id)).toEqual(first.slice(0, 20).map((r) => r.id));
    expect(rec4.log.filter((x) => /h\.cell BETWEEN/.test(x.sql)).map((x) => [x.n, x.returned])).toEqual([
      [1, (2 * FIRST_RING_CELLS_WITH_WORDS + 1) ** 2],
    ]);
    // And its pages, across the squares and the rest of the radius, as the general query's.
    const paged = await allPages(`/listings?q=kurkplaat&near=${point.lat},${point.lon}&radius_km=150`, 50);
    const wholeRadius = buildSearchSql({
      ...base,
      hubDistances: new Map(within.map((h) => [h.id, h.metres])),
      limit: 500,
    });
    const allWithin = (
      await db
        .prepare(wholeRadius.sql)
        .bind(...wholeRadius.values)
        .all<{ id: number }>()
    ).results;
    expect(allWithin).toHaveLength(160);
    expect(paged.items.map((i) => i.id)).toEqual(allWithin.map((r) => r.id));
  }, 120_000);
});

describe('a whole radius at once', () => {
  it('newest first within a radius, and matching within its fetch radius, take every hub of the radius', async () => {
    const m = await makerWithHub({ lat: 59.44, lon: 24.75 }); // Tallinn
    const by = m.me.user.id;
    const point = { lat: 59.44, lon: 24.75 };
    // Hubs about 5, 30, 45 and 70 km north: beyond the first square (15 km) all but the first.
    const hubs = [0.045, 0.27, 0.405, 0.63].map((dLat, i) => ({ i, lat: point.lat + dLat }));
    const ids: number[] = [];
    for (const h of hubs) {
      const id = await addHub(`cells-radius-${h.i}`, h.lat, point.lon, by);
      ids.push(id);
      await addListings(id, by, 2, { title: `Slate radius ${h.i}`, category: 'stone' });
    }
    const deps = { db, now: () => new Date(NOW) } as Deps;
    const within = await hubsWithin(deps, point, 60);
    // The same hubs as the rings of a search by place within that radius, in the same order.
    expect(within).toEqual(await hubsInReach(deps, point, 60));
    expect(within.filter((h) => ids.includes(h.id)).map((h) => h.id)).toEqual(ids.slice(0, 3));

    const page = await expectJson(
      await call(`/listings?near=${point.lat},${point.lon}&radius_km=60&sort=newest&category=stone&limit=50`),
      200,
      ZListingPage,
    );
    const titles = page.items.map((i) => i.title).sort();
    expect(titles).toEqual([0, 1, 2].flatMap((i) => [`Slate radius ${i} 1`, `Slate radius ${i} 2`]).sort());

    // A request of the hub 5 km away fetching within 50 km is matched by the listings 45 km away.
    const request = await db
      .prepare(
        `INSERT INTO requests (hub_id, author_id, title, description, category, quantity_milli, unit,
           fetch_radius_km, created_at, updated_at)
         VALUES (?1, ?2, 'Slate wanted', '', 'stone', 1000, 'sheets', 50, ?3, ?3) RETURNING id`,
      )
      .bind(ids[0], by, NOW)
      .first<{ id: number }>();
    await refreshRequestMatches({ db, now: () => new Date(NOW) }, request!.id);
    const { results: matched } = await db
      .prepare(
        `SELECT DISTINCT l.hub_id FROM matches x JOIN listings l ON l.id = x.listing_id WHERE x.request_id = ?1`,
      )
      .bind(request!.id)
      .all<{ hub_id: number }>();
    expect(matched.map((r) => r.hub_id).sort((a, b) => a - b)).toEqual(
      [ids[1]!, ids[2]!].sort((a, b) => a - b),
    );
  }, 120_000);
});

describe("matching's refresh", () => {
  it('reads the hubs within the fetch radius by cell, never the hubs table whole', async () => {
    const m = await makerWithHub({ lat: 46.5, lon: 6.6 }); // Lausanne
    for (let i = 0; i < 30; i++) await addHub(`cells-match-${i}`, 40 + i * 0.3, -3 + i * 0.5, m.me.user.id);
    const hub = await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(m.hub.slug)
      .first<{ id: number }>();
    const request = await db
      .prepare(
        `INSERT INTO requests (hub_id, author_id, title, description, category, quantity_milli, unit,
           fetch_radius_km, created_at, updated_at)
         VALUES (?1, ?2, 'Slate wanted', '', 'stone', 1000, 'pieces', 50, ?3, ?3) RETURNING id`,
      )
      .bind(hub!.id, m.me.user.id, NOW)
      .first<{ id: number }>();
    const rec = recordingDb();
    await refreshRequestMatches({ db: rec.db, now: () => new Date(NOW) }, request!.id);
    expect(rec.log.some((s) => /h\.cell BETWEEN/.test(s.sql))).toBe(true);
    expectNoWholeHubsRead(rec.log);
    const total = (await db.prepare('SELECT count(*) AS n FROM hubs').first<{ n: number }>())!.n;
    for (const s of rec.log.filter((x) => /\bhubs\b/.test(x.sql))) expect(s.rowsRead).toBeLessThan(total);
  }, 120_000);
});

describe('best match within the statement budget', () => {
  it('stops a page at 5 statements and goes on from there, as the general query ranks', async () => {
    const m = await makerWithHub({ lat: 44.9, lon: 0.9 });
    const by = m.me.user.id;
    // 80 hubs in pairs mirrored about the point's meridian (each pair a tie), 80 to 180 km away,
    // the word only in descriptions: the two bands above are read over every hub, and find none.
    const point = { lat: 44.0, lon: 2.0 };
    for (let i = 0; i < 40; i++) {
      const lat = 44.0 + 0.8 + (i % 10) * 0.1;
      const dLon = 0.2 + Math.floor(i / 10) * 0.3;
      for (const [side, lon] of [
        ['e', 2.0 + dLon],
        ['w', 2.0 - dLon],
      ] as const) {
        const id = await addHub(`budget-${i}-${side}`, lat, lon, by);
        await addListings(id, by, 1, { title: 'Lot', description: 'some larch inside', category: 'other' });
      }
    }
    const deps = { db, now: () => new Date(NOW) } as Deps;
    const metres = new Map((await hubsInReach(deps, point)).map((h) => [h.id, h.metres] as [number, number]));
    const general = buildSearchSql({
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [{ sql: "t.status = 'active'", values: [] }],
      fts: toFtsQuery('larch'),
      hubDistances: metres,
      sort: 'relevance',
      cursor: null,
      limit: 500,
    });
    const expected = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all<{ id: number }>()
    ).results.map((r) => r.id);
    expect(expected).toHaveLength(80);

    for (const limit of [7, 50]) {
      const seen: number[] = [];
      let cursor: string | undefined;
      let stopped = 0;
      for (let pages = 0; pages < 100; pages++) {
        const { page, statements } = await recordedSearch({
          q: 'larch',
          near: `${point.lat},${point.lon}`,
          limit: String(limit),
          ...(cursor ? { cursor } : {}),
        });
        // Without the budget, the first page sent 10 (three bands over 80 hubs of ties).
        expect(statements, `page ${pages} by ${limit}`).toBeLessThanOrEqual(SEARCH_STATEMENTS);
        if (page.searchedKm !== undefined) stopped++;
        seen.push(...page.items.map((i) => i.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen, `by ${limit}`).toEqual(expected);
      expect(stopped, `by ${limit}`).toBeGreaterThan(0);
    }
  }, 240_000);
});
