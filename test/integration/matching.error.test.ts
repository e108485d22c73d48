import { describe, expect, it } from 'vitest';
import { call, count, expectError } from '../helpers';
import { matchRow, newArea, newListing, newRequest } from '../matching-helpers';

describe('matching: errors', () => {
  it('404 for the matches of a request or listing that does not exist, and for an unknown match', async () => {
    const makerAt = newArea();
    const me = await makerAt('ghent');
    await expectError(
      await call('/requests/999999/matches', { session: me.session }),
      404,
      'REQUEST_NOT_FOUND',
    );
    await expectError(await call('/listings/999999/matches'), 404, 'LISTING_NOT_FOUND');
    await expectError(
      await call('/matches/999999/dismiss', { session: me.session, method: 'POST' }),
      404,
      'MATCH_NOT_FOUND',
    );
    expect(await count('SELECT count(*) AS n FROM matches')).toBe(0);
  });

  it('422 naming the id when it is not a positive integer', async () => {
    const makerAt = newArea();
    const me = await makerAt('ghent');
    await expectError(
      await call('/requests/abc/matches', { session: me.session }),
      422,
      'VALIDATION_FAILED',
      ['id'],
    );
    await expectError(await call('/listings/0/matches'), 422, 'VALIDATION_FAILED', ['id']);
    await expectError(
      await call('/matches/-1/dismiss', { session: me.session, method: 'POST' }),
      422,
      'VALIDATION_FAILED',
      ['id'],
    );
  });

  it('a refused listing edit changes no match', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug);
    const listing = await newListing(giver.session, giver.hub.slug);
    const before = await matchRow(listing.id, request.id);
    await expectError(
      await call(`/listings/${listing.id}`, {
        session: giver.session,
        method: 'PATCH',
        body: { quantity: -1 },
      }),
      422,
      'VALIDATION_FAILED',
      ['quantity'],
    );
    expect(await matchRow(listing.id, request.id)).toEqual(before);
  });

  it('a withdrawn request loses its matches, and its match list stays readable but empty', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug);
    const listing = await newListing(giver.session, giver.hub.slug);
    expect((await call(`/requests/${request.id}`, { session: asker.session, method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await matchRow(listing.id, request.id))?.state).toBe('stale');
    const res = await call(`/requests/${request.id}/matches`, { session: asker.session });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(0);
  });
});
