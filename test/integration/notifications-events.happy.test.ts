/**
 * The who-is-told table, row by row, through the API: each exchange move tells exactly the people
 * its row names (hub audiences = every member), in their language, never the person who acted.
 */
import { describe, expect, it } from 'vitest';
import { runExchangeTimers } from '../../src/modules/exchanges/exchanges.service';
import { NOTIFICATION_RULES } from '../../src/modules/notifications/notifications.rules';
import { ZNotificationPage } from '../../src/shared/notifications.schemas';
import { actOk, claimOk, memberOf, twoHubs } from '../exchanges-helpers';
import { call, db, expectJson, settleEvents, type Session } from '../helpers';
import { at, book, createMachine } from '../machines-helpers';
import { createStream, noonOn, publishAt, subscribeOk, today } from '../streams-helpers';
import { ZBooking } from '../../src/shared/machines.schemas';

type Person = { session: Session; me: { user: { id: number } } };

/** The notifications of each kind a person holds about one exchange. */
async function told(p: Person, exchangeId: number) {
  const page = await expectJson(
    await call('/notifications?limit=50', { session: p.session }),
    200,
    ZNotificationPage,
  );
  return page.items.filter((n) => n.payload.exchangeId === exchangeId).map((n) => n.kind);
}

async function cast() {
  const o = await twoHubs();
  const giverMate = await memberOf(o.giver);
  const receiverMate = await memberOf(o.receiver);
  return { ...o, giverMate, receiverMate };
}

describe('notifications follow the one table', () => {
  it('claim → accept → handover → confirm, and a message: each row tells its audience, never the actor', async () => {
    const o = await cast();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    // claim_received: the listing's hub (every member); the claimant and their hub are not told.
    expect(await told(o.giver, ex.id)).toEqual(['claim_received']);
    expect(await told(o.giverMate, ex.id)).toEqual(['claim_received']);
    expect(await told(o.receiver, ex.id)).toEqual([]);
    expect(await told(o.receiverMate, ex.id)).toEqual([]);

    await actOk(o.giver.session, ex.id, 'accept');
    // claim_answered: the claimant only.
    expect(await told(o.receiver, ex.id)).toEqual(['claim_answered']);
    expect(await told(o.receiverMate, ex.id)).toEqual([]);
    expect(await told(o.giver, ex.id)).toEqual(['claim_received']);

    await actOk(o.giverMate.session, ex.id, 'messages', { body: 'Thursday at ten?' });
    // exchange_message: the other hub; the giver's colleague wrote it, the giver is of the same hub.
    expect(await told(o.receiver, ex.id)).toEqual(['exchange_message', 'claim_answered']);
    expect(await told(o.receiverMate, ex.id)).toEqual(['exchange_message']);
    expect(await told(o.giver, ex.id)).toEqual(['claim_received']);

    const handed = await actOk(o.giver.session, ex.id, 'handover', { quantity: 2 });
    // handover_recorded: the hub that did not record it, with the deadline.
    const page = await expectJson(
      await call('/notifications', { session: o.receiverMate.session }),
      200,
      ZNotificationPage,
    );
    const handover = page.items.find((n) => n.kind === 'handover_recorded');
    expect(handover?.payload).toMatchObject({ exchangeId: ex.id, deadline: handed.handover?.confirmBy });
    expect(await told(o.giverMate, ex.id)).toEqual(['claim_received']);

    await actOk(o.receiver.session, ex.id, 'confirm');
    // exchange_completed: both hubs, except the person who confirmed.
    expect(await told(o.receiver, ex.id)).not.toContain('exchange_completed');
    for (const p of [o.giver, o.giverMate, o.receiverMate])
      expect(await told(p, ex.id)).toContain('exchange_completed');

    // Every notification row is one per person and event (the dispatcher may run twice).
    const dupes = await db
      .prepare(
        'SELECT count(*) AS n FROM (SELECT user_id, dedupe_key FROM notifications GROUP BY 1, 2 HAVING count(*) > 1)',
      )
      .first<{ n: number }>();
    expect(dupes?.n).toBe(0);
  });

  it('decline, cancel, dispute and expiry', async () => {
    const o = await cast();
    const declined = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    await actOk(o.giverMate.session, declined.id, 'decline');
    expect(await told(o.receiver, declined.id)).toEqual(['claim_answered']);
    const page = await expectJson(
      await call('/notifications', { session: o.receiver.session }),
      200,
      ZNotificationPage,
    );
    expect(page.items.find((n) => n.payload.exchangeId === declined.id)?.payload.answer).toBe('declined');

    const cancelled = await claimOk(o.receiverMate.session, o.listingId, o.receiver.hub.slug);
    await actOk(o.receiverMate.session, cancelled.id, 'cancel');
    // claim_cancelled: the listing's hub; the claimant cancelled it themself, so is not told.
    expect(await told(o.giver, cancelled.id)).toEqual(['claim_cancelled', 'claim_received']);
    expect(await told(o.receiverMate, cancelled.id)).toEqual([]);

    const disputed = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    await actOk(o.giver.session, disputed.id, 'accept');
    await actOk(o.giver.session, disputed.id, 'handover', { quantity: 2 });
    await actOk(o.receiver.session, disputed.id, 'dispute', { reason: 'Only one sheet came' });
    // exchange_disputed: the hub that recorded the handover.
    expect(await told(o.giverMate, disputed.id)).toContain('exchange_disputed');
    expect(await told(o.receiverMate, disputed.id)).not.toContain('exchange_disputed');

    const expiring = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    await runExchangeTimers({ db, now: () => new Date(Date.now() + 8 * 24 * 3600 * 1000) });
    await settleEvents();
    // claim_expired: the claimant and the listing's hub (the scheduler acted, nobody is left out).
    expect(await told(o.receiver, expiring.id)).toEqual(['claim_expired']);
    expect(await told(o.giver, expiring.id)).toEqual(['claim_expired', 'claim_received']);
  });

  it('tells people in their language, and not at all for a kind they turned off', async () => {
    const o = await cast();
    await call('/me', { method: 'PATCH', session: o.giverMate.session, body: { locale: 'nl' } });
    await call('/notifications/preferences', {
      method: 'PUT',
      session: o.giver.session,
      body: { kind: 'claim_received', mode: 'off' },
    });
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    expect(await told(o.giver, ex.id)).toEqual([]);
    const mail = await db
      .prepare(`SELECT subject, locale FROM email_outbox WHERE user_id = ?1 ORDER BY id DESC LIMIT 1`)
      .bind(o.giverMate.me.user.id)
      .first<{ subject: string; locale: string }>();
    expect(mail?.subject).toContain('wil');
  });

  it('a booking made or cancelled tells the machine hub’s managers and the person, not the actor', async () => {
    const o = await cast();
    const machine = await createMachine(o.giver.session, o.giver.hub.slug);
    const res = await book(o.receiver.session, machine.id, at(2, '10:00'), at(2, '11:00'));
    const booking = await expectJson(res, 201, ZBooking);
    const kinds = async (p: Person) =>
      (await expectJson(await call('/notifications', { session: p.session }), 200, ZNotificationPage)).items
        .filter((n) => n.payload.machineId === machine.id)
        .map((n) => `${n.kind}:${n.payload.bookingChange}`);
    expect(await kinds(o.giver)).toEqual(['booking_changed:made']);
    // A plain member of the machine's hub is not told; the booker made it themself.
    expect(await kinds(o.giverMate)).toEqual([]);
    expect(await kinds(o.receiver)).toEqual([]);
    await expectJson(
      await call(`/bookings/${booking.id}`, { method: 'DELETE', session: o.giver.session }),
      200,
      ZBooking,
    );
    expect(await kinds(o.receiver)).toEqual(['booking_changed:cancelled']);
    expect(await kinds(o.giver)).toEqual(['booking_changed:made']);
  });

  it('an occurrence published for a hub that reserved it tells that hub', async () => {
    const o = await cast();
    const stream = await createStream(o.giver.session, o.giver.hub.slug, { startDate: today() });
    await subscribeOk(o.receiver.session, stream.id, o.receiver.hub.slug, 1);
    await publishAt(noonOn(today()));
    await settleEvents();
    const page = await expectJson(
      await call('/notifications', { session: o.receiverMate.session }),
      200,
      ZNotificationPage,
    );
    const n = page.items.find(
      (i) => i.kind === 'stream_occurrence' && i.payload.streamChange === 'published',
    );
    expect(n?.payload).toMatchObject({ streamId: stream.id, streamTitle: stream.title });
    expect(n?.payload.listingId).toBeGreaterThan(0);
    // The publishing hub is not told of its own delivery.
    const giverPage = await expectJson(
      await call('/notifications', { session: o.giver.session }),
      200,
      ZNotificationPage,
    );
    expect(
      giverPage.items.filter((i) => i.kind === 'stream_occurrence' && i.payload.streamChange === 'published'),
    ).toEqual([]);
  });

  it('occurrences reserved by a hub tell the stream’s hub and the reserving hub’s other members, not the actor', async () => {
    const o = await cast();
    const stream = await createStream(o.giver.session, o.giver.hub.slug, { startDate: today() });
    await subscribeOk(o.receiver.session, stream.id, o.receiver.hub.slug, 2);
    await settleEvents();
    const reserved = async (p: Person) =>
      (await expectJson(await call('/notifications', { session: p.session }), 200, ZNotificationPage)).items
        .filter((i) => i.kind === 'stream_occurrence' && i.payload.streamId === stream.id)
        .map((i) => i.payload);
    for (const p of [o.giver, o.giverMate, o.receiverMate])
      expect(await reserved(p)).toEqual([
        {
          streamId: stream.id,
          streamTitle: stream.title,
          hubName: 'Test Lab',
          streamChange: 'reserved',
        },
      ]);
    expect(await reserved(o.receiver)).toEqual([]);
    const row = await db
      .prepare(`SELECT subject_id FROM events WHERE kind = 'stream.reserved' ORDER BY id DESC LIMIT 1`)
      .first<{ subject_id: number }>();
    const sub = await db
      .prepare('SELECT id FROM stream_subscriptions WHERE stream_id = ?1')
      .bind(stream.id)
      .first<{ id: number }>();
    expect(row?.subject_id).toBe(sub?.id);
  });

  it('has one row per notified event kind, each with an audience', () => {
    expect(NOTIFICATION_RULES.map((r) => `${r.on}→${r.notify}`)).toEqual([
      'exchange.claimed→claim_received',
      'exchange.accepted→claim_answered',
      'exchange.declined→claim_answered',
      'exchange.cancelled→claim_cancelled',
      'exchange.expired→claim_expired',
      'exchange.handed_over→handover_recorded',
      'exchange.completed→exchange_completed',
      'exchange.disputed→exchange_disputed',
      'exchange.message→exchange_message',
      'listing.question→exchange_message',
      'booking.made→booking_changed',
      'booking.cancelled→booking_changed',
      'stream.occurrence_published→stream_occurrence',
      'stream.reserved→stream_occurrence',
      'training.requested→training_requested',
      'training.answered→training_answered',
      'hub.join_requested→join_request_received',
      'hub.join_decided→join_request_answered',
    ]);
  });
});
