/**
 * Publishing a listing with its photos as one action, and setting the photos of a listing: the
 * response, what the database holds and what R2 holds afterwards.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { call, count, db, expectJson, JPEG_BYTES, LISTING, makerWithHub, PNG_BYTES } from '../helpers';
import { jpeg, orderForm, png, publishForm } from '../listing-photos-helpers';

type Row = { id: number; object_key: string; content_type: string; position: number };
const photoRows = async (listingId: number) =>
  (
    await db
      .prepare(
        'SELECT id, object_key, content_type, position FROM listing_photos WHERE listing_id = ?1 ORDER BY position',
      )
      .bind(listingId)
      .all<Row>()
  ).results;

/** Objects in the photo bucket (shared by the tests of this file). */
const objects = async () => (await env.PHOTOS.list()).objects.length;
const listingsOf = (authorId: number) =>
  count('SELECT count(*) AS n FROM listings WHERE author_id = ?1', authorId);
const photosOf = (authorId: number) =>
  count(
    'SELECT count(*) AS n FROM listing_photos p JOIN listings l ON l.id = p.listing_id WHERE l.author_id = ?1',
    authorId,
  );

describe('publishing a listing with its photos', () => {
  it('creates the listing with its photos in order; R2 holds their bytes; one event', async () => {
    const { session, hub } = await makerWithHub();
    const before = await objects();
    const res = await call('/listings/with-photos', {
      session,
      form: publishForm({ ...LISTING, hub: hub.slug }, [jpeg('front.jpg'), png('edge.png')]),
    });
    const listing = await expectJson(res, 201, ZListing);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(listing.title).toBe(LISTING.title);
    expect(listing.photos.map((p) => p.contentType)).toEqual(['image/jpeg', 'image/png']);
    expect(listing.photos.map((p) => p.url)).toEqual(listing.photos.map((p) => `/api/v1/photos/${p.id}`));

    const rows = await photoRows(listing.id);
    expect(rows.map((r) => [r.id, r.position])).toEqual(listing.photos.map((p, i) => [p.id, i]));
    for (const [i, r] of rows.entries()) {
      const object = await env.PHOTOS.get(r.object_key);
      expect(new Uint8Array(await object!.arrayBuffer())).toEqual(i === 0 ? JPEG_BYTES : PNG_BYTES);
    }
    expect(await objects()).toBe(before + 2);
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE kind = 'listing.changed' AND subject_id = ?1",
        listing.id,
      ),
    ).toBe(1);

    // The photos are served, and the search card has them too.
    const served = await call(listing.photos[0]!.url.replace('/api/v1', ''));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
  });

  it('publishes without photos too', async () => {
    const {
      session,
      hub,
      me: { user },
    } = await makerWithHub();
    const listing = await expectJson(
      await call('/listings/with-photos', { session, form: publishForm({ ...LISTING, hub: hub.slug }, []) }),
      201,
      ZListing,
    );
    expect(listing.photos).toEqual([]);
    expect(await listingsOf(user.id)).toBe(1);
  });

  it('a retry with the same Idempotency-Key gets the same listing back and makes nothing new', async () => {
    const {
      session,
      hub,
      me: { user },
    } = await makerWithHub();
    const before = await objects();
    const send = () =>
      call('/listings/with-photos', {
        session,
        headers: { 'idempotency-key': 'publish-7f3a' },
        form: publishForm({ ...LISTING, hub: hub.slug }, [png(), jpeg()]),
      });
    const first = await expectJson(await send(), 201, ZListing);
    const again = await send();
    const second = await expectJson(again.clone(), 201, ZListing);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(second.id).toBe(first.id);
    expect(second.photos.map((p) => p.id)).toEqual(first.photos.map((p) => p.id));
    expect(await listingsOf(user.id)).toBe(1);
    expect(await photosOf(user.id)).toBe(2);
    expect(await objects()).toBe(before + 2);
    // The JSON create honours the key the same way.
    const json = await call('/listings', {
      session,
      headers: { 'idempotency-key': 'publish-7f3a' },
      body: { ...LISTING, hub: hub.slug },
    });
    expect((await expectJson(json, 201, ZListing)).id).toBe(first.id);
  });

  it('two requests with the same key at once make one listing; the loser leaves no bytes behind', async () => {
    const {
      session,
      hub,
      me: { user },
    } = await makerWithHub();
    const before = await objects();
    const send = () =>
      call('/listings/with-photos', {
        session,
        headers: { 'idempotency-key': 'double-tap' },
        form: publishForm({ ...LISTING, hub: hub.slug }, [png(), png(), jpeg()]),
      });
    const answers = await Promise.all([send(), send(), send()]);
    const listings = await Promise.all(answers.map((r) => expectJson(r, 201, ZListing)));
    expect(new Set(listings.map((l) => l.id)).size).toBe(1);
    expect(await listingsOf(user.id)).toBe(1);
    expect(await photosOf(user.id)).toBe(3);
    expect(await objects()).toBe(before + 3);
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE kind = 'listing.changed' AND actor_id = ?1",
        user.id,
      ),
    ).toBe(1);
  });

  it('the same key from another person is another listing', async () => {
    const a = await makerWithHub();
    const b = await makerWithHub();
    for (const p of [a, b])
      await expectJson(
        await call('/listings/with-photos', {
          session: p.session,
          headers: { 'idempotency-key': 'shared-key' },
          form: publishForm({ ...LISTING, hub: p.hub.slug }, [png()]),
        }),
        201,
        ZListing,
      );
    expect((await listingsOf(a.me.user.id)) + (await listingsOf(b.me.user.id))).toBe(2);
  });
});

describe('setting the photos of a listing', () => {
  async function listingWithPhotos(n: number) {
    const owner = await makerWithHub();
    const listing = await expectJson(
      await call('/listings/with-photos', {
        session: owner.session,
        form: publishForm(
          { ...LISTING, hub: owner.hub.slug },
          Array.from({ length: n }, (_, i) => png(`p${i}.png`)),
        ),
      }),
      201,
      ZListing,
    );
    return { ...owner, listing };
  }

  it('keeps, reorders, removes and adds in one action; removed bytes leave R2', async () => {
    const { session, listing } = await listingWithPhotos(3);
    const before = await objects();
    const [a, b, c] = listing.photos.map((p) => p.id) as [number, number, number];
    const removedKey = (await photoRows(listing.id)).find((r) => r.id === b)!.object_key;
    const res = await call(`/listings/${listing.id}/photos`, {
      session,
      method: 'PUT',
      form: orderForm([c, null, a], [jpeg('new.jpg')]),
    });
    const updated = await expectJson(res, 200, ZListing);
    expect(updated.photos.map((p) => p.id).filter((id) => id !== updated.photos[1]!.id)).toEqual([c, a]);
    expect(updated.photos[1]!.contentType).toBe('image/jpeg');
    const rows = await photoRows(listing.id);
    expect(rows.map((r) => r.id)).toEqual(updated.photos.map((p) => p.id));
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2]);
    expect(await env.PHOTOS.head(removedKey)).toBeNull();
    expect(await objects()).toBe(before);
    expect(updated.updatedAt >= listing.updatedAt).toBe(true);
  });

  it('a photo replacing the newest one gets a new id: a photo URL is cached as immutable', async () => {
    const { session, listing } = await listingWithPhotos(2);
    const [a, b] = listing.photos.map((p) => p.id) as [number, number];
    const updated = await expectJson(
      await call(`/listings/${listing.id}/photos`, {
        session,
        method: 'PUT',
        form: orderForm([a, null], [jpeg('replacement.jpg')]),
      }),
      200,
      ZListing,
    );
    expect(updated.photos[0]!.id).toBe(a);
    expect(updated.photos[1]!.id).toBeGreaterThan(b);
    const served = await call(updated.photos[1]!.url.replace('/api/v1', ''));
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(JPEG_BYTES);
  });

  it('an edit of the fields goes in the same batch as the photos', async () => {
    const { session, listing } = await listingWithPhotos(2);
    const [a] = listing.photos.map((p) => p.id) as [number, number];
    const form = orderForm([a]);
    form.append('listing', JSON.stringify({ title: 'Oak offcuts, fewer photos', quantity: 7 }));
    const updated = await expectJson(
      await call(`/listings/${listing.id}/photos`, { session, method: 'PUT', form }),
      200,
      ZListing,
    );
    expect(updated).toMatchObject({ title: 'Oak offcuts, fewer photos', quantity: 7 });
    expect(updated.photos.map((p) => p.id)).toEqual([a]);
    const row = await db
      .prepare('SELECT title, quantity_milli FROM listings WHERE id = ?1')
      .bind(listing.id)
      .first<{ title: string; quantity_milli: number }>();
    expect(row).toEqual({ title: 'Oak offcuts, fewer photos', quantity_milli: 7000 });
  });

  it('removes every photo with an empty order', async () => {
    const { session, listing } = await listingWithPhotos(2);
    const before = await objects();
    const updated = await expectJson(
      await call(`/listings/${listing.id}/photos`, { session, method: 'PUT', form: orderForm([]) }),
      200,
      ZListing,
    );
    expect(updated.photos).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM listing_photos WHERE listing_id = ?1', listing.id)).toBe(0);
    expect(await objects()).toBe(before - 2);
  });
});
