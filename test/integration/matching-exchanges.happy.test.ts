import { describe, expect, it } from 'vitest';
import { ZRequestMatches } from '../../src/shared/matching.schemas';
import { PNG_BYTES, call, db, expectJson, photoForm } from '../helpers';
import { actOk, claimOk } from '../exchanges-helpers';
import { matchRow, newArea, newListing, newRequest } from '../matching-helpers';

describe('matching follows what exchanges reserve', () => {
  it('a fully claimed listing stops matching at once, and matches again when the claim is cancelled', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const asker = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 80 });
    const listing = await newListing(giver.session, giver.hub.slug, { quantity: 4 });
    expect((await matchRow(listing.id, request.id))?.state).toBe('open');

    const exchange = await claimOk(asker.session, listing.id, asker.hub.slug, 4);
    await actOk(giver.session, exchange.id, 'accept');
    expect((await matchRow(listing.id, request.id))?.state).toBe('stale');
    const taken = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    expect(taken.items.map((m) => m.listing.id)).not.toContain(listing.id);

    await actOk(asker.session, exchange.id, 'cancel');
    expect((await matchRow(listing.id, request.id))?.state).toBe('open');
    const back = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    expect(back.items.map((m) => m.listing.id)).toContain(listing.id);
  });

  it("a match shows the listing's whole quantity, what is left after a partial claim, and its first photo", async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const asker = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 80 });
    const withPhoto = await newListing(giver.session, giver.hub.slug, { quantity: 24 });
    const bare = await newListing(giver.session, giver.hub.slug, { quantity: 5 });
    const uploaded: { id: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await call(`/listings/${withPhoto.id}/photos`, {
        session: giver.session,
        form: photoForm(PNG_BYTES),
      });
      expect(res.status).toBe(201);
      uploaded.push((await res.json()) as { id: number });
    }

    const exchange = await claimOk(asker.session, withPhoto.id, asker.hub.slug, 20);
    await actOk(giver.session, exchange.id, 'accept');
    const page = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    const shown = page.items.find((m) => m.listing.id === withPhoto.id)?.listing;
    expect(shown).toMatchObject({ quantity: 24, quantityRemaining: 4 });
    // The first photo by position, served where listing photos are.
    const first = await db
      .prepare('SELECT id FROM listing_photos WHERE listing_id = ?1 ORDER BY position LIMIT 1')
      .bind(withPhoto.id)
      .first<{ id: number }>();
    expect(first?.id).toBe(uploaded[0]!.id);
    expect(shown?.photo).toEqual({ id: first!.id, url: `/api/v1/photos/${first!.id}` });
    const photo = await call(shown!.photo!.url.replace('/api/v1', ''));
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    // The database holds the whole quantity and what the accepted claim reserves.
    const stock = await db
      .prepare('SELECT quantity_milli, quantity_reserved_milli FROM listings WHERE id = ?1')
      .bind(withPhoto.id)
      .first();
    expect(stock).toEqual({ quantity_milli: 24_000, quantity_reserved_milli: 20_000 });

    const plain = page.items.find((m) => m.listing.id === bare.id)?.listing;
    expect(plain).toMatchObject({ quantity: 5, quantityRemaining: 5, photo: null });
  });
});
