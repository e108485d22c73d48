import { describe, expect, it } from 'vitest';
import { ZRequestMatches } from '../../src/shared/matching.schemas';
import { call, expectJson } from '../helpers';
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
});
