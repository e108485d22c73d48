import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  call,
  count,
  createListing,
  expectError,
  LISTING,
  makerWithHub,
  photoForm,
  PNG_BYTES,
} from '../helpers';

describe('listings: bad input leaves nothing half-written', () => {
  it.each([
    ['a negative quantity', { quantity: -1 }, ['quantity']],
    ['a zero quantity', { quantity: 0 }, ['quantity']],
    ['an absurd quantity', { quantity: 1e12 }, ['quantity']],
    ['four decimals', { quantity: 1.0001 }, ['quantity']],
    ['an unknown category', { category: 'unobtanium' }, ['category']],
    ['an unknown unit', { unit: 'furlongs' }, ['unit']],
    ['a negative dimension', { thicknessMm: -3 }, ['thicknessMm']],
    ['a title too short', { title: 'x' }, ['title']],
    ['an amount without a price', { priceType: 'amount' }, ['priceCents']],
    ['a price on a free listing', { priceType: 'free', priceCents: 300 }, ['priceCents']],
    ['machine time in kg', { kind: 'machine_time', unit: 'kg', category: 'laser-cutting' }, ['unit']],
    ['until before from', { availableFrom: '2027-03-01', availableUntil: '2027-02-01' }, ['availableUntil']],
    ['a date that is not a date', { availableUntil: '2027-02-30x' }, ['availableUntil']],
    ['available until 2001', { availableUntil: '2001-06-30' }, ['availableUntil']],
    ['fields the API sets itself', { id: 7, authorId: 1, status: 'withdrawn' }, ['authorId', 'id', 'status']],
  ])('refuses %s with 422 naming the field', async (_name, patch, fields) => {
    const { session, hub } = await makerWithHub();
    const res = await call('/listings', { session, body: { ...LISTING, hub: hub.slug, ...patch } });
    await expectError(res, 422, 'VALIDATION_FAILED', fields);
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
  });

  it('refuses an unknown hub with 404', async () => {
    const { session } = await makerWithHub();
    await expectError(
      await call('/listings', { session, body: { ...LISTING, hub: 'nowhere' } }),
      404,
      'HUB_NOT_FOUND',
    );
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
  });

  it('checks an edit against the rules of the whole listing', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug, { priceType: 'amount', priceCents: 900 });
    // Removing the price of a paid listing leaves it without one.
    const res = await call(`/listings/${id}`, { session, method: 'PATCH', body: { priceCents: null } });
    await expectError(res, 422, 'VALIDATION_FAILED', ['priceCents']);
    expect(await count('SELECT price_cents AS n FROM listings WHERE id = ?1', id)).toBe(900);
  });

  it('refuses a hub switch and an empty edit', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    await expectError(
      await call(`/listings/${id}`, { session, method: 'PATCH', body: { hub: 'other' } }),
      422,
      'VALIDATION_FAILED',
      ['hub'],
    );
    await expectError(
      await call(`/listings/${id}`, { session, method: 'PATCH', body: {} }),
      422,
      'VALIDATION_FAILED',
      [''],
    );
  });

  it('refuses to edit a withdrawn listing with 409', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    await call(`/listings/${id}`, { session, method: 'DELETE' });
    await expectError(
      await call(`/listings/${id}`, { session, method: 'PATCH', body: { title: 'Back again' } }),
      409,
      'INVALID_STATE',
    );
    expect(await count("SELECT count(*) AS n FROM listings WHERE id = ?1 AND title = 'Back again'", id)).toBe(
      0,
    );
  });

  it('answers unknown and malformed ids clearly', async () => {
    await expectError(await call('/listings/999999'), 404, 'LISTING_NOT_FOUND');
    await expectError(await call('/listings/abc'), 422, 'VALIDATION_FAILED', ['id']);
    await expectError(await call('/listings/1e400'), 422, 'VALIDATION_FAILED', ['id']);
  });

  it('refuses a text file dressed as an image, and stores nothing', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const fake = new TextEncoder().encode('<?php echo "not an image"; ?>');
    const res = await call(`/listings/${id}/photos`, {
      session,
      form: photoForm(fake, 'evil.png', 'image/png'),
    });
    await expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await count('SELECT count(*) AS n FROM listing_photos')).toBe(0);
    expect((await env.PHOTOS.list()).objects).toHaveLength(0);
  });

  it('refuses an image over 5 MB, and stores nothing', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG_BYTES);
    const res = await call(`/listings/${id}/photos`, { session, form: photoForm(big) });
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await count('SELECT count(*) AS n FROM listing_photos')).toBe(0);
  });

  it('refuses a ninth photo, even when several arrive at once', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(`/listings/${id}/photos`, { session, form: photoForm(PNG_BYTES) }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    expect(await count('SELECT count(*) AS n FROM listing_photos WHERE listing_id = ?1', id)).toBe(8);
    expect((await env.PHOTOS.list({ prefix: `listings/${id}/` })).objects).toHaveLength(8);
  });

  it('refuses an upload without a photo field', async () => {
    const { session, hub } = await makerWithHub();
    const { id } = await createListing(session, hub.slug);
    const form = new FormData();
    form.append('other', 'x');
    await expectError(await call(`/listings/${id}/photos`, { session, form }), 422, 'VALIDATION_FAILED', [
      'photo',
    ]);
  });
});

describe('listings: dates that cannot make sense', () => {
  it('refuses a past end date in words, on create and on an edit that changes it', async () => {
    const { session, hub } = await makerWithHub();
    const created = await call('/listings', {
      session,
      body: { ...LISTING, hub: hub.slug, availableUntil: '2020-01-01' },
      headers: { 'accept-language': 'nl' },
    });
    const body = await expectError(created, 422, 'VALIDATION_FAILED', ['availableUntil']);
    expect(body.error.details?.fields).toEqual([
      { path: 'availableUntil', message: 'Beschikbaar tot: mag niet in het verleden liggen' },
    ]);
    const { id } = await createListing(session, hub.slug, { availableUntil: '2099-01-01' });
    const edit = await call(`/listings/${id}`, {
      session,
      method: 'PATCH',
      body: { availableUntil: '2020-01-01' },
      headers: { 'accept-language': 'fr' },
    });
    const refused = await expectError(edit, 422, 'VALIDATION_FAILED', ['availableUntil']);
    expect(refused.error.details?.fields?.[0]?.message).toBe(
      'Disponible jusqu’au : ne peut pas être dans le passé',
    );
    expect(await count("SELECT count(*) AS n FROM listings WHERE available_until = '2099-01-01'")).toBe(1);
    // An edit form sends the end back unchanged even once it has passed: that is not refused.
    await env.DB.prepare("UPDATE listings SET available_until = '2020-01-01' WHERE id = ?1").bind(id).run();
    const resent = await call(`/listings/${id}`, {
      session,
      method: 'PATCH',
      body: { availableUntil: '2020-01-01', title: 'Still oak' },
    });
    expect(resent.status).toBe(200);
  });
});
