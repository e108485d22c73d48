/** All SQL of saved searches. */
import type { TSavedSearchQuery } from '../../shared/saved-searches.schemas';

export type SavedSearchRow = {
  id: number;
  user_id: number;
  name: string;
  query: string;
  family: string;
  created_at: string;
  last_notified_at: string | null;
};

/** Saves a search unless the person already has `max`; the database decides. Null when full. */
export async function insertIfRoom(
  db: D1Database,
  v: { userId: number; name: string; query: TSavedSearchQuery; family: string; now: string; max: number },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO saved_searches (user_id, name, query, family, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT count(*) FROM saved_searches WHERE user_id = ?1) < ?6
       RETURNING id`,
    )
    .bind(v.userId, v.name, JSON.stringify(v.query), v.family, v.now, v.max)
    .first<{ id: number }>();
  return row?.id ?? null;
}

export async function listOf(db: D1Database, userId: number): Promise<SavedSearchRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM saved_searches WHERE user_id = ?1 ORDER BY id')
    .bind(userId)
    .all<SavedSearchRow>();
  return results;
}

export function findOwn(db: D1Database, id: number, userId: number): Promise<SavedSearchRow | null> {
  return db
    .prepare('SELECT * FROM saved_searches WHERE id = ?1 AND user_id = ?2')
    .bind(id, userId)
    .first<SavedSearchRow>();
}

/** Deletes the person's own saved search; false when there was none of theirs with that id. */
export async function deleteOwn(db: D1Database, id: number, userId: number): Promise<boolean> {
  const r = await db
    .prepare('DELETE FROM saved_searches WHERE id = ?1 AND user_id = ?2')
    .bind(id, userId)
    .run();
  return r.meta.changes > 0;
}

/** The SQL reading the saved searches a new listing could answer: its family's and the any-category ones. */
export const SEARCHES_FOR_FAMILY_SQL = `SELECT * FROM saved_searches WHERE family IN (?1, '')`;

export async function forFamily(db: D1Database, family: string): Promise<SavedSearchRow[]> {
  const { results } = await db.prepare(SEARCHES_FOR_FAMILY_SQL).bind(family).all<SavedSearchRow>();
  return results;
}

export async function touchNotified(db: D1Database, ids: number[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .prepare('UPDATE saved_searches SET last_notified_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids), now)
    .run();
}
