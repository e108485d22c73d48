/**
 * A page read over hubs that were listed with their places before it (a ring of cells, a walk of
 * an index, the hubs of a radius) joins no hub: the Worker adds what each row shows of its hub
 * from the hubs listed. Every row must still show its own hub as the join showed it (names, city,
 * country, kind, place; a hostile name as plain text), in the order the general query gives.
 * And best match with words and a filter's tokens passes over, in its first band (titles), the
 * hubs whose titles the walk found without the words.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { searchListings } from '../../src/modules/listings/listings.service';
import { distanceMetres } from '../../src/modules/search/search.domain';
import type { HubPlace } from '../../src/modules/search/search.statements';
import { ZListingSearch, type TListingPage, type TListingSearch } from '../../src/shared/search.schemas';
import { db, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import { SEEDED_AT, addListings, generalSearch } from '../search-helpers';

const POINT = { lat: 69.65, lon: 18.96 }; // Tromsø
const HOSTILE = '<img src=x onerror=alert(1)> "Fab" & Co';

/** One listing search on a D1 that records its statements: the page and the statements' SQL. */
async function searched(params: string): Promise<{ page: TListingPage; sql: string[] }> {
  const rec = recordingDb();
  const page = await searchListings({ db: rec.db, now: () => new Date(SEEDED_AT) } as Deps, {
    query: ZListingSearch.parse(Object.fromEntries(new URLSearchParams(params))),
    user: null,
  });
  return { page, sql: rec.log.map((s) => s.sql) };
}

describe('a page over hubs listed with their places', () => {
  it('joins no hub, and every row shows its own hub as the hubs table holds it', async () => {
    // Three hubs a few km apart, each named, placed and kinded its own way.
    const made = [
      await makerWithHub({ ...POINT, name: HOSTILE, city: 'Tromsø', kind: 'fab_lab' }),
      await makerWithHub({
        lat: 69.68,
        lon: 18.99,
        name: 'Nord Verksted',
        city: 'Kvaløya',
        kind: 'youth_maker_space',
      }),
      await makerWithHub({
        lat: 69.6,
        lon: 19.1,
        name: 'Ishavs Campus',
        city: 'Tromsdalen',
        kind: 'art_design_workshop',
      }),
    ];
    const hubs: HubPlace[] = [];
    for (const m of made)
      hubs.push(
        (await db
          .prepare('SELECT id, slug, name, city, country, kind, lat, lon FROM hubs WHERE slug = ?1')
          .bind(m.hub.slug)
          .first<HubPlace>())!,
      );
    const [a, b, c] = hubs as [HubPlace, HubPlace, HubPlace];
    const by = (i: number) => made[i]!.me.user.id;
    await addListings(a.id, by(0), 3, { title: 'Birch plank', category: 'solid-wood' });
    await addListings(b.id, by(1), 4, {
      title: 'Plank',
      description: 'Birch from a felled tree',
      category: 'solid-wood',
    });
    await addListings(c.id, by(2), 5, { title: 'Birch plywood', category: 'plywood' });
    await addListings(c.id, by(2), 2, { title: 'Beam', category: 'solid-wood' });
    const byId = new Map(hubs.map((h) => [h.id, h]));
    const bySlug = new Map(hubs.map((h) => [h.slug, h]));
    const metres = new Map(hubs.map((h) => [h.id, distanceMetres(POINT, h)]));
    const near = `near=${POINT.lat},${POINT.lon}`;

    const cases: {
      params: string;
      sort: 'nearest' | 'newest' | 'relevance';
      q?: string;
      category?: string;
    }[] = [
      { params: `${near}&radius_km=50&sort=nearest`, sort: 'nearest' },
      { params: `${near}&sort=nearest`, sort: 'nearest' },
      { params: `${near}&radius_km=50&sort=newest`, sort: 'newest' },
      { params: `${near}&radius_km=50&q=birch`, sort: 'relevance', q: 'birch' },
      {
        params: `${near}&q=birch&category=solid-wood`,
        sort: 'relevance',
        q: 'birch',
        category: 'solid-wood',
      },
    ];
    for (const k of cases) {
      const { page, sql } = await searched(`${k.params}&limit=50`);
      const expected = await generalSearch(
        { sort: k.sort, q: k.q, category: k.category } as TListingSearch,
        metres,
      );
      expect(
        page.items.map((i) => i.id),
        k.params,
      ).toEqual(expected);
      expect(page.items.length, k.params).toBeGreaterThan(0);
      // The page's statement reads listings and their authors, no hub: the hubs came with their places.
      const pageSql = sql.filter((s) => s.includes('found'));
      expect(pageSql.length, k.params).toBeGreaterThan(0);
      for (const s of pageSql) expect(s, k.params).not.toContain('JOIN hubs h ON h.id = t.hub_id');
      // Each row shows its own hub, every field as stored; the hostile name as the same text.
      for (const item of page.items) {
        const row = (await db
          .prepare('SELECT hub_id FROM listings WHERE id = ?1')
          .bind(item.id)
          .first<{ hub_id: number }>())!;
        const hub = byId.get(row.hub_id)!;
        expect(bySlug.get(item.hub.slug), k.params).toBe(hub);
        expect(item.hub, k.params).toEqual({
          slug: hub.slug,
          name: hub.name,
          city: hub.city,
          country: hub.country,
          kind: hub.kind,
          lat: hub.lat,
          lon: hub.lon,
        });
      }
    }
    expect(a.name).toBe(HOSTILE);
  });

  it('passes over, in the titles band, the hubs whose titles do not hold the words', async () => {
    const here = { lat: 70.07, lon: 29.75 }; // Vadsø
    const made = [
      await makerWithHub({ ...here, name: 'Titles' }),
      await makerWithHub({ lat: 70.08, lon: 29.8, name: 'Descriptions' }),
    ];
    const [titled, described] = made.map((m) => m.hub.slug);
    const id = async (slug: string) =>
      (await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(slug).first<{ id: number }>())!.id;
    // One hub holds "larch" in its titles; the other only in descriptions (and in titles of
    // another category, which the filter leaves out).
    await addListings(await id(titled!), made[0]!.me.user.id, 2, {
      title: 'Larch board',
      category: 'softwood',
    });
    await addListings(await id(described!), made[1]!.me.user.id, 3, {
      title: 'Board',
      description: 'Larch, air dried',
      category: 'softwood',
    });
    await addListings(await id(described!), made[1]!.me.user.id, 2, {
      title: 'Larch plywood',
      category: 'plywood',
    });
    const near = `near=${here.lat},${here.lon}`;

    const { page, sql } = await searched(`${near}&q=larch&category=softwood&limit=20`);
    // Titles first (the titled hub's two), then descriptions (three), as the general query ranks.
    expect(page.items.map((i) => i.title)).toEqual([
      'Larch board 2',
      'Larch board 1',
      'Board 3',
      'Board 2',
      'Board 1',
    ]);
    const page0 = sql.find((s) => s.includes('found'))!;
    // The titles band (rank 0) reads the titled hub's range alone: the described hub's is not
    // read for it (its whole rows are, for the band of descriptions).
    const describedId = await id(described!);
    const titledId = await id(titled!);
    const titlesBand = page0.split('UNION ALL').filter((part) => /SELECT 0 AS rank/.test(part));
    expect(titlesBand.length).toBeGreaterThan(0);
    expect(titlesBand.join(' ')).toContain(`(${titledId}, `);
    expect(titlesBand.join(' ')).not.toContain(`(${describedId}, `);

    // With the words in no title of the category anywhere, the titles band reads nothing.
    const none = await searched(`${near}&q=air&category=softwood&limit=20`);
    expect(none.page.items.map((i) => i.title)).toEqual(['Board 3', 'Board 2', 'Board 1']);
    expect(none.sql.find((s) => s.includes('found'))!).not.toMatch(/SELECT 0 AS rank/);
  });
});
