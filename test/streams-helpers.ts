/** Recurring stream test helpers: dates in a hub's zone, a stream, subscriptions, the publish job. */
import { expect } from 'vitest';
import { localDate } from '../src/modules/machines/machines.domain';
import { publishDueOccurrences } from '../src/modules/streams/streams.service';
import { ZStreamDetail, ZSubscription } from '../src/shared/streams.schemas';
import { call, db, expectJson, type Session } from './helpers';

const DAY_MS = 86_400_000;

/** Today in Brussels, as the API decides it. */
export const today = () => localDate('Europe/Brussels', Date.now());

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** An instant at noon (Brussels, summer or winter: 10:00 or 11:00 UTC) on a date. */
export const noonOn = (date: string) => new Date(`${date}T10:30:00Z`);

export const WEEKLY = {
  kind: 'offcut',
  title: 'Birch plywood offcuts, every week',
  description: 'About 15 kg from the CNC router',
  category: 'birch-plywood',
  quantity: 15,
  unit: 'kg',
  condition: 'good',
  repeats: 'weekly',
  every: 1,
  occurrences: 6,
} as const;

export async function createStream(session: Session, hub: string, overrides: Record<string, unknown> = {}) {
  const res = await call(`/hubs/${hub}/streams`, {
    session,
    body: { ...WEEKLY, startDate: addDays(today(), 1), ...overrides },
  });
  return expectJson(res, 201, ZStreamDetail);
}

export function subscribe(
  session: Session,
  streamId: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return call(`/streams/${streamId}/subscriptions`, { session, body, headers });
}

export async function subscribeOk(session: Session, streamId: number, hub: string, occurrences: number) {
  return expectJson(await subscribe(session, streamId, { hub, occurrences }), 201, ZSubscription);
}

export async function getStream(session: Session | undefined, id: number) {
  return expectJson(await call(`/streams/${id}`, session ? { session } : {}), 200, ZStreamDetail);
}

/** Runs the scheduler's publishing as of an instant. */
export function publishAt(at: Date) {
  return publishDueOccurrences({ db, now: () => at, baseUrl: 'http://127.0.0.1:8787' });
}

/** What the database holds of a stream: occurrences with their listing and reservation. */
export async function occurrenceRows(streamId: number) {
  const { results } = await db
    .prepare(
      `SELECT o.seq, o.due_date, o.listing_id, r.hub_id, r.subscription_id, r.exchange_id
       FROM stream_occurrences o LEFT JOIN stream_reservations r ON r.stream_id = o.stream_id AND r.seq = o.seq
       WHERE o.stream_id = ?1 ORDER BY o.seq`,
    )
    .bind(streamId)
    .all<{
      seq: number;
      due_date: string;
      listing_id: number | null;
      hub_id: number | null;
      subscription_id: number | null;
      exchange_id: number | null;
    }>();
  return results;
}

export async function hubId(slug: string): Promise<number> {
  const row = await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(slug).first<{ id: number }>();
  expect(row).not.toBeNull();
  return row!.id;
}
