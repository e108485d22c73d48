/**
 * With words, results come best first: a match in the title or the category's names above one in
 * the description, then the nearest (with a point), then the newest; paging never repeats or
 * skips a row in any order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ZListingPage, type TListingPage } from '../../src/shared/schemas';
import { call, createListing, expectJson, makerWithHub } from '../helpers';

const GHENT = { lat: 51.0517, lon: 3.7265 };
const BRUSSELS = { lat: 50.8545, lon: 4.339 };
const ids = (page: { items: { id: number }[] }) => page.items.map((l) => l.id);

async function allPages(path: string, limit: number): Promise<{ ids: number[]; pages: number }> {
  const out: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: TListingPage = await expectJson(await call(url), 200, ZListingPage);
    out.push(...ids(page));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { ids: out, pages };
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
        expect(paged.pages).toBe(Math.ceil(whole.length / limit));
      }
    }
  });
});
