/**
 * Fan-out through a Cloudflare Queue. After a change, the ids of the events it recorded in the
 * outbox go on EVENTS_QUEUE (one message per event); the consumer in this Worker hands each to its
 * subscribers (src/events.ts), which carries matching after an import, stream publishing and
 * notifications with their emails. A message whose event fails is retried by the queue (after
 * the event's lease, so no two dispatchers hold it); after `max_retries` it lands on the
 * dead-letter queue, whose consumer logs it and leaves the event in the outbox, where the
 * scheduled sweep takes it up until its last attempt (MAX_EVENT_ATTEMPTS) and then marks it failed
 * with its error. A message delivered twice does nothing the second time: the lease is taken in
 * D1, and notifications are unique per event and person.
 */
import { z } from 'zod';
import type { Deps } from './env';
import { SUBSCRIBERS } from './events';
import {
  dispatchEventsById,
  EVENT_LEASE_MS,
  unclaimedEvents,
  type EventDeps,
  type Subscriber,
} from './modules/events/events.service';

/** What one message says: this event is to be handed to its subscribers. */
export const ZEventMessage = z.object({ eventId: z.number().int().positive() });
export type EventMessage = z.infer<typeof ZEventMessage>;

/** A retried message waits out the event's lease (a back-off, and no second holder meanwhile). */
export const RETRY_DELAY_SECONDS = Math.ceil(EVENT_LEASE_MS / 1000);

/** Puts the events nobody has taken up yet on the queue; returns how many. */
export async function enqueueEvents(deps: Deps, queue: Queue<EventMessage>): Promise<number> {
  const ids = await unclaimedEvents(deps);
  // sendBatch takes at most 100 messages.
  for (let i = 0; i < ids.length; i += 100)
    await queue.sendBatch(ids.slice(i, i + 100).map((eventId) => ({ body: { eventId } })));
  return ids.length;
}

const isDeadLetterQueue = (name: string) => name.endsWith('-dlq');

/** The queue consumer: events from EVENTS_QUEUE, and what its dead-letter queue receives. */
export async function consumeEvents(
  batch: MessageBatch<unknown>,
  deps: EventDeps,
  subscribers: readonly Subscriber[] = SUBSCRIBERS,
): Promise<void> {
  if (isDeadLetterQueue(batch.queue)) {
    for (const m of batch.messages) {
      // The event stays in the outbox: the scheduled sweep tries it until its last attempt.
      console.error(JSON.stringify({ queue: batch.queue, deadLetter: m.body, attempts: m.attempts }));
      m.ack();
    }
    return;
  }
  const byEvent = new Map<number, Message<unknown>[]>();
  for (const m of batch.messages) {
    const parsed = ZEventMessage.safeParse(m.body);
    if (!parsed.success) {
      console.error(JSON.stringify({ queue: batch.queue, unreadable: m.body }));
      m.ack(); // Retrying cannot make it readable.
      continue;
    }
    byEvent.set(parsed.data.eventId, [...(byEvent.get(parsed.data.eventId) ?? []), m]);
  }
  let retry: number[];
  try {
    ({ retry } = await dispatchEventsById(deps, subscribers, [...byEvent.keys()]));
  } catch (err) {
    // The database did not answer: the whole batch again, later.
    console.error(JSON.stringify({ queue: batch.queue, error: String(err) }));
    batch.retryAll({ delaySeconds: RETRY_DELAY_SECONDS });
    return;
  }
  for (const [id, messages] of byEvent) {
    for (const m of messages) {
      if (retry.includes(id)) m.retry({ delaySeconds: RETRY_DELAY_SECONDS });
      else m.ack();
    }
  }
}
