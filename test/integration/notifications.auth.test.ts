import { describe, expect, it } from 'vitest';
import { ZUnreadCount } from '../../src/shared/notifications.schemas';
import { call, expectError, expectJson } from '../helpers';
import { newArea, newListing, newRequest, notificationsOf } from '../matching-helpers';

describe('notifications: only my own', () => {
  it('a signed-out visitor gets 401 everywhere', async () => {
    await expectError(await call('/notifications'), 401, 'UNAUTHENTICATED');
    await expectError(await call('/notifications/read', { body: { all: true } }), 401, 'UNAUTHENTICATED');
    await expectError(await call('/notifications/preferences'), 401, 'UNAUTHENTICATED');
    await expectError(await call('/dev/mailbox'), 401, 'UNAUTHENTICATED');
  });

  it('marking someone else’s notification read changes nothing; their mail is not in my mailbox', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    await newRequest(asker.session, asker.hub.slug);
    await newListing(giver.session, giver.hub.slug);
    const [theirs] = await notificationsOf(asker.me.user.id);
    const res = await call('/notifications/read', { session: giver.session, body: { ids: [theirs!.id] } });
    expect((await expectJson(res, 200, ZUnreadCount)).unreadCount).toBe(0);
    expect((await notificationsOf(asker.me.user.id))[0]!.read_at).toBeNull();
    const box = (await (await call('/dev/mailbox', { session: giver.session })).json()) as {
      items: unknown[];
    };
    expect(box.items).toHaveLength(0);
  });

  it('marking read from another site (no Origin) is refused', async () => {
    const makerAt = newArea();
    const me = await makerAt('ghent');
    await expectError(
      await call('/notifications/read', { session: me.session, body: { all: true }, noOrigin: true }),
      403,
      'CSRF_FAILED',
    );
  });
});
