import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { BOOKMARK_COOKIE, BOOKMARK_HEADER } from '../../src/http/middleware/d1-session';
import { call, createListing, db, expectJson, LISTING, makerWithHub, ORIGIN } from '../helpers';

const BOOKMARK = /^[0-9a-f]+(-[0-9a-f]+)*$/i;

/** D1 bookmarks sort in commit order (their first groups are the position in the log). */
const atLeast = (a: string, b: string) => a.localeCompare(b) >= 0;

describe('D1 sessions: read-your-writes', () => {
  it('answers every API call with the session bookmark, reads too', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
    // A read does not move the cookie; only writes do.
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a write returns a newer bookmark in the header and the cookie, and a read passed it sees the write', async () => {
    const { session, hub } = await makerWithHub();
    const before = (await call('/health')).headers.get(BOOKMARK_HEADER)!;

    const created = await call('/listings', {
      session,
      body: { ...LISTING, hub: hub.slug, title: 'Oak offcuts, bookmarked' },
    });
    const listing = await expectJson(created, 201, ZListing);
    const bookmark = created.headers.get(BOOKMARK_HEADER)!;
    expect(bookmark).toMatch(BOOKMARK);
    expect(atLeast(bookmark, before)).toBe(true);
    expect(bookmark).not.toBe(before);
    const cookie = created.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${BOOKMARK_COOKIE}=${bookmark}`);
    expect(cookie).toMatch(/HttpOnly/i);

    // Passed back in the header: the read starts from that bookmark and sees the new listing.
    const byHeader = await call(`/listings/${listing.id}`, {
      session,
      headers: { [BOOKMARK_HEADER]: bookmark },
    });
    expect((await expectJson(byHeader, 200, ZListing)).title).toBe('Oak offcuts, bookmarked');
    expect(atLeast(byHeader.headers.get(BOOKMARK_HEADER)!, bookmark)).toBe(true);

    // Passed back in the cookie, as the browser does.
    const byCookie = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/listings/${listing.id}`, {
        headers: { cookie: `${session.cookie}; ${BOOKMARK_COOKIE}=${bookmark}` },
      }),
    );
    expect((await expectJson(byCookie, 200, ZListing)).id).toBe(listing.id);
    expect(byCookie.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
  });

  it('an edit followed by a read from the edit’s bookmark sees the edit; the database holds it', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const edit = await call(`/listings/${id}`, {
      session,
      method: 'PATCH',
      body: { title: 'Walnut, edited just now' },
    });
    expect(edit.status).toBe(200);
    const read = await call(`/listings/${id}`, {
      session,
      headers: { [BOOKMARK_HEADER]: edit.headers.get(BOOKMARK_HEADER)! },
    });
    expect((await expectJson(read, 200, ZListing)).title).toBe('Walnut, edited just now');
    const row = await db
      .prepare('SELECT title FROM listings WHERE id = ?1')
      .bind(id)
      .first<{ title: string }>();
    expect(row?.title).toBe('Walnut, edited just now');
  });

  it('ignores a bookmark that is not one, and still answers', async () => {
    for (const bad of ['../../etc', 'x'.repeat(300), "1' OR 1=1", 'zzzz-0000']) {
      const res = await call('/health', { headers: { [BOOKMARK_HEADER]: bad } });
      expect(res.status).toBe(200);
      expect(res.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK);
    }
  });

  it('starts writes from the primary and reads from the bookmark (the session the Worker asks D1 for)', async () => {
    const seen: (string | undefined)[] = [];
    const DB = new Proxy(env.DB, {
      get(target, key) {
        if (key === 'withSession')
          return (c?: string) => {
            seen.push(c);
            return target.withSession(c);
          };
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const { createApp } = await import('../../src/app');
    const app = createApp();
    const ctx = {
      waitUntil: () => {},
      passThroughOnException: () => {},
      props: {},
    } as unknown as ExecutionContext;
    const bookmark = (await call('/health')).headers.get(BOOKMARK_HEADER)!;
    await app.fetch(new Request(`${ORIGIN}/api/v1/health`), { ...env, DB }, ctx);
    await app.fetch(
      new Request(`${ORIGIN}/api/v1/health`, { headers: { [BOOKMARK_HEADER]: bookmark } }),
      { ...env, DB },
      ctx,
    );
    await app.fetch(
      new Request(`${ORIGIN}/api/v1/auth/login`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json', [BOOKMARK_HEADER]: bookmark },
        body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password' }),
      }),
      { ...env, DB },
      ctx,
    );
    expect(seen).toEqual(['first-unconstrained', bookmark, 'first-primary']);
  });
});
