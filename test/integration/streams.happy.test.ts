import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import {
  ZStreamDetail,
  ZStreamList,
  ZStreamSupplyList,
  ZSubscription,
} from '../../src/shared/streams.schemas';
import { actOk, stock, stateOf } from '../exchanges-helpers';
import { call, count, db, expectError, expectJson, makerWithHub } from '../helpers';
import { newArea } from '../matching-helpers';
import {
  addDays,
  createStream,
  getStream,
  hubId,
  noonOn,
  occurrenceRows,
  publishAt,
  subscribe,
  subscribeOk,
  today,
} from '../streams-helpers';

async function twoHubs() {
  const makerAt = newArea();
  return { giver: await makerAt('ghent'), receiver: await makerAt('kortrijk') };
}

describe('recurring streams', () => {
  it('creates a weekly stream with every occurrence stored, dated in the hub’s calendar', async () => {
    const giver = await makerWithHub();
    const start = addDays(today(), 2);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 4 });
    expect(stream).toMatchObject({
      title: 'Birch plywood offcuts, every week',
      quantity: 15,
      unit: 'kg',
      repeats: 'weekly',
      every: 1,
      dayOfMonth: null,
      startDate: start,
      endDate: null,
      occurrenceCount: 4,
      status: 'active',
      counts: { total: 4, published: 0, reserved: 0, free: 4 },
      nextFreeDate: start,
      handedOver: 0,
      canEdit: true,
      subscriptions: [],
    });
    expect(stream.hub.timezone).toBe('Europe/Brussels');
    const dates = [0, 7, 14, 21].map((d) => addDays(start, d));
    expect(stream.occurrences.map((o) => [o.seq, o.dueDate, o.state])).toEqual(
      dates.map((d, i) => [i + 1, d, 'upcoming']),
    );
    const rows = await occurrenceRows(stream.id);
    expect(rows.map((r) => r.due_date)).toEqual(dates);
    expect(rows.every((r) => r.listing_id === null && r.hub_id === null)).toBe(true);
    const stored = await db
      .prepare('SELECT quantity_milli, repeats, every, occurrence_count, end_date FROM streams WHERE id = ?1')
      .bind(stream.id)
      .first();
    expect(stored).toEqual({
      quantity_milli: 15_000,
      repeats: 'weekly',
      every: 1,
      occurrence_count: 4,
      end_date: null,
    });
  });

  it('creates a monthly stream on the 31st, ending by date, and lists it on the hub', async () => {
    const giver = await makerWithHub();
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, {
      repeats: 'monthly',
      dayOfMonth: 31,
      occurrences: undefined,
      endDate: addDays(start, 120),
    });
    expect(stream.dayOfMonth).toBe(31);
    for (const o of stream.occurrences) {
      const [y, m, d] = o.dueDate.split('-').map(Number) as [number, number, number];
      expect(d).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
    }
    expect(stream.occurrences.length).toBeGreaterThanOrEqual(3);
    expect(stream.occurrences.length).toBeLessThanOrEqual(4);
    const list = await expectJson(await call(`/hubs/${giver.hub.slug}/streams`), 200, ZStreamList);
    expect(list.items.map((s) => s.id)).toEqual([stream.id]);
    // Anonymous readers see the schedule but nobody's reservation.
    expect(list.items[0]!.canEdit).toBe(false);
  });

  it('reserves the next occurrences for a subscriber once; a second submit reserves nothing new', async () => {
    const { giver, receiver } = await twoHubs();
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 5 });
    const sub = await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 2);
    expect(sub).toMatchObject({
      streamId: stream.id,
      hub: { slug: receiver.hub.slug },
      requested: 2,
      state: 'active',
      canCancel: true,
    });
    expect(sub.reserved.map((r) => r.seq)).toEqual([1, 2]);
    const again = await subscribe(receiver.session, stream.id, { hub: receiver.hub.slug, occurrences: 2 });
    await expectError(again, 409, 'ALREADY_SUBSCRIBED');
    const rows = await occurrenceRows(stream.id);
    const rid = await hubId(receiver.hub.slug);
    expect(rows.map((r) => r.hub_id)).toEqual([rid, rid, null, null, null]);
    expect(
      await count('SELECT count(*) AS n FROM stream_subscriptions WHERE stream_id = ?1', stream.id),
    ).toBe(1);

    // The giver sees who reserved; a third hub sees only that it is reserved.
    const asGiver = await getStream(giver.session, stream.id);
    expect(asGiver.occurrences[0]).toMatchObject({
      state: 'reserved',
      reserved: true,
      reservedBy: { slug: receiver.hub.slug },
    });
    expect(asGiver.subscriptions.map((s) => s.id)).toEqual([sub.id]);
    expect(asGiver.counts).toEqual({ total: 5, published: 0, reserved: 2, free: 3 });
    const stranger = await makerWithHub();
    const asStranger = await getStream(stranger.session, stream.id);
    expect(asStranger.occurrences[0]).toMatchObject({ state: 'reserved', reserved: true, reservedBy: null });
    expect(asStranger.subscriptions).toEqual([]);
  });

  it('replays a subscription sent twice with the same Idempotency-Key', async () => {
    const { giver, receiver } = await twoHubs();
    const stream = await createStream(giver.session, giver.hub.slug);
    const body = { hub: receiver.hub.slug, occurrences: 3 };
    const first = await subscribe(receiver.session, stream.id, body, { 'idempotency-key': 'sub-1' });
    const a = await expectJson(first, 201, ZSubscription);
    const second = await subscribe(receiver.session, stream.id, body, { 'idempotency-key': 'sub-1' });
    const b = await expectJson(second, 201, ZSubscription);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(b).toEqual(a);
    expect(await count('SELECT count(*) AS n FROM stream_reservations WHERE stream_id = ?1', stream.id)).toBe(
      3,
    );
  });

  it('publishes due occurrences as listings with the subscriber’s exchange accepted, once', async () => {
    const { giver, receiver } = await twoHubs();
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 3 });
    await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 1);

    // Not yet due: nothing happens. (Other tests' streams share this database: count this one's rows.)
    await publishAt(noonOn(today()));
    expect((await occurrenceRows(stream.id)).every((r) => r.listing_id === null)).toBe(true);

    const first = await publishAt(noonOn(start));
    expect(first.published).toBeGreaterThanOrEqual(1);
    const rows = await occurrenceRows(stream.id);
    const listingId = rows[0]!.listing_id!;
    expect(listingId).not.toBeNull();
    expect(rows[0]!.exchange_id).not.toBeNull();
    expect(rows.slice(1).every((r) => r.listing_id === null)).toBe(true);
    const listing = await db
      .prepare(
        'SELECT status, available_from, quantity_milli, stream_id, stream_seq, title FROM listings WHERE id = ?1',
      )
      .bind(listingId)
      .first();
    expect(listing).toEqual({
      status: 'active',
      available_from: start,
      quantity_milli: 15_000,
      stream_id: stream.id,
      stream_seq: 1,
      title: 'Birch plywood offcuts, every week',
    });
    expect(await stateOf(rows[0]!.exchange_id!)).toBe('accepted');
    expect(await stock(listingId)).toEqual({ quantity: 15_000, reserved: 15_000 });
    // The listing says which stream and occurrence it was published for.
    const shown = await expectJson(await call(`/listings/${listingId}`), 200, ZListing);
    expect(shown.stream).toEqual({ id: stream.id, seq: 1 });

    // A second run (and one a little later the same day) creates nothing new.
    const second = await publishAt(noonOn(start));
    expect(second).toMatchObject({ published: 0, exchanges: 0 });
    await publishAt(new Date(noonOn(start).getTime() + 3600_000));
    expect(await count('SELECT count(*) AS n FROM listings WHERE stream_id = ?1', stream.id)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', listingId)).toBe(1);

    const view = await getStream(receiver.session, stream.id);
    expect(view.occurrences[0]).toMatchObject({
      state: 'published',
      listingId,
      exchangeId: rows[0]!.exchange_id,
    });
    expect(view.occurrences[1]).toMatchObject({ state: 'upcoming', listingId: null });
  });

  it('shows what was actually handed over per occurrence after a full exchange', async () => {
    const { giver, receiver } = await twoHubs();
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 2 });
    await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 2);
    await publishAt(noonOn(start));
    const exchangeId = (await occurrenceRows(stream.id))[0]!.exchange_id!;
    await actOk(giver.session, exchangeId, 'handover', { quantity: 12.5 });
    await actOk(receiver.session, exchangeId, 'confirm');
    const view = await getStream(giver.session, stream.id);
    expect(view.occurrences.map((o) => o.handedOver)).toEqual([12.5, 0]);
    expect(view.handedOver).toBe(12.5);
    const hub = await expectJson(await call(`/hubs/${giver.hub.slug}/streams`), 200, ZStreamList);
    expect(hub.items[0]!.occurrences[0]!.handedOver).toBe(12.5);
    expect(
      await count(
        'SELECT sum(f.quantity_milli) AS n FROM flows f JOIN exchanges e ON e.id = f.exchange_id WHERE e.id = ?1',
        exchangeId,
      ),
    ).toBe(12_500);
  });

  it('cancelling a subscription frees its unpublished occurrences and keeps the published one', async () => {
    const { giver, receiver } = await twoHubs();
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 4 });
    const sub = await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 3);
    await publishAt(noonOn(start));
    const res = await call(`/streams/${stream.id}/subscriptions/${sub.id}`, {
      session: receiver.session,
      method: 'DELETE',
    });
    const cancelled = await expectJson(res, 200, ZSubscription);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.reserved.map((r) => r.seq)).toEqual([1]);
    const rows = await occurrenceRows(stream.id);
    expect(rows.map((r) => r.subscription_id)).toEqual([sub.id, null, null, null]);
    // Free again: another subscription may take them, and the same hub may subscribe anew.
    const again = await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 2);
    expect(again.reserved.map((r) => r.seq)).toEqual([2, 3]);
  });

  it('ending a stream drops the occurrences still to come and their reservations', async () => {
    const { giver, receiver } = await twoHubs();
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 4 });
    await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 2);
    await publishAt(noonOn(start));
    const res = await call(`/streams/${stream.id}`, {
      session: giver.session,
      method: 'PATCH',
      body: { status: 'ended' },
    });
    const ended = await expectJson(res, 200, ZStreamDetail);
    expect(ended.status).toBe('ended');
    expect(ended.occurrences.map((o) => o.seq)).toEqual([1]);
    expect((await occurrenceRows(stream.id)).map((r) => r.seq)).toEqual([1]);
    expect(await count('SELECT count(*) AS n FROM stream_reservations WHERE stream_id = ?1', stream.id)).toBe(
      1,
    );
    // Nothing more is published.
    await publishAt(noonOn(addDays(start, 30)));
    expect(await count('SELECT count(*) AS n FROM listings WHERE stream_id = ?1', stream.id)).toBe(1);
    await expectError(
      await subscribe(receiver.session, stream.id, { hub: receiver.hub.slug, occurrences: 1 }),
      409,
      'STREAM_NOT_ACTIVE',
    );
  });

  it('ends a stream by itself once its last occurrence is published', async () => {
    const giver = await makerWithHub();
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 2 });
    const r = await publishAt(noonOn(addDays(start, 7)));
    expect(r.published).toBeGreaterThanOrEqual(2);
    expect(r.ended).toBeGreaterThanOrEqual(1);
    expect(await count('SELECT count(*) AS n FROM listings WHERE stream_id = ?1', stream.id)).toBe(2);
    expect((await getStream(undefined, stream.id)).status).toBe('ended');
  });

  it('offers streams as expected supply for a request within its radius, scored', async () => {
    const { giver, receiver } = await twoHubs();
    const makerAt = newArea();
    const far = await makerAt('ghent');
    const stream = await createStream(giver.session, giver.hub.slug, { unit: 'sheets', quantity: 4 });
    // Far away from the request (another area): never offered.
    await createStream(far.session, far.hub.slug, { unit: 'sheets', quantity: 4 });
    const req = await expectJson(
      await call('/requests', {
        session: receiver.session,
        body: {
          hub: receiver.hub.slug,
          title: 'Birch plywood for stools',
          category: 'birch-plywood',
          quantity: 8,
          unit: 'sheets',
          fetchRadiusKm: 60,
        },
      }),
      201,
      ZStreamSupplyList.shape.items.element.shape.stream.pick({ id: true }),
    );
    const res = await call(`/requests/${req.id}/streams`, { session: receiver.session });
    const supply = await expectJson(res, 200, ZStreamSupplyList);
    expect(supply.items.map((i) => i.stream.id)).toEqual([stream.id]);
    const item = supply.items[0]!;
    expect(item).toMatchObject({
      nextFreeDate: stream.nextFreeDate,
      freeOccurrences: 6,
      expectedQuantity: 4,
    });
    expect(item.score).toBeGreaterThan(0);
    expect(item.distanceKm).toBeGreaterThan(30);
    expect(item.reasons.map((r) => r.code)).toContain('coverage');
    // Once every occurrence is reserved, the stream is no longer expected supply.
    await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 6);
    const after = await expectJson(
      await call(`/requests/${req.id}/streams`, { session: receiver.session }),
      200,
      ZStreamSupplyList,
    );
    expect(after.items).toEqual([]);
  });
});
