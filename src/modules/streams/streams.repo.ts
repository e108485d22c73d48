/**
 * All SQL of recurring streams, their occurrences, subscriptions and reservations. Races are
 * decided in the database: an occurrence is reserved by at most one subscription (its primary
 * key), becomes at most one listing (a unique index on the listing's back link), and every
 * multi-row write is one DB.batch.
 */
import type { TCondition, TListingKind, TUnit } from '../../shared/common.schemas';
import type { TRepeats } from '../../shared/streams.schemas';
import type { ListingValues } from '../listings/listings.domain';

export type StreamRow = {
  id: number;
  hub_id: number;
  author_id: number;
  kind: TListingKind;
  title: string;
  description: string;
  category: string;
  quantity_milli: number;
  unit: TUnit;
  length_mm: number | null;
  width_mm: number | null;
  thickness_mm: number | null;
  condition: TCondition;
  price_type: 'free' | 'swap' | 'amount';
  price_cents: number | null;
  repeats: TRepeats;
  every: number;
  day_of_month: number | null;
  start_date: string;
  end_date: string | null;
  occurrence_count: number | null;
  status: 'active' | 'ended' | 'withdrawn';
  created_at: string;
  updated_at: string;
  // Read-model columns joined for display.
  hub_slug: string;
  hub_name: string;
  hub_city: string;
  hub_country: string;
  hub_kind: string;
  hub_lat: number;
  hub_lon: number;
  hub_timezone: string;
  author_name: string;
};

/** A stream's stored values: what each occurrence's listing offers, and its recurrence. */
export type StreamValues = Omit<ListingValues, 'availableFrom' | 'availableUntil'> & {
  repeats: TRepeats;
  every: number;
  dayOfMonth: number | null;
  startDate: string;
  endDate: string | null;
  occurrenceCount: number | null;
};

const SELECT_STREAM = `SELECT s.*, h.slug AS hub_slug, h.name AS hub_name, h.city AS hub_city,
    h.country AS hub_country, h.kind AS hub_kind, h.lat AS hub_lat, h.lon AS hub_lon,
    h.timezone AS hub_timezone, u.display_name AS author_name
  FROM streams s JOIN hubs h ON h.id = s.hub_id JOIN users u ON u.id = s.author_id`;

/** The stream and all its occurrences in one batch: both or neither. */
export async function insertStream(
  db: D1Database,
  v: StreamValues & { hubId: number; authorId: number; dates: string[]; now: string },
): Promise<number> {
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO streams (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
           length_mm, width_mm, thickness_mm, condition, price_type, price_cents, repeats, every, day_of_month,
           start_date, end_date, occurrence_count, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
           'active', ?21, ?21)
         RETURNING id`,
      )
      .bind(
        v.hubId,
        v.authorId,
        v.kind,
        v.title,
        v.description,
        v.category,
        v.quantityMilli,
        v.unit,
        v.lengthMm,
        v.widthMm,
        v.thicknessMm,
        v.condition,
        v.priceType,
        v.priceCents,
        v.repeats,
        v.every,
        v.dayOfMonth,
        v.startDate,
        v.endDate,
        v.occurrenceCount,
        v.now,
      ),
    // The stream just inserted by this batch (occurrences have no rowid of their own to change it).
    db
      .prepare(
        `INSERT INTO stream_occurrences (stream_id, seq, due_date)
         SELECT last_insert_rowid(), CAST(j.key AS INTEGER) + 1, j.value FROM json_each(?1) j`,
      )
      .bind(JSON.stringify(v.dates)),
  ]);
  const id = inserted?.results[0]?.id;
  if (id === undefined) throw new Error('insert returned no id');
  return id;
}

export function findStream(db: D1Database, id: number): Promise<StreamRow | null> {
  return db.prepare(`${SELECT_STREAM} WHERE s.id = ?1`).bind(id).first<StreamRow>();
}

/** A hub's streams: active first, then newest. */
export async function streamsOfHub(db: D1Database, hubId: number): Promise<StreamRow[]> {
  const { results } = await db
    .prepare(
      `${SELECT_STREAM} WHERE s.hub_id = ?1 AND s.status <> 'withdrawn'
       ORDER BY s.status = 'active' DESC, s.id DESC LIMIT 100`,
    )
    .bind(hubId)
    .all<StreamRow>();
  return results;
}

/** Active streams of some categories at other hubs than one, for expected supply. */
export async function activeStreamsIn(
  db: D1Database,
  o: { categories: string[]; excludeHubId: number },
): Promise<StreamRow[]> {
  const { results } = await db
    .prepare(
      `${SELECT_STREAM} WHERE s.category IN (SELECT value FROM json_each(?1)) AND s.status = 'active'
         AND s.hub_id <> ?2`,
    )
    .bind(JSON.stringify(o.categories), o.excludeHubId)
    .all<StreamRow>();
  return results;
}

export type OccurrenceRow = {
  stream_id: number;
  seq: number;
  due_date: string;
  listing_id: number | null;
  subscription_id: number | null;
  reserved_hub_id: number | null;
  reserved_slug: string | null;
  reserved_name: string | null;
  exchange_id: number | null;
};

/** The occurrences of some streams with their reservations, in order. */
export async function occurrencesOf(db: D1Database, streamIds: number[]): Promise<OccurrenceRow[]> {
  if (streamIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT o.stream_id, o.seq, o.due_date, o.listing_id, r.subscription_id, r.hub_id AS reserved_hub_id,
         h.slug AS reserved_slug, h.name AS reserved_name, r.exchange_id
       FROM stream_occurrences o
       LEFT JOIN stream_reservations r ON r.stream_id = o.stream_id AND r.seq = o.seq
       LEFT JOIN hubs h ON h.id = r.hub_id
       WHERE o.stream_id IN (SELECT value FROM json_each(?1)) ORDER BY o.stream_id, o.seq`,
    )
    .bind(JSON.stringify(streamIds))
    .all<OccurrenceRow>();
  return results;
}

export type SubscriptionRow = {
  id: number;
  stream_id: number;
  hub_id: number;
  hub_slug: string;
  hub_name: string;
  created_by: number;
  creator_name: string;
  requested: number;
  state: 'active' | 'cancelled';
  created_at: string;
};

const SELECT_SUBSCRIPTION = `SELECT sub.id, sub.stream_id, sub.hub_id, h.slug AS hub_slug, h.name AS hub_name,
    sub.created_by, u.display_name AS creator_name, sub.requested, sub.state, sub.created_at
  FROM stream_subscriptions sub JOIN hubs h ON h.id = sub.hub_id JOIN users u ON u.id = sub.created_by`;

export async function subscriptionsOf(db: D1Database, streamIds: number[]): Promise<SubscriptionRow[]> {
  if (streamIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `${SELECT_SUBSCRIPTION} WHERE sub.stream_id IN (SELECT value FROM json_each(?1)) ORDER BY sub.id DESC`,
    )
    .bind(JSON.stringify(streamIds))
    .all<SubscriptionRow>();
  return results;
}

export function findSubscription(db: D1Database, id: number): Promise<SubscriptionRow | null> {
  return db.prepare(`${SELECT_SUBSCRIPTION} WHERE sub.id = ?1`).bind(id).first<SubscriptionRow>();
}

/**
 * Subscribes a hub and reserves the next `count` occurrences nobody holds and that are not
 * published yet, in one batch. The subscription is made only while the stream is active, the hub
 * has no active subscription to it (a unique index) and at least one occurrence is free; the
 * reservations then take free occurrences in order, each at most once (its primary key). Returns
 * the new subscription's id and the occurrences it holds, or null when nothing was made.
 */
export async function subscribe(
  db: D1Database,
  o: { streamId: number; hubId: number; userId: number; count: number; token: string; now: string },
  /** Recorded after the reservations, in the same batch (its subject: the subscription made). */
  event?: (subject: { select: string; binds: unknown[] }) => D1PreparedStatement,
): Promise<{ id: number; seqs: number[] } | null> {
  const FREE = `FROM stream_occurrences o WHERE o.stream_id = ?1 AND o.listing_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM stream_reservations r WHERE r.stream_id = o.stream_id AND r.seq = o.seq)`;
  const results = await db.batch<{ id: number; seq: number }>([
    db
      .prepare(
        `INSERT INTO stream_subscriptions (stream_id, hub_id, created_by, requested, state, token, created_at)
         SELECT ?1, ?2, ?3, ?4, 'active', ?5, ?6 FROM streams s
         WHERE s.id = ?1 AND s.status = 'active' AND s.hub_id <> ?2 AND EXISTS (SELECT 1 ${FREE})
         ON CONFLICT DO NOTHING`,
      )
      .bind(o.streamId, o.hubId, o.userId, o.count, o.token, o.now),
    db
      .prepare(
        `INSERT INTO stream_reservations (stream_id, seq, subscription_id, hub_id, created_at)
         SELECT o.stream_id, o.seq, sub.id, ?2, ?4
         ${FREE.replace('FROM stream_occurrences o', 'FROM stream_occurrences o JOIN stream_subscriptions sub ON sub.token = ?3')}
         ORDER BY o.seq LIMIT ?5
         ON CONFLICT DO NOTHING`,
      )
      .bind(o.streamId, o.hubId, o.token, o.now, o.count),
    db
      .prepare(
        `SELECT sub.id, r.seq FROM stream_subscriptions sub
         LEFT JOIN stream_reservations r ON r.subscription_id = sub.id
         WHERE sub.token = ?1 ORDER BY r.seq`,
      )
      .bind(o.token),
    ...(event
      ? [
          event({
            select: `SELECT sub.id FROM stream_subscriptions sub WHERE sub.token = ?1
              AND EXISTS (SELECT 1 FROM stream_reservations r WHERE r.subscription_id = sub.id)`,
            binds: [o.token],
          }),
        ]
      : []),
  ]);
  const rows = results[2]?.results ?? [];
  if (rows.length === 0) return null;
  return { id: rows[0]!.id, seqs: rows.filter((r) => r.seq !== null).map((r) => r.seq) };
}

/** Why a subscription was not made: the stream's status, an active subscription of the hub, free occurrences. */
export async function subscribeRefusal(
  db: D1Database,
  o: { streamId: number; hubId: number },
): Promise<{ status: string; subscribed: boolean; free: number } | null> {
  return db
    .prepare(
      `SELECT s.status,
         EXISTS (SELECT 1 FROM stream_subscriptions sub WHERE sub.stream_id = s.id AND sub.hub_id = ?2
           AND sub.state = 'active') AS subscribed,
         (SELECT count(*) FROM stream_occurrences o WHERE o.stream_id = s.id AND o.listing_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM stream_reservations r WHERE r.stream_id = o.stream_id AND r.seq = o.seq))
           AS free
       FROM streams s WHERE s.id = ?1`,
    )
    .bind(o.streamId, o.hubId)
    .first<{ status: string; subscribed: boolean; free: number }>();
}

/**
 * Cancels an active subscription and frees its occurrences that are not published yet, in one
 * batch; published ones keep their exchange. False when it was no longer active.
 */
export async function cancelSubscription(
  db: D1Database,
  o: { id: number; userId: number; now: string },
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE stream_subscriptions SET state = 'cancelled', cancelled_at = ?3, cancelled_by = ?2
         WHERE id = ?1 AND state = 'active'`,
      )
      .bind(o.id, o.userId, o.now),
    db
      .prepare(
        `DELETE FROM stream_reservations WHERE subscription_id = ?1 AND exchange_id IS NULL
           AND EXISTS (SELECT 1 FROM stream_occurrences o WHERE o.stream_id = stream_reservations.stream_id
             AND o.seq = stream_reservations.seq AND o.listing_id IS NULL)
           AND EXISTS (SELECT 1 FROM stream_subscriptions sub WHERE sub.id = ?1 AND sub.cancelled_at = ?2)`,
      )
      .bind(o.id, o.now),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}

/**
 * Ends or withdraws an active stream: the occurrences still to come (unpublished) and their
 * reservations are dropped in the same batch; published ones and their listings stay.
 */
export async function closeStream(
  db: D1Database,
  o: { id: number; status: 'ended' | 'withdrawn'; now: string },
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare(`UPDATE streams SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'active'`)
      .bind(o.id, o.status, o.now),
    db
      .prepare(
        `DELETE FROM stream_reservations WHERE stream_id = ?1
           AND EXISTS (SELECT 1 FROM streams s WHERE s.id = ?1 AND s.updated_at = ?2 AND s.status <> 'active')
           AND EXISTS (SELECT 1 FROM stream_occurrences o WHERE o.stream_id = ?1
             AND o.seq = stream_reservations.seq AND o.listing_id IS NULL)`,
      )
      .bind(o.id, o.now),
    db
      .prepare(
        `DELETE FROM stream_occurrences WHERE stream_id = ?1 AND listing_id IS NULL
           AND EXISTS (SELECT 1 FROM streams s WHERE s.id = ?1 AND s.updated_at = ?2 AND s.status <> 'active')`,
      )
      .bind(o.id, o.now),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}

// ---------- the scheduler ----------

export type DueRow = {
  stream_id: number;
  seq: number;
  due_date: string;
  timezone: string;
  title: string;
  hub_id: number;
  reserved_hub_id: number | null;
};

/**
 * Unpublished occurrences of active streams dated on or before `maxDate` (a day ahead of UTC, so
 * every zone's today is in; the caller keeps those due in their hub's zone), oldest first.
 */
export async function dueOccurrences(
  db: D1Database,
  o: { maxDate: string; limit: number },
): Promise<DueRow[]> {
  const { results } = await db
    .prepare(
      `SELECT o.stream_id, o.seq, o.due_date, h.timezone, s.title, s.hub_id,
         (SELECT r.hub_id FROM stream_reservations r WHERE r.stream_id = o.stream_id AND r.seq = o.seq)
           AS reserved_hub_id
       FROM stream_occurrences o
       JOIN streams s ON s.id = o.stream_id JOIN hubs h ON h.id = s.hub_id
       WHERE o.listing_id IS NULL AND o.due_date <= ?1 AND s.status = 'active'
       ORDER BY o.due_date, o.stream_id, o.seq LIMIT ?2`,
    )
    .bind(o.maxDate, o.limit)
    .all<DueRow>();
  return results;
}

/**
 * Links an occurrence to the listing published for it, in the batch right after the listings
 * module's insert (see `occurrenceListingStatement`); applies once.
 */
export function linkOccurrenceStatement(
  db: D1Database,
  o: { streamId: number; seq: number; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE stream_occurrences SET published_at = ?3,
         listing_id = (SELECT id FROM listings WHERE stream_id = ?1 AND stream_seq = ?2)
       WHERE stream_id = ?1 AND seq = ?2 AND listing_id IS NULL
         AND EXISTS (SELECT 1 FROM listings WHERE stream_id = ?1 AND stream_seq = ?2)`,
    )
    .bind(o.streamId, o.seq, o.now);
}

export type AwaitingRow = {
  stream_id: number;
  seq: number;
  listing_id: number;
  hub_id: number;
  created_by: number;
  quantity_milli: number;
  title: string;
};

/** Reserved occurrences already published whose subscriber has no exchange linked yet. */
export async function reservationsAwaitingExchange(db: D1Database, limit: number): Promise<AwaitingRow[]> {
  const { results } = await db
    .prepare(
      `SELECT r.stream_id, r.seq, o.listing_id, r.hub_id, sub.created_by, s.quantity_milli, s.title
       FROM stream_reservations r
       JOIN stream_occurrences o ON o.stream_id = r.stream_id AND o.seq = r.seq
       JOIN stream_subscriptions sub ON sub.id = r.subscription_id
       JOIN streams s ON s.id = r.stream_id
       WHERE r.exchange_id IS NULL AND o.listing_id IS NOT NULL
       ORDER BY o.due_date, r.stream_id, r.seq LIMIT ?1`,
    )
    .bind(limit)
    .all<AwaitingRow>();
  return results;
}

export async function linkExchange(
  db: D1Database,
  o: { streamId: number; seq: number; exchangeId: number },
): Promise<void> {
  await db
    .prepare(
      `UPDATE stream_reservations SET exchange_id = ?3 WHERE stream_id = ?1 AND seq = ?2 AND exchange_id IS NULL`,
    )
    .bind(o.streamId, o.seq, o.exchangeId)
    .run();
}

/** Streams whose every occurrence is published are over. */
export async function endFinishedStreams(db: D1Database, now: string): Promise<number> {
  const r = await db
    .prepare(
      `UPDATE streams SET status = 'ended', updated_at = ?1 WHERE status = 'active'
         AND NOT EXISTS (SELECT 1 FROM stream_occurrences o WHERE o.stream_id = streams.id AND o.listing_id IS NULL)`,
    )
    .bind(now)
    .run();
  return r.meta.changes;
}
