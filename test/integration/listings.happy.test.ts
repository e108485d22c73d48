import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZPhoto } from '../../src/shared/photos.schemas';
import { ZListingPage } from '../../src/shared/search.schemas';
import {
  call,
  count,
  createListing,
  db,
  expectJson,
  JPEG_BYTES,
  LISTING,
  makerWithHub,
  photoForm,
  PNG_BYTES,
} from '../helpers';

describe('listings: happy paths', () => {
  it('creates a listing for the hub and stores exact quantities', async () => {
    const { session, hub, me } = await makerWithHub();
    const res = await call('/listings', { session, body: { ...LISTING, hub: hub.slug, quantity: 2.125 } });
    const listing = await expectJson(res, 201, ZListing);
    expect(listing).toMatchObject({ title: LISTING.title, quantity: 2.125, status: 'active', canEdit: true });
    expect(listing.hub.slug).toBe(hub.slug);
    expect(listing.author.id).toBe(me.user.id);

    const row = await db
      .prepare('SELECT quantity_milli, hub_id, author_id FROM listings WHERE id = ?1')
      .bind(listing.id)
      .first();
    expect(row).toMatchObject({ quantity_milli: 2125, author_id: me.user.id });
  });

  it('edits a listing and keeps what was not sent', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const res = await call(`/listings/${id}`, {
      session,
      method: 'PATCH',
      body: {
        title: 'Birch plywood 18 mm, 10 sheets left',
        quantity: 10,
        priceType: 'amount',
        priceCents: 500,
      },
    });
    const listing = await expectJson(res, 200, ZListing);
    expect(listing).toMatchObject({ quantity: 10, priceType: 'amount', priceCents: 500, thicknessMm: 18 });
    const row = await db
      .prepare('SELECT title, quantity_milli, price_cents FROM listings WHERE id = ?1')
      .bind(id)
      .first();
    expect(row).toEqual({
      title: 'Birch plywood 18 mm, 10 sheets left',
      quantity_milli: 10_000,
      price_cents: 500,
    });
  });

  it('withdraws a listing: kept in the database, gone from search, still readable', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const withdrawn = await expectJson(
      await call(`/listings/${id}`, { session, method: 'DELETE' }),
      200,
      ZListing,
    );
    expect(withdrawn.status).toBe('withdrawn');
    expect(await count("SELECT count(*) AS n FROM listings WHERE id = ?1 AND status = 'withdrawn'", id)).toBe(
      1,
    );
    const page = await expectJson(await call(`/listings?hub=${hub.slug}`), 200, ZListingPage);
    expect(page.items.map((l) => l.id)).not.toContain(id);
    expect((await call(`/listings/${id}`)).status).toBe(200);
  });

  it('adds photos checked by content, stores them in R2 and serves them with caching headers', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    // A PNG named and labelled as a JPEG is stored as what it is.
    const photo = await expectJson(
      await call(`/listings/${id}/photos`, { session, form: photoForm(PNG_BYTES, 'x.jpg', 'image/jpeg') }),
      201,
      ZPhoto,
    );
    expect(photo.contentType).toBe('image/png');
    await expectJson(
      await call(`/listings/${id}/photos`, { session, form: photoForm(JPEG_BYTES, 'b.jpg') }),
      201,
      ZPhoto,
    );

    const listing = await expectJson(await call(`/listings/${id}`), 200, ZListing);
    expect(listing.photos.map((p) => p.contentType)).toEqual(['image/png', 'image/jpeg']);

    const served = await call(`/photos/${photo.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_BYTES);

    const etag = served.headers.get('etag')!;
    expect((await call(`/photos/${photo.id}`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    expect((await call(`/listings/${id}/photos/${photo.id}`, { session, method: 'DELETE' })).status).toBe(
      204,
    );
    expect(await count('SELECT count(*) AS n FROM listing_photos WHERE listing_id = ?1', id)).toBe(1);
    expect((await call(`/photos/${photo.id}`)).status).toBe(404);
  });
});
