/**
 * Publishing with photos and setting photos: a refused photo is named by its place and name in the
 * reader's language, and nothing is half-written — no listing, no photo row, no event, no bytes in R2.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createListing, setPhotos } from '../../src/modules/listings/listings.service';
import { ZListing } from '../../src/shared/listings.schemas';
import { call, count, db, expectError, expectJson, LISTING, makerWithHub, signup } from '../helpers';
import { jpeg, orderForm, png, publishForm, text } from '../listing-photos-helpers';

const objects = async () => (await env.PHOTOS.list()).objects.length;
const listingsOf = (authorId: number) =>
  count('SELECT count(*) AS n FROM listings WHERE author_id = ?1', authorId);
const eventsOf = (actorId: number) =>
  count("SELECT count(*) AS n FROM events WHERE kind = 'listing.changed' AND actor_id = ?1", actorId);

describe('publishing with a photo that cannot be kept', () => {
  it.each([
    ['en', 'Photo 2 (“notes.txt”): not a JPEG, PNG or WebP image'],
    ['fr', 'Photo 2 (“notes.txt”) : pas une image JPEG, PNG ou WebP'],
    ['nl', 'Foto 2 (“notes.txt”): geen JPEG-, PNG- of WebP-afbeelding'],
  ])('names the photo that is not an image (%s) and writes nothing', async (locale, sentence) => {
    const { session, hub, me } = await makerWithHub();
    const before = await objects();
    const res = await call('/listings/with-photos', {
      session,
      headers: { 'accept-language': locale },
      form: publishForm({ ...LISTING, hub: hub.slug }, [png(), text('notes.txt'), jpeg()]),
    });
    const body = await expectError(res, 422, 'PHOTO_REFUSED', ['photos.1']);
    expect(body.error.details?.fields?.[0]?.message).toBe(sentence);
    expect(body.error.details?.photos).toEqual([{ position: 2, name: 'notes.txt', reason: 'type' }]);
    expect(await listingsOf(me.user.id)).toBe(0);
    expect(await eventsOf(me.user.id)).toBe(0);
    expect(await objects()).toBe(before);
  });

  it('names a photo larger than 5 MB and a ninth photo, each by its place', async () => {
    const { session, hub, me } = await makerWithHub();
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'huge.jpg', { type: 'image/jpeg' });
    const before = await objects();
    const tooBig = await call('/listings/with-photos', {
      session,
      form: publishForm({ ...LISTING, hub: hub.slug }, [big]),
    });
    const refused = await expectError(tooBig, 422, 'PHOTO_REFUSED', ['photos.0']);
    expect(refused.error.details?.fields?.[0]?.message).toBe('Photo 1 (“huge.jpg”): larger than 5 MB');

    const nine = Array.from({ length: 9 }, (_, i) => png(`p${i + 1}.png`));
    const tooMany = await call('/listings/with-photos', {
      session,
      form: publishForm({ ...LISTING, hub: hub.slug }, nine),
    });
    const body = await expectError(tooMany, 422, 'PHOTO_REFUSED', ['photos.8']);
    expect(body.error.details?.fields?.[0]?.message).toBe(
      'Photo 9 (“p9.png”): a listing has at most 8 photos',
    );
    expect(await listingsOf(me.user.id)).toBe(0);
    expect(await objects()).toBe(before);
  });

  it.each([
    [
      'a title too short',
      (f: FormData) => f.set('listing', JSON.stringify({ ...LISTING, hub: 'broei', title: 'x' })),
      'title',
    ],
    ['no listing part', (f: FormData) => f.delete('listing'), 'listing'],
    ['a listing that is not JSON', (f: FormData) => f.set('listing', '{"title":'), 'listing'],
    ['a photo part that is text', (f: FormData) => f.append('photo', 'hello'), 'photo'],
  ])('refuses %s with 422 naming the field, and writes nothing', async (_name, spoil, field) => {
    const { session, hub, me } = await makerWithHub();
    const form = publishForm({ ...LISTING, hub: hub.slug }, [png()]);
    form.set('listing', JSON.stringify({ ...LISTING, hub: hub.slug }));
    spoil(form);
    const before = await objects();
    const body = await expectError(
      await call('/listings/with-photos', { session, form }),
      422,
      'VALIDATION_FAILED',
      [field],
    );
    expect(body.error.details?.fields?.[0]?.message).not.toMatch(/expected|received|NaN/);
    expect(await listingsOf(me.user.id)).toBe(0);
    expect(await objects()).toBe(before);
  });

  it('refuses someone who is not a member of the hub, the signed-out and a bad key', async () => {
    const owner = await makerWithHub();
    const stranger = await signup();
    const before = await objects();
    const form = () => publishForm({ ...LISTING, hub: owner.hub.slug }, [png()]);
    await expectError(
      await call('/listings/with-photos', { session: stranger.session, form: form() }),
      403,
      'NOT_A_MEMBER',
    );
    await expectError(await call('/listings/with-photos', { form: form() }), 401, 'UNAUTHENTICATED');
    await expectError(
      await call('/listings/with-photos', {
        session: owner.session,
        headers: { 'idempotency-key': 'spaces are not allowed' },
        form: form(),
      }),
      400,
      'INVALID_IDEMPOTENCY_KEY',
    );
    expect(await listingsOf(stranger.me.user.id)).toBe(0);
    expect(await listingsOf(owner.me.user.id)).toBe(0);
    expect(await objects()).toBe(before);
  });

  it('a refused attempt frees its key: the corrected retry with the same key publishes', async () => {
    const { session, hub, me } = await makerWithHub();
    const send = (photos: File[]) =>
      call('/listings/with-photos', {
        session,
        headers: { 'idempotency-key': 'form-1' },
        form: publishForm({ ...LISTING, hub: hub.slug }, photos),
      });
    await expectError(await send([text()]), 422, 'PHOTO_REFUSED');
    const listing = await expectJson(await send([png()]), 201, ZListing);
    expect(listing.photos).toHaveLength(1);
    expect(await listingsOf(me.user.id)).toBe(1);
  });
});

describe('a failure while storing leaves nothing half-written', () => {
  const user = (id: number) => ({ id, email: 'x@example.org', displayName: 'X', locale: 'en' as const });

  it('R2 failing on the second photo: no listing, and the first photo’s bytes are removed', async () => {
    const { hub, me } = await makerWithHub();
    const before = await objects();
    let puts = 0;
    const failing = {
      put: (...args: Parameters<R2Bucket['put']>) => {
        if (++puts === 2) throw new Error('R2 unavailable');
        return env.PHOTOS.put(...args);
      },
      delete: (keys: string | string[]) => env.PHOTOS.delete(keys),
    } as unknown as R2Bucket;
    await expect(
      createListing(
        { db, now: () => new Date(), photos: failing },
        { input: { ...LISTING, hub: hub.slug } as never, user: user(me.user.id), files: [png(), png()] },
      ),
    ).rejects.toThrow('R2 unavailable');
    expect(await listingsOf(me.user.id)).toBe(0);
    expect(await objects()).toBe(before);
  });

  it('D1 failing on the batch: the photos already in R2 are removed', async () => {
    const { hub, me } = await makerWithHub();
    const before = await objects();
    const failingDb = new Proxy(db, {
      get(target, prop) {
        if (prop === 'batch') return () => Promise.reject(new Error('D1 unavailable'));
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await expect(
      createListing(
        { db: failingDb, now: () => new Date(), photos: env.PHOTOS },
        { input: { ...LISTING, hub: hub.slug } as never, user: user(me.user.id), files: [png(), jpeg()] },
      ),
    ).rejects.toThrow('D1 unavailable');
    expect(await listingsOf(me.user.id)).toBe(0);
    expect(await objects()).toBe(before);
  });
});

describe('setting photos: refused changes change nothing', () => {
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
  const idsOf = async (listingId: number) =>
    (
      await db
        .prepare('SELECT id FROM listing_photos WHERE listing_id = ?1 ORDER BY position')
        .bind(listingId)
        .all<{ id: number }>()
    ).results.map((r) => r.id);

  it('names a new photo that is not an image by its place in the new order', async () => {
    const { session, listing } = await listingWithPhotos(2);
    const [a, b] = listing.photos.map((p) => p.id) as [number, number];
    const before = await objects();
    const body = await expectError(
      await call(`/listings/${listing.id}/photos`, {
        session,
        method: 'PUT',
        headers: { 'accept-language': 'fr' },
        form: orderForm([b, null, a], [text('liste.txt')]),
      }),
      422,
      'PHOTO_REFUSED',
      ['photos.1'],
    );
    expect(body.error.details?.fields?.[0]?.message).toBe(
      'Photo 2 (“liste.txt”) : pas une image JPEG, PNG ou WebP',
    );
    expect(await idsOf(listing.id)).toEqual([a, b]);
    expect(await objects()).toBe(before);
  });

  it.each([
    ['a photo of another listing', 'other'],
    ['the same photo twice', 'twice'],
    ['more new photos than places', 'extra'],
  ])('refuses %s (422 on the order)', async (_name, how) => {
    const { session, listing } = await listingWithPhotos(2);
    const other = await listingWithPhotos(1);
    const [a, b] = listing.photos.map((p) => p.id) as [number, number];
    const form =
      how === 'other'
        ? orderForm([a, other.listing.photos[0]!.id])
        : how === 'twice'
          ? orderForm([a, a, b])
          : orderForm([a, b, null], [png(), png()]);
    await expectError(
      await call(`/listings/${listing.id}/photos`, { session, method: 'PUT', form }),
      422,
      'VALIDATION_FAILED',
      ['order'],
    );
    expect(await idsOf(listing.id)).toEqual([a, b]);
    expect(await idsOf(other.listing.id)).toEqual(other.listing.photos.map((p) => p.id));
  });

  it('a refused edit of the fields leaves the photos as they were, and stores no new one', async () => {
    const { session, listing } = await listingWithPhotos(2);
    const [a, b] = listing.photos.map((p) => p.id) as [number, number];
    const before = await objects();
    const form = orderForm([null], [png()]);
    form.append('listing', JSON.stringify({ title: 'x' }));
    await expectError(
      await call(`/listings/${listing.id}/photos`, { session, method: 'PUT', form }),
      422,
      'VALIDATION_FAILED',
      ['title'],
    );
    expect(await idsOf(listing.id)).toEqual([a, b]);
    expect(await objects()).toBe(before);
    const row = await db.prepare('SELECT title FROM listings WHERE id = ?1').bind(listing.id).first();
    expect(row).toEqual({ title: LISTING.title });
  });

  it('refuses another person (403) and a withdrawn listing (409)', async () => {
    const { session, listing } = await listingWithPhotos(1);
    const stranger = await makerWithHub();
    await expectError(
      await call(`/listings/${listing.id}/photos`, {
        session: stranger.session,
        method: 'PUT',
        form: orderForm([]),
      }),
      403,
      'FORBIDDEN',
    );
    await call(`/listings/${listing.id}`, { session, method: 'DELETE' });
    await expectError(
      await call(`/listings/${listing.id}/photos`, { session, method: 'PUT', form: orderForm([]) }),
      409,
      'INVALID_STATE',
    );
    expect(await idsOf(listing.id)).toEqual(listing.photos.map((p) => p.id));
  });

  it('photos changed between reading and writing: 409 PHOTOS_CHANGED, and nothing of this change is written', async () => {
    const { listing, me } = await listingWithPhotos(2);
    const [a, b] = listing.photos.map((p) => p.id) as [number, number];
    const before = await objects();
    // Another edit removes photo b just before this change's batch runs.
    const racingDb = new Proxy(db, {
      get(target, prop) {
        if (prop === 'batch')
          return async (statements: D1PreparedStatement[]) => {
            await target.prepare('DELETE FROM listing_photos WHERE id = ?1').bind(b).run();
            return target.batch(statements);
          };
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await expect(
      setPhotos(
        { db: racingDb, now: () => new Date(), photos: env.PHOTOS },
        { id: listing.id, user: { ...me.user, locale: 'en' }, order: [b, a, null], files: [jpeg()] },
      ),
    ).rejects.toMatchObject({ code: 'PHOTOS_CHANGED' });
    expect(await idsOf(listing.id)).toEqual([a]);
    expect(await objects()).toBe(before);
    const row = await db
      .prepare('SELECT photos_token, updated_at FROM listings WHERE id = ?1')
      .bind(listing.id)
      .first<{ photos_token: string | null; updated_at: string }>();
    expect(row).toEqual({ photos_token: null, updated_at: listing.updatedAt });
  });
});
