/**
 * `not_hub`: a search leaving out some hubs' rows (the home page's "open requests near my hub"
 * that another hub than mine could fill). Near a point the hubs are dropped from the rings, so
 * their rows are never read; without one, a condition passes over them. Every order pages with
 * no row twice and none missed, and equals the search without `not_hub` less those hubs' rows.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { searchRequests } from '../../src/modules/requests/requests.service';
import { NOT_HUBS, ZListingPage, ZRequestPage, ZRequestSearch } from '../../src/shared/search.schemas';
import { call, db, expectError, expectJson } from '../helpers';
import { newArea, newListing, newRequest, recordingDb } from '../matching-helpers';
import { nearHub } from '../search-helpers';

type Item = { id: number; hub: { slug: string } };

/** Every item of a search, page after page of `limit`, checking no item comes twice. */
async function everyPage(path: string, limit: number, schema: typeof ZRequestPage | typeof ZListingPage) {
  const seen: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: Item[]; nextCursor: string | null } = await expectJson(
      await call(`${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      200,
      schema,
    );
    seen.push(...page.items);
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(60);
  } while (cursor);
  expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
  return seen;
}

async function fourHubs() {
  const makerAt = newArea();
  const [ghent, kortrijk, brussels, leuven] = await Promise.all(
    (['ghent', 'kortrijk', 'brussels', 'leuven'] as const).map((p) => makerAt(p)),
  );
  return { ghent: ghent!, kortrijk: kortrijk!, brussels: brussels!, leuven: leuven! };
}

describe('search leaving out hubs (not_hub)', () => {
  it('requests near my hub in every order: the same pages less my hub’s rows, none twice or missed', async () => {
    const hubs = await fourHubs();
    for (const [i, p] of Object.values(hubs).entries())
      for (let k = 0; k < 2 + i; k++)
        await newRequest(p.session, p.hub.slug, { title: `Plywood wanted ${i}-${k}` });
    const ghent = hubs.ghent.hub;
    const hubRow = await db.prepare('SELECT id, lat, lon FROM hubs WHERE slug = ?1').bind(ghent.slug).first<{
      id: number;
      lat: number;
      lon: number;
    }>();
    const near = `${hubRow!.lat},${hubRow!.lon}`;
    for (const order of [
      `near=${near}&sort=nearest`,
      `near=${near}&sort=nearest&radius_km=60`,
      `q=plywood&near=${near}`,
      `q=plywood&near=${near}&sort=newest`,
      `near=${near}&sort=newest&radius_km=500`,
    ]) {
      const all = await everyPage(`/requests?${order}`, 50, ZRequestPage);
      expect(all.filter((i) => i.hub.slug === ghent.slug).length, order).toBe(2);
      const others = await everyPage(`/requests?${order}&not_hub=${ghent.slug}`, 2, ZRequestPage);
      expect(
        others.map((i) => i.id),
        order,
      ).toEqual(all.filter((i) => i.hub.slug !== ghent.slug).map((i) => i.id));
      expect(others.length, order).toBeGreaterThan(0);
    }

    // Two hubs left out, one of them written with spaces round the comma.
    const two = await everyPage(
      `/requests?near=${near}&sort=nearest&not_hub=${ghent.slug}%20,%20${hubs.kortrijk.hub.slug}`,
      3,
      ZRequestPage,
    );
    expect(new Set(two.map((i) => i.hub.slug))).toEqual(
      new Set([hubs.brussels.hub.slug, hubs.leuven.hub.slug]),
    );
    expect(two).toHaveLength(4 + 5);
  });

  it('without a place, newest first: a condition leaves the hubs’ rows out', async () => {
    const hubs = await fourHubs();
    const word = `zinc${Date.now().toString(36)}`;
    for (const p of Object.values(hubs)) await newRequest(p.session, p.hub.slug, { title: `Zinc ${word}` });
    const all = await everyPage(`/requests?q=${word}&sort=newest`, 50, ZRequestPage);
    expect(all).toHaveLength(4);
    const others = await everyPage(
      `/requests?q=${word}&sort=newest&not_hub=${hubs.leuven.hub.slug}`,
      1,
      ZRequestPage,
    );
    expect(others.map((i) => i.id)).toEqual(
      all.filter((i) => i.hub.slug !== hubs.leuven.hub.slug).map((i) => i.id),
    );
    const byWords = await everyPage(`/requests?q=${word}&not_hub=${hubs.leuven.hub.slug}`, 1, ZRequestPage);
    expect(byWords.map((i) => i.id).sort()).toEqual(others.map((i) => i.id).sort());
  });

  it('listings near a hub leave out that hub’s listings too', async () => {
    const hubs = await fourHubs();
    for (const p of Object.values(hubs)) await newListing(p.session, p.hub.slug);
    const near = await nearHub(hubs.brussels.hub.slug);
    const all = await everyPage(`/listings?near=${near}&radius_km=100&sort=nearest`, 50, ZListingPage);
    expect(all.map((i) => i.hub.slug)).toContain(hubs.brussels.hub.slug);
    const others = await everyPage(
      `/listings?near=${near}&radius_km=100&sort=nearest&not_hub=${hubs.brussels.hub.slug}`,
      1,
      ZListingPage,
    );
    expect(others.map((i) => i.id)).toEqual(
      all.filter((i) => i.hub.slug !== hubs.brussels.hub.slug).map((i) => i.id),
    );
  });

  it('near a point, the hubs left out are not read: a hub of 300 open requests costs no rows', async () => {
    const hubs = await fourHubs();
    const ghent = await db
      .prepare('SELECT id, lat, lon FROM hubs WHERE slug = ?1')
      .bind(hubs.ghent.hub.slug)
      .first<{ id: number; lat: number; lon: number }>();
    await db
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 300)
         INSERT INTO requests (hub_id, author_id, title, category, quantity_milli, unit, fetch_radius_km,
           status, created_at, updated_at)
         SELECT ?1, ?2, 'Plywood wanted ' || i, 'plywood', 4000, 'sheets', 50, 'open',
           '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM seq`,
      )
      .bind(ghent!.id, hubs.ghent.me.user.id)
      .run();
    await newRequest(hubs.kortrijk.session, hubs.kortrijk.hub.slug);
    await newRequest(hubs.brussels.session, hubs.brussels.hub.slug);
    const read = async (q: Record<string, string>) => {
      const rec = recordingDb();
      const page = await searchRequests({ db: rec.db, now: () => new Date() } as Deps, {
        query: ZRequestSearch.parse({
          near: `${ghent!.lat},${ghent!.lon}`,
          radius_km: '60',
          limit: '5',
          ...q,
        }),
        user: null,
      });
      return { page, rows: rec.log.reduce((n, s) => n + s.rowsRead, 0) };
    };
    for (const sort of ['nearest', 'newest']) {
      // Without not_hub, Ghent's own requests are nearest (and 300 of them are there to read).
      const mine = await read({ sort });
      expect(mine.page.items.filter((i) => i.hub.slug === hubs.ghent.hub.slug).length).toBeGreaterThanOrEqual(
        3,
      );
      const others = await read({ sort, not_hub: hubs.ghent.hub.slug });
      expect(others.page.items.map((i) => i.hub.slug).sort()).toEqual(
        [hubs.brussels.hub.slug, hubs.kortrijk.hub.slug].sort(),
      );
      // The hubs and the two other hubs' rows, not the 300 of Ghent.
      expect(others.rows, sort).toBeLessThan(40);
    }
  });

  it('refuses hubs that do not exist, too many, and one hub with hubs left out', async () => {
    const { ghent } = await fourHubs();
    await expectError(await call(`/requests?not_hub=${ghent.hub.slug},no-such-hub`), 404, 'HUB_NOT_FOUND', [
      'not_hub',
    ]);
    const tooMany = Array.from({ length: NOT_HUBS + 1 }, (_, i) => `hub-${i}`).join(',');
    await expectError(await call(`/listings?not_hub=${tooMany}`), 422, 'VALIDATION_FAILED', ['not_hub']);
    await expectError(await call(`/requests?not_hub=%20,%20`), 422, 'VALIDATION_FAILED', ['not_hub']);
    const both = await expectError(
      await call(`/requests?hub=${ghent.hub.slug}&not_hub=${ghent.hub.slug}`, {
        headers: { 'accept-language': 'nl' },
      }),
      422,
      'VALIDATION_FAILED',
      ['not_hub'],
    );
    expect(JSON.stringify(both)).toContain('Zonder de hubs: zoek in één hub of laat hubs weg, niet allebei');
  });
});
