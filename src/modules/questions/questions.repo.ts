/** All SQL of listing questions: threads between a listing's hub and the hubs that ask about it. */

export type QuestionRow = {
  id: number;
  asking_hub_id: number;
  author_id: number;
  author_name: string;
  author_hub_id: number;
  author_hub_slug: string;
  body: string;
  created_at: string;
};

/** Messages shown at most on one listing (every thread together), oldest first per thread. */
export const MESSAGES_SHOWN = 500;

const SELECT = `
  SELECT q.id, q.asking_hub_id, q.author_id, u.display_name AS author_name, q.author_hub_id,
    ah.slug AS author_hub_slug, q.body, q.created_at
  FROM listing_questions q JOIN users u ON u.id = q.author_id JOIN hubs ah ON ah.id = q.author_hub_id`;

/** The messages of a listing's threads: all of them, or only those asked by `askingHubIds`. */
export async function messagesOfListing(
  db: D1Database,
  listingId: number,
  askingHubIds: number[] | null,
): Promise<QuestionRow[]> {
  if (askingHubIds !== null && askingHubIds.length === 0) return [];
  const only = askingHubIds === null ? '' : 'AND q.asking_hub_id IN (SELECT value FROM json_each(?2))';
  const { results } = await db
    .prepare(`${SELECT} WHERE q.listing_id = ?1 ${only} ORDER BY q.asking_hub_id, q.id LIMIT ?3`)
    .bind(listingId, JSON.stringify(askingHubIds ?? []), MESSAGES_SHOWN)
    .all<QuestionRow>();
  return results;
}

/** One thread's messages written before `before` (an exchange's claim), oldest first. */
export async function threadBefore(
  db: D1Database,
  a: { listingId: number; askingHubId: number; before: string },
): Promise<QuestionRow[]> {
  const { results } = await db
    .prepare(
      `${SELECT} WHERE q.listing_id = ?1 AND q.asking_hub_id = ?2 AND q.created_at <= ?3 ORDER BY q.id LIMIT ?4`,
    )
    .bind(a.listingId, a.askingHubId, a.before, MESSAGES_SHOWN)
    .all<QuestionRow>();
  return results;
}

/**
 * A question (from the asking hub) or an answer (from the listing's hub), with its thread's row
 * and its event, in one batch. An answer is written only into a thread that exists: the database
 * decides, so an answer never starts a thread. Returns the new message's id, or null.
 */
export async function insertMessage(
  db: D1Database,
  v: {
    listingId: number;
    listingHubId: number;
    askingHubId: number;
    authorId: number;
    authorHubId: number;
    body: string;
    now: string;
  },
  event: D1PreparedStatement,
): Promise<number | null> {
  const asks = v.authorHubId === v.askingHubId;
  const insert = db
    .prepare(
      `INSERT INTO listing_questions (listing_id, asking_hub_id, author_id, author_hub_id, body, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6
       WHERE ?7 OR EXISTS (SELECT 1 FROM listing_question_threads WHERE listing_id = ?1 AND asking_hub_id = ?2)
       RETURNING id`,
    )
    .bind(v.listingId, v.askingHubId, v.authorId, v.authorHubId, v.body, v.now, asks ? 1 : 0);
  const thread = asks
    ? db
        .prepare(
          `INSERT INTO listing_question_threads (listing_id, asking_hub_id, listing_hub_id, awaiting_answer, last_at)
           VALUES (?1, ?2, ?3, 1, ?4)
           ON CONFLICT (listing_id, asking_hub_id) DO UPDATE SET awaiting_answer = 1, last_at = excluded.last_at`,
        )
        .bind(v.listingId, v.askingHubId, v.listingHubId, v.now)
    : db
        .prepare(
          `UPDATE listing_question_threads SET awaiting_answer = 0, last_at = ?3
           WHERE listing_id = ?1 AND asking_hub_id = ?2`,
        )
        .bind(v.listingId, v.askingHubId, v.now);
  // The event follows the insert directly: it is recorded only if the message was.
  const [inserted] = await db.batch<{ id: number }>([insert, event, thread]);
  return inserted?.results[0]?.id ?? null;
}

export type WaitingThreadRow = {
  listing_id: number;
  listing_title: string;
  asking_hub_slug: string;
  asking_hub_name: string;
  last_at: string;
};

/** Threads whose newest message waits for an answer from one of `listingHubIds`, oldest first. */
export async function waitingThreads(
  db: D1Database,
  listingHubIds: number[],
  limit: number,
): Promise<WaitingThreadRow[]> {
  if (listingHubIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT t.listing_id, l.title AS listing_title, h.slug AS asking_hub_slug, h.name AS asking_hub_name,
         t.last_at
       FROM listing_question_threads t JOIN listings l ON l.id = t.listing_id
         JOIN hubs h ON h.id = t.asking_hub_id
       WHERE t.awaiting_answer = 1 AND t.listing_hub_id IN (SELECT value FROM json_each(?1))
       ORDER BY t.last_at LIMIT ?2`,
    )
    .bind(JSON.stringify(listingHubIds), limit)
    .all<WaitingThreadRow>();
  return results;
}
