import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { dispatchEvents, type EventDeps, type Subscriber } from '../../src/modules/events/events.service';
import { notificationsSubscriber } from '../../src/modules/notifications/notifications.subscriber';
import { consumeEvents, RETRY_DELAY_SECONDS } from '../../src/queue';
import { call, count, db, expectJson } from '../helpers';
import { twoHubs } from '../exchanges-helpers';

const QUEUE = 'omloop-events';
const DLQ = 'omloop-events-dlq';
const deps = (at: Date): EventDeps => ({ db, now: () => at, baseUrl: 'http://127.0.0.1:8787' });

type EventRow = {
  attempts: number;
  done_at: string | null;
  failed_at: string | null;
  last_error: string | null;
};
const eventRow = (id: number) =>
  db
    .prepare('SELECT attempts, done_at, failed_at, last_error FROM events WHERE id = ?1')
    .bind(id)
    .first<EventRow>();

/** One delivery of messages naming these events, as the queue makes it; the batch's ack/retry state. */
async function deliver(
  queue: string,
  eventIds: number[],
  attempts: number,
  d: EventDeps,
  subs?: Subscriber[],
) {
  const batch = createMessageBatch(
    queue,
    eventIds.map((eventId, i) => ({
      id: `m${eventId}-${i}`,
      timestamp: d.now(),
      attempts,
      body: { eventId },
    })),
  );
  const ctx = createExecutionContext();
  await consumeEvents(batch, d, subs);
  return getQueueResult(batch, ctx);
}

/** A giving hub whose listing another hub claimed, with its claim event handled (one notification). */
async function claimed() {
  const { giver, receiver, listingId } = await twoHubs();
  const res = await call(`/listings/${listingId}/claims`, {
    session: receiver.session,
    body: { hub: receiver.hub.slug, quantity: 1, message: 'For a repair café' },
    unsettled: true,
  });
  const exchange = await expectJson(res, 201, ZExchangeDetail);
  return { giver, receiver, exchange };
}

const claimEventId = async (exchangeId: number) =>
  (await db
    .prepare(`SELECT id FROM events WHERE kind = 'exchange.claimed' AND subject_id = ?1`)
    .bind(exchangeId)
    .first<{ id: number }>())!.id;

/**
 * A second event exactly like the claim's, held (leased) until `at` on the test's clock, so only
 * the deliveries this test makes can take it, never the Worker's own queue consumer.
 */
async function copyOfClaimEvent(exchangeId: number, at: Date) {
  const original = await claimEventId(exchangeId);
  const row = await db
    .prepare(
      `INSERT INTO events (kind, subject_id, actor_id, payload, created_at, claimed_at)
       SELECT kind, subject_id, actor_id, payload, ?2, ?2 FROM events WHERE id = ?1 RETURNING id`,
    )
    .bind(original, at.toISOString())
    .first<{ id: number }>();
  return row!.id;
}

const toldOf = (userId: number, eventId: number) =>
  count(
    'SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND dedupe_key LIKE ?2',
    userId,
    `event:${eventId}:%`,
  );

describe('events through the queue', () => {
  it('a change puts its events on the queue and the consumer in the Worker tells the people', async () => {
    const { giver, exchange } = await claimed();
    const id = await claimEventId(exchange.id);
    // Nobody dispatches here: only the Worker's queue consumer (Miniflare's queue) can settle it.
    let row = await eventRow(id);
    for (let i = 0; i < 120 && !row?.done_at; i++) {
      await new Promise((r) => setTimeout(r, 500));
      row = await eventRow(id);
    }
    expect(row?.done_at).not.toBeNull();
    expect(row?.attempts).toBe(1);
    expect(await toldOf(giver.me.user.id, id)).toBe(1);
  }, 120_000);

  it('a message that keeps failing is retried, then dead-lettered, and nobody is told twice', async () => {
    const { giver, exchange } = await claimed();
    const at = new Date('2031-06-01T00:00:00Z');
    const id = await copyOfClaimEvent(exchange.id, at);
    const failing: Subscriber = {
      name: 'failing',
      on: ['exchange.claimed'],
      handle: async () => {
        throw new Error('the mail service is down');
      },
    };
    const subs = [notificationsSubscriber, failing];
    let t = at.getTime() + RETRY_DELAY_SECONDS * 1000 + 1000;

    // First delivery: the person is told, the other subscriber fails, the message is retried.
    let result = await deliver(QUEUE, [id], 1, deps(new Date(t)), subs);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([`m${id}-0`]);
    expect(result.explicitAcks).toEqual([]);
    expect(await toldOf(giver.me.user.id, id)).toBe(1);

    // The same message again before the retry delay (delivered twice): it does nothing, and is acked.
    result = await deliver(QUEUE, [id], 1, deps(new Date(t + 1000)), subs);
    expect(result.explicitAcks).toEqual([`m${id}-0`]);
    expect(result.retryMessages).toEqual([]);
    expect((await eventRow(id))?.attempts).toBe(1);

    // Retries 2..4 (max_retries = 3): each after the delay, each retried again, nobody told again.
    for (let attempt = 2; attempt <= 4; attempt++) {
      t += RETRY_DELAY_SECONDS * 1000 + 1000;
      result = await deliver(QUEUE, [id], attempt, deps(new Date(t)), subs);
      expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([`m${id}-0`]);
      expect(await toldOf(giver.me.user.id, id)).toBe(1);
    }
    expect(await eventRow(id)).toMatchObject({ attempts: 4, done_at: null, failed_at: null });

    // Out of retries, the queue moves it to the dead-letter queue: logged, acked, the event kept.
    result = await deliver(DLQ, [id], 4, deps(new Date(t)), subs);
    expect(result.explicitAcks).toEqual([`m${id}-0`]);
    expect(await eventRow(id)).toMatchObject({ attempts: 4, done_at: null, failed_at: null });

    // The scheduled sweep takes it up for its last attempt, then gives it up with its error.
    t += RETRY_DELAY_SECONDS * 1000 + 1000;
    // (It also takes whatever else is pending, e.g. the original claim event.)
    expect((await dispatchEvents(deps(new Date(t)), subs)).failed).toBeGreaterThanOrEqual(1);
    const row = await eventRow(id);
    expect(row).toMatchObject({ attempts: 5, done_at: null });
    expect(row?.failed_at).not.toBeNull();
    expect(row?.last_error).toContain('the mail service is down');
    expect(await toldOf(giver.me.user.id, id)).toBe(1);

    // A late copy of the message after all that changes nothing.
    result = await deliver(QUEUE, [id], 1, deps(new Date(t + 3_600_000)), subs);
    expect(result.explicitAcks).toEqual([`m${id}-0`]);
    expect(await toldOf(giver.me.user.id, id)).toBe(1);
  }, 120_000);

  it('a message handled once is acked; delivered again it tells nobody twice', async () => {
    const { giver, exchange } = await claimed();
    const at = new Date('2031-07-01T00:00:00Z');
    const id = await copyOfClaimEvent(exchange.id, at);
    const later = new Date(at.getTime() + RETRY_DELAY_SECONDS * 1000 + 1000);
    const first = await deliver(QUEUE, [id, id], 1, deps(later), [notificationsSubscriber]);
    expect(first.explicitAcks.sort()).toEqual([`m${id}-0`, `m${id}-1`]);
    expect(await eventRow(id)).toMatchObject({ attempts: 1 });
    expect((await eventRow(id))?.done_at).not.toBeNull();
    await deliver(QUEUE, [id], 2, deps(new Date(later.getTime() + 3_600_000)), [notificationsSubscriber]);
    expect(await toldOf(giver.me.user.id, id)).toBe(1);
  }, 120_000);

  it('acks a message it cannot read rather than retrying it forever', async () => {
    const batch = createMessageBatch(QUEUE, [
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { eventId: 'x' } },
    ]);
    const ctx = createExecutionContext();
    await consumeEvents(batch, deps(new Date()));
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['bad']);
  });
});
