/**
 * The event outbox. A service that changes state adds `recordEvent(...)` to the same `DB.batch`
 * as the change, so the event exists exactly when the change does. `dispatchEvents` hands each
 * pending event to the subscribers registered for its kind (the registry is src/events.ts), after
 * the response (waitUntil), from the scheduled pass, and later from a queue consumer.
 */
import type { Deps } from '../../env';
import {
  EVENT_KINDS,
  isEventKind,
  type DomainEvent,
  type EventKind,
  type EventPayload,
} from './events.kinds';
import * as repo from './events.repo';

export type { DomainEvent, EventKind, EventPayload } from './events.kinds';
export type { EventSubject } from './events.repo';

/** What subscribers get: the database, the clock, and the site's address for links in emails. */
export type EventDeps = Deps & { baseUrl: string };

/**
 * A reaction to events. Handlers must be idempotent: an event is handed over again when a
 * subscriber failed on it or its dispatcher died (notifications deduplicate per event and person;
 * matching recomputes).
 */
export type Subscriber = {
  name: string;
  on: readonly EventKind[];
  handle: (deps: EventDeps, event: DomainEvent) => Promise<void>;
};

/** Attempts before an event is given up (its error stays in `last_error`). */
export const MAX_EVENT_ATTEMPTS = 5;
/** A dispatcher's lease; an event held longer (or failed) is taken up again after this. */
export const EVENT_LEASE_MS = 60 * 1000;

/**
 * The statement that records an event, for the batch that makes the change. The payload is
 * checked against the kind's schema here, so a wrong payload fails before anything is written.
 */
export function recordEvent<K extends EventKind>(
  db: D1Database,
  kind: K,
  o: { subject: repo.EventSubject; actorId: number | null; payload: EventPayload<K>; now: string },
): D1PreparedStatement {
  const payload = JSON.stringify(EVENT_KINDS[kind].parse(o.payload));
  return repo.insertEventStatement(db, { kind, subject: o.subject, actorId: o.actorId, payload, now: o.now });
}

function toEvent(r: repo.EventRow): DomainEvent | null {
  if (!isEventKind(r.kind)) return null;
  const parsed = EVENT_KINDS[r.kind].safeParse(JSON.parse(r.payload));
  if (!parsed.success) return null;
  return {
    id: r.id,
    kind: r.kind,
    subjectId: r.subject_id,
    actorId: r.actor_id,
    payload: parsed.data,
    createdAt: r.created_at,
  } as DomainEvent;
}

/**
 * Hands claimed events to their subscribers and records the outcome in one batch: done, or
 * failed (tried again once the lease is stale; given up after the last attempt).
 */
async function handleClaimed(
  deps: EventDeps,
  subscribers: readonly Subscriber[],
  rows: repo.EventRow[],
  now: Date,
): Promise<{ done: number[]; failed: number[]; givenUp: number[] }> {
  const done: number[] = [];
  const failed: number[] = [];
  const givenUp: number[] = [];
  const failures: D1PreparedStatement[] = [];
  for (const row of rows) {
    const event = toEvent(row);
    const errors: string[] = [];
    if (!event) errors.push(`unknown event kind or payload: ${row.kind}`);
    else {
      for (const s of subscribers) {
        if (!s.on.includes(event.kind)) continue;
        try {
          await s.handle(deps, event);
        } catch (err) {
          errors.push(`${s.name}: ${String(err)}`);
        }
      }
    }
    if (errors.length === 0) done.push(row.id);
    else {
      console.error(JSON.stringify({ event: row.id, kind: row.kind, errors }));
      const final = !event || row.attempts >= MAX_EVENT_ATTEMPTS;
      failed.push(row.id);
      if (final) givenUp.push(row.id);
      failures.push(
        repo.markFailed(deps.db, { id: row.id, error: errors.join('; '), now: now.toISOString(), final }),
      );
    }
  }
  const writes = [
    ...(done.length ? [repo.markDone(deps.db, done, deps.now().toISOString())] : []),
    ...failures,
  ];
  if (writes.length) await deps.db.batch(writes);
  return { done, failed, givenUp };
}

/**
 * Hands these events (named by queue messages) to their subscribers, each only if it is still to
 * do and nobody else holds it: a message delivered twice does nothing the second time. Returns
 * the ids to try again (failed, attempts left); the rest are settled or someone else's.
 */
export async function dispatchEventsById(
  deps: EventDeps,
  subscribers: readonly Subscriber[],
  ids: number[],
): Promise<{ dispatched: number[]; retry: number[]; givenUp: number[] }> {
  if (ids.length === 0) return { dispatched: [], retry: [], givenUp: [] };
  const now = deps.now();
  const rows = await repo.claimEventsById(deps.db, {
    ids,
    now: now.toISOString(),
    staleBefore: new Date(now.getTime() - EVENT_LEASE_MS).toISOString(),
    maxAttempts: MAX_EVENT_ATTEMPTS,
  });
  const { done, failed, givenUp } = await handleClaimed(deps, subscribers, rows, now);
  return { dispatched: done, retry: failed.filter((id) => !givenUp.includes(id)), givenUp };
}

/** Events nobody has taken up yet (what a change just recorded), oldest first. */
export function unclaimedEvents(deps: Deps, limit = 100): Promise<number[]> {
  return repo.unclaimedEventIds(deps.db, limit);
}

/**
 * Hands pending events, oldest first, to their subscribers, `limit` at a time, until none are
 * left or `rounds` batches were taken. Two dispatchers never hold the same event (a lease in
 * the database decides). An event whose subscriber throws is retried later, up to
 * MAX_EVENT_ATTEMPTS; the others go on.
 */
export async function dispatchEvents(
  deps: EventDeps,
  subscribers: readonly Subscriber[],
  { limit = 50, rounds = 10 }: { limit?: number; rounds?: number } = {},
): Promise<{ dispatched: number; failed: number }> {
  let dispatched = 0;
  let failed = 0;
  for (let round = 0; round < rounds; round++) {
    const now = deps.now();
    const rows = await repo.claimEvents(deps.db, {
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - EVENT_LEASE_MS).toISOString(),
      limit,
      maxAttempts: MAX_EVENT_ATTEMPTS,
    });
    const { done, failed: failedIds } = await handleClaimed(deps, subscribers, rows, now);
    dispatched += done.length;
    failed += failedIds.length;
    if (rows.length < limit) break;
  }
  return { dispatched, failed };
}

/** How many events are not handled yet (pending, leased or waiting for a retry). */
export function unsettledEvents(deps: Deps): Promise<number> {
  return repo.unsettledCount(deps.db);
}
