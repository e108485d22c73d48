import { describe, expect, it } from 'vitest';
import { ZHub } from '../../src/shared/hubs.schemas';
import { ZRequest, type TRequest } from '../../src/shared/requests.schemas';
import { ZRequestPage } from '../../src/shared/search.schemas';
import {
  call,
  count,
  createHub,
  db,
  expectJson,
  HUB_DEFAULTS,
  invite,
  makerWithHub,
  signup,
  type Session,
} from '../helpers';

const REQUEST = {
  title: 'Plywood for shelves',
  description: 'For a library corner in the youth space',
  category: 'plywood',
  quantity: 4,
  unit: 'sheets',
} as const;

async function createRequest(session: Session, hub: string, overrides: Record<string, unknown> = {}) {
  return expectJson(
    await call('/requests', { session, body: { ...REQUEST, hub, ...overrides } }),
    201,
    ZRequest,
  );
}

const row = (id: number) =>
  db.prepare('SELECT * FROM requests WHERE id = ?1').bind(id).first<Record<string, unknown>>();

async function search(query: string, session?: Session) {
  return expectJson(await call(`/requests?${query}`, session ? { session } : {}), 200, ZRequestPage);
}

/** Every item of a search, following nextCursor page by page. */
async function walk(query: string): Promise<{ pages: TRequest[][]; cursors: (string | null)[] }> {
  const pages: TRequest[][] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const page = await search(cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query);
    pages.push(page.items);
    cursors.push(page.nextCursor);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 10);
  return { pages, cursors };
}

describe('requests: happy paths', () => {
  it('lets a member create a request, stored in thousandths', async () => {
    const { session, hub, me } = await makerWithHub();
    const created = await createRequest(session, hub.slug, {
      quantity: 2.5,
      unit: 'm2',
      minLengthMm: 600,
      neededBy: '2027-03-01',
      fetchRadiusKm: 25,
    });
    expect(created).toMatchObject({
      title: REQUEST.title,
      description: REQUEST.description,
      category: 'plywood',
      quantity: 2.5,
      unit: 'm2',
      minLengthMm: 600,
      minWidthMm: null,
      neededBy: '2027-03-01',
      fetchRadiusKm: 25,
      status: 'open',
      hub: { slug: hub.slug, city: 'Ghent' },
      author: { id: me.user.id, displayName: 'Test Maker' },
      distanceKm: null,
      canEdit: true,
    });
    expect(await row(created.id)).toMatchObject({
      quantity_milli: 2500,
      status: 'open',
      author_id: me.user.id,
      fetch_radius_km: 25,
      hub_id: (await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(hub.slug).first())?.id,
    });
  });

  it('fills defaults and keeps thousandths exact', async () => {
    const { session, hub } = await makerWithHub();
    const small = await createRequest(session, hub.slug, { quantity: 0.001, description: undefined });
    const odd = await createRequest(session, hub.slug, { quantity: 1234.567 });
    expect(small).toMatchObject({ quantity: 0.001, description: '', fetchRadiusKm: 50, neededBy: null });
    expect((await row(small.id))?.quantity_milli).toBe(1);
    expect((await row(odd.id))?.quantity_milli).toBe(1_234_567);
    expect(odd.quantity).toBe(1234.567);
  });

  it('lets a plain member of the hub ask too', async () => {
    const manager = await makerWithHub();
    const member = await signup();
    await invite(manager.session, manager.hub.slug, member.session);
    const created = await createRequest(member.session, manager.hub.slug);
    expect(created.author.id).toBe(member.me.user.id);
    expect(await count('SELECT count(*) AS n FROM requests WHERE author_id = ?1', member.me.user.id)).toBe(1);
  });

  it('shows one request to anyone, with canEdit for its author and the hub’s managers', async () => {
    const manager = await makerWithHub();
    const member = await signup();
    await invite(manager.session, manager.hub.slug, member.session);
    const created = await createRequest(member.session, manager.hub.slug);

    const anonymous = await expectJson(await call(`/requests/${created.id}`), 200, ZRequest);
    expect(anonymous).toEqual({ ...created, canEdit: false });
    expect(
      (await expectJson(await call(`/requests/${created.id}`, { session: member.session }), 200, ZRequest))
        .canEdit,
    ).toBe(true);
    expect(
      (await expectJson(await call(`/requests/${created.id}`, { session: manager.session }), 200, ZRequest))
        .canEdit,
    ).toBe(true);
  });

  it('lets the author edit, and stores the change', async () => {
    const { session, hub } = await makerWithHub();
    const created = await createRequest(session, hub.slug);
    const updated = await expectJson(
      await call(`/requests/${created.id}`, {
        session,
        method: 'PATCH',
        body: {
          title: 'Birch plywood for shelves',
          quantity: 0.75,
          category: 'birch-plywood',
          neededBy: null,
        },
      }),
      200,
      ZRequest,
    );
    expect(updated).toMatchObject({
      title: 'Birch plywood for shelves',
      quantity: 0.75,
      category: 'birch-plywood',
      description: REQUEST.description,
      status: 'open',
    });
    expect(await row(created.id)).toMatchObject({
      title: 'Birch plywood for shelves',
      quantity_milli: 750,
      category: 'birch-plywood',
      description: REQUEST.description,
      unit: 'sheets',
    });
    // The full-text index follows the edit.
    expect((await search(`q=birch&hub=${hub.slug}`)).items.map((r) => r.id)).toEqual([created.id]);
  });

  it('lets a manager of the hub mark a member’s request fulfilled; it leaves search but is kept', async () => {
    const manager = await makerWithHub();
    const member = await signup();
    await invite(manager.session, manager.hub.slug, member.session);
    const created = await createRequest(member.session, manager.hub.slug);
    expect((await search(`hub=${manager.hub.slug}`)).items.map((r) => r.id)).toContain(created.id);

    const fulfilled = await expectJson(
      await call(`/requests/${created.id}`, {
        session: manager.session,
        method: 'PATCH',
        body: { status: 'fulfilled' },
      }),
      200,
      ZRequest,
    );
    expect(fulfilled.status).toBe('fulfilled');
    expect((await row(created.id))?.status).toBe('fulfilled');
    expect((await search(`hub=${manager.hub.slug}`)).items.map((r) => r.id)).not.toContain(created.id);
    expect((await expectJson(await call(`/hubs/${manager.hub.slug}`), 200, ZHub)).openRequestCount).toBe(0);

    // And it can be opened again.
    await call(`/requests/${created.id}`, {
      session: member.session,
      method: 'PATCH',
      body: { status: 'open' },
    });
    expect((await row(created.id))?.status).toBe('open');
  });

  it('withdraws on DELETE: the row is kept as withdrawn and leaves search', async () => {
    const { session, hub } = await makerWithHub();
    const created = await createRequest(session, hub.slug, { title: 'Withdrawable walnut' });
    const withdrawn = await expectJson(
      await call(`/requests/${created.id}`, { session, method: 'DELETE' }),
      200,
      ZRequest,
    );
    expect(withdrawn).toMatchObject({ id: created.id, status: 'withdrawn' });
    expect(await row(created.id)).toMatchObject({ status: 'withdrawn', title: 'Withdrawable walnut' });
    expect((await search(`hub=${hub.slug}`)).items).toEqual([]);
    expect((await search('q=walnut')).items.map((r) => r.id)).not.toContain(created.id);
    expect((await expectJson(await call(`/requests/${created.id}`), 200, ZRequest)).status).toBe('withdrawn');
  });

  it('searches the full text of title and description, with a prefix on the last word', async () => {
    const { session, hub } = await makerWithHub();
    const oak = await createRequest(session, hub.slug, {
      title: 'Oak beams for a pergola',
      description: 'Reclaimed is fine',
      category: 'hardwood',
    });
    const felt = await createRequest(session, hub.slug, {
      title: 'Wool felt',
      description: 'For acoustic panels in the café',
      category: 'wool',
      unit: 'kg',
    });
    const ids = async (q: string) =>
      (await search(`q=${encodeURIComponent(q)}&hub=${hub.slug}`)).items.map((r) => r.id);
    expect(await ids('oak')).toEqual([oak.id]);
    expect(await ids('pergo')).toEqual([oak.id]);
    expect(await ids('acoustic panels')).toEqual([felt.id]);
    expect(await ids('CAFE')).toEqual([felt.id]);
    expect(await ids('oak felt')).toEqual([]);
    expect(await ids('zeppelin')).toEqual([]);
  });

  it('filters by category, including every category below it', async () => {
    const { session, hub } = await makerWithHub();
    const ply = await createRequest(session, hub.slug, { category: 'plywood' });
    const birch = await createRequest(session, hub.slug, { category: 'birch-plywood' });
    const mdf = await createRequest(session, hub.slug, { category: 'mdf' });
    const acrylic = await createRequest(session, hub.slug, { category: 'acrylic' });
    const ids = async (category: string) =>
      (await search(`category=${category}&hub=${hub.slug}`)).items.map((r) => r.id).sort((a, b) => a - b);

    expect(await ids('wood')).toEqual([ply.id, birch.id, mdf.id].sort((a, b) => a - b));
    expect(await ids('plywood')).toEqual([ply.id, birch.id].sort((a, b) => a - b));
    expect(await ids('birch-plywood')).toEqual([birch.id]);
    expect(await ids('plastics')).toEqual([acrylic.id]);
    expect(await ids('metals')).toEqual([]);
  });

  it('filters by hub', async () => {
    const a = await makerWithHub();
    const b = await createHub(a.session);
    const inA = await createRequest(a.session, a.hub.slug);
    const inB = await createRequest(a.session, b.slug);
    expect((await search(`hub=${a.hub.slug}`)).items.map((r) => r.id)).toEqual([inA.id]);
    expect((await search(`hub=${b.slug}`)).items.map((r) => r.id)).toEqual([inB.id]);
  });

  it('searches near a point: distance in km on each result, nearest first, radius excluding far hubs', async () => {
    const { session } = await signup();
    const here = await createHub(session, { lat: HUB_DEFAULTS.lat, lon: HUB_DEFAULTS.lon });
    const near = await createHub(session, { lat: HUB_DEFAULTS.lat + 0.2, lon: HUB_DEFAULTS.lon });
    const far = await createHub(session, { lat: HUB_DEFAULTS.lat + 0.9, lon: HUB_DEFAULTS.lon });
    // Created far-to-near, so "nearest first" is not simply "newest first".
    const rFar = await createRequest(session, far.slug, {
      title: 'Quixotic copper offcuts',
      category: 'copper',
    });
    const rNear = await createRequest(session, near.slug, {
      title: 'Quixotic copper wire',
      category: 'copper',
    });
    const rHere = await createRequest(session, here.slug, {
      title: 'Quixotic copper pipe',
      category: 'copper',
    });
    const point = `near=${HUB_DEFAULTS.lat},${HUB_DEFAULTS.lon}`;

    const all = await search(`q=quixotic&${point}`);
    expect(all.items.map((r) => [r.id, r.distanceKm])).toEqual([
      [rHere.id, 0],
      [rNear.id, 22.2],
      [rFar.id, 100.1],
    ]);

    const within = await search(`q=quixotic&${point}&radius_km=50`);
    expect(within.items.map((r) => r.id)).toEqual([rHere.id, rNear.id]);
    expect(within.items.every((r) => r.distanceKm !== null && r.distanceKm <= 50)).toBe(true);

    const tight = await search(`category=copper&${point}&radius_km=10&sort=nearest`);
    expect(tight.items.map((r) => r.id)).toEqual([rHere.id]);

    // Without a point there is no distance.
    expect((await search('q=quixotic')).items.every((r) => r.distanceKm === null)).toBe(true);
  });

  it('pages with a cursor: limit=2 over 5 requests walks them all once, newest first', async () => {
    const { session, hub } = await makerWithHub();
    const made: number[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await createRequest(session, hub.slug, { title: `Paged request ${i}` })).id);

    const { pages, cursors } = await walk(`hub=${hub.slug}&limit=2`);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(cursors.at(-1)).toBeNull();
    expect(cursors.slice(0, -1).every((c) => typeof c === 'string')).toBe(true);
    const ids = pages.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual([...made].reverse());
  });

  it('pages by distance and by relevance without duplicates, ties broken by id', async () => {
    const { session, hub } = await makerWithHub();
    const made: number[] = [];
    for (let i = 0; i < 5; i++)
      made.push(
        (await createRequest(session, hub.slug, { title: `Jacquard loom yarn ${i}`, category: 'wool' })).id,
      );

    const byDistance = await walk(`hub=${hub.slug}&limit=2&near=50.85,4.35`);
    expect(byDistance.pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(byDistance.pages.flat().map((r) => r.id)).toEqual([...made].reverse());
    expect(new Set(byDistance.pages.flat().map((r) => r.distanceKm)).size).toBe(1);

    const byRelevance = await walk(`hub=${hub.slug}&limit=2&q=jacquard&sort=relevance`);
    expect(byRelevance.pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(
      byRelevance.pages
        .flat()
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(made);
  });

  it('answers an empty search with an empty page', async () => {
    const { hub } = await makerWithHub();
    expect(await search(`hub=${hub.slug}`)).toEqual({ items: [], nextCursor: null, sort: 'newest' });
    // An empty text is no text: the same as not searching by text.
    expect(await search('q=&limit=50')).toEqual(await search('limit=50'));
  });
});
