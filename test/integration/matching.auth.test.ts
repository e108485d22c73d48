import { describe, expect, it } from 'vitest';
import { ZDismissed, ZRequestMatches } from '../../src/shared/matching.schemas';
import { call, expectError, expectJson, invite, signup } from '../helpers';
import { matchRow, newArea, newListing, newRequest } from '../matching-helpers';

async function scene() {
  const makerAt = newArea();
  const asker = await makerAt('ghent');
  const giver = await makerAt('kortrijk');
  const request = await newRequest(asker.session, asker.hub.slug);
  const listing = await newListing(giver.session, giver.hub.slug);
  const match = (await matchRow(listing.id, request.id))!;
  return { asker, giver, request, listing, match };
}

describe('matching: who may see and dismiss', () => {
  it('a signed-out visitor gets 401 for a request’s matches and for dismissing', async () => {
    const { request, match } = await scene();
    await expectError(await call(`/requests/${request.id}/matches`), 401, 'UNAUTHENTICATED');
    await expectError(await call(`/matches/${match.id}/dismiss`, { method: 'POST' }), 401, 'UNAUTHENTICATED');
    expect((await matchRow(match.listing_id, match.request_id))?.state).toBe('open');
  });

  it('only members of the request’s hub see its matches or dismiss them (not the listing’s hub)', async () => {
    const { giver, request, match } = await scene();
    const stranger = await signup();
    for (const who of [giver, stranger]) {
      await expectError(
        await call(`/requests/${request.id}/matches`, { session: who.session }),
        403,
        'NOT_A_MEMBER',
      );
      await expectError(
        await call(`/matches/${match.id}/dismiss`, { session: who.session, method: 'POST' }),
        403,
        'NOT_A_MEMBER',
      );
    }
    expect((await matchRow(match.listing_id, match.request_id))?.state).toBe('open');
  });

  it('any member of the request’s hub may, not only its author', async () => {
    const { asker, request, match } = await scene();
    const colleague = await signup();
    await invite(asker.session, asker.hub.slug, colleague.session);
    const page = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: colleague.session }),
      200,
      ZRequestMatches,
    );
    expect(page.items.map((i) => i.id)).toEqual([match.id]);
    await expectJson(
      await call(`/matches/${match.id}/dismiss`, { session: colleague.session, method: 'POST' }),
      200,
      ZDismissed,
    );
    expect((await matchRow(match.listing_id, match.request_id))?.state).toBe('dismissed');
  });

  it('dismissing from another site (no Origin) is refused', async () => {
    const { asker, match } = await scene();
    await expectError(
      await call(`/matches/${match.id}/dismiss`, { session: asker.session, method: 'POST', noOrigin: true }),
      403,
      'CSRF_FAILED',
    );
    expect((await matchRow(match.listing_id, match.request_id))?.state).toBe('open');
  });

  it('a listing’s matches are public, like requests in search', async () => {
    const { listing } = await scene();
    expect((await call(`/listings/${listing.id}/matches`)).status).toBe(200);
  });
});
