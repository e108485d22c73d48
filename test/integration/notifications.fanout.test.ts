/**
 * Fan-out stays bounded: telling a hub of 200 members writes their notifications and emails in
 * the same fixed number of statements as telling a hub of 2, counted with the bench's statement
 * recorder around the dispatch of the claim's event.
 */
import { describe, expect, it } from 'vitest';
import { dispatchPendingEvents } from '../../src/events';
import { recordingDb, type BenchStatement } from '../../src/http/middleware/bench-metrics';
import { claimOk, twoHubs } from '../exchanges-helpers';
import { db, ORIGIN } from '../helpers';

/** Adds `n` people to the hub straight in the database (signing up 200 people would take minutes). */
async function addMembers(hubSlug: string, n: number, tag: string) {
  const now = new Date().toISOString();
  await db.batch([
    db
      .prepare(
        `INSERT INTO users (email, display_name, password_hash, password_salt, password_iterations, locale, created_at)
         SELECT ?1 || value || '@example.org', 'Member ' || value, 'x', 'x', 1, 'nl', ?2 FROM json_each(?3)`,
      )
      .bind(`fanout-${tag}-`, now, JSON.stringify(Array.from({ length: n }, (_, i) => i))),
    db
      .prepare(
        `INSERT INTO memberships (hub_id, user_id, role, created_at)
         SELECT (SELECT id FROM hubs WHERE slug = ?1), id, 'member', ?2 FROM users WHERE email LIKE ?3`,
      )
      .bind(hubSlug, now, `fanout-${tag}-%`),
  ]);
}

/**
 * Undoes what an event's dispatch wrote (its notifications and their emails) and makes it pending
 * again, so its dispatch can be run once more, whole, through the recorder.
 */
async function replayable(eventId: number, since: { notification: number; email: number }) {
  await db.batch([
    db.prepare('DELETE FROM email_outbox WHERE id > ?1').bind(since.email),
    db.prepare('DELETE FROM notifications WHERE id > ?1').bind(since.notification),
    db
      .prepare('UPDATE events SET done_at = NULL, claimed_at = NULL, attempts = 0 WHERE id = ?1')
      .bind(eventId),
  ]);
}

describe('fan-out', () => {
  it('a claim tells a hub of 200 in as many statements as a hub of 2', async () => {
    const counts: number[] = [];
    const told: number[] = [];
    const mails: number[] = [];
    for (const [extra, tag] of [
      [1, 'small'],
      [199, 'large'],
    ] as const) {
      const o = await twoHubs();
      await addMembers(o.giver.hub.slug, extra, tag);
      const count = async (table: string) =>
        (await db.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
      const max = async (table: string) =>
        (await db.prepare(`SELECT COALESCE(max(id), 0) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
      const since = { notification: await max('notifications'), email: await max('email_outbox') };
      const [n0, m0] = [await count('notifications'), await count('email_outbox')];
      await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
      const eventId = await max('events');
      await replayable(eventId, since);
      const log = new Map<string, BenchStatement>();
      await dispatchPendingEvents({ db: recordingDb(db, log), now: () => new Date(), baseUrl: ORIGIN });
      told.push((await count('notifications')) - n0);
      mails.push((await count('email_outbox')) - m0);
      counts.push([...log.values()].reduce((s, x) => s + x.n, 0));
    }
    console.log('fan-out statements', JSON.stringify({ counts, told, mails }));
    expect(told).toEqual([2, 200]);
    expect(mails).toEqual([2, 200]);
    expect(counts[1]).toBe(counts[0]);
    expect(counts[1]).toBeLessThanOrEqual(12);
  }, 120_000);
});
