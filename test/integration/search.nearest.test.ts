/**
 * Nearest-first search without a text match reads hub by hub (one small statement per hub within
 * reach): the pages must be exactly those of the general query (by distance, then newest), with
 * no row twice or missed across cursors, while reading a page per hub, not every row in reach.
 */
import { describe, expect, it } from 'vitest';
import {
  buildSearchSql,
  runSearch,
  type HubRing,
  type SearchSqlOptions,
} from '../../src/modules/search/search.statements';
import { distanceMetres } from '../../src/modules/search/search.domain';
import { ZListingPage } from '../../src/shared/search.schemas';
import type { z } from 'zod';

type ZPage = z.infer<typeof ZListingPage>;
import { call, db, expectJson } from '../helpers';
import { newArea, PLACES, recordingDb } from '../matching-helpers';

const hubRow = (slug: string) =>
  db
    .prepare('SELECT id, lat, lon FROM hubs WHERE slug = ?1')
    .bind(slug)
    .first<{ id: number; lat: number; lon: number }>();

async function insertListings(n: number, hub: number, author: number, status = 'active') {
  await db
    .prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
       INSERT INTO listings (hub_id, author_id, kind, title, category, quantity_milli, unit, condition,
         price_type, status, created_at, updated_at)
       SELECT ?2, ?3, 'offcut', 'Sheet ' || i, 'mdf', 1000, 'sheets', 'good', 'free', ?4,
         '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM seq`,
    )
    .bind(n, hub, author, status)
    .run();
}

describe('nearest-first search, hub by hub', () => {
  it('pages through every listing in reach by distance then newest, as the general query orders them', async () => {
    const makerAt = newArea();
    const people = await Promise.all(
      (['ghent', 'kortrijk', 'brussels', 'leuven'] as const).map((p) => makerAt(p)),
    );
    const hubs = [];
    for (const p of people) hubs.push({ ...(await hubRow(p.hub.slug))!, author: p.me.user.id });
    for (const [i, h] of hubs.entries()) {
      await insertListings(7 + i * 3, h.id, h.author);
      await insertListings(40, h.id, h.author, 'withdrawn');
    }
    const ghent = hubs[0]!;
    const near = `${ghent.lat},${ghent.lon}`;

    // Expected: every active listing of these hubs, by the hub's distance, then newest first.
    const { results } = await db
      .prepare(`SELECT id, hub_id FROM listings WHERE status = 'active' AND hub_id IN (?1, ?2, ?3, ?4)`)
      .bind(...hubs.map((h) => h.id))
      .all<{ id: number; hub_id: number }>();
    const metres = new Map(hubs.map((h) => [h.id, distanceMetres(ghent, h)]));
    const expected = results
      .sort((a, b) => metres.get(a.hub_id)! - metres.get(b.hub_id)! || b.id - a.id)
      .map((r) => r.id);
    expect(expected).toHaveLength(7 + 10 + 13 + 16);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: ZPage = await expectJson(
        await call(
          `/listings?near=${near}&radius_km=100&sort=nearest&category=mdf&limit=8${cursor ? `&cursor=${cursor}` : ''}`,
        ),
        200,
        ZListingPage,
      );
      seen.push(...page.items.map((i) => i.id));
      for (const item of page.items) expect(item.distanceKm).not.toBeNull();
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('reads a page per hub, and returns what the single general query returns', async () => {
    const makerAt = newArea();
    const a = await makerAt('ghent');
    const b = await makerAt('kortrijk');
    const ha = (await hubRow(a.hub.slug))!;
    const hb = (await hubRow(b.hub.slug))!;
    await insertListings(300, ha.id, a.me.user.id);
    await insertListings(300, hb.id, b.me.user.id);
    const options: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [
        { sql: "t.status = 'active'", values: [] },
        { sql: 't.category = ?', values: ['mdf'] },
      ],
      fts: null,
      hubDistances: new Map([
        [hb.id, distanceMetres(PLACES.ghent, PLACES.kortrijk)],
        [ha.id, 0],
      ]),
      sort: 'nearest',
      cursor: null,
      limit: 20,
    };
    const rec = recordingDb();
    const rings = async (): Promise<HubRing> => ({
      hubs: [...options.hubDistances!]
        .map(([id, metres]) => ({ id, metres }))
        .sort((x, y) => x.metres - y.metres),
      last: true,
      reach: Infinity,
    });
    const hubByHub = await runSearch<{ id: number; hub_slug: string }>(rec.db, { ...options, rings });
    const general = buildSearchSql(options);
    const { results } = await db
      .prepare(general.sql)
      .bind(...general.values)
      .all<{ id: number; metres: number; hub_slug: string }>();
    expect(hubByHub.map((r) => [r.id, r.metres, r.hub_slug])).toEqual(
      results.map((r) => [r.id, r.metres, r.hub_slug]),
    );
    expect(hubByHub).toHaveLength(21);
    // One statement: the nearest hub's 21 newest index entries and rows (the LIMIT stops SQLite
    // before the second hub) and the hub of each: not the 600 rows in reach the general query ranks.
    expect(rec.log).toHaveLength(1);
    const read = rec.log.reduce((s, x) => s + x.rowsRead, 0);
    expect(read).toBeLessThanOrEqual(21 * 3 + 2);
    const generalRead = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all()
    ).meta.rows_read;
    expect(generalRead).toBeGreaterThan(600);
  });
});

describe('nearest-first beyond 30 hubs in reach', () => {
  it('reads the nearest hubs in batches until the page is full, as the general query orders them', async () => {
    const makerAt = newArea();
    const owner = await makerAt('ghent');
    const now = '2026-11-01T00:00:00Z';
    // 45 hubs in a line east of a point, two of them at the same distance, one listing each.
    await db
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 45)
         INSERT INTO hubs (slug, name, city, country, kind, lat, lon, description, created_by, created_at, updated_at)
         SELECT 'line-hub-' || i, 'Line hub ' || i, 'City', 'BE', 'fab_lab', 10.0,
           CASE WHEN i = 31 THEN 20.30 ELSE 20.0 + i * 0.01 END, '', ?1, ?2, ?2 FROM seq`,
      )
      .bind(owner.me.user.id, now)
      .run();
    await db
      .prepare(
        `INSERT INTO listings (hub_id, author_id, kind, title, category, quantity_milli, unit, condition,
           price_type, created_at, updated_at)
         SELECT id, ?1, 'offcut', 'Line sheet', 'osb', 1000, 'sheets', 'good', 'free', ?2, ?2
         FROM hubs WHERE slug LIKE 'line-hub-%'`,
      )
      .bind(owner.me.user.id, now)
      .run();
    for (const limit of [20, 35, 50]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: ZPage = await expectJson(
          await call(`/listings?near=10,20&category=osb&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`),
          200,
          ZListingPage,
        );
        seen.push(...page.items.map((i) => i.id));
        const km = page.items.map((i) => i.distanceKm!);
        expect(km).toEqual([...km].sort((a, b) => a - b));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toHaveLength(45);
      expect(new Set(seen).size).toBe(45);
    }
  });

  it('merges hubs at the same distance newest first, reading about the rows shown', async () => {
    const makerAt = newArea();
    const a = await makerAt('ghent');
    const b = await makerAt('leuven');
    const ha = (await hubRow(a.hub.slug))!;
    const hb = (await hubRow(b.hub.slug))!;
    await insertListings(30, ha.id, a.me.user.id);
    await insertListings(30, hb.id, b.me.user.id);
    await insertListings(30, ha.id, a.me.user.id); // the hubs' rows interleave by age
    const hubDistances = new Map([
      [ha.id, 5000],
      [hb.id, 5000],
    ]);
    const options: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [
        { sql: "t.status = 'active'", values: [] },
        { sql: 't.hub_id IN (?, ?)', values: [ha.id, hb.id] },
      ],
      fts: null,
      hubDistances,
      sort: 'nearest',
      cursor: null,
      limit: 40,
    };
    const rings = async (): Promise<HubRing> => ({
      hubs: [...hubDistances].map(([id, metres]) => ({ id, metres })),
      last: true,
      reach: Infinity,
    });
    const general = buildSearchSql(options);
    const { results } = await db
      .prepare(general.sql)
      .bind(...general.values)
      .all<{ id: number; metres: number }>();
    const rec = recordingDb();
    const tie = await runSearch<{ id: number; hub_id: number }>(rec.db, { ...options, rings });
    // The newest 41 of both hubs: 30 of the first hub's newest, then the other's.
    expect(tie.map((r) => r.id)).toEqual(results.map((r) => r.id));
    expect(tie).toHaveLength(41);
    expect(new Set(tie.map((r) => r.hub_id))).toEqual(new Set([ha.id, hb.id]));
    // One statement: the 41 rows shown, one more from each hub, each row shown read again by id
    // for the page (without words the sub-selects keep ids only), and the hub of each row — not a
    // page from each hub of the tie (2 × 41) read whole and sorted.
    expect(rec.log).toHaveLength(1);
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(41 + 2 + 41 + 41);
  });
});
