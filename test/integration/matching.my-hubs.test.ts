import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZRequestMatches } from '../../src/shared/matching.schemas';
import { call, expectError, expectJson, invite, signup, type Session } from '../helpers';
import { matchRow, newArea, newListing, newRequest } from '../matching-helpers';

/**
 * A request of Brussels (fetched within 100 km), and listings that fit it at two other hubs:
 * Leuven's two (one of them withdrawn later) and Kortrijk's one.
 */
async function scene() {
  const makerAt = newArea();
  const asker = await makerAt('brussels');
  const leuven = await makerAt('leuven');
  const kortrijk = await makerAt('kortrijk');
  const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 100 });
  const ours = await newListing(leuven.session, leuven.hub.slug);
  const more = await newListing(leuven.session, leuven.hub.slug, { title: 'Poplar plywood 18 mm' });
  const theirs = await newListing(kortrijk.session, kortrijk.hub.slug);
  return { asker, leuven, kortrijk, request, ours, more, theirs };
}

const mineOf = async (session: Session, requestId: number) =>
  expectJson(await call(`/requests/${requestId}/matches/my-hubs`, { session }), 200, ZRequestMatches);

describe("a request's matches among the listings of my hubs", () => {
  it('a member of another hub gets the matches of their own hubs’ listings only, as the request’s hub sees them', async () => {
    const { asker, leuven, kortrijk, request, ours, more, theirs } = await scene();
    const all = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    expect(all.items.map((i) => i.listing.id).sort()).toEqual([ours.id, more.id, theirs.id].sort());

    const mine = await mineOf(leuven.session, request.id);
    expect(mine.bundle).toBeNull();
    expect(mine.items.map((i) => i.listing.id).sort()).toEqual([ours.id, more.id].sort());
    // Each is the request's match as its hub sees it: the same id, score and distance.
    for (const item of mine.items) {
      const db = await matchRow(item.listing.id, request.id);
      expect(item.id).toBe(db!.id);
      expect(item.score).toBe(db!.score);
      expect(item).toEqual(all.items.find((i) => i.id === item.id));
    }
    expect((await mineOf(kortrijk.session, request.id)).items.map((i) => i.listing.id)).toEqual([theirs.id]);

    // A colleague at Leuven (not the listings' author) gets the same.
    const colleague = await signup();
    await invite(leuven.session, leuven.hub.slug, colleague.session);
    expect((await mineOf(colleague.session, request.id)).items.map((i) => i.listing.id).sort()).toEqual(
      [ours.id, more.id].sort(),
    );
  });

  it('the request’s own hub and a person without a hub get none; a withdrawn listing leaves at once', async () => {
    const { asker, leuven, request, ours, more } = await scene();
    expect((await mineOf(asker.session, request.id)).items).toEqual([]);
    expect((await mineOf((await signup()).session, request.id)).items).toEqual([]);

    await expectJson(
      await call(`/listings/${more.id}`, { session: leuven.session, method: 'DELETE' }),
      200,
      ZListing,
    );
    expect((await mineOf(leuven.session, request.id)).items.map((i) => i.listing.id)).toEqual([ours.id]);
    expect((await matchRow(more.id, request.id))?.state).toBe('stale');
  });

  it('signed out is 401, and a request that does not exist is 404', async () => {
    const { leuven, request } = await scene();
    await expectError(await call(`/requests/${request.id}/matches/my-hubs`), 401, 'UNAUTHENTICATED');
    await expectError(
      await call('/requests/999999999/matches/my-hubs', { session: leuven.session }),
      404,
      'REQUEST_NOT_FOUND',
    );
    await expectError(
      await call('/requests/abc/matches/my-hubs', { session: leuven.session }),
      422,
      'VALIDATION_FAILED',
      ['id'],
    );
  });
});
