import { describe, expect, it } from 'vitest';
import { transitionFor } from '../../src/modules/exchanges/exchanges.domain';
import { ApiError } from '../../src/http/errors';
import { runExchangeTimers, transition } from '../../src/modules/exchanges/exchanges.service';
import {
  EXCHANGE_ACTIONS,
  EXCHANGE_STATES,
  ZExchangeDetail,
  type TExchangeState,
} from '../../src/shared/exchanges.schemas';
import { act, actOk, claim, claimOk, completedExchange, stateOf, stock, twoHubs } from '../exchanges-helpers';
import { call, count, createListing, db, expectError, expectJson } from '../helpers';

const N = 1000;
const BODIES: Record<string, Record<string, unknown>> = {
  handover: { quantity: 1 },
  dispute: { reason: 'Not what we agreed' },
};

describe('exchanges: refused input', () => {
  it('names the fields of a bad claim and refuses unknown ones', async () => {
    const o = await twoHubs();
    await expectError(
      await claim(o.receiver.session, o.listingId, { hub: o.receiver.hub.slug, quantity: 0, message: '' }),
      422,
      'VALIDATION_FAILED',
      ['quantity', 'message'],
    );
    await expectError(
      await claim(o.receiver.session, o.listingId, {
        hub: o.receiver.hub.slug,
        quantity: 1.0001,
        message: 'x',
        state: 'accepted',
        proposedPickupAt: 'tomorrow',
      }),
      422,
      'VALIDATION_FAILED',
      ['quantity', 'state', 'proposedPickupAt'],
    );
    expect(await count('SELECT count(*) AS n FROM exchanges')).toBe(0);
  });

  it('refuses a claim for the listing’s own hub, on a missing, withdrawn or too small listing', async () => {
    const o = await twoHubs({ quantity: 3 });
    await expectError(
      await claim(o.giver.session, o.listingId, { hub: o.giver.hub.slug, quantity: 1, message: 'Mine' }),
      422,
      'CLAIM_OWN_HUB',
      ['hub'],
    );
    await expectError(
      await claim(o.receiver.session, 999_999, { hub: o.receiver.hub.slug, quantity: 1, message: 'Hi' }),
      404,
      'LISTING_NOT_FOUND',
    );
    await expectError(
      await claim(o.receiver.session, o.listingId, { hub: 'no-such-hub', quantity: 1, message: 'Hi' }),
      404,
      'HUB_NOT_FOUND',
    );
    const tooMuch = await expectError(
      await claim(o.receiver.session, o.listingId, { hub: o.receiver.hub.slug, quantity: 4, message: 'All' }),
      409,
      'INSUFFICIENT_QUANTITY',
      ['quantity'],
    );
    expect(tooMuch.error.details?.remaining).toBe(3);
    const other = await createListing(o.giver.session, o.giver.hub.slug);
    await call(`/listings/${other.id}`, { session: o.giver.session, method: 'DELETE' });
    await expectError(
      await claim(o.receiver.session, other.id, { hub: o.receiver.hub.slug, quantity: 1, message: 'Hi' }),
      409,
      'LISTING_NOT_CLAIMABLE',
    );
    expect(await count('SELECT count(*) AS n FROM exchanges')).toBe(0);
  });

  it('refuses a handover above the accepted quantity and a 404 for a missing exchange', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 2);
    await actOk(o.giver.session, ex.id, 'accept');
    await expectError(
      await act(o.giver.session, ex.id, 'handover', { quantity: 3 }),
      422,
      'HANDOVER_EXCEEDS_ACCEPTED',
      ['quantity'],
    );
    await expectError(
      await act(o.giver.session, ex.id, 'handover', { quantity: 1, massGrams: -5, transportMode: 'rocket' }),
      422,
      'VALIDATION_FAILED',
      ['massGrams', 'transportMode'],
    );
    expect(await stateOf(ex.id)).toBe('accepted');
    await expectError(await act(o.giver.session, 424_242, 'accept'), 404, 'EXCHANGE_NOT_FOUND');
    await expectError(
      await call('/exchanges/424242', { session: o.giver.session }),
      404,
      'EXCHANGE_NOT_FOUND',
    );
    await expectError(
      await call('/exchanges?state=lost', { session: o.giver.session }),
      422,
      'VALIDATION_FAILED',
      ['state'],
    );
    await expectError(
      await call('/flows?from=2024-05-01&to=2024-04-01', { session: o.giver.session }),
      422,
      'VALIDATION_FAILED',
      ['to'],
    );
    await expectError(
      await call('/flows?cursor=abc', { session: o.giver.session }),
      422,
      'VALIDATION_FAILED',
      ['cursor'],
    );
  });

  it('refuses every move the state machine does not allow, with 409 and the current state', async () => {
    const o = await twoHubs({ quantity: 100 });
    const make = async (target: TExchangeState): Promise<number> => {
      const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
      const path: Record<TExchangeState, [string, 'giver' | 'receiver', Record<string, unknown>?][]> = {
        claimed: [],
        accepted: [['accept', 'giver']],
        declined: [['decline', 'giver']],
        cancelled: [['cancel', 'receiver']],
        expired: [],
        handed_over: [
          ['accept', 'giver'],
          ['handover', 'giver', { quantity: 1 }],
        ],
        disputed: [
          ['accept', 'giver'],
          ['handover', 'giver', { quantity: 1 }],
          ['dispute', 'receiver', { reason: 'Not so' }],
        ],
        completed: [
          ['accept', 'giver'],
          ['handover', 'giver', { quantity: 1 }],
          ['confirm', 'receiver'],
        ],
      };
      for (const [action, who, body] of path[target]) await actOk(o[who].session, ex.id, action, body ?? {});
      if (target === 'expired') {
        await db
          .prepare("UPDATE exchanges SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?1")
          .bind(ex.id)
          .run();
        await runExchangeTimers({ db, now: () => new Date() });
      }
      expect(await stateOf(ex.id)).toBe(target);
      return ex.id;
    };
    let refused = 0;
    for (const state of EXCHANGE_STATES) {
      const id = await make(state);
      const before = await stock(o.listingId);
      const events = await count('SELECT count(*) AS n FROM exchange_events WHERE exchange_id = ?1', id);
      for (const action of EXCHANGE_ACTIONS) {
        if (transitionFor(state, action)) continue;
        for (const side of [o.giver, o.receiver]) {
          const body = await expectError(
            await act(side.session, id, action, BODIES[action] ?? {}),
            409,
            'INVALID_TRANSITION',
          );
          expect(body.error.details).toMatchObject({ state, action });
          refused++;
        }
      }
      expect(await stateOf(id)).toBe(state);
      expect(await stock(o.listingId)).toEqual(before);
      expect(await count('SELECT count(*) AS n FROM exchange_events WHERE exchange_id = ?1', id)).toBe(
        events,
      );
    }
    expect(refused).toBeGreaterThan(50);
    // Outcomes only once completed.
    const open = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    await expectError(
      await act(o.receiver.session, open.id, 'outcome', { body: 'Stools' }),
      409,
      'INVALID_TRANSITION',
    );
    expect(await count('SELECT count(*) AS n FROM exchange_outcomes')).toBe(0);
  }, 60_000);
});

describe('exchanges: races and retries', () => {
  it('1,000 concurrent accepts on 10 sheets reserve exactly 10; the rest are refused cleanly', async () => {
    const o = await twoHubs({ quantity: 10, title: 'The last ten sheets' });
    // Concurrent claims through the API: every one is stored, nothing is reserved yet.
    const viaApi = await Promise.all(
      Array.from({ length: 50 }, () =>
        claim(o.receiver.session, o.listingId, {
          hub: o.receiver.hub.slug,
          quantity: 1,
          message: 'One please',
        }),
      ),
    );
    expect(viaApi.every((r) => r.status === 201)).toBe(true);
    expect((await stock(o.listingId)).reserved).toBe(0);
    // The other 950 claims of one sheet each are written directly, to keep the test quick.
    await db
      .prepare(
        `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO exchanges (listing_id, from_hub_id, to_hub_id, claimed_by, state, category, unit, quantity_milli,
           expires_at, action_token, created_at, updated_at)
         SELECT listing_id, from_hub_id, to_hub_id, claimed_by, 'claimed', category, unit, 1000, expires_at,
           'seed-' || i, created_at, created_at
         FROM n, (SELECT * FROM exchanges WHERE listing_id = ?1 LIMIT 1)`,
      )
      .bind(o.listingId, N - 50)
      .run();
    const { results } = await db
      .prepare("SELECT id FROM exchanges WHERE listing_id = ?1 AND state = 'claimed'")
      .bind(o.listingId)
      .all<{ id: number }>();
    expect(results).toHaveLength(N);

    // The 1,000 accepts go straight to the use case (the same conditional batch the route runs):
    // a thousand simultaneous requests through workerd's test HTTP loop take minutes on their own.
    const user = {
      id: o.giver.me.user.id,
      email: o.giver.email,
      displayName: 'Giver',
      locale: 'en' as const,
    };
    const answers = await Promise.all(
      results.map(({ id }) =>
        transition({ db, now: () => new Date() }, { id, user, action: 'accept', input: {} }).then(
          (ex) => ({ status: 200, code: ex.state }),
          (err: unknown) => ({
            status: err instanceof ApiError ? err.status : 500,
            code: (err as ApiError).code,
          }),
        ),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - 10);
    const codes = answers.filter((r) => r.status === 409).map((r) => r.code);
    expect(new Set(codes)).toEqual(new Set(['INSUFFICIENT_QUANTITY']));

    expect(await stock(o.listingId)).toEqual({ quantity: 10_000, reserved: 10_000 });
    // The exchanges agree with the reservation: no accepted exchange without its units.
    const agree = await db
      .prepare(
        "SELECT count(*) AS n, sum(quantity_milli) AS q FROM exchanges WHERE listing_id = ?1 AND state = 'accepted'",
      )
      .bind(o.listingId)
      .first();
    expect(agree).toEqual({ n: 10, q: 10_000 });
    expect(
      await count(
        "SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1 AND state = 'claimed'",
        o.listingId,
      ),
    ).toBe(N - 10);
    expect(
      await count(
        "SELECT count(*) AS n FROM exchange_events v JOIN exchanges e ON e.id = v.exchange_id WHERE e.listing_id = ?1 AND v.action = 'accept'",
        o.listingId,
      ),
    ).toBe(10);
  }, 120_000);

  it('concurrent accepts of the same exchange reserve once', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 3);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => act(o.giver.session, ex.id, 'accept')),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
    expect((await stock(o.listingId)).reserved).toBe(3000);
  });

  it('concurrent retries with one Idempotency-Key act once', async () => {
    const o = await twoHubs();
    const headers = { 'idempotency-key': 'same-key-everywhere' };
    const body = { hub: o.receiver.hub.slug, quantity: 1, message: 'Just once' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => claim(o.receiver.session, o.listingId, body, headers)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listingId)).toBe(1);
    // Once the first finished, a retry replays it.
    const replay = await expectJson(
      await claim(o.receiver.session, o.listingId, body, headers),
      201,
      ZExchangeDetail,
    );
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listingId)).toBe(1);
    expect(replay.state).toBe('claimed');
  });

  it('refuses the same key with another body (422) and a malformed key (400)', async () => {
    const o = await twoHubs();
    const headers = { 'idempotency-key': 'k-1' };
    await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    await expectJson(
      await claim(
        o.receiver.session,
        o.listingId,
        { hub: o.receiver.hub.slug, quantity: 1, message: 'a' },
        headers,
      ),
      201,
      ZExchangeDetail,
    );
    await expectError(
      await claim(
        o.receiver.session,
        o.listingId,
        { hub: o.receiver.hub.slug, quantity: 2, message: 'a' },
        headers,
      ),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    await expectError(
      await claim(
        o.receiver.session,
        o.listingId,
        { hub: o.receiver.hub.slug, quantity: 1, message: 'a' },
        {
          'idempotency-key': 'x'.repeat(201),
        },
      ),
      400,
      'INVALID_IDEMPOTENCY_KEY',
    );
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listingId)).toBe(2);
    // A refused first try releases its key: fixing the request with the same key then works.
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    const k = { 'idempotency-key': 'handover-1' };
    await actOk(o.giver.session, ex.id, 'accept');
    await expectError(
      await act(o.giver.session, ex.id, 'handover', { quantity: 5 }, k),
      422,
      'HANDOVER_EXCEEDS_ACCEPTED',
    );
    await expectError(
      await act(o.giver.session, ex.id, 'handover', { quantity: 5 }, k),
      422,
      'HANDOVER_EXCEEDS_ACCEPTED',
    );
    await expectJson(await act(o.giver.session, ex.id, 'handover', { quantity: 1 }, k), 200, ZExchangeDetail);
    // …and the same key on another exchange's route is another request: refused.
    await expectError(
      await act(o.receiver.session, ex.id, 'handover', { quantity: 1 }, { 'idempotency-key': 'k-1' }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('a completed exchange writes its flow exactly once', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 1);
    await expectError(await act(o.receiver.session, done.id, 'confirm'), 409, 'INVALID_TRANSITION');
    await runExchangeTimers({ db, now: () => new Date(Date.now() + 30 * 24 * 3600 * 1000) });
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', done.id)).toBe(1);
    // The database itself refuses a second ledger row for the exchange.
    await expect(
      db
        .prepare(
          `INSERT INTO flows (exchange_id, from_hub_id, to_hub_id, category, quantity_milli, unit, mass_source, completed_at, created_at)
           SELECT exchange_id, from_hub_id, to_hub_id, category, quantity_milli, unit, mass_source, completed_at, created_at FROM flows WHERE exchange_id = ?1`,
        )
        .bind(done.id)
        .run(),
    ).rejects.toThrow(/UNIQUE/);
    // …and a reservation beyond the listing's quantity.
    await expect(
      db
        .prepare('UPDATE listings SET quantity_reserved_milli = quantity_milli + 1 WHERE id = ?1')
        .bind(o.listingId)
        .run(),
    ).rejects.toThrow(/out of range/);
  });
});
