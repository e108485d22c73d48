/**
 * Idempotency-Key for the POSTs that create or move something. The first request with a key
 * claims it with one conditional insert, so two concurrent retries can never both act; a retry
 * with the same body gets the first response back, one with another body a 422. The claim is a
 * lease: a request cut off mid-way (a killed worker, a timeout) holds its key only for
 * LEASE_SECONDS, then a retry with the same body takes the key over and runs.
 */
import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';

export type Stored<T> = { status: number; body: T; replayed: boolean };

export const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/**
 * How long an unfinished request holds its key. Every action here is a few D1 statements that
 * finish well within a second; a request still unfinished after this long has died.
 */
export const LEASE_SECONDS = 30;

/** JSON with object keys sorted, so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs `act` at most once per (person, key). Without a key it simply runs. A failure that is
 * an ApiError had no effect (every effect is one conditional batch), so its key is released
 * and a retry may try again.
 */
export async function runIdempotent<T>(
  deps: Deps,
  o: { userId: number; key: string | undefined; method: string; path: string; body: unknown },
  act: () => Promise<{ status: number; body: T }>,
): Promise<Stored<T>> {
  if (o.key === undefined) return { ...(await act()), replayed: false };
  if (!KEY_FORMAT.test(o.key)) throw new ApiError('INVALID_IDEMPOTENCY_KEY');
  const hash = await sha256(`${o.method} ${o.path}\n${canonicalJson(o.body)}`);
  const now = deps.now();
  const lease = crypto.randomUUID();
  // One statement claims a new key, or takes over one whose holder's lease ran out with the same
  // request unfinished; the database decides between concurrent retries.
  const claimed = await deps.db
    .prepare(
      `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at, lease_token, leased_until)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (user_id, idem_key) DO UPDATE
         SET lease_token = excluded.lease_token, leased_until = excluded.leased_until
       WHERE idempotency_keys.status_code IS NULL
         AND idempotency_keys.request_hash = excluded.request_hash
         AND (idempotency_keys.leased_until IS NULL OR idempotency_keys.leased_until <= excluded.created_at)
       RETURNING lease_token`,
    )
    .bind(
      o.userId,
      o.key,
      hash,
      now.toISOString(),
      lease,
      new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString(),
    )
    .first<{ lease_token: string }>();
  if (claimed?.lease_token !== lease) {
    const row = await deps.db
      .prepare(
        `SELECT request_hash, status_code, response_json, leased_until FROM idempotency_keys
         WHERE user_id = ?1 AND idem_key = ?2`,
      )
      .bind(o.userId, o.key)
      .first<{
        request_hash: string;
        status_code: number | null;
        response_json: string | null;
        leased_until: string | null;
      }>();
    const inProgress = () =>
      new ApiError('IDEMPOTENCY_IN_PROGRESS', {
        headers: { 'Retry-After': String(retryAfter(row?.leased_until, now)) },
      });
    if (!row) throw inProgress(); // released by a failed first try just now
    if (row.request_hash !== hash) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
    if (row.status_code === null || row.response_json === null) throw inProgress();
    return { status: row.status_code, body: JSON.parse(row.response_json) as T, replayed: true };
  }
  let result: { status: number; body: T };
  try {
    result = await act();
  } catch (err) {
    // Only while this request still holds the lease: a retry may have taken the key over.
    await deps.db
      .prepare(
        'DELETE FROM idempotency_keys WHERE user_id = ?1 AND idem_key = ?2 AND status_code IS NULL AND lease_token = ?3',
      )
      .bind(o.userId, o.key, lease)
      .run();
    throw err;
  }
  await deps.db
    .prepare(
      `UPDATE idempotency_keys SET status_code = ?3, response_json = ?4, leased_until = NULL
       WHERE user_id = ?1 AND idem_key = ?2 AND status_code IS NULL`,
    )
    .bind(o.userId, o.key, result.status, JSON.stringify(result.body))
    .run();
  return { ...result, replayed: false };
}

/** Seconds until a held lease runs out (at least 1), for the Retry-After of a 409. */
function retryAfter(leasedUntil: string | null | undefined, now: Date): number {
  const ms = leasedUntil ? Date.parse(leasedUntil) - now.getTime() : 1000;
  return Math.max(1, Math.min(LEASE_SECONDS, Math.ceil(ms / 1000)));
}
