/**
 * An Idempotency-Key whose first request was cut off mid-way (a killed worker, a timeout) is
 * held only for a short lease; then a retry with the same body takes it over and runs.
 */
import { describe, expect, it } from 'vitest';
import { LEASE_SECONDS, runIdempotent } from '../../src/modules/exchanges/exchanges.idempotency';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { claim, twoHubs } from '../exchanges-helpers';
import { count, db, expectError, expectJson } from '../helpers';

const MINUTE = 60_000;
const never = () => new Promise<never>(() => {});

/** What the claim route hands to runIdempotent for this body, so a direct call holds the same key. */
function claimRequest(userId: number, listingId: number, key: string, body: Record<string, unknown>) {
  return { userId, key, method: 'POST', path: `/api/v1/listings/${listingId}/claims`, body };
}

async function setup() {
  const o = await twoHubs();
  const body = { hub: o.receiver.hub.slug, quantity: 1, message: 'For the repair café' };
  return { ...o, body, userId: o.receiver.me.user.id };
}

const keyRows = (key: string) => count('SELECT count(*) AS n FROM idempotency_keys WHERE idem_key = ?1', key);

/** A first try that claimed `key` `minutesAgo` and never finishes (its worker was killed). */
async function stuckFirstTry(o: Awaited<ReturnType<typeof setup>>, key: string, minutesAgo: number) {
  void runIdempotent(
    { db, now: () => new Date(Date.now() - minutesAgo * MINUTE) },
    claimRequest(o.userId, o.listingId, key, o.body),
    never,
  );
  await expect.poll(() => keyRows(key)).toBe(1);
}

const exchangesOf = (listingId: number) =>
  count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', listingId);

describe('idempotency keys: a request cut off mid-way', () => {
  it('lets the retry run once the first try’s lease has run out (45 minutes later)', async () => {
    const o = await setup();
    const key = 'cut-off-45';
    await stuckFirstTry(o, key, 45);

    const retry = await expectJson(
      await claim(o.receiver.session, o.listingId, o.body, { 'idempotency-key': key }),
      201,
      ZExchangeDetail,
    );
    expect(await exchangesOf(o.listingId)).toBe(1);
    // …and from then on the key replays that answer, as any finished key does.
    const replay = await claim(o.receiver.session, o.listingId, o.body, { 'idempotency-key': key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectJson(replay, 201, ZExchangeDetail)).id).toBe(retry.id);
    expect(await exchangesOf(o.listingId)).toBe(1);
  });

  it('answers 409 with Retry-After while the lease holds, and never lets another body in', async () => {
    const o = await setup();
    const key = 'still-running';
    await stuckFirstTry(o, key, 0);

    const busy = await claim(o.receiver.session, o.listingId, o.body, { 'idempotency-key': key });
    await expectError(busy, 409, 'IDEMPOTENCY_IN_PROGRESS');
    const wait = Number(busy.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(LEASE_SECONDS);
    // Another body with that key is refused whether or not the lease has run out.
    const other = { ...o.body, quantity: 2 };
    await expectError(
      await claim(o.receiver.session, o.listingId, other, { 'idempotency-key': key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    const later = await runIdempotent(
      { db, now: () => new Date(Date.now() + (LEASE_SECONDS + 1) * 1000) },
      claimRequest(o.userId, o.listingId, key, other),
      async () => ({ status: 201, body: 'must not run' }),
    ).catch((e: unknown) => e);
    expect(later).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await exchangesOf(o.listingId)).toBe(0);
  });

  it('hands an expired lease to exactly one of 20 concurrent retries', async () => {
    const o = await setup();
    const key = 'many-retries';
    await stuckFirstTry(o, key, 10);
    let ran = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        runIdempotent(
          { db, now: () => new Date() },
          claimRequest(o.userId, o.listingId, key, o.body),
          async () => {
            ran++;
            await new Promise((r) => setTimeout(r, 50));
            return { status: 201, body: { done: true } };
          },
        ),
      ),
    );
    expect(ran).toBe(1);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBe(19);
    for (const r of rejected) expect(r.reason).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS' });
  });

  it('a first try that fails after losing its lease does not release the key its successor holds', async () => {
    const o = await setup();
    const key = 'late-failure';
    let failFirst!: (e: Error) => void;
    const first = runIdempotent(
      { db, now: () => new Date(Date.now() - 5 * MINUTE) },
      claimRequest(o.userId, o.listingId, key, o.body),
      () => new Promise<never>((_, reject) => (failFirst = reject)),
    );
    await expect.poll(() => keyRows(key)).toBe(1);
    let finishSecond!: () => void;
    const second = runIdempotent(
      { db, now: () => new Date() },
      claimRequest(o.userId, o.listingId, key, o.body),
      () =>
        new Promise<{ status: number; body: string }>(
          (resolve) => (finishSecond = () => resolve({ status: 201, body: 'second' })),
        ),
    );
    await expect.poll(() => typeof finishSecond).toBe('function');
    failFirst(new Error('the first try failed late'));
    await expect(first).rejects.toThrow('the first try failed late');
    expect(await keyRows(key)).toBe(1);
    finishSecond();
    expect(await second).toEqual({ status: 201, body: 'second', replayed: false });
    const row = await db
      .prepare('SELECT status_code, response_json FROM idempotency_keys WHERE idem_key = ?1')
      .bind(key)
      .first<{ status_code: number; response_json: string }>();
    expect(row).toEqual({ status_code: 201, response_json: '"second"' });
  });
});
