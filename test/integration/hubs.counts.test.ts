/**
 * A hub's counts kept in hub_counts by triggers (migration 0059) agree with counts of its rows
 * after every kind of write, and the hub's page and the directory show them.
 */
import { describe, expect, it } from 'vitest';
import { ZHub, ZHubPage } from '../../src/shared/hubs.schemas';
import { listHubs } from '../../src/modules/hubs/hubs.service';
import { call, createListing, db, expectJson, signup } from '../helpers';
import { completedExchange, memberOf, twoHubs } from '../exchanges-helpers';
import { recordingDb } from '../matching-helpers';

/** Each hub's counts as the rows give them (the statement the hub pages ran before 0059). */
const RECOUNT = `
  SELECT h.id AS hub_id,
    (SELECT count(*) FROM memberships m WHERE m.hub_id = h.id) AS members,
    (SELECT count(*) FROM listings l WHERE l.hub_id = h.id AND l.status = 'active' AND l.hidden_at IS NULL)
      AS active_listings,
    (SELECT count(*) FROM requests r WHERE r.hub_id = h.id AND r.status = 'open' AND r.hidden_at IS NULL)
      AS open_requests,
    (SELECT count(*) FROM exchanges e WHERE e.from_hub_id = h.id AND e.state = 'completed')
      + (SELECT count(*) FROM exchanges e WHERE e.to_hub_id = h.id AND e.state = 'completed') AS completed_exchanges,
    (SELECT min(t) FROM (
      SELECT min(l.created_at) AS t FROM listings l WHERE l.hub_id = h.id
      UNION ALL SELECT min(r.created_at) FROM requests r WHERE r.hub_id = h.id
      UNION ALL SELECT min(e.created_at) FROM exchanges e WHERE e.to_hub_id = h.id)) AS active_since
  FROM hubs h ORDER BY h.id`;

async function expectCountsAgree(step: string) {
  const kept = await db
    .prepare(
      'SELECT hub_id, members, active_listings, open_requests, completed_exchanges, active_since FROM hub_counts ORDER BY hub_id',
    )
    .all();
  expect(kept.results, step).toEqual((await db.prepare(RECOUNT).all()).results);
}

async function hubOf(slug: string) {
  return expectJson(await call(`/hubs/${slug}`), 200, ZHub);
}

describe('a hub’s counts', () => {
  it('follow every write of members, listings, requests and exchanges, and every page shows them', async () => {
    const o = await twoHubs();
    await expectCountsAgree('two hubs and a listing');
    const giver = o.giver.hub.slug;
    expect(await hubOf(giver)).toMatchObject({
      memberCount: 1,
      activeListingCount: 1,
      completedExchangeCount: 0,
    });

    // Members join and leave.
    const member = await memberOf(o.giver);
    await expectCountsAgree('a member joined');
    expect((await hubOf(giver)).memberCount).toBe(2);
    const removed = await call(`/hubs/${giver}/members/${member.me.user.id}`, {
      session: o.giver.session,
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    await expectCountsAgree('a member was removed');
    expect((await hubOf(giver)).memberCount).toBe(1);

    // Requests are opened and withdrawn.
    const request = await call('/requests', {
      session: o.receiver.session,
      body: {
        hub: o.receiver.hub.slug,
        title: 'Oak for a bench',
        category: 'hardwood',
        quantity: 2,
        unit: 'm',
      },
    });
    expect(request.status).toBe(201);
    const requestId = ((await request.json()) as { id: number }).id;
    await expectCountsAgree('a request opened');
    expect((await hubOf(o.receiver.hub.slug)).openRequestCount).toBe(1);
    expect(
      (await call(`/requests/${requestId}`, { session: o.receiver.session, method: 'DELETE' })).status,
    ).toBe(200);
    await expectCountsAgree('a request withdrawn');
    expect((await hubOf(o.receiver.hub.slug)).openRequestCount).toBe(0);

    // An exchange from claim to confirmation: counted on both sides once completed.
    const done = await completedExchange(o, 2);
    expect(done.state).toBe('completed');
    await expectCountsAgree('an exchange completed');
    expect((await hubOf(giver)).completedExchangeCount).toBe(1);
    expect((await hubOf(o.receiver.hub.slug)).completedExchangeCount).toBe(1);

    // Listings withdrawn, hidden and shown again, moved to another hub (any statement, not only the API's).
    const second = await createListing(o.giver.session, giver, { title: 'Walnut offcuts' });
    await expectCountsAgree('a second listing');
    expect(
      (await call(`/listings/${second.id}`, { session: o.giver.session, method: 'DELETE' })).status,
    ).toBe(200);
    await expectCountsAgree('a listing withdrawn');
    const third = await createListing(o.giver.session, giver, { title: 'Cherry offcuts' });
    await db
      .prepare("UPDATE listings SET hidden_at = '2026-12-01T10:00:00.000Z' WHERE id = ?1")
      .bind(third.id)
      .run();
    await expectCountsAgree('a listing hidden');
    await db.prepare('UPDATE listings SET hidden_at = NULL WHERE id = ?1').bind(third.id).run();
    await expectCountsAgree('a listing shown again');
    const receiverId = (await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(o.receiver.hub.slug)
      .first<{ id: number }>())!.id;
    await db.prepare('UPDATE listings SET hub_id = ?1 WHERE id = ?2').bind(receiverId, third.id).run();
    await expectCountsAgree('a listing moved to another hub');
    await db.prepare("UPDATE exchanges SET state = 'disputed' WHERE id = ?1").bind(done.id).run();
    await expectCountsAgree('an exchange no longer completed');
    await db.prepare("UPDATE exchanges SET state = 'completed' WHERE id = ?1").bind(done.id).run();

    // The directory shows the same counts as each hub's page.
    const page = await expectJson(await call('/hubs?limit=100'), 200, ZHubPage);
    for (const slug of [giver, o.receiver.hub.slug]) {
      const { myRole: _listed, ...listed } = page.items.find((h) => h.slug === slug)!;
      const { myRole: _own, ...own } = await hubOf(slug);
      expect(listed).toEqual(own);
    }
  });

  it('a page of the directory reads its hubs’ counts, not their rows', async () => {
    const maker = await signup();
    for (const name of ['Alder Lab', 'Beech Lab', 'Cedar Lab'])
      expect(
        (
          await call('/hubs', {
            session: maker.session,
            body: {
              slug: name.toLowerCase().replace(' ', '-'),
              name,
              city: 'Gent',
              country: 'BE',
              kind: 'fab_lab',
              lat: 51.05,
              lon: 3.72,
            },
          })
        ).status,
      ).toBe(201);
    const read = async () => {
      const rec = recordingDb();
      const page = await listHubs(
        { db: rec.db, now: () => new Date() },
        { query: { limit: 3 }, viewerId: maker.me.user.id },
      );
      expect(rec.log).toHaveLength(1);
      return { rows: rec.log[0]!.rowsRead, page };
    };
    const before = await read();
    // 400 listings and 50 requests in one hub, written by single statements as a seed would.
    await db
      .prepare(
        `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit, condition, price_type, created_at, updated_at)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
         SELECT (SELECT id FROM hubs WHERE slug = 'alder-lab'), ?1, 'offcut', 'Plank ' || i, '', 'plywood', 1000, 'sheets', 'good', 'free',
           '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z' FROM n`,
      )
      .bind(maker.me.user.id)
      .run();
    const after = await read();
    expect(after.page.items.find((h) => h.slug === 'alder-lab')!.activeListingCount).toBe(400);
    expect(after.page.items.find((h) => h.slug === 'alder-lab')!.activeSince).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    // The same rows read with 400 more listings: one counts row a hub.
    expect(after.rows).toBe(before.rows);
    expect(after.rows).toBeLessThanOrEqual(3 * 4 + 2);
    await expectCountsAgree('400 listings by one statement');
  });
});
