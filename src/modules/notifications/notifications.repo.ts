/** All SQL of notifications, their preferences, digests and the email outbox. */
import type {
  TNotificationKind,
  TNotificationMode,
  TNotificationPayload,
} from '../../shared/notifications.schemas';
import type { Locale } from '../../shared/taxonomy';

export type NotificationRow = {
  id: number;
  user_id: number;
  kind: TNotificationKind;
  payload: string;
  created_at: string;
  read_at: string | null;
};

export type NewNotification = {
  userId: number;
  kind: TNotificationKind;
  dedupeKey: string;
  payload: TNotificationPayload;
};

/**
 * Inserts notifications, each at most once per person and event (the unique dedupe key decides,
 * also when two requests compute the same event), skipping people who turned the kind off.
 * Returns only the rows actually inserted.
 */
export async function insertNotifications(
  db: D1Database,
  items: NewNotification[],
  now: string,
): Promise<NotificationRow[]> {
  if (items.length === 0) return [];
  const json = JSON.stringify(items.map((i) => ({ u: i.userId, k: i.kind, key: i.dedupeKey, p: i.payload })));
  const { results } = await db
    .prepare(
      `INSERT OR IGNORE INTO notifications (user_id, kind, dedupe_key, payload, created_at)
       SELECT j.u, j.k, j.key, j.p, ?2
       FROM (SELECT json_extract(value, '$.u') AS u, json_extract(value, '$.k') AS k,
               json_extract(value, '$.key') AS key, json_extract(value, '$.p') AS p FROM json_each(?1)) j
       WHERE COALESCE((SELECT mode FROM notification_preferences np WHERE np.user_id = j.u AND np.kind = j.k),
                      'immediate') <> 'off'
       RETURNING id, user_id, kind, payload, created_at, read_at`,
    )
    .bind(json, now)
    .all<NotificationRow>();
  return results;
}

export type Recipient = { id: number; email: string; locale: Locale; mode: TNotificationMode };

/** Email address, language and chosen mode of each person, for one kind. */
export async function recipients(
  db: D1Database,
  userIds: number[],
  kind: TNotificationKind,
): Promise<Map<number, Recipient>> {
  if (userIds.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT u.id, u.email, u.locale, COALESCE(p.mode, 'immediate') AS mode FROM users u
       LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = ?2
       WHERE u.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(userIds), kind)
    .all<Recipient>();
  return new Map(results.map((r) => [r.id, r]));
}

export type OutboxValues = { userId: number; to: string; subject: string; body: string; locale: Locale };

/**
 * Queues emails: one statement per 200 (one JSON parameter each, well under D1's 2 MB value limit),
 * however many people a new listing reaches.
 */
export function insertOutbox(db: D1Database, mails: OutboxValues[], now: string): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < mails.length; i += 200) {
    const json = JSON.stringify(
      mails.slice(i, i + 200).map((m) => ({ u: m.userId, t: m.to, s: m.subject, b: m.body, l: m.locale })),
    );
    out.push(
      db
        .prepare(
          `INSERT INTO email_outbox (user_id, to_address, subject, body, locale, status, attempts, created_at)
           SELECT json_extract(value, '$.u'), json_extract(value, '$.t'), json_extract(value, '$.s'),
             json_extract(value, '$.b'), json_extract(value, '$.l'), 'pending', 0, ?2
           FROM json_each(?1) ORDER BY key`,
        )
        .bind(json, now),
    );
  }
  return out;
}

export function markEmailed(db: D1Database, ids: number[], now: string) {
  return db
    .prepare(
      `UPDATE notifications SET emailed_at = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND emailed_at IS NULL`,
    )
    .bind(JSON.stringify(ids), now);
}

export async function listNotifications(
  db: D1Database,
  o: { userId: number; unreadOnly: boolean; beforeId: number | null; limit: number },
): Promise<NotificationRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, user_id, kind, payload, created_at, read_at FROM notifications
       WHERE user_id = ?1 AND (?2 = 0 OR read_at IS NULL) AND (?3 IS NULL OR id < ?3)
       ORDER BY id DESC LIMIT ?4`,
    )
    .bind(o.userId, o.unreadOnly ? 1 : 0, o.beforeId, o.limit)
    .all<NotificationRow>();
  return results;
}

export async function unreadCount(db: D1Database, userId: number): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND read_at IS NULL')
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Marks the person's own notifications read (ids of others are ignored); null ids means all. */
export async function markRead(
  db: D1Database,
  userId: number,
  ids: number[] | null,
  now: string,
): Promise<number> {
  const r = await db
    .prepare(
      `UPDATE notifications SET read_at = ?3
       WHERE user_id = ?1 AND read_at IS NULL AND (?2 IS NULL OR id IN (SELECT value FROM json_each(?2)))`,
    )
    .bind(userId, ids ? JSON.stringify(ids) : null, now)
    .run();
  return r.meta.changes;
}

export async function preferencesOf(
  db: D1Database,
  userId: number,
): Promise<Map<TNotificationKind, TNotificationMode>> {
  const { results } = await db
    .prepare('SELECT kind, mode FROM notification_preferences WHERE user_id = ?1')
    .bind(userId)
    .all<{ kind: TNotificationKind; mode: TNotificationMode }>();
  return new Map(results.map((r) => [r.kind, r.mode]));
}

export async function setPreference(
  db: D1Database,
  userId: number,
  kind: TNotificationKind,
  mode: TNotificationMode,
  now: string,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO notification_preferences (user_id, kind, mode, updated_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`,
    )
    .bind(userId, kind, mode, now)
    .run();
}

// ---------- outbox delivery ----------

export type OutboxRow = {
  id: number;
  user_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  locale: Locale;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  created_at: string;
  sent_at: string | null;
};

/** Claims up to `limit` messages for sending (pending, or claimed too long ago), in one statement. */
export async function claimOutbox(
  db: D1Database,
  o: { now: string; staleBefore: string; limit: number },
): Promise<OutboxRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE email_outbox SET status = 'sending', claimed_at = ?1, attempts = attempts + 1
       WHERE id IN (SELECT id FROM email_outbox WHERE status = 'pending'
                    UNION SELECT id FROM email_outbox WHERE status = 'sending' AND claimed_at < ?2
                    ORDER BY id LIMIT ?3)
       RETURNING *`,
    )
    .bind(o.now, o.staleBefore, o.limit)
    .all<OutboxRow>();
  return results;
}

export async function markSent(db: D1Database, id: number, now: string): Promise<void> {
  await db
    .prepare(`UPDATE email_outbox SET status = 'sent', sent_at = ?2 WHERE id = ?1 AND status = 'sending'`)
    .bind(id, now)
    .run();
}

export async function markFailed(
  db: D1Database,
  id: number,
  error: string,
  finalAttempt: boolean,
): Promise<void> {
  await db
    .prepare(`UPDATE email_outbox SET status = ?3, last_error = ?2 WHERE id = ?1 AND status = 'sending'`)
    .bind(id, error.slice(0, 500), finalAttempt ? 'failed' : 'pending')
    .run();
}

export async function mailboxOf(db: D1Database, userId: number, limit: number): Promise<OutboxRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM email_outbox WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2')
    .bind(userId, limit)
    .all<OutboxRow>();
  return results;
}

// ---------- digests ----------

/** People with notifications waiting for a daily digest. */
export async function digestCandidates(db: D1Database): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT n.user_id FROM notifications n
       JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind AND p.mode = 'daily'
       WHERE n.emailed_at IS NULL`,
    )
    .all<{ user_id: number }>();
  return results.map((r) => r.user_id);
}

/** Takes the day's digest for a person; false when it was already taken. */
export async function claimDigest(
  db: D1Database,
  userId: number,
  day: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .prepare('INSERT OR IGNORE INTO notification_digests (user_id, day, created_at) VALUES (?1, ?2, ?3)')
    .bind(userId, day, now)
    .run();
  return r.meta.changes > 0;
}

/** Takes the person's notifications waiting for a digest, marking them emailed. */
export async function takeDigestItems(
  db: D1Database,
  userId: number,
  now: string,
): Promise<NotificationRow[]> {
  const { results } = await db
    .prepare(
      `UPDATE notifications SET emailed_at = ?2
       WHERE user_id = ?1 AND emailed_at IS NULL
         AND kind IN (SELECT kind FROM notification_preferences WHERE user_id = ?1 AND mode = 'daily')
       RETURNING id, user_id, kind, payload, created_at, read_at`,
    )
    .bind(userId, now)
    .all<NotificationRow>();
  return results.sort((a, b) => a.id - b.id);
}
