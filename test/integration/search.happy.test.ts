import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZListingPage } from '../../src/shared/search.schemas';
import { call, createListing, expectError, expectJson, makerWithHub } from '../helpers';

// Ghent (Broei), Brussels (Atelier Groot Eiland), Rotterdam (RDM): about 50 and 120 km apart.
const GHENT = { lat: 51.0517, lon: 3.7265 };
const BRUSSELS = { lat: 50.8545, lon: 4.339 };
const ROTTERDAM = { lat: 51.8985, lon: 4.417 };

async function network() {
  const ghent = await makerWithHub(GHENT);
  const brussels = await makerWithHub(BRUSSELS);
  const rotterdam = await makerWithHub(ROTTERDAM);
  const plyGhent = await createListing(ghent.session, ghent.hub.slug, {
    title: 'Birch plywood offcuts 18 mm',
  });
  const plyBrussels = await createListing(brussels.session, brussels.hub.slug, {
    title: 'Contreplaqué bouleau 18 mm',
  });
  const acrylic = await createListing(rotterdam.session, rotterdam.hub.slug, {
    title: 'Acrylic sheet remnants 3 mm',
    category: 'acrylic',
    kind: 'reclaimed',
    condition: 'used',
    description: 'Clear and opal PMMA',
  });
  const laser = await createListing(rotterdam.session, rotterdam.hub.slug, {
    title: 'Laser cutter free hours',
    kind: 'machine_time',
    unit: 'hours',
    category: 'laser-cutting',
    quantity: 6,
    lengthMm: null,
    widthMm: null,
    thicknessMm: null,
  });
  return { ghent, brussels, rotterdam, plyGhent, plyBrussels, acrylic, laser };
}

const ids = (page: { items: { id: number }[] }) => page.items.map((l) => l.id);

describe('search', () => {
  // Storage is shared by the tests of a file: one network serves them all.
  let n: Awaited<ReturnType<typeof network>>;
  beforeAll(async () => {
    n = await network();
  });

  it('finds by words, prefixes, and without accents', async () => {
    const byWord = await expectJson(await call('/listings?q=acrylic'), 200, ZListingPage);
    expect(ids(byWord)).toEqual([n.acrylic.id]);
    // Both plywood listings are in a plywood category; the one saying it in its title comes first.
    const byPrefix = await expectJson(await call('/listings?q=plyw'), 200, ZListingPage);
    expect(ids(byPrefix)).toEqual([n.plyGhent.id, n.plyBrussels.id]);
    const noAccent = await expectJson(await call('/listings?q=contreplaque'), 200, ZListingPage);
    expect(ids(noAccent)).toEqual([n.plyBrussels.id, n.plyGhent.id]);
    const inDescription = await expectJson(await call('/listings?q=PMMA'), 200, ZListingPage);
    expect(ids(inDescription)).toEqual([n.acrylic.id]);
  });

  it('sorts nearest first with the distance in km, and limits by radius', async () => {
    const near = `${BRUSSELS.lat},${BRUSSELS.lon}`;
    const all = await expectJson(await call(`/listings?near=${near}`), 200, ZListingPage);
    expect(all.items[0]!.id).toBe(n.plyBrussels.id);
    expect(all.items[0]!.distanceKm).toBe(0);
    const ghentItem = all.items.find((l) => l.id === n.plyGhent.id)!;
    expect(ghentItem.distanceKm).toBeGreaterThan(45);
    expect(ghentItem.distanceKm).toBeLessThan(55);
    const distances = all.items.map((l) => l.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    const within = await expectJson(await call(`/listings?near=${near}&radius_km=60`), 200, ZListingPage);
    expect(ids(within).sort()).toEqual([n.plyGhent.id, n.plyBrussels.id].sort());
  });

  it('filters by kind, category family, condition and hub', async () => {
    expect(ids(await expectJson(await call('/listings?kind=machine_time'), 200, ZListingPage))).toEqual([
      n.laser.id,
    ]);
    expect(ids(await expectJson(await call('/listings?category=wood'), 200, ZListingPage)).sort()).toEqual(
      [n.plyGhent.id, n.plyBrussels.id].sort(),
    );
    expect(ids(await expectJson(await call('/listings?condition=used'), 200, ZListingPage))).toEqual([
      n.acrylic.id,
    ]);
    expect(
      ids(await expectJson(await call(`/listings?hub=${n.rotterdam.hub.slug}`), 200, ZListingPage)).sort(),
    ).toEqual([n.acrylic.id, n.laser.id].sort());
  });

  it('pages with a stable cursor, without repeats, in every sort', async () => {
    for (const query of ['sort=newest', `near=${GHENT.lat},${GHENT.lon}`, 'q=mm&sort=relevance']) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/listings?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await expectJson(await call(url), 200, ZListingPage);
        seen.push(...ids(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      const full = await expectJson(await call(`/listings?${query}&limit=50`), 200, ZListingPage);
      expect(seen).toEqual(ids(full));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('leaves out listings whose availability has ended', async () => {
    const { session, hub } = await makerWithHub();
    // A past end cannot be typed any more: the listing's offer ended after it was published.
    const old = await createListing(session, hub.slug, { availableUntil: '2099-01-01' });
    await env.DB.prepare("UPDATE listings SET available_until = '2020-01-01' WHERE id = ?1")
      .bind(old.id)
      .run();
    const current = await createListing(session, hub.slug, { availableUntil: '2099-01-01' });
    const page = await expectJson(await call(`/listings?hub=${hub.slug}`), 200, ZListingPage);
    expect(ids(page)).toEqual([current.id]);
    expect(ids(page)).not.toContain(old.id);
  });

  it.each([
    '"',
    'plywood"',
    'NEAR(a b)',
    'a OR b',
    'title:acrylic',
    '-x',
    '^start',
    '*',
    '(((',
    "'; DROP TABLE listings; --",
  ])('treats FTS syntax in q as plain text: %s', async (q) => {
    const res = await call(`/listings?q=${encodeURIComponent(q)}`);
    expect([200, 422]).toContain(res.status);
    if (res.status === 422) await expectError(res, 422, 'INVALID_QUERY', ['q']);
    else await expectJson(res, 200, ZListingPage);
    expect((await call('/listings')).status).toBe(200);
  });

  it('refuses malformed search parameters with a 4xx naming them', async () => {
    await expectError(await call('/listings?near=abc'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/listings?near=95,3'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/listings?radius_km=10'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/listings?limit=500'), 422, 'VALIDATION_FAILED', ['limit']);
    await expectError(await call('/listings?kind=spaceship'), 422, 'VALIDATION_FAILED', ['kind']);
    await expectError(await call('/listings?cursor=bm9wZQ'), 400, 'INVALID_CURSOR', ['cursor']);
    await expectError(await call('/listings?hub=nowhere'), 404, 'HUB_NOT_FOUND');
  });
});
