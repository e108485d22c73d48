/** All SQL of the event outbox. */

export type EventRow = {
  id: number;
  kind: string;
  subject_id: number | null;
  actor_id: number | null;
  payload: string;
  created_at: string;
  attempts: number;
};

/**
 * What the event is about, and whether it happened:
 * - `{ id }`: this subject, always;
 * - `{ id, ifChanged: true }`: only if the statement just before it in the batch changed a row;
 * - `{ inserted: true }`: the row the statement just before it inserted (none inserted, no event);
 * - `{ select, binds }`: the `id` of the row a SELECT finds (its own ?1, ?2 … numbering); no row, no event.
 */
export type EventSubject =
  { id: number; ifChanged?: boolean } | { inserted: true } | { select: string; binds: unknown[] };

const FIXED = 4;
const shift = (sql: string) => sql.replace(/\?(\d+)/g, (_, n: string) => `?${Number(n) + FIXED}`);

export function insertEventStatement(
  db: D1Database,
  e: { kind: string; subject: EventSubject; actorId: number | null; payload: string; now: string },
): D1PreparedStatement {
  const cols = 'INSERT INTO events (kind, actor_id, payload, created_at, subject_id)';
  const fixed = [e.kind, e.actorId, e.payload, e.now];
  const s = e.subject;
  if ('select' in s)
    return db
      .prepare(`${cols} SELECT ?1, ?2, ?3, ?4, g.id FROM (${shift(s.select)}) g`)
      .bind(...fixed, ...s.binds);
  if ('inserted' in s)
    return db
      .prepare(`${cols} SELECT ?1, ?2, ?3, ?4, last_insert_rowid() WHERE changes() > 0`)
      .bind(...fixed);
  return db
    .prepare(`${cols} SELECT ?1, ?2, ?3, ?4, ?5${s.ifChanged ? ' WHERE changes() > 0' : ''}`)
    .bind(...fixed, s.id);
}

/** Takes up to `limit` events to dispatch (pending, or leased too long ago), in one statement. */
export async function claimEvents(
  db: D1Database,
  o: { now: string; staleBefore: string; limit: number; maxAttempts: number },
): Promise<EventRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE events SET claimed_at = ?1, attempts = attempts + 1
       WHERE id IN (SELECT id FROM events WHERE done_at IS NULL AND failed_at IS NULL
                      AND (claimed_at IS NULL OR claimed_at < ?2) AND attempts < ?4
                    ORDER BY id LIMIT ?3)
       RETURNING id, kind, subject_id, actor_id, payload, created_at, attempts`,
    )
    .bind(o.now, o.staleBefore, o.limit, o.maxAttempts)
    .all<EventRow>();
  return results.sort((a, b) => a.id - b.id);
}

/**
 * Takes these events (a queue's messages name them) if they are still to do and nobody holds a
 * fresh lease on them; an event already done, failed or held is not returned.
 */
export async function claimEventsById(
  db: D1Database,
  o: { ids: number[]; now: string; staleBefore: string; maxAttempts: number },
): Promise<EventRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE events SET claimed_at = ?1, attempts = attempts + 1
       WHERE id IN (SELECT value FROM json_each(?3)) AND done_at IS NULL AND failed_at IS NULL
         AND (claimed_at IS NULL OR claimed_at < ?2) AND attempts < ?4
       RETURNING id, kind, subject_id, actor_id, payload, created_at, attempts`,
    )
    .bind(o.now, o.staleBefore, JSON.stringify(o.ids), o.maxAttempts)
    .all<EventRow>();
  return results.sort((a, b) => a.id - b.id);
}

/** Events nobody has taken up yet, oldest first: what a change just recorded, to put on the queue. */
export async function unclaimedEventIds(db: D1Database, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM events WHERE done_at IS NULL AND failed_at IS NULL AND claimed_at IS NULL
       ORDER BY id LIMIT ?1`,
    )
    .bind(limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Marks handled events done, in one statement. */
export function markDone(db: D1Database, ids: number[], now: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE events SET done_at = ?2, claimed_at = NULL WHERE id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids), now);
}

/**
 * An event a subscriber failed on: its lease stays, so it is tried again once the lease is stale
 * (a back-off), and given up after the last attempt.
 */
export function markFailed(
  db: D1Database,
  o: { id: number; error: string; now: string; final: boolean },
): D1PreparedStatement {
  return db
    .prepare(`UPDATE events SET claimed_at = ?3, last_error = ?2, failed_at = ?4 WHERE id = ?1`)
    .bind(o.id, o.error.slice(0, 500), o.now, o.final ? o.now : null);
}

/** Events not handled yet (pending or leased), for the tests' "settle" and the health of the pass. */
export async function unsettledCount(db: D1Database): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM events WHERE done_at IS NULL AND failed_at IS NULL')
    .first<{ n: number }>();
  return row?.n ?? 0;
}
