/** The event outbox: recorded with the change or not at all, dispatched once per subscriber, retried on failure. */
import { describe, expect, it } from 'vitest';
import { dispatchEvents, recordEvent, type Subscriber } from '../../src/modules/events/events.service';
import { SUBSCRIBERS } from '../../src/events';
import { ZListing } from '../../src/shared/listings.schemas';
import { call, createListing, db, expectJson, makerWithHub } from '../helpers';

const deps = (at = new Date()) => ({ db, now: () => at, baseUrl: 'http://127.0.0.1:8787' });

async function eventsOf(kind: string, subjectId: number) {
  const { results } = await db
    .prepare('SELECT * FROM events WHERE kind = ?1 AND subject_id = ?2 ORDER BY id')
    .bind(kind, subjectId)
    .all<{ id: number; actor_id: number | null; done_at: string | null; attempts: number }>();
  return results;
}

/** Takes every pending event away from other tests' dispatch, so this one sees only its own. */
async function only(ids: number[]) {
  await db
    .prepare(
      `UPDATE events SET done_at = 'x' WHERE done_at IS NULL AND id NOT IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids))
    .run();
}

describe('events', () => {
  it('a change records its event in the same batch; a refused change records none', async () => {
    const maker = await makerWithHub();
    const listing = await createListing(maker.session, maker.hub.slug);
    const created = await eventsOf('listing.changed', listing.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_id: maker.me.user.id });
    expect(created[0]!.done_at).not.toBeNull();

    await expectJson(
      await call(`/listings/${listing.id}`, { method: 'DELETE', session: maker.session }),
      200,
      ZListing,
    );
    expect(await eventsOf('listing.changed', listing.id)).toHaveLength(2);
    // Withdrawing again changes nothing, and records nothing.
    const again = await call(`/listings/${listing.id}`, { method: 'DELETE', session: maker.session });
    expect(again.status).toBe(409);
    expect(await eventsOf('listing.changed', listing.id)).toHaveLength(2);
  });

  it('the guard forms: ifChanged, inserted and select record only what happened', async () => {
    const now = new Date().toISOString();
    const ev = (subject: Parameters<typeof recordEvent>[2]['subject']) =>
      recordEvent(db, 'listing.changed', { subject, actorId: null, payload: {}, now });
    const nothing = db.prepare('UPDATE listings SET title = title WHERE id = -1');
    const before = (await db.prepare('SELECT max(id) AS m FROM events').first<{ m: number }>())?.m ?? 0;
    await db.batch([nothing, ev({ id: 999_001, ifChanged: true })]);
    await db.batch([nothing, ev({ inserted: true })]);
    await db.batch([ev({ select: 'SELECT id FROM listings WHERE id = ?1', binds: [-5] })]);
    await db.batch([ev({ id: 999_002 })]);
    const { results } = await db
      .prepare('SELECT subject_id FROM events WHERE id > ?1 AND kind = ?2')
      .bind(before, 'listing.changed')
      .all<{ subject_id: number }>();
    expect(results.map((r) => r.subject_id)).toContain(999_002);
    expect(results.map((r) => r.subject_id)).not.toContain(999_001);
    await only([]);
  });

  it('a wrong payload is refused before anything is written', () => {
    expect(() =>
      recordEvent(db, 'exchange.claimed', {
        subject: { id: 1 },
        actorId: 1,
        // @ts-expect-error the payload misses the exchange's facts
        payload: { listingId: 1 },
        now: new Date().toISOString(),
      }),
    ).toThrow();
  });

  it('a failing subscriber leaves the event for a retry; the others still run; it is given up at last', async () => {
    const at = new Date('2031-01-01T00:00:00Z');
    const [r] = await db.batch<{ id: number }>([
      db
        .prepare(
          `INSERT INTO events (kind, subject_id, actor_id, payload, created_at) VALUES ('listing.changed', 1, NULL, '{}', ?1) RETURNING id`,
        )
        .bind(at.toISOString()),
    ]);
    const id = r!.results[0]!.id;
    await only([id]);
    const seen: string[] = [];
    const failing: Subscriber = {
      name: 'failing',
      on: ['listing.changed'],
      handle: async () => {
        seen.push('failing');
        throw new Error('boom');
      },
    };
    const fine: Subscriber = {
      name: 'fine',
      on: ['listing.changed'],
      handle: async () => void seen.push('fine'),
    };
    expect(await dispatchEvents(deps(at), [failing, fine])).toEqual({ dispatched: 0, failed: 1 });
    expect(seen).toEqual(['failing', 'fine']);
    // Held back until its lease is stale: the same pass does not hammer it.
    expect(await dispatchEvents(deps(at), [failing, fine])).toEqual({ dispatched: 0, failed: 0 });
    let t = at.getTime();
    for (let i = 0; i < 6; i++) {
      t += 2 * 60_000;
      await dispatchEvents(deps(new Date(t)), [failing]);
    }
    const row = await db
      .prepare('SELECT attempts, failed_at, last_error, done_at FROM events WHERE id = ?1')
      .bind(id)
      .first<{ attempts: number; failed_at: string | null; last_error: string; done_at: string | null }>();
    expect(row).toMatchObject({ attempts: 5, done_at: null });
    expect(row!.failed_at).not.toBeNull();
    expect(row!.last_error).toContain('failing: Error: boom');
  });

  it('registers each subscriber once, in one place', () => {
    expect(SUBSCRIBERS.map((s) => s.name)).toEqual(['request-progress', 'matching', 'notifications']);
  });
});
