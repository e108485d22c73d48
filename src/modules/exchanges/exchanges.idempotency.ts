/**
 * Idempotency-Key for the POSTs that create or move something. The first request with a key
 * claims it with one conditional insert, so two concurrent retries can never both act; a retry
 * with the same body gets the first response back, one with another body a 422.
 */
import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';

export type Stored<T> = { status: number; body: T; replayed: boolean };

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

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
  const claimed = await deps.db
    .prepare(
      `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (user_id, idem_key) DO NOTHING RETURNING user_id`,
    )
    .bind(o.userId, o.key, hash, deps.now().toISOString())
    .first();
  if (!claimed) {
    const row = await deps.db
      .prepare(
        'SELECT request_hash, status_code, response_json FROM idempotency_keys WHERE user_id = ?1 AND idem_key = ?2',
      )
      .bind(o.userId, o.key)
      .first<{ request_hash: string; status_code: number | null; response_json: string | null }>();
    if (!row) throw new ApiError('IDEMPOTENCY_IN_PROGRESS'); // released by a failed first try just now
    if (row.request_hash !== hash) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
    if (row.status_code === null || row.response_json === null) throw new ApiError('IDEMPOTENCY_IN_PROGRESS');
    return { status: row.status_code, body: JSON.parse(row.response_json) as T, replayed: true };
  }
  let result: { status: number; body: T };
  try {
    result = await act();
  } catch (err) {
    await deps.db
      .prepare('DELETE FROM idempotency_keys WHERE user_id = ?1 AND idem_key = ?2 AND status_code IS NULL')
      .bind(o.userId, o.key)
      .run();
    throw err;
  }
  await deps.db
    .prepare(
      'UPDATE idempotency_keys SET status_code = ?3, response_json = ?4 WHERE user_id = ?1 AND idem_key = ?2',
    )
    .bind(o.userId, o.key, result.status, JSON.stringify(result.body))
    .run();
  return { ...result, replayed: false };
}
