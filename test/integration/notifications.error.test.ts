import { describe, expect, it } from 'vitest';
import { call, expectError, signup } from '../helpers';
import { notificationsOf } from '../matching-helpers';

describe('notifications: errors', () => {
  it('refuses a read request without ids or all, with both, or with unknown fields', async () => {
    const me = await signup();
    await expectError(
      await call('/notifications/read', { session: me.session, body: {} }),
      422,
      'VALIDATION_FAILED',
      ['ids'],
    );
    await expectError(
      await call('/notifications/read', { session: me.session, body: { ids: [1], all: true } }),
      422,
      'VALIDATION_FAILED',
      ['ids'],
    );
    await expectError(
      await call('/notifications/read', { session: me.session, body: { all: true, userId: 1 } }),
      422,
      'VALIDATION_FAILED',
      ['userId'],
    );
    await expectError(
      await call('/notifications/read', { session: me.session, body: { ids: [] } }),
      422,
      'VALIDATION_FAILED',
      ['ids'],
    );
    expect(await notificationsOf(me.me.user.id)).toHaveLength(0);
  });

  it('refuses an unknown kind or mode, and a bad page size', async () => {
    const me = await signup();
    await expectError(
      await call('/notifications/preferences', {
        session: me.session,
        method: 'PUT',
        body: { kind: 'spam', mode: 'weekly' },
      }),
      422,
      'VALIDATION_FAILED',
      ['kind', 'mode'],
    );
    await expectError(
      await call('/notifications?limit=500', { session: me.session }),
      422,
      'VALIDATION_FAILED',
      ['limit'],
    );
  });
});
