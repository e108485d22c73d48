/**
 * Newest first within a radius (`newestWithinSql`): a few hubs are read each through its own
 * index and merged; more, as streams of a priority queue (a recursive query ordered newest
 * first); beyond NEWEST_QUEUE_STREAMS, through the network's newest rows kept by hub. Each way
 * the pages are those of the general query (every row of every hub in the radius, sorted), with
 * no row twice or missed across cursors, and a page reads about the rows it shows and the hubs
 * it reads from, not every row of the radius.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { hubsWithin } from '../../src/modules/hubs/hubs.service';
import { listingSearchConditions } from '../../src/modules/listings/listings.repo';
import { searchListings } from '../../src/modules/listings/listings.service';
import { distanceMetres, metresToKm, toFtsQuery } from '../../src/modules/search/search.domain';
import {
  buildSearchSql,
  NEWEST_HUB_MEMBERS,
  NEWEST_QUEUE_STREAMS,
  queueCheaper,
  runSearch,
} from '../../src/modules/search/search.statements';
import type { TCondition, TListingKind } from '../../src/shared/common.schemas';
import { ZListingSearch } from '../../src/shared/search.schemas';
import { db, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import { SEEDED_AT, addHub, allPages, recordedSearch } from '../search-helpers';

const NOW = SEEDED_AT;
const POINT = { lat: 59.91, lon: 10.75 }; // Oslo
const CATEGORIES = ['solid-wood', 'hardwood', 'softwood', 'other'] as const;

/**
 * Every row the general query gives for a search, newest first (within the hubs of
 * `hubDistances` when given): what the pages are compared with.
 */
async function generalNewest<R>(
  q: { q?: string; kind?: TListingKind; category?: string; condition?: TCondition },
  hubDistances: Map<number, number> | null,
): Promise<R[]> {
  const { sql, values } = buildSearchSql({
    table: 'listings',
    select: 'h.slug AS hub_slug',
    joins: 'JOIN hubs h ON h.id = t.hub_id',
    where: listingSearchConditions({
      today: new Date().toISOString().slice(0, 10),
      kind: q.kind,
      category: q.category,
      condition: q.condition,
    }),
    fts: q.q ? toFtsQuery(q.q) : null,
    hubDistances,
    sort: 'newest',
    cursor: null,
    limit: 1000,
  });
  return (
    await db
      .prepare(sql)
      .bind(...values)
      .all<R>()
  ).results;
}

describe('newest first within a radius', () => {
  it('pages as the general query, through a few hubs merged or many kept by hub, reading about what it shows', async () => {
    const m = await makerWithHub({ lat: 61.5, lon: 9.5 });
    const by = m.me.user.id;
    // 40 hubs within about 20 km of the point, 6 of them within 4 km, and 5 beyond 50 km.
    const hubs: { id: number; lat: number; lon: number }[] = [];
    for (let i = 0; i < 45; i++) {
      const far = i >= 40;
      const r = far ? 0.5 + i * 0.01 : i < 6 ? 0.01 + i * 0.004 : 0.05 + (i / 40) * 0.12;
      const a = i * 2.399963;
      const lat = POINT.lat + r * Math.sin(a);
      const lon = POINT.lon + 2 * r * Math.cos(a);
      hubs.push({ id: await addHub(`newest-${i}`, lat, lon, by), lat, lon });
    }
    // Five rounds, a listing per hub each: the newest rows interleave the hubs.
    for (let round = 0; round < 5; round++)
      for (const [i, h] of hubs.entries())
        await db
          .prepare(
            `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
               condition, price_type, status, created_at, updated_at)
             VALUES (?1, ?2, 'offcut', ?3, '', ?4, 1000, 'pieces', 'good', 'free', 'active', ?5, ?5)`,
          )
          .bind(
            h.id,
            by,
            `${round % 2 ? 'Walnut' : 'Larch'} board ${i}.${round}`,
            CATEGORIES[(i + round) % 4],
            NOW,
          )
          .run();

    // A rare kind: machine time in two hubs of the radius, and one beyond it.
    for (const i of [3, 25, 42])
      await db
        .prepare(
          `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
             condition, price_type, status, created_at, updated_at)
           VALUES (?1, ?2, 'machine_time', 'Walnut lathe hours', '', 'other', 1000, 'hours', 'good', 'free', 'active', ?3, ?3)`,
        )
        .bind(hubs[i]!.id, by, NOW)
        .run();

    const deps = { db, now: () => new Date(NOW) } as Deps;
    const near = `${POINT.lat},${POINT.lon}`;
    for (const [km, path] of [
      [4, 'radius_km=4'],
      [30, 'radius_km=30'],
      [30, 'radius_km=30&q=walnut'],
      [30, 'radius_km=30&category=solid-wood'],
      [4, 'radius_km=4&q=walnut'],
      [4, 'radius_km=4&category=solid-wood'],
      // Held by few hubs: those of the radius holding it, merged.
      [30, 'radius_km=30&kind=machine_time'],
      [30, 'radius_km=30&kind=machine_time&q=walnut'],
    ] as const) {
      const within = await hubsWithin(deps, POINT, km);
      expect(within.length, path).toBe(km === 4 ? 6 : 40);
      const q = ZListingSearch.parse(Object.fromEntries(new URLSearchParams(`near=${near}&${path}`)));
      const expected = await generalNewest<{ id: number; hub_id: number }>(
        q,
        new Map(within.map((h) => [h.id, h.metres])),
      );
      expect(expected.length, path).toBeGreaterThan(q.kind ? 1 : km === 4 ? 5 : 40);
      for (const limit of [3, 50]) {
        const { items } = await allPages(`/listings?near=${near}&${path}&sort=newest`, limit);
        expect(
          items.map((i) => i.id),
          `${path} by ${limit}`,
        ).toEqual(expected.map((r) => r.id));
        // Each row at its hub's distance.
        const hubOf = new Map(expected.map((r) => [r.id, hubs.find((h) => h.id === r.hub_id)!]));
        for (const item of items)
          expect(item.distanceKm).toBe(metresToKm(distanceMetres(POINT, hubOf.get(item.id)!)));
      }

      // One page of 5: the hubs of the radius and the page, reading about what it shows (the
      // general query read every row of every hub of the radius: 200 within 30 km).
      const rec = recordingDb();
      const page = await searchListings({ db: rec.db, now: () => new Date(NOW) } as Deps, {
        query: ZListingSearch.parse({
          ...Object.fromEntries(new URLSearchParams(`near=${near}&${path}`)),
          sort: 'newest',
          limit: '5',
        }),
        user: null,
      });
      expect(page.items.map((i) => i.id)).toEqual(expected.slice(0, 5).map((r) => r.id));
      const pageStatement = rec.log.find((x) => x.sql.trim().startsWith('WITH found AS NOT MATERIALIZED'))!;
      expect(pageStatement, path).toBeDefined();
      // Through each hub (a few), or a queue of streams (hubs × a category's arms): hub reads
      // beyond NEWEST_HUB_MEMBERS never go into one statement as sub-selects.
      const merged =
        (pageStatement.sql.match(/t\.hub_id = \d+/g) ?? []).length +
        (pageStatement.sql.match(/\* 8589934592/g) ?? []).length;
      expect(merged, path).toBeLessThanOrEqual(NEWEST_HUB_MEMBERS);
      const streams = within.length * (q.category ? 3 : 1);
      const queued = pageStatement.sql.includes('WITH RECURSIVE s(hub, arm, id)');
      // Without words, a queue whenever it reads fewer rows than the merge (always above
      // NEWEST_HUB_MEMBERS streams); with words, hubs merged (few) or the network's newest.
      expect(queued, path).toBe(!q.q && (streams > NEWEST_HUB_MEMBERS || queueCheaper(streams, 6)));
      // Merged: each hub's page at most. Queued: each stream's newest, then the row taken, its
      // place in the queue and its stream's next, then the page's hub and author.
      const bound = queued ? streams + 5 * 6 : km === 4 ? 6 * 6 * 3 + 20 : 60;
      expect(pageStatement.rowsRead, path).toBeLessThanOrEqual(bound);
    }

    // Beyond NEWEST_QUEUE_STREAMS hubs in reach (here the 40 of 30 km and hubs without rows):
    // the network's newest rows kept by hub, in pages as the general query.
    const within = await hubsWithin(deps, POINT, 30);
    const many = new Map(within.map((h) => [h.id, h.metres]));
    for (let i = 0; many.size <= NEWEST_QUEUE_STREAMS; i++) many.set(1_000_000 + i, 99_000);
    const o = {
      table: 'listings' as const,
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: listingSearchConditions({ today: new Date().toISOString().slice(0, 10) }),
      fts: null,
      hubDistances: many,
      sort: 'newest' as const,
      limit: 7,
    };
    const expected = await generalNewest<{ id: number }>({}, many);
    expect(expected.length).toBeGreaterThanOrEqual(200);
    const seen: number[] = [];
    for (let cursor: number | null = null, pages = 0; pages < 40; pages++) {
      const rec = recordingDb();
      const rows: { id: number }[] = await runSearch<{ id: number }>(rec.db, {
        ...o,
        cursor: cursor === null ? null : { s: 'newest', id: cursor },
      });
      const page = rec.log.find((x) => x.sql.trim().startsWith('WITH found AS NOT MATERIALIZED'))!;
      expect(page.sql).not.toContain('WITH RECURSIVE');
      expect(page.sql).toContain('+t.hub_id IN');
      seen.push(...rows.slice(0, 7).map((r) => r.id));
      if (rows.length <= 7) break;
      cursor = rows[6]!.id;
    }
    expect(seen).toEqual(expected.map((r) => r.id));

    // Words, newest first, without a place: the full-text index newest first, a page at a time.
    const newest = await generalNewest<{ id: number }>({ q: 'walnut' }, null);
    expect(newest.length).toBeGreaterThan(90);
    for (const limit of [3, 50])
      expect((await allPages('/listings?q=walnut&sort=newest', limit)).items.map((i) => i.id)).toEqual(
        newest.map((r) => r.id),
      );
    const rec = recordingDb();
    await searchListings({ db: rec.db, now: () => new Date(NOW) } as Deps, {
      query: ZListingSearch.parse({ q: 'walnut', sort: 'newest', limit: '5' }),
      user: null,
    });
    // The general query ranked every match (93 here) before keeping 6. Each row read once: its
    // index entry, the row, its hub and its author (29 when the page was sorted again in SQL).
    expect(rec.log.reduce((n, x) => n + x.rowsRead, 0)).toBeLessThanOrEqual(4 * 6);
  }, 240_000);

  it('without a place, a rare kind or condition is read newest first from its tokens in the full-text index', async () => {
    const m = await makerWithHub({ lat: 61.5, lon: 9.5 });
    const by = m.me.user.id;
    const hubs: number[] = [];
    for (let i = 0; i < 3; i++) hubs.push(await addHub(`newest-rare-${i}`, 62 + i, 8, by));
    const add = (hub: number, kind: string, condition: string, title: string) =>
      db
        .prepare(
          `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
             condition, price_type, status, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, '', 'other', 1000, 'pieces', ?5, 'free', 'active', ?6, ?6)`,
        )
        .bind(hub, by, kind, title, condition, NOW)
        .run();
    for (const [i, hub] of hubs.entries()) {
      await add(hub, 'machine_time', 'good', `Lathe hours ${i}`);
      await add(hub, 'offcut', 'new', `Unused offcut board ${i}`);
    }
    // Then 520 newer rows of a common kind and condition (more than the window of the 500 newest
    // that this was read through before the filter's tokens).
    await db
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
         INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
           condition, price_type, status, created_at, updated_at)
         SELECT ?2, ?3, 'offcut', 'Pine offcut ' || i, '', 'other', 1000, 'pieces', 'good', 'free', 'active', ?4, ?4 FROM seq`,
      )
      .bind(520, hubs[0], by, NOW)
      .run();

    for (const [filter, title] of [
      ['kind=machine_time', 'Lathe hours'],
      ['condition=new', 'Unused offcut board'],
      // With words held by the newer rows too: the window is their newest matches.
      ['q=offcut&condition=new&sort=newest', 'Unused offcut board'],
    ] as const) {
      const q = ZListingSearch.parse(Object.fromEntries(new URLSearchParams(filter)));
      const expected = await generalNewest<{ id: number; title: string }>(q, null);
      expect(
        expected.filter((r) => r.title.startsWith(title)),
        filter,
      ).toHaveLength(3);
      for (const limit of [1, 2, 50])
        expect(
          (await allPages(`/listings?${filter}`, limit)).items.map((i) => i.id),
          `${filter} by ${limit}`,
        ).toEqual(expected.map((r) => r.id));
      // The rows holding the value's token (migration 0054), newest first, with words or
      // without: one statement (before the tokens: the 500 newest rows, the hubs holding the
      // value, their rows merged, 3 statements).
      const { page, statements, rowsRead } = await recordedSearch({
        ...Object.fromEntries(new URLSearchParams(filter)),
        limit: '2',
      });
      expect(page.items.map((i) => i.id)).toEqual(expected.slice(0, 2).map((r) => r.id));
      expect(statements, filter).toBe(1);
      // The rows shown (an index entry, the row, its hub, its author), not the 520 newer ones.
      expect(rowsRead, filter).toBeLessThanOrEqual(2 * 3 + 50);
    }

    // A common kind fills its page from its newest rows, in one statement.
    const rec = recordingDb();
    const page = await searchListings({ db: rec.db, now: () => new Date(NOW) } as Deps, {
      query: ZListingSearch.parse({ kind: 'offcut', limit: '5' }),
      user: null,
    });
    expect(page.items).toHaveLength(5);
    expect(rec.log.map((x) => x.n).reduce((a, b) => a + b)).toBe(1);
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(30);
  }, 240_000);
});
