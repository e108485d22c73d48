/** All SQL of the matches table. Races are decided here, in the database. */
import type { TMatchReason } from '../../shared/matching.schemas';

export type MatchRow = {
  id: number;
  listing_id: number;
  request_id: number;
  score: number;
  reasons: string;
  parts_fit: number | null;
  distance_m: number;
  state: 'open' | 'dismissed' | 'stale';
  created_at: string;
  updated_at: string;
};

export type MatchValues = {
  listingId: number;
  requestId: number;
  score: number;
  reasons: TMatchReason[];
  partsFit: number | null;
  distanceM: number;
};

/**
 * Inserts or refreshes matches in one statement (one JSON parameter, whatever their number). Only
 * pairs whose listing is still active and unexpired and whose request is still open are written, so
 * a withdrawal that lands meanwhile wins; a dismissed match stays dismissed.
 */
export function upsertMatches(db: D1Database, rows: MatchValues[], now: string, today: string) {
  const json = JSON.stringify(
    rows.map((r) => ({
      l: r.listingId,
      r: r.requestId,
      s: r.score,
      w: r.reasons,
      p: r.partsFit,
      d: r.distanceM,
    })),
  );
  return db
    .prepare(
      `INSERT INTO matches (listing_id, request_id, score, reasons, parts_fit, distance_m, state, created_at, updated_at)
       SELECT j.l, j.r, j.s, j.w, j.p, j.d, 'open', ?2, ?2
       FROM (SELECT json_extract(value, '$.l') AS l, json_extract(value, '$.r') AS r, json_extract(value, '$.s') AS s,
               json_extract(value, '$.w') AS w, json_extract(value, '$.p') AS p, json_extract(value, '$.d') AS d
             FROM json_each(?1)) j
       -- CROSS JOIN keeps the given pairs as the outer loop: each is then one primary-key lookup
       -- (left to itself, SQLite's planner started from every active listing × open request).
       CROSS JOIN listings l ON l.id = j.l CROSS JOIN requests r ON r.id = j.r
       WHERE l.status = 'active' AND (l.available_until IS NULL OR l.available_until >= ?3) AND r.status = 'open'
         AND l.hidden_at IS NULL AND r.hidden_at IS NULL
       ON CONFLICT (listing_id, request_id) DO UPDATE SET
         score = excluded.score, reasons = excluded.reasons, parts_fit = excluded.parts_fit,
         distance_m = excluded.distance_m, updated_at = excluded.updated_at,
         state = CASE WHEN matches.state = 'dismissed' THEN 'dismissed' ELSE 'open' END`,
    )
    .bind(json, now, today);
}

/** Marks a listing's open matches stale, except those with the requests kept. */
export function staleListingMatches(
  db: D1Database,
  listingId: number,
  keepRequestIds: number[],
  now: string,
) {
  return db
    .prepare(
      `UPDATE matches SET state = 'stale', updated_at = ?3
       WHERE listing_id = ?1 AND state = 'open' AND request_id NOT IN (SELECT value FROM json_each(?2))`,
    )
    .bind(listingId, JSON.stringify(keepRequestIds), now);
}

/** Marks a request's open matches stale, except those with the listings kept. */
export function staleRequestMatches(
  db: D1Database,
  requestId: number,
  keepListingIds: number[],
  now: string,
) {
  return db
    .prepare(
      `UPDATE matches SET state = 'stale', updated_at = ?3
       WHERE request_id = ?1 AND state = 'open' AND listing_id NOT IN (SELECT value FROM json_each(?2))`,
    )
    .bind(requestId, JSON.stringify(keepListingIds), now);
}

/** The open matches of a listing among some requests (after a write), to notify about new ones. */
export async function openMatchesOfListing(db: D1Database, listingId: number): Promise<MatchRow[]> {
  return (await openMatchesOfListingStatement(db, listingId).all<MatchRow>()).results;
}

/** The statement of `openMatchesOfListing`, for a batch. */
export function openMatchesOfListingStatement(db: D1Database, listingId: number): D1PreparedStatement {
  return db
    .prepare(`SELECT * FROM matches WHERE listing_id = ?1 AND state = 'open' ORDER BY score DESC, id`)
    .bind(listingId);
}

/** The statement reading a request's open matches, best first (rows of `MatchRow`), for a batch. */
export function openMatchesOfRequestStatement(db: D1Database, requestId: number): D1PreparedStatement {
  return db
    .prepare(`SELECT * FROM matches WHERE request_id = ?1 AND state = 'open' ORDER BY score DESC, id`)
    .bind(requestId);
}

export async function openMatchesOfRequest(db: D1Database, requestId: number): Promise<MatchRow[]> {
  return (await openMatchesOfRequestStatement(db, requestId).all<MatchRow>()).results;
}

export function findMatch(db: D1Database, id: number): Promise<MatchRow | null> {
  return db.prepare('SELECT * FROM matches WHERE id = ?1').bind(id).first<MatchRow>();
}

/** Dismisses a match for good; repeated dismissals change nothing. */
export async function dismissMatch(db: D1Database, id: number, userId: number, now: string): Promise<void> {
  await db
    .prepare(
      `UPDATE matches SET state = 'dismissed', dismissed_by = ?2, dismissed_at = ?3, updated_at = ?3
       WHERE id = ?1 AND state <> 'dismissed'`,
    )
    .bind(id, userId, now)
    .run();
}

/**
 * The scheduled expiry: open matches of listings whose availability ended on a day in
 * [since, today) become stale. Only those listings (an index range) and their matches are read;
 * withdrawals, edits, hiding and full reservation already stale a listing's matches when they happen.
 */
export const EXPIRE_MATCHES_SQL = `UPDATE matches SET state = 'stale', updated_at = ?3
WHERE state = 'open' AND listing_id IN (
  SELECT id FROM listings WHERE available_until >= ?1 AND available_until < ?2)`;

export async function expireMatches(
  db: D1Database,
  since: string,
  today: string,
  now: string,
): Promise<number> {
  const r = await db.prepare(EXPIRE_MATCHES_SQL).bind(since, today, now).run();
  return r.meta.changes;
}

/** Where the scheduled rebuild left off. */
export async function readCursor(db: D1Database, name: string): Promise<number> {
  const row = await db
    .prepare('SELECT last_id FROM matching_cursor WHERE name = ?1')
    .bind(name)
    .first<{ last_id: number }>();
  return row?.last_id ?? 0;
}

export async function writeCursor(db: D1Database, name: string, lastId: number, now: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO matching_cursor (name, last_id, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at`,
    )
    .bind(name, lastId, now)
    .run();
}

/** Queues an import's listings for their first matching pass (in the import's own batch). */
export function queueImportStatement(db: D1Database, importId: number, now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO matching_queue (listing_id, queued_at)
       SELECT id, ?2 FROM listings WHERE import_id = ?1`,
    )
    .bind(importId, now);
}

/** The oldest queued listings, or the oldest of one import. */
export async function queuedListingIds(db: D1Database, limit: number, importId?: number): Promise<number[]> {
  const { results } = await (
    importId === undefined
      ? db.prepare('SELECT listing_id FROM matching_queue ORDER BY listing_id LIMIT ?1').bind(limit)
      : db
          .prepare(
            `SELECT q.listing_id FROM listings l CROSS JOIN matching_queue q ON q.listing_id = l.id
             WHERE l.import_id = ?2 ORDER BY l.id LIMIT ?1`,
          )
          .bind(limit, importId)
  ).all<{ listing_id: number }>();
  return results.map((r) => r.listing_id);
}

export async function unqueue(db: D1Database, listingIds: number[]): Promise<void> {
  await db
    .prepare('DELETE FROM matching_queue WHERE listing_id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(listingIds))
    .run();
}
