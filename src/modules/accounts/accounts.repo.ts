import type { SessionUser } from '../../env';
import type { Locale } from '../../shared/taxonomy';
import type { PasswordHash } from './accounts.crypto';

type UserRow = {
  id: number;
  email: string;
  display_name: string;
  locale: Locale;
  created_at: string;
  password_hash: string;
  password_salt: string;
  password_iterations: number;
};

export type UserRecord = SessionUser & { createdAt: string; password: PasswordHash };

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  locale: r.locale,
  createdAt: r.created_at,
  password: { hash: r.password_hash, salt: r.password_salt, iterations: r.password_iterations },
});

/** Creates a user and its first session in one batch; false when the email is taken. */
export async function insertUserWithSession(
  db: D1Database,
  u: { email: string; displayName: string; locale: Locale; password: PasswordHash; now: string },
  s: { tokenHash: string; expiresAt: string },
): Promise<boolean> {
  const [user] = await db.batch([
    db
      .prepare(
        `INSERT INTO users (email, display_name, password_hash, password_salt, password_iterations, locale, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (email) DO NOTHING`,
      )
      .bind(u.email, u.displayName, u.password.hash, u.password.salt, u.password.iterations, u.locale, u.now),
    // The salt is fresh, so this finds the row just inserted and nothing when the email was taken.
    db
      .prepare(
        `INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
         SELECT ?1, id, ?2, ?3 FROM users WHERE email = ?4 AND password_salt = ?5`,
      )
      .bind(s.tokenHash, u.now, s.expiresAt, u.email, u.password.salt),
  ]);
  return (user?.meta.changes ?? 0) > 0;
}

export async function findUserByEmail(db: D1Database, email: string): Promise<UserRecord | null> {
  const row = await db.prepare('SELECT * FROM users WHERE email = ?1').bind(email).first<UserRow>();
  return row ? toUser(row) : null;
}

export async function findUserById(db: D1Database, id: number): Promise<UserRecord | null> {
  const row = await db.prepare('SELECT * FROM users WHERE id = ?1').bind(id).first<UserRow>();
  return row ? toUser(row) : null;
}

export async function updateUser(
  db: D1Database,
  id: number,
  patch: { displayName?: string; locale?: Locale },
): Promise<void> {
  await db
    .prepare(
      'UPDATE users SET display_name = COALESCE(?2, display_name), locale = COALESCE(?3, locale) WHERE id = ?1',
    )
    .bind(id, patch.displayName ?? null, patch.locale ?? null)
    .run();
}

export async function insertSession(
  db: D1Database,
  s: { tokenHash: string; userId: number; now: string; expiresAt: string },
): Promise<void> {
  await db
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)')
    .bind(s.tokenHash, s.userId, s.now, s.expiresAt)
    .run();
}

export async function findActiveSession(
  db: D1Database,
  tokenHash: string,
  now: string,
): Promise<UserRecord | null> {
  const row = await db
    .prepare(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ?1 AND s.revoked_at IS NULL AND s.expires_at > ?2`,
    )
    .bind(tokenHash, now)
    .first<UserRow>();
  return row ? toUser(row) : null;
}

export async function revokeSession(db: D1Database, tokenHash: string, now: string): Promise<void> {
  await db
    .prepare('UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(tokenHash, now)
    .run();
}

export async function revokeAllSessions(db: D1Database, userId: number, now: string): Promise<number> {
  const r = await db
    .prepare('UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL')
    .bind(userId, now)
    .run();
  return r.meta.changes;
}

/**
 * Counts a login attempt before its password is checked, in one conditional insert: the row is
 * written only while the (email, address) pair, the address and the email are each under their
 * limit inside the window, so parallel attempts are decided by the database one at a time and
 * never all slip through. The attempt's id, or null when it is refused.
 */
export async function claimLoginAttempt(
  db: D1Database,
  a: {
    email: string;
    address: string;
    now: string;
    since: string;
    limits: { pair: number; address: number; email: number };
  },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO login_attempts (email, ip, attempted_at)
       SELECT ?1, ?2, ?3
       WHERE (SELECT count(*) FROM login_attempts WHERE email = ?1 AND ip = ?2 AND attempted_at > ?4) < ?5
         AND (SELECT count(*) FROM login_attempts WHERE ip = ?2 AND attempted_at > ?4) < ?6
         AND (SELECT count(*) FROM login_attempts WHERE email = ?1 AND attempted_at > ?4) < ?7
       RETURNING id`,
    )
    .bind(a.email, a.address, a.now, a.since, a.limits.pair, a.limits.address, a.limits.email)
    .first<{ id: number }>();
  return row?.id ?? null;
}

/** Attempts older than `before` no longer count anywhere. */
export async function pruneLoginAttempts(db: D1Database, before: string): Promise<void> {
  await db.prepare('DELETE FROM login_attempts WHERE attempted_at < ?1').bind(before).run();
}

/**
 * A successful login forgets the failures of its own (email, address) pair only: what others
 * tried against the email elsewhere still counts.
 */
export async function clearLoginAttempts(
  db: D1Database,
  p: { email: string; address: string },
): Promise<void> {
  await db.prepare('DELETE FROM login_attempts WHERE email = ?1 AND ip = ?2').bind(p.email, p.address).run();
}
