import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import {
  call,
  count,
  createListing,
  expectError,
  expectJson,
  invite,
  LISTING,
  makerWithHub,
  photoForm,
  PNG_BYTES,
  signup,
} from '../helpers';

describe('listings: who may do what', () => {
  it('refuses anonymous writes with 401 and writes nothing', async () => {
    const { hub } = await makerWithHub();
    await expectError(
      await call('/listings', { body: { ...LISTING, hub: hub.slug } }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
  });

  it('lets only members of a hub list for it', async () => {
    const { hub } = await makerWithHub();
    const stranger = await signup();
    const res = await call('/listings', { session: stranger.session, body: { ...LISTING, hub: hub.slug } });
    await expectError(res, 403, 'NOT_A_MEMBER');
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
  });

  it("refuses a stranger's edit, withdrawal and photo, and nothing changes", async () => {
    const owner = await makerWithHub();
    const { id } = await createListing(owner.session, owner.hub.slug);
    const stranger = await makerWithHub();
    await expectError(
      await call(`/listings/${id}`, {
        session: stranger.session,
        method: 'PATCH',
        body: { title: 'Mine now' },
      }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/listings/${id}`, { session: stranger.session, method: 'DELETE' }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/listings/${id}/photos`, { session: stranger.session, form: photoForm(PNG_BYTES) }),
      403,
      'FORBIDDEN',
    );
    const row = await count(
      "SELECT count(*) AS n FROM listings WHERE id = ?1 AND title = ?2 AND status = 'active'",
      id,
      LISTING.title,
    );
    expect(row).toBe(1);
    expect(await count('SELECT count(*) AS n FROM listing_photos')).toBe(0);
  });

  it("lets a hub's manager edit a member's listing, but not another member", async () => {
    const manager = await makerWithHub();
    const author = await signup();
    const other = await signup();
    await invite(manager.session, manager.hub.slug, author.session);
    await invite(manager.session, manager.hub.slug, other.session);
    const { id } = await createListing(author.session, manager.hub.slug);

    const asOther = await expectJson(
      await call(`/listings/${id}`, { session: other.session }),
      200,
      ZListing,
    );
    expect(asOther.canEdit).toBe(false);
    await expectError(
      await call(`/listings/${id}`, { session: other.session, method: 'PATCH', body: { quantity: 1 } }),
      403,
      'FORBIDDEN',
    );
    const edited = await expectJson(
      await call(`/listings/${id}`, { session: manager.session, method: 'PATCH', body: { quantity: 3 } }),
      200,
      ZListing,
    );
    expect(edited.canEdit).toBe(true);
    expect(await count('SELECT quantity_milli AS n FROM listings WHERE id = ?1', id)).toBe(3000);
  });
});
