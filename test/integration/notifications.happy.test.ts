import { describe, expect, it } from 'vitest';
import { deliverOutbox, sendDigests } from '../../src/modules/notifications/notifications.service';
import {
  ZMailbox,
  ZNotificationPage,
  ZNotificationPreferences,
  ZUnreadCount,
  NOTIFICATION_KINDS,
} from '../../src/shared/notifications.schemas';
import { call, db, expectJson } from '../helpers';
import { fixedDeps, newArea, newListing, newRequest, notificationsOf, outboxOf } from '../matching-helpers';

describe('notifications: happy paths', () => {
  it('lists my notifications with the unread count, and marks them read', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug);
    const l1 = await newListing(giver.session, giver.hub.slug);
    await newListing(giver.session, giver.hub.slug, { title: 'More birch' });

    const page = await expectJson(
      await call('/notifications', { session: asker.session }),
      200,
      ZNotificationPage,
    );
    expect(page.unreadCount).toBe(2);
    expect(page.items[1]).toMatchObject({
      kind: 'request_match',
      readAt: null,
      payload: { listingId: l1.id, requestId: request.id },
    });

    const one = await expectJson(
      await call('/notifications/read', { session: asker.session, body: { ids: [page.items[0]!.id] } }),
      200,
      ZUnreadCount,
    );
    expect(one.unreadCount).toBe(1);
    const unread = await expectJson(
      await call('/notifications?unread=true', { session: asker.session }),
      200,
      ZNotificationPage,
    );
    expect(unread.items.map((n) => n.id)).toEqual([page.items[1]!.id]);
    expect(
      (
        await expectJson(
          await call('/notifications/read', { session: asker.session, body: { all: true } }),
          200,
          ZUnreadCount,
        )
      ).unreadCount,
    ).toBe(0);
    expect((await notificationsOf(asker.me.user.id)).every((n) => n.read_at !== null)).toBe(true);
  });

  it('pages with a cursor', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    await newRequest(asker.session, asker.hub.slug);
    for (let i = 0; i < 3; i++) await newListing(giver.session, giver.hub.slug, { title: `Birch ${i}` });
    const first = await expectJson(
      await call('/notifications?limit=2', { session: asker.session }),
      200,
      ZNotificationPage,
    );
    expect(first.items).toHaveLength(2);
    const second = await expectJson(
      await call(`/notifications?limit=2&cursor=${first.nextCursor}`, { session: asker.session }),
      200,
      ZNotificationPage,
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it('preferences: immediate by default; daily waits for one digest a day; off records nothing', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent', 'fr');
    const giver = await makerAt('kortrijk');
    const prefs = await expectJson(
      await call('/notifications/preferences', { session: asker.session }),
      200,
      ZNotificationPreferences,
    );
    expect(prefs.items).toEqual(NOTIFICATION_KINDS.map((kind) => ({ kind, mode: 'immediate' })));
    expect(prefs.items.slice(0, 3).map((p) => p.kind)).toEqual([
      'request_match',
      'saved_search',
      'moderation',
    ]);
    const daily = await expectJson(
      await call('/notifications/preferences', {
        session: asker.session,
        method: 'PUT',
        body: { kind: 'request_match', mode: 'daily' },
      }),
      200,
      ZNotificationPreferences,
    );
    expect(daily.items[0]).toEqual({ kind: 'request_match', mode: 'daily' });

    await newRequest(asker.session, asker.hub.slug, { title: 'Contreplaqué pour tabourets' });
    await newListing(giver.session, giver.hub.slug);
    await newListing(giver.session, giver.hub.slug, { title: 'Birch again' });
    expect(await notificationsOf(asker.me.user.id)).toHaveLength(2);
    expect(await outboxOf(asker.me.user.id)).toHaveLength(0);

    // Before 06:00 UTC nothing; then one digest, in French; a second run the same day sends none.
    expect(await sendDigests(fixedDeps('2030-05-01T05:00:00Z'))).toEqual({ digests: 0 });
    expect(await sendDigests(fixedDeps('2030-05-01T07:00:00Z'))).toEqual({ digests: 1 });
    expect(await sendDigests(fixedDeps('2030-05-01T09:00:00Z'))).toEqual({ digests: 0 });
    const mails = await outboxOf(asker.me.user.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ locale: 'fr' });
    expect(mails[0]!.subject).toContain('2 nouvelles alertes');
    expect(mails[0]!.body).toContain('Contreplaqué pour tabourets');

    await call('/notifications/preferences', {
      session: asker.session,
      method: 'PUT',
      body: { kind: 'request_match', mode: 'off' },
    });
    await newListing(giver.session, giver.hub.slug, { title: 'Birch three' });
    expect(await notificationsOf(asker.me.user.id)).toHaveLength(2);
  });

  it('the outbox is delivered by the configured sender, retried, and readable in the dev mailbox', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    await newRequest(asker.session, asker.hub.slug);
    await newListing(giver.session, giver.hub.slug);
    const [mail] = await outboxOf(asker.me.user.id);
    expect(mail).toMatchObject({ status: 'pending', attempts: 0 });

    const failing = { name: 'test', send: async () => Promise.reject(new Error('provider down')) };
    const r1 = await deliverOutbox({ ...fixedDeps('2030-01-01T10:00:00Z'), sender: failing });
    expect(r1.failed).toBeGreaterThanOrEqual(1);
    expect((await outboxOf(asker.me.user.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });

    const sent: string[] = [];
    const ok = { name: 'test', send: async (m: { to: string }) => void sent.push(m.to) };
    await deliverOutbox({ ...fixedDeps('2030-01-01T10:15:00Z'), sender: ok });
    expect(sent).toContain(asker.email);
    expect((await outboxOf(asker.me.user.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    // Sent once: a second pass finds nothing of this person's.
    sent.length = 0;
    await deliverOutbox({ ...fixedDeps('2030-01-01T10:30:00Z'), sender: ok });
    expect(sent).not.toContain(asker.email);

    const box = await expectJson(await call('/dev/mailbox', { session: asker.session }), 200, ZMailbox);
    expect(box.items).toHaveLength(1);
    expect(box.items[0]).toMatchObject({ to: asker.email, status: 'sent' });
  });

  it('gives up on a message after five failed attempts', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    await newRequest(asker.session, asker.hub.slug);
    await newListing(giver.session, giver.hub.slug);
    const failing = { name: 'test', send: async () => Promise.reject(new Error('no')) };
    for (let i = 0; i < 6; i++)
      await deliverOutbox({ ...fixedDeps(`2030-02-01T1${i}:00:00Z`), sender: failing });
    const row = await db
      .prepare('SELECT status, attempts, last_error FROM email_outbox WHERE user_id = ?1')
      .bind(asker.me.user.id)
      .first();
    expect(row).toMatchObject({ status: 'failed', attempts: 5 });
  });
});
