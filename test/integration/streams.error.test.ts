import { describe, expect, it } from 'vitest';
import { call, count, expectError, makerWithHub } from '../helpers';
import { newArea } from '../matching-helpers';
import { addDays, createStream, subscribe, subscribeOk, today, WEEKLY } from '../streams-helpers';

const streamRows = async () =>
  (await count('SELECT count(*) AS n FROM streams')) +
  (await count('SELECT count(*) AS n FROM stream_occurrences'));

describe('stream refusals', () => {
  it('names every bad field in one 422 and writes nothing', async () => {
    const giver = await makerWithHub();
    const before = await streamRows();
    const res = await call(`/hubs/${giver.hub.slug}/streams`, {
      session: giver.session,
      body: {
        ...WEEKLY,
        title: 'x',
        quantity: 0.0001,
        unit: 'bags',
        repeats: 'daily',
        every: 0,
        condition: 'shiny',
        startDate: '2027-02-30',
        occurrences: undefined,
        id: 4,
      },
    });
    await expectError(res, 422, 'VALIDATION_FAILED', [
      'title',
      'quantity',
      'unit',
      'repeats',
      'every',
      'condition',
      'startDate',
      'endDate',
      'id',
    ]);
    expect(await streamRows()).toBe(before);
  });

  it('refuses a stream without an end, with two ends, or longer than two years', async () => {
    const giver = await makerWithHub();
    const before = await streamRows();
    const start = addDays(today(), 1);
    const post = (body: Record<string, unknown>) =>
      call(`/hubs/${giver.hub.slug}/streams`, {
        session: giver.session,
        body: { ...WEEKLY, startDate: start, ...body },
      });
    await expectError(await post({ occurrences: undefined }), 422, 'VALIDATION_FAILED', ['endDate']);
    await expectError(await post({ endDate: addDays(start, 30) }), 422, 'VALIDATION_FAILED', ['occurrences']);
    await expectError(
      await post({ occurrences: undefined, endDate: addDays(start, -1) }),
      422,
      'VALIDATION_FAILED',
      ['endDate'],
    );
    await expectError(
      await post({ occurrences: undefined, endDate: addDays(start, 800) }),
      422,
      'VALIDATION_FAILED',
      ['endDate'],
    );
    await expectError(await post({ occurrences: 105 }), 422, 'VALIDATION_FAILED', ['occurrences']);
    await expectError(await post({ dayOfMonth: 12 }), 422, 'VALIDATION_FAILED', ['dayOfMonth']);
    expect(await streamRows()).toBe(before);
  });

  it('refuses a start in the past or more than a year ahead, in the reader’s language', async () => {
    const giver = await makerWithHub();
    const before = await streamRows();
    const past = await call(`/hubs/${giver.hub.slug}/streams`, {
      session: giver.session,
      headers: { 'accept-language': 'nl' },
      body: { ...WEEKLY, startDate: addDays(today(), -1) },
    });
    const body = await expectError(past, 422, 'VALIDATION_FAILED', ['startDate']);
    expect(body.error.details?.fields?.[0]?.message).toBe('Startdatum: mag niet in het verleden liggen');
    const far = await call(`/hubs/${giver.hub.slug}/streams`, {
      session: giver.session,
      body: { ...WEEKLY, startDate: addDays(today(), 400) },
    });
    await expectError(far, 422, 'VALIDATION_FAILED', ['startDate']);
    expect(await streamRows()).toBe(before);
  });

  it('refuses subscribing to one’s own stream, a bad count, an unknown stream or hub', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const receiver = await makerAt('kortrijk');
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 3 });
    const before = await count('SELECT count(*) AS n FROM stream_subscriptions');
    await expectError(
      await subscribe(giver.session, stream.id, { hub: giver.hub.slug, occurrences: 1 }),
      422,
      'STREAM_OWN_HUB',
      ['hub'],
    );
    await expectError(
      await subscribe(receiver.session, stream.id, {
        hub: receiver.hub.slug,
        occurrences: 0,
        state: 'active',
      }),
      422,
      'VALIDATION_FAILED',
      ['occurrences', 'state'],
    );
    await expectError(
      await subscribe(receiver.session, stream.id, { hub: receiver.hub.slug, occurrences: 53 }),
      422,
      'VALIDATION_FAILED',
      ['occurrences'],
    );
    await expectError(
      await subscribe(receiver.session, 999_999, { hub: receiver.hub.slug, occurrences: 1 }),
      404,
      'STREAM_NOT_FOUND',
    );
    await expectError(
      await subscribe(receiver.session, stream.id, { hub: 'no-such-hub', occurrences: 1 }),
      404,
      'HUB_NOT_FOUND',
    );
    expect(await count('SELECT count(*) AS n FROM stream_subscriptions')).toBe(before);
  });

  it('reserves what is free, then refuses when nothing is left', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const a = await makerAt('kortrijk');
    const b = await makerAt('brussels');
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 3 });
    const first = await subscribeOk(a.session, stream.id, a.hub.slug, 5);
    expect(first.requested).toBe(5);
    expect(first.reserved.map((r) => r.seq)).toEqual([1, 2, 3]);
    await expectError(
      await subscribe(b.session, stream.id, { hub: b.hub.slug, occurrences: 1 }),
      409,
      'NO_FREE_OCCURRENCES',
    );
    expect(
      await count('SELECT count(*) AS n FROM stream_subscriptions WHERE stream_id = ?1', stream.id),
    ).toBe(1);
  });

  it('refuses ending a stream twice and cancelling a subscription twice', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const receiver = await makerAt('kortrijk');
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 3 });
    const sub = await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 1);
    const cancel = () =>
      call(`/streams/${stream.id}/subscriptions/${sub.id}`, { session: receiver.session, method: 'DELETE' });
    expect((await cancel()).status).toBe(200);
    await expectError(await cancel(), 409, 'SUBSCRIPTION_CANCELLED');
    await expectError(
      await call(`/streams/${stream.id + 1000}/subscriptions/${sub.id}`, {
        session: receiver.session,
        method: 'DELETE',
      }),
      404,
      'SUBSCRIPTION_NOT_FOUND',
    );
    const end = () =>
      call(`/streams/${stream.id}`, { session: giver.session, method: 'PATCH', body: { status: 'ended' } });
    expect((await end()).status).toBe(200);
    await expectError(await end(), 409, 'STREAM_NOT_ACTIVE');
    await expectError(
      await call(`/streams/${stream.id}`, {
        session: giver.session,
        method: 'PATCH',
        body: { status: 'active' },
      }),
      422,
      'VALIDATION_FAILED',
      ['status'],
    );
    expect(
      await count("SELECT count(*) AS n FROM streams WHERE id = ?1 AND status = 'ended'", stream.id),
    ).toBe(1);
  });

  it('answers 404 for an unknown stream and a withdrawn one seen from elsewhere', async () => {
    const giver = await makerWithHub();
    const other = await makerWithHub();
    await expectError(await call('/streams/999999'), 404, 'STREAM_NOT_FOUND');
    const stream = await createStream(giver.session, giver.hub.slug);
    const res = await call(`/streams/${stream.id}`, {
      session: giver.session,
      method: 'PATCH',
      body: { status: 'withdrawn' },
    });
    expect(res.status).toBe(200);
    await expectError(
      await call(`/streams/${stream.id}`, { session: other.session }),
      404,
      'STREAM_NOT_FOUND',
    );
    expect((await call(`/streams/${stream.id}`, { session: giver.session })).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM stream_occurrences WHERE stream_id = ?1', stream.id)).toBe(
      0,
    );
  });
});
