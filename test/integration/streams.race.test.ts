/**
 * Races on stream occurrences: concurrent subscriptions (two hubs racing, one hub submitting many
 * times, many hubs at once) never reserve an occurrence twice, and concurrent publishing runs
 * make one listing per occurrence and one exchange per reservation.
 */
import { describe, expect, it } from 'vitest';
import { ZSubscription } from '../../src/shared/streams.schemas';
import { count, db } from '../helpers';
import { newArea, PLACES, type Place } from '../matching-helpers';
import {
  addDays,
  createStream,
  noonOn,
  occurrenceRows,
  publishAt,
  subscribe,
  today,
} from '../streams-helpers';

async function race(calls: (() => Promise<Response>)[]) {
  const responses = await Promise.all(calls.map((f) => f()));
  const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, text: await r.text() })));
  return bodies;
}

describe('concurrent subscriptions', () => {
  it('50 concurrent subscribe calls from two hubs reserve every occurrence exactly once', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const a = await makerAt('kortrijk');
    const b = await makerAt('brussels');
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 6 });
    const calls = Array.from({ length: 50 }, (_, i) => {
      const side = i % 2 === 0 ? a : b;
      return () => subscribe(side.session, stream.id, { hub: side.hub.slug, occurrences: 4 });
    });
    const results = await race(calls);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const made = results.filter((r) => r.status === 201).map((r) => ZSubscription.parse(JSON.parse(r.text)));
    // One subscription per hub; every other call is refused without effect.
    expect(made.map((s) => s.hub.slug).sort()).toEqual([a.hub.slug, b.hub.slug].sort());
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(['ALREADY_SUBSCRIBED', 'NO_FREE_OCCURRENCES']).toContain(JSON.parse(r.text).error.code);
    }
    const seqs = made.flatMap((s) => s.reserved.map((x) => x.seq)).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    // The database agrees: six reservations, one per occurrence, split as the responses said.
    const rows = await occurrenceRows(stream.id);
    expect(rows.every((r) => r.subscription_id !== null)).toBe(true);
    for (const s of made)
      expect(rows.filter((r) => r.subscription_id === s.id).map((r) => r.seq)).toEqual(
        s.reserved.map((x) => x.seq),
      );
    expect(await count('SELECT count(*) AS n FROM stream_reservations WHERE stream_id = ?1', stream.id)).toBe(
      6,
    );
    expect(
      await count('SELECT count(*) AS n FROM stream_subscriptions WHERE stream_id = ?1', stream.id),
    ).toBe(2);
  });

  it('one hub submitting 30 times at once gets one subscription', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const a = await makerAt('kortrijk');
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 10 });
    const results = await race(
      Array.from(
        { length: 30 },
        () => () => subscribe(a.session, stream.id, { hub: a.hub.slug, occurrences: 4 }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(29);
    expect(await count('SELECT count(*) AS n FROM stream_reservations WHERE stream_id = ?1', stream.id)).toBe(
      4,
    );
    expect(
      (await occurrenceRows(stream.id)).filter((r) => r.subscription_id !== null).map((r) => r.seq),
    ).toEqual([1, 2, 3, 4]);
  });

  it('twelve hubs racing for ten occurrences: each reserved once, no empty subscription', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const places = Object.keys(PLACES) as Place[];
    const hubs = await Promise.all(Array.from({ length: 12 }, (_, i) => makerAt(places[1 + (i % 3)]!)));
    const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 10 });
    const results = await race(
      hubs.flatMap((h) =>
        [1, 2, 3].map(() => () => subscribe(h.session, stream.id, { hub: h.hub.slug, occurrences: 2 })),
      ),
    );
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const made = results.filter((r) => r.status === 201).map((r) => ZSubscription.parse(JSON.parse(r.text)));
    const seqs = made.flatMap((s) => s.reserved.map((x) => x.seq)).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(made.every((s) => s.reserved.length > 0)).toBe(true);
    expect(new Set(made.map((s) => s.hub.slug)).size).toBe(made.length);
    const { results: perOcc } = await db
      .prepare('SELECT seq, count(*) AS n FROM stream_reservations WHERE stream_id = ?1 GROUP BY seq')
      .bind(stream.id)
      .all<{ seq: number; n: number }>();
    expect(perOcc.every((r) => r.n === 1)).toBe(true);
    expect(perOcc).toHaveLength(10);
    expect(
      await count(
        `SELECT count(*) AS n FROM stream_subscriptions sub WHERE stream_id = ?1
           AND NOT EXISTS (SELECT 1 FROM stream_reservations r WHERE r.subscription_id = sub.id)`,
        stream.id,
      ),
    ).toBe(0);
  });
});

describe('concurrent publishing', () => {
  it('five publishing runs at once make one listing per occurrence and one exchange per reservation', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const a = await makerAt('kortrijk');
    const start = addDays(today(), 1);
    const stream = await createStream(giver.session, giver.hub.slug, { startDate: start, occurrences: 4 });
    expect((await subscribe(a.session, stream.id, { hub: a.hub.slug, occurrences: 2 })).status).toBe(201);
    const at = noonOn(addDays(start, 14));
    await Promise.all([1, 2, 3, 4, 5].map(() => publishAt(at)));
    const rows = await occurrenceRows(stream.id);
    expect(rows.map((r) => r.listing_id !== null)).toEqual([true, true, true, false]);
    expect(await count('SELECT count(*) AS n FROM listings WHERE stream_id = ?1', stream.id)).toBe(3);
    expect(rows.slice(0, 2).every((r) => r.exchange_id !== null)).toBe(true);
    for (const r of rows.slice(0, 2)) {
      expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', r.listing_id)).toBe(1);
      expect(
        await count(
          "SELECT count(*) AS n FROM exchanges WHERE id = ?1 AND state = 'accepted'",
          r.exchange_id,
        ),
      ).toBe(1);
    }
  });
});
