/**
 * A search by place whose filter is rare, or whose words are nowhere, must not look in every hub:
 * a category, family or kind held by few hubs lists those hubs first and reads only them
 * (`hubsHolding`, migration 0051); each hub's rows of a category with the ones below it are read
 * from their own index ranges; words found nowhere stop after the first ring. Each test has its own
 * region, so the hubs of one never lie in reach of another's point.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { hubRingOf, hubRings } from '../../src/modules/hubs/hubs.service';
import {
  decodeCursor,
  distanceMetres,
  toFtsQuery,
  type Cursor,
} from '../../src/modules/search/search.domain';
import { nextCursorOf } from '../../src/modules/search/search.service';
import {
  HUB_SCAN_CAP,
  SEARCH_STATEMENTS,
  categoryCondition,
  hubsHolding,
  runSearch,
  type SearchSqlOptions,
} from '../../src/modules/search/search.statements';
import { listingSearchConditions } from '../../src/modules/listings/listings.repo';
import { ZListingPage } from '../../src/shared/search.schemas';
import { call, db, expectJson, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import { SEEDED_AT, addHub, addListings } from '../search-helpers';

const deps = (d: D1Database) => ({ db: d, now: () => new Date(SEEDED_AT) }) as Deps;

/** Options of a nearest-first search from `point` with these conditions beside "active". */
function nearest(
  d: D1Database,
  point: { lat: number; lon: number },
  where: SearchSqlOptions['where'],
  o: { fts?: string | null; radiusKm?: number; limit?: number } = {},
): SearchSqlOptions {
  return {
    table: 'listings',
    select: 'h.slug AS hub_slug',
    joins: 'JOIN hubs h ON h.id = t.hub_id',
    where: [{ sql: "t.status = 'active'", values: [] }, ...where],
    fts: o.fts ?? null,
    hubDistances: null,
    rings: hubRings(deps(d), point, o.radiusKm),
    ringsOf: (places) => hubRingOf(point, places, o.radiusKm),
    ringsFrom: (metres) => hubRings(deps(d), point, o.radiusKm, metres),
    sort: o.fts ? 'relevance' : 'nearest',
    cursor: null,
    limit: o.limit ?? 20,
  };
}

/** `n` hubs on a grid 0.05° apart from `origin`, each with `each` listings of `category`. */
async function crowd(
  prefix: string,
  origin: { lat: number; lon: number },
  n: number,
  each: number,
  by: number,
) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = await addHub(
      `${prefix}-${i}`,
      origin.lat + (i % 10) * 0.05,
      origin.lon + Math.floor(i / 10) * 0.05,
      by,
    );
    await addListings(id, by, each, { title: 'Board', category: 'mdf' });
    ids.push(id);
  }
  return ids;
}

describe('a rare category, family or kind with a place', () => {
  it('lists the hubs holding it with their places and reads only those, nearest first, in two statements', async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 12.5 });
    const by = m.me.user.id;
    const point = { lat: 44.0, lon: 10.0 };
    await crowd('scan-crowd', point, 100, 5, by);
    // Two hubs holding PLA: one about 60 km away, one about 300 km away; withdrawn PLA nearer.
    const near = await addHub('scan-pla-near', 44.5, 10.2, by);
    const far = await addHub('scan-pla-far', 46.6, 10.6, by);
    const gone = await addHub('scan-pla-gone', 44.05, 10.05, by);
    await addListings(near, by, 3, { title: 'PLA spool', category: 'pla' });
    await addListings(far, by, 4, { title: 'PLA spool', category: 'pla' });
    await addListings(gone, by, 2, { title: 'PLA spool', category: 'pla', status: 'withdrawn' });
    const expected = (
      await db
        .prepare(
          "SELECT id, hub_id FROM listings WHERE category = 'pla' AND status = 'active' AND hub_id IN (?1, ?2)",
        )
        .bind(near, far)
        .all<{ id: number; hub_id: number }>()
    ).results
      .sort((a, b) => (a.hub_id === b.hub_id ? b.id - a.id : a.hub_id === near ? -1 : 1))
      .map((r) => r.id);
    expect(expected).toHaveLength(7);

    const rec = recordingDb();
    const rows = await runSearch<{ id: number; hub_slug: string }>(
      rec.db,
      nearest(rec.db, point, [categoryCondition('pla')]),
    );
    expect(rows.map((r) => r.id)).toEqual(expected);
    // The hubs holding PLA with their places (a seek each), the page: no ring of cells.
    expect(rec.log).toHaveLength(2);
    expect(rec.log.some((s) => /h\.cell BETWEEN/.test(s.sql))).toBe(false);
    const read = rec.log.reduce((s, x) => s + x.rowsRead, 0);
    // Not the 500 listings of the 100 hubs in between.
    expect(read).toBeLessThanOrEqual(60);

    // Within 100 km only the nearer hub's; the API agrees, signed out, with distances rising.
    const within = await runSearch<{ id: number }>(
      db,
      nearest(db, point, [categoryCondition('pla')], { radiusKm: 100 }),
    );
    expect(within.map((r) => r.id)).toEqual(expected.slice(0, 3));
    const page = await expectJson(
      await call(`/listings?near=${point.lat},${point.lon}&category=pla`),
      200,
      ZListingPage,
    );
    expect(page.items.map((i) => i.id)).toEqual(expected);
    expect(page.items[0]!.distanceKm).toBeCloseTo(distanceMetres(point, { lat: 44.5, lon: 10.2 }) / 1000, 0);

    // A family held by the same hubs (plastics) and a kind held by one hub alike.
    const family = await runSearch<{ id: number }>(db, nearest(db, point, [categoryCondition('plastics')]));
    expect(family.map((r) => r.id)).toEqual(expected);
    await db.prepare("UPDATE listings SET kind = 'reclaimed' WHERE hub_id = ?1").bind(far).run();
    const rec2 = recordingDb();
    const kind = await runSearch<{ id: number }>(
      rec2.db,
      nearest(rec2.db, point, [
        { sql: 't.kind = ?', values: ['reclaimed'], hubScan: { column: 'kind', values: ['reclaimed'] } },
      ]),
    );
    expect(kind.map((r) => r.id)).toEqual(expected.slice(3));
    expect(rec2.log).toHaveLength(2);
  }, 120_000);

  it(`gives up listing hubs above ${HUB_SCAN_CAP} of them, and then reads rings of cells`, async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 12.6 });
    const by = m.me.user.id;
    const point = { lat: 38.0, lon: 15.0 };
    const ids: number[] = [];
    for (let i = 0; i < HUB_SCAN_CAP + 1; i++) {
      const id = await addHub(
        `scan-cap-${i}`,
        point.lat + (i % 8) * 0.04,
        point.lon + Math.floor(i / 8) * 0.04,
        by,
      );
      await addListings(id, by, 1, { title: 'Tile', category: 'stone' });
      ids.push(id);
    }
    const o = nearest(db, point, [categoryCondition('stone')]);
    expect(await hubsHolding(db, o)).toBeNull();
    await db.prepare("UPDATE listings SET status = 'withdrawn' WHERE hub_id = ?1").bind(ids[0]).run();
    const held = await hubsHolding(db, o);
    expect(held?.map((h) => h.id).sort((a, b) => a - b)).toEqual(ids.slice(1).sort((a, b) => a - b));
    // Each with its place and what its rows show of it, read in the same statement.
    const place = (await db
      .prepare('SELECT id, lat, lon, slug, name, city, country, kind FROM hubs WHERE id = ?1')
      .bind(ids[3])
      .first())!;
    expect(held?.find((h) => h.id === ids[3])).toEqual(place);
    // Beside a rare kind, the category held by too many is not listed: the kind's hub is.
    await db.prepare("UPDATE listings SET kind = 'material' WHERE hub_id = ?1").bind(ids[5]).run();
    const kind = {
      sql: 't.kind = ?',
      values: ['material'],
      hubScan: { column: 'kind' as const, values: ['material'] },
    };
    expect(
      (await hubsHolding(db, nearest(db, point, [categoryCondition('stone'), kind])))?.map((h) => h.id),
    ).toEqual([ids[5]]);
    // Either way the page is the nearest hubs' newest.
    await db.prepare("UPDATE listings SET status = 'active' WHERE hub_id = ?1").bind(ids[0]).run();
    const rec = recordingDb();
    const rows = await runSearch<{ id: number }>(
      rec.db,
      nearest(rec.db, point, [categoryCondition('stone')]),
    );
    expect(rows).toHaveLength(21);
    expect(rec.log.some((s) => /h\.cell BETWEEN/.test(s.sql))).toBe(true);
  }, 120_000);

  it('reads each hub’s rows of a category and the ones below it from their own index ranges', async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 12.7 });
    const by = m.me.user.id;
    const point = { lat: 36.0, lon: 14.0 };
    const hub = await addHub('scan-arms', 36.01, 14.01, by);
    await addListings(hub, by, 5, { title: 'Oak', category: 'hardwood' });
    await addListings(hub, by, 5, { title: 'Pine', category: 'softwood' });
    // 300 newer listings of another category in the same hub, which the page must not walk.
    await addListings(hub, by, 300, { title: 'Board', category: 'mdf' });
    const rec = recordingDb();
    const rows = await runSearch<{ id: number }>(
      rec.db,
      nearest(rec.db, point, [categoryCondition('solid-wood')]),
    );
    const expected = (
      await db
        .prepare(
          "SELECT id FROM listings WHERE hub_id = ?1 AND category IN ('hardwood', 'softwood') ORDER BY id DESC",
        )
        .bind(hub)
        .all<{ id: number }>()
    ).results.map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
    const page = rec.log[rec.log.length - 1]!;
    // Ten rows (an index entry and a row each, and their hub) and the end of each of the three
    // arms' ranges, not the 300 boards before them.
    expect(page.rowsRead).toBeLessThanOrEqual(10 * 3 + 3 * 5);
  }, 120_000);
});

describe("one hub's rows near a point", () => {
  it('reads that hub alone, by its index, in two statements, with or without words', async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 12.5 });
    const by = m.me.user.id;
    const point = { lat: 45.0, lon: 8.0 };
    // 100 hubs round the point with their own listings, nearer than the hub searched.
    await crowd('scan-onehub', point, 100, 3, by);
    const hub = await addHub('scan-onehub-mine', 45.9, 8.9, by);
    await addListings(hub, by, 4, { title: 'Board', category: 'mdf' });
    const own = listingSearchConditions({ today: SEEDED_AT.slice(0, 10), hubId: hub });
    const expected = (
      await db
        .prepare("SELECT id FROM listings WHERE hub_id = ?1 AND status = 'active' ORDER BY id DESC")
        .bind(hub)
        .all<{ id: number }>()
    ).results.map((r) => r.id);
    for (const fts of [null, toFtsQuery('board')]) {
      const rec = recordingDb();
      const rows = await runSearch<{ id: number; hub_slug: string }>(rec.db, {
        ...nearest(rec.db, point, [], { fts }),
        where: own,
      });
      expect(rows.map((r) => r.id)).toEqual(expected);
      expect(new Set(rows.map((r) => r.hub_slug))).toEqual(new Set(['scan-onehub-mine']));
      // The hub (a seek of its rows' index, with its place), then its page: no ring of cells,
      // none of the 300 listings of the hubs round the point.
      expect(rec.log.map((x) => x.n).reduce((a, b) => a + b)).toBe(2);
      expect(rec.log.some((x) => /h\.cell BETWEEN/.test(x.sql))).toBe(false);
      expect(rec.log.reduce((n, x) => n + x.rowsRead, 0)).toBeLessThanOrEqual(30);
    }
    // The API, signed out: that hub's listings, at its distance.
    const page = await expectJson(
      await call(`/listings?hub=scan-onehub-mine&near=${point.lat},${point.lon}&sort=nearest`),
      200,
      ZListingPage,
    );
    expect(page.items.map((i) => i.id)).toEqual(expected);
    expect(page.items[0]!.distanceKm).toBe(
      Math.round(distanceMetres(point, { lat: 45.9, lon: 8.9 }) / 100) / 10,
    );
  }, 120_000);
});

describe('words found nowhere, with a place', () => {
  it('stop after the first ring instead of reading every hub', async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 12.8 });
    const by = m.me.user.id;
    const point = { lat: 40.0, lon: 20.0 };
    await crowd('scan-words', point, 100, 2, by);
    const farHub = await addHub('scan-words-far', 42.5, 21.5, by);
    await addListings(farHub, by, 2, { title: 'Quebracho log', category: 'hardwood' });

    const rec = recordingDb();
    const none = await runSearch<{ id: number }>(
      rec.db,
      nearest(rec.db, point, [], { fts: toFtsQuery('zqxwv') }),
    );
    expect(none).toEqual([]);
    // The first ring's hubs, its page, and one look-up of the words in the index.
    expect(rec.log).toHaveLength(3);
    expect(rec.log.reduce((s, x) => s + x.returned, 0)).toBeLessThan(100);

    // Words held by one hub far away: found there, through the hubs holding them (the walk of the
    // hub-ordered index), not by reading every ring of hubs on the way.
    const rec2 = recordingDb();
    const far = await runSearch<{ id: number; hub_slug: string }>(
      rec2.db,
      nearest(rec2.db, point, [], { fts: toFtsQuery('quebracho') }),
    );
    expect(far.map((r) => r.hub_slug)).toEqual(['scan-words-far', 'scan-words-far']);
    // The first ring's hubs, its page, the hubs holding the words with their places, the page.
    expect(
      rec2.log.map((s) => s.sql.match(/h\.cell BETWEEN|_hub_fts MATCH \?1 AND rowid >=/)?.[0] ?? 'page'),
    ).toEqual(['h.cell BETWEEN', 'page', '_hub_fts MATCH ?1 AND rowid >=', 'page']);
  }, 120_000);
});

describe('words with a place in a small network', () => {
  it('reaches every band on the first page when the first ring leaves it short, through the hubs holding the words', async () => {
    // The first network's shape: one hub in the first ring with a best match, a description match
    // 25 km out, another best match 70 km out, and hubs far away. Reading rings, the first page
    // stopped in the best band at the second ring's reach, the description match next door unread
    // behind "search further".
    const m = await makerWithHub({ lat: 41.9, lon: 12.7 });
    const by = m.me.user.id;
    const point = { lat: 35.5, lon: -6.0 };
    const near = await addHub('scan-small-near', 35.509, -6.0, by);
    const mention = await addHub('scan-small-mention', 35.725, -6.0, by);
    const titled = await addHub('scan-small-titled', 35.5, -5.2, by);
    const far = await addHub('scan-small-far', 38.7, -9.1, by);
    await addListings(near, by, 1, { title: 'Zebrano veneer', category: 'hardwood' });
    await addListings(mention, by, 1, {
      title: 'Pine battens',
      category: 'softwood',
      description: 'We would swap them for zebrano veneer.',
    });
    await addListings(titled, by, 1, { title: 'Zebrano veneer', category: 'hardwood' });
    await addListings(far, by, 3, { title: 'Cork tiles', category: 'other' });

    const page = await expectJson(
      await call(`/listings?q=zebrano&near=${point.lat},${point.lon}`),
      200,
      ZListingPage,
    );
    expect(page.items.map((l) => [l.title, l.hub.slug, l.distanceKm])).toEqual([
      ['Zebrano veneer 1', 'scan-small-near', 1],
      ['Zebrano veneer 1', 'scan-small-titled', 72.4],
      ['Pine battens 1', 'scan-small-mention', 25],
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.searchedKm).toBeUndefined();

    // The first ring's hubs, its page, the hubs holding the words with their places, then one
    // page over those hubs for every band.
    const rec = recordingDb();
    const rows = await runSearch<{ id: number; hub_slug: string }>(
      rec.db,
      nearest(rec.db, point, [], { fts: toFtsQuery('zebrano') }),
    );
    expect(rows.map((r) => r.hub_slug)).toEqual([
      'scan-small-near',
      'scan-small-titled',
      'scan-small-mention',
    ]);
    expect(rows.stoppedAt).toBeUndefined();
    expect(
      rec.log.map((s) => s.sql.match(/h\.cell BETWEEN|_hub_fts MATCH \?1 AND rowid >=/)?.[0] ?? 'page'),
    ).toEqual(['h.cell BETWEEN', 'page', '_hub_fts MATCH ?1 AND rowid >=', 'page']);
  }, 120_000);
});

describe('nearest first with a filter no index serves', () => {
  it(`sends at most ${SEARCH_STATEMENTS} statements a page, says how far it looked, and pages on to every row`, async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 12.9 });
    const by = m.me.user.id;
    const point = { lat: 57.0, lon: 20.0 };
    // 120 hubs within about 60 km (4 listings each, in good condition), 3 hubs far beyond the
    // first two rings (15 km, then a square sized to about 256 hubs more: here every one of the
    // 120); six hubs, near and far, hold listings as new.
    const hubs: { id: number; lat: number; lon: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const lat = point.lat + ((i % 12) - 6) * 0.08;
      const lon = point.lon + (Math.floor(i / 12) - 5) * 0.12;
      hubs.push({ id: await addHub(`scan-budget-${i}`, lat, lon, by), lat, lon });
    }
    for (const [i, [lat, lon]] of [
      [60.2, 24.9],
      [59.3, 18.1],
      [54.7, 25.3],
    ].entries())
      hubs.push({ id: await addHub(`scan-budget-far-${i}`, lat!, lon!, by), lat: lat!, lon: lon! });
    for (const h of hubs) await addListings(h.id, by, 4, { title: 'Lot', category: 'mdf' });
    const holders = [hubs[3]!, hubs[60]!, hubs[77]!, hubs[119]!, hubs[120]!, hubs[122]!];
    await db
      .prepare(
        `UPDATE listings SET condition = 'new', length_mm = 1200, width_mm = 600 WHERE id IN (
           SELECT max(id) FROM listings WHERE hub_id IN (SELECT value FROM json_each(?1)) GROUP BY hub_id)`,
      )
      .bind(JSON.stringify(holders.map((h) => h.id)))
      .run();
    const metres = new Map(hubs.map((h) => [h.id, distanceMetres(point, h)]));
    const expected = (
      await db
        .prepare(
          "SELECT id, hub_id FROM listings WHERE condition = 'new' AND hub_id IN (SELECT value FROM json_each(?1))",
        )
        .bind(JSON.stringify(hubs.map((h) => h.id)))
        .all<{ id: number; hub_id: number }>()
    ).results
      .sort((a, b) => metres.get(a.hub_id)! - metres.get(b.hub_id)! || b.id - a.id)
      .map((r) => r.id);
    expect(expected).toHaveLength(6);

    const condition = [{ sql: 't.condition = ?', values: ['new'] }];
    for (const limit of [2, 5, 20]) {
      const seen: number[] = [];
      let cursor: Cursor | null = null;
      let stops = 0;
      for (let page = 0; page < 40; page++) {
        const rec = recordingDb();
        const rows = await runSearch<{ id: number }>(rec.db, {
          ...nearest(rec.db, point, condition, { limit }),
          cursor,
        });
        expect(rec.log.length, `page ${page} by ${limit}`).toBeLessThanOrEqual(SEARCH_STATEMENTS);
        if (rows.stoppedAt) stops++;
        seen.push(...rows.slice(0, limit).map((r) => r.id));
        const next = nextCursorOf(rows, limit, 'nearest');
        if (!next) break;
        cursor = decodeCursor(next, 'nearest');
      }
      expect(seen, `by ${limit}`).toEqual(expected);
      // The far hubs lie beyond what one page may read: at least one page stopped early.
      expect(stops, `by ${limit}`).toBeGreaterThan(0);
    }

    // The API, signed out. Whether a listing is available by a date has no index: with the
    // other listings offered only from 2030, its first page says how far it looked and its
    // cursor goes on. The condition (0051) and "my part fits" (0052: only listings with both
    // sizes) list their hubs, so one page holds all six.
    await db
      .prepare(
        `UPDATE listings SET available_from = '2030-01-01'
         WHERE condition <> 'new' AND hub_id IN (SELECT value FROM json_each(?1))`,
      )
      .bind(JSON.stringify(hubs.map((h) => h.id)))
      .run();
    const byDate = await expectJson(
      await call(`/listings?near=${point.lat},${point.lon}&available_by=2027-06-01&limit=20`),
      200,
      ZListingPage,
    );
    expect(byDate.items.length).toBeLessThan(6);
    expect(byDate.searchedKm).toBeGreaterThan(0);
    expect(byDate.nextCursor).not.toBeNull();
    for (const filter of ['condition=new', 'fits=1000x500']) {
      const page = await expectJson(
        await call(`/listings?near=${point.lat},${point.lon}&${filter}&limit=20`),
        200,
        ZListingPage,
      );
      expect(
        page.items.map((l) => l.id),
        filter,
      ).toEqual(expected);
      expect(page.searchedKm, filter).toBeUndefined();
      expect(page.nextCursor, filter).toBeNull();
    }
  }, 180_000);
});

describe('a next page of nearest first', () => {
  it('always starts farther than the one before, even when its rings held nothing to send', async () => {
    const m = await makerWithHub({ lat: 41.9, lon: 13.0 });
    const by = m.me.user.id;
    // 61 hubs far away hold offcuts, so the kind is too common to list its hubs.
    for (let i = 0; i < HUB_SCAN_CAP + 1; i++) {
      const id = await addHub(`scan-next-common-${i}`, -30 + (i % 8) * 0.2, 20 + Math.floor(i / 8) * 0.2, by);
      await addListings(id, by, 1, { title: 'Lot', category: 'mdf' });
    }
    const point = { lat: 62.0, lon: 5.0 };
    const near = { lat: 62.004, lon: 5.0 };
    const nearHub = await addHub('scan-next-near', near.lat, near.lon, by);
    await addListings(nearHub, by, 1, { title: 'Teak lath', category: 'hardwood' });
    const farHub = await addHub('scan-next-far', 64.5, 11.0, by);
    await addListings(farHub, by, 3, { title: 'Teak plank', category: 'hardwood' });
    const offcut = {
      sql: 't.kind = ?',
      values: ['offcut'],
      hubScan: { column: 'kind' as const, values: ['offcut'] },
    };
    const options = (d: D1Database, cursor: Cursor): SearchSqlOptions => ({
      ...nearest(d, point, [offcut], { fts: toFtsQuery('teak') }),
      sort: 'nearest',
      cursor,
    });
    // The first page ended at the near hub: its row shown, nothing else within the first ring.
    let cursor: Cursor | null = { s: 'nearest', d: distanceMetres(point, near), id: 0 };
    const seen: number[] = [];
    for (let page = 0; page < 10 && cursor; page++) {
      const rec = recordingDb();
      const rows = await runSearch<{ id: number }>(rec.db, options(rec.db, cursor));
      expect(rec.log.length).toBeLessThanOrEqual(SEARCH_STATEMENTS);
      seen.push(...rows.slice(0, 20).map((r) => r.id));
      const next = nextCursorOf(rows, 20, 'nearest');
      const after: Cursor | null = next ? decodeCursor(next, 'nearest') : null;
      if (after?.s === 'nearest' && cursor.s === 'nearest') expect(after.d).toBeGreaterThan(cursor.d);
      cursor = after;
    }
    expect(cursor).toBeNull();
    expect(seen).toHaveLength(3);
  }, 120_000);
});
