import { beforeAll, describe, expect, it } from 'vitest';
import { ZRequest } from '../../src/shared/requests.schemas';
import {
  call,
  count,
  db,
  expectError,
  expectJson,
  invite,
  makerWithHub,
  signup,
  type Session,
} from '../helpers';

const REQUEST = {
  title: 'Plywood for shelves',
  description: 'For a library corner',
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

const requestCount = () => count('SELECT count(*) AS n FROM requests');
const row = (id: number) =>
  db.prepare('SELECT * FROM requests WHERE id = ?1').bind(id).first<Record<string, unknown>>();

/** A hub with a manager, the member who asked, another plain member, and a manager of another hub. */
async function cast() {
  const manager = await makerWithHub();
  const author = await signup();
  const peer = await signup();
  await invite(manager.session, manager.hub.slug, author.session);
  await invite(manager.session, manager.hub.slug, peer.session);
  const stranger = await makerWithHub();
  const request = await createRequest(author.session, manager.hub.slug);
  return { manager, author, peer, stranger, request, slug: manager.hub.slug };
}

// Refusals change nothing, so one cast serves every test; tests that change state make their own rows.
let shared: Awaited<ReturnType<typeof cast>>;
beforeAll(async () => {
  shared = await cast();
});

describe('requests: who may do what', () => {
  it('answers anonymous writes with 401 and changes nothing', async () => {
    const { request, slug } = shared;
    const before = { n: await requestCount(), row: await row(request.id) };
    await expectError(await call('/requests', { body: { ...REQUEST, hub: slug } }), 401, 'UNAUTHENTICATED');
    await expectError(
      await call(`/requests/${request.id}`, { method: 'PATCH', body: { title: 'Anonymous edit' } }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(await call(`/requests/${request.id}`, { method: 'DELETE' }), 401, 'UNAUTHENTICATED');
    expect(await requestCount()).toBe(before.n);
    expect(await row(request.id)).toEqual(before.row);
  });

  it('lets only members of the hub ask for something in its name (403 NOT_A_MEMBER)', async () => {
    const { stranger, slug } = shared;
    const loner = await signup();
    const before = await requestCount();
    for (const who of [stranger, loner])
      await expectError(
        await call('/requests', { session: who.session, body: { ...REQUEST, hub: slug } }),
        403,
        'NOT_A_MEMBER',
      );
    expect(await requestCount()).toBe(before);
    expect(await count('SELECT count(*) AS n FROM requests WHERE author_id = ?1', stranger.me.user.id)).toBe(
      0,
    );
  });

  it('refuses edits and withdrawal by a manager of another hub (403) and changes nothing', async () => {
    const { stranger, request } = shared;
    const before = await row(request.id);
    await expectError(
      await call(`/requests/${request.id}`, {
        session: stranger.session,
        method: 'PATCH',
        body: { title: 'Taken over', status: 'fulfilled' },
      }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/requests/${request.id}`, { session: stranger.session, method: 'DELETE' }),
      403,
      'FORBIDDEN',
    );
    expect(await row(request.id)).toEqual(before);
  });

  it('refuses edits and withdrawal by another plain member of the same hub', async () => {
    const { peer, request } = shared;
    const before = await row(request.id);
    await expectError(
      await call(`/requests/${request.id}`, {
        session: peer.session,
        method: 'PATCH',
        body: { quantity: 1 },
      }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/requests/${request.id}`, { session: peer.session, method: 'DELETE' }),
      403,
      'FORBIDDEN',
    );
    expect(await row(request.id)).toEqual(before);
  });

  it('lets the hub’s manager withdraw a member’s request', async () => {
    const { manager, author, slug } = shared;
    const request = await createRequest(author.session, slug, { title: 'To be withdrawn' });
    const res = await call(`/requests/${request.id}`, { session: manager.session, method: 'DELETE' });
    expect((await expectJson(res, 200, ZRequest)).status).toBe('withdrawn');
    expect((await row(request.id))?.status).toBe('withdrawn');
  });

  it('tells each viewer whether they may edit', async () => {
    const { manager, author, peer, stranger, request } = shared;
    const canEdit = async (session?: Session) =>
      (await expectJson(await call(`/requests/${request.id}`, session ? { session } : {}), 200, ZRequest))
        .canEdit;
    expect(await canEdit(author.session)).toBe(true);
    expect(await canEdit(manager.session)).toBe(true);
    expect(await canEdit(peer.session)).toBe(false);
    expect(await canEdit(stranger.session)).toBe(false);
    expect(await canEdit()).toBe(false);
    // The same in a search's page (who is asking is read beside the search), by words and by place.
    const { slug } = shared;
    for (const query of [
      `hub=${slug}`,
      `hub=${slug}&q=plywood%20shelves`,
      `near=${request.hub.lat},${request.hub.lon}`,
    ]) {
      const found = async (session?: Session) => {
        const res = await call(`/requests?${query}&limit=50`, session ? { session } : {});
        expect(res.status, query).toBe(200);
        const page = (await res.json()) as { items: { id: number; canEdit: boolean }[] };
        return page.items.find((i) => i.id === request.id)?.canEdit;
      };
      expect(await found(author.session), query).toBe(true);
      expect(await found(manager.session), query).toBe(true);
      expect(await found(peer.session), query).toBe(false);
      expect(await found(stranger.session), query).toBe(false);
      expect(await found(), query).toBe(false);
    }
  });

  it('refuses writes without our Origin (CSRF) and changes nothing', async () => {
    const { author, request, slug } = shared;
    const before = { n: await requestCount(), row: await row(request.id) };
    const s = author.session;
    for (const o of [{ noOrigin: true }, { headers: { origin: 'https://evil.example' } }]) {
      await expectError(
        await call('/requests', { session: s, body: { ...REQUEST, hub: slug }, ...o }),
        403,
        'CSRF_FAILED',
      );
      await expectError(
        await call(`/requests/${request.id}`, {
          session: s,
          method: 'PATCH',
          body: { title: 'Forged edit' },
          ...o,
        }),
        403,
        'CSRF_FAILED',
      );
      await expectError(
        await call(`/requests/${request.id}`, { session: s, method: 'DELETE', ...o }),
        403,
        'CSRF_FAILED',
      );
    }
    expect(await requestCount()).toBe(before.n);
    expect(await row(request.id)).toEqual(before.row);
  });

  it('lets anyone search and read requests without signing in', async () => {
    const { request, slug } = shared;
    expect((await call(`/requests?hub=${slug}`)).status).toBe(200);
    expect((await call(`/requests/${request.id}`)).status).toBe(200);
  });
});
