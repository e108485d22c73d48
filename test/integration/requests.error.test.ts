import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/modules/search/search.domain';
import { ZRequest } from '../../src/shared/requests.schemas';
import { ZRequestPage } from '../../src/shared/search.schemas';
import { call, count, db, expectError, expectJson, makerWithHub, type Session } from '../helpers';

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

describe('requests: bad input', () => {
  it('refuses a negative, zero, absurd or too precise quantity, naming quantity, and writes nothing', async () => {
    const { session, hub } = await makerWithHub();
    const before = await requestCount();
    for (const quantity of [-1, 0, 1e12, 1.0001, '4'])
      await expectError(
        await call('/requests', { session, body: { ...REQUEST, hub: hub.slug, quantity } }),
        422,
        'VALIDATION_FAILED',
        ['quantity'],
      );
    expect(await requestCount()).toBe(before);
  });

  it('refuses an unknown category or unit, and a bad date', async () => {
    const { session, hub } = await makerWithHub();
    const before = await requestCount();
    await expectError(
      await call('/requests', { session, body: { ...REQUEST, hub: hub.slug, category: 'unobtainium' } }),
      422,
      'VALIDATION_FAILED',
      ['category'],
    );
    await expectError(
      await call('/requests', {
        session,
        body: { ...REQUEST, hub: hub.slug, unit: 'bushels', neededBy: 'next week', fetchRadiusKm: 0 },
      }),
      422,
      'VALIDATION_FAILED',
      ['fetchRadiusKm', 'neededBy', 'unit'],
    );
    await expectError(await call('/requests', { session, body: {} }), 422, 'VALIDATION_FAILED', [
      'category',
      'hub',
      'quantity',
      'title',
      'unit',
    ]);
    expect(await requestCount()).toBe(before);
  });

  it('refuses a needed-by date in the past in words, on create and on an edit that changes it', async () => {
    const { session, hub } = await makerWithHub();
    const before = await requestCount();
    const res = await call('/requests', {
      session,
      body: { ...REQUEST, hub: hub.slug, neededBy: '2020-01-01' },
      headers: { 'accept-language': 'en' },
    });
    const body = await expectError(res, 422, 'VALIDATION_FAILED', ['neededBy']);
    expect(body.error.details?.fields).toEqual([
      { path: 'neededBy', message: 'Needed by: cannot be in the past' },
    ]);
    expect(await requestCount()).toBe(before);
    const created = await createRequest(session, hub.slug, { neededBy: '2099-01-01' });
    const edit = await call(`/requests/${created.id}`, {
      session,
      method: 'PATCH',
      body: { neededBy: '2021-05-01' },
      headers: { 'accept-language': 'nl' },
    });
    const refused = await expectError(edit, 422, 'VALIDATION_FAILED', ['neededBy']);
    expect(refused.error.details?.fields?.[0]?.message).toBe('Nodig tegen: mag niet in het verleden liggen');
    expect(
      await count(
        "SELECT count(*) AS n FROM requests WHERE id = ?1 AND needed_by = '2099-01-01'",
        created.id,
      ),
    ).toBe(1);
  });

  it('refuses fields a client may not set (id, author, status), and writes nothing', async () => {
    const { session, hub } = await makerWithHub();
    const before = await requestCount();
    await expectError(
      await call('/requests', {
        session,
        body: { ...REQUEST, hub: hub.slug, id: 1, author: 2, status: 'fulfilled', author_id: 3 },
      }),
      422,
      'VALIDATION_FAILED',
      ['author', 'author_id', 'id', 'status'],
    );
    expect(await requestCount()).toBe(before);
  });

  it('answers a request for an unknown hub with 404 and writes nothing', async () => {
    const { session } = await makerWithHub();
    const before = await requestCount();
    await expectError(
      await call('/requests', { session, body: { ...REQUEST, hub: 'no-such-hub' } }),
      404,
      'HUB_NOT_FOUND',
    );
    expect(await requestCount()).toBe(before);
  });

  it('refuses id, author, a withdrawn status or a hub switch in an edit, and changes nothing', async () => {
    const { session, hub } = await makerWithHub();
    const other = await makerWithHub();
    const created = await createRequest(session, hub.slug);
    const before = await row(created.id);
    const patch = (body: unknown) => call(`/requests/${created.id}`, { session, method: 'PATCH', body });

    await expectError(
      await patch({ title: 'Sneaky edit', id: 99, author: other.me.user.id, hub: other.hub.slug }),
      422,
      'VALIDATION_FAILED',
      ['author', 'hub', 'id'],
    );
    await expectError(await patch({ status: 'withdrawn' }), 422, 'VALIDATION_FAILED', ['status']);
    await expectError(await patch({ quantity: 0 }), 422, 'VALIDATION_FAILED', ['quantity']);
    await expectError(await patch({ quantity: 1.0001, category: 'wood-ish' }), 422, 'VALIDATION_FAILED', [
      'category',
      'quantity',
    ]);
    await expectError(await patch({}), 422, 'VALIDATION_FAILED', ['']);
    await expectError(await patch('{"title": '), 400, 'MALFORMED_JSON');

    expect(await row(created.id)).toEqual(before);
  });

  it('answers unknown or malformed ids', async () => {
    const { session } = await makerWithHub();
    await expectError(await call('/requests/999999'), 404, 'REQUEST_NOT_FOUND');
    await expectError(
      await call('/requests/999999', { session, method: 'PATCH', body: { title: 'Nobody' } }),
      404,
      'REQUEST_NOT_FOUND',
    );
    await expectError(
      await call('/requests/999999', { session, method: 'DELETE' }),
      404,
      'REQUEST_NOT_FOUND',
    );
    await expectError(await call('/requests/abc'), 422, 'VALIDATION_FAILED', ['id']);
    await expectError(await call('/requests/0'), 422, 'VALIDATION_FAILED', ['id']);
    expect(await count('SELECT count(*) AS n FROM requests WHERE id = 999999')).toBe(0);
  });

  it('refuses to edit or withdraw a withdrawn request (409) and keeps it withdrawn', async () => {
    const { session, hub } = await makerWithHub();
    const created = await createRequest(session, hub.slug);
    expect((await call(`/requests/${created.id}`, { session, method: 'DELETE' })).status).toBe(200);
    const before = await row(created.id);

    await expectError(
      await call(`/requests/${created.id}`, { session, method: 'DELETE' }),
      409,
      'INVALID_STATE',
    );
    await expectError(
      await call(`/requests/${created.id}`, { session, method: 'PATCH', body: { status: 'open' } }),
      409,
      'INVALID_STATE',
    );
    expect(await row(created.id)).toEqual(before);
    expect(before?.status).toBe('withdrawn');
  });
});

describe('requests: bad searches', () => {
  it('never fails on FTS syntax in q: 200, or 422 INVALID_QUERY when no words are left', async () => {
    const { session, hub } = await makerWithHub();
    await createRequest(session, hub.slug, { title: 'Birch plywood sheets' });
    const before = await requestCount();
    const texts = [
      '"',
      '""',
      '"plywood',
      'plywood"',
      '*',
      'plyw*',
      '* plywood',
      'NEAR(',
      'NEAR(birch plywood)',
      'NEAR(birch plywood, 2)',
      'OR',
      'birch OR',
      'OR birch',
      'AND',
      'NOT plywood',
      '-',
      '-plywood',
      'birch - plywood',
      ':',
      'title:plywood',
      'title : birch',
      '{title}: birch',
      '^',
      '^birch',
      '(',
      ')',
      '(birch',
      'birch)',
      '()',
      '(birch OR plywood) AND NOT "x"',
      "'; DROP TABLE requests; --",
      '\\',
      '%',
      '+',
      '„birch“',
      '🙂',
    ];
    for (const q of texts) {
      const res = await call(`/requests?q=${encodeURIComponent(q)}`);
      if (/[\p{L}\p{N}]/u.test(q)) {
        await expectJson(res, 200, ZRequestPage);
      } else {
        await expectError(res, 422, 'INVALID_QUERY', ['q']);
      }
    }
    // Quoted words are plain text: the punctuation around them does not change what is found.
    for (const q of ['"birch', 'birch*', '^birch', '(birch)', '-birch', 'birch:'])
      expect(
        (
          await expectJson(
            await call(`/requests?q=${encodeURIComponent(q)}&hub=${hub.slug}`),
            200,
            ZRequestPage,
          )
        ).items.map((r) => r.title),
        q,
      ).toEqual(['Birch plywood sheets']);
    // Nothing typed into a search reaches the tables themselves.
    expect(await requestCount()).toBe(before);
    expect(await count("SELECT count(*) AS n FROM requests WHERE title = 'Birch plywood sheets'")).toBe(1);
  });

  it('refuses a text that is too long', async () => {
    await expectError(await call(`/requests?q=${'a'.repeat(201)}`), 422, 'VALIDATION_FAILED', ['q']);
  });

  it('answers an invalid or foreign cursor with 400 INVALID_CURSOR', async () => {
    await expectError(await call('/requests?cursor=garbage'), 400, 'INVALID_CURSOR', ['cursor']);
    await expectError(await call('/requests?cursor=eyJzIjoibmV3ZXN0In0'), 400, 'INVALID_CURSOR', ['cursor']);
    const newest = encodeCursor({ s: 'newest', id: 5 });
    const nearest = encodeCursor({ s: 'nearest', d: 1000, id: 5 });
    await expectError(await call(`/requests?cursor=${nearest}`), 400, 'INVALID_CURSOR', ['cursor']);
    await expectError(await call(`/requests?cursor=${newest}&near=51,3.7`), 400, 'INVALID_CURSOR', [
      'cursor',
    ]);
    await expectError(await call(`/requests?cursor=${newest}&q=oak`), 400, 'INVALID_CURSOR', ['cursor']);
    await expectJson(await call(`/requests?cursor=${newest}`), 200, ZRequestPage);
  });

  it('needs near for a radius or a distance sort, and names near', async () => {
    await expectError(await call('/requests?radius_km=50'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/requests?sort=nearest'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/requests?sort=relevance'), 422, 'VALIDATION_FAILED', ['q']);
  });

  it('refuses a malformed point, radius, limit or sort', async () => {
    await expectError(await call('/requests?near=ghent'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/requests?near=95,3'), 422, 'VALIDATION_FAILED', ['near']);
    await expectError(await call('/requests?near=51,3&radius_km=-5'), 422, 'VALIDATION_FAILED', [
      'radius_km',
    ]);
    await expectError(await call('/requests?near=51,3&radius_km=far'), 422, 'VALIDATION_FAILED', [
      'radius_km',
    ]);
    await expectError(await call('/requests?limit=0'), 422, 'VALIDATION_FAILED', ['limit']);
    await expectError(await call('/requests?limit=51'), 422, 'VALIDATION_FAILED', ['limit']);
    await expectError(await call('/requests?sort=random'), 422, 'VALIDATION_FAILED', ['sort']);
    await expectError(await call('/requests?category=unobtainium'), 422, 'VALIDATION_FAILED', ['category']);
  });

  it('answers a search in an unknown hub with 404', async () => {
    await expectError(await call('/requests?hub=no-such-hub'), 404, 'HUB_NOT_FOUND');
  });

  it('still answers a near search when the network has 60 hubs', async () => {
    const { session, hub } = await makerWithHub();
    await createRequest(session, hub.slug, { title: 'Needle in the network' });
    const now = new Date().toISOString();
    await db.batch(
      Array.from({ length: 60 }, (_, i) =>
        db
          .prepare(
            `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
             VALUES (?1, ?2, 'Ghent', 'BE', 'fab_lab', ?3, 3.72, ?4, ?4)`,
          )
          .bind(`bulk-hub-${i}`, `Bulk hub ${i}`, 51 + i / 1000, now),
      ),
    );
    const page = await expectJson(await call('/requests?near=51.05,3.72&radius_km=100'), 200, ZRequestPage);
    expect(page.items.map((r) => r.title)).toContain('Needle in the network');
  });
});
