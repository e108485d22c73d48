/**
 * Matching reads its candidates, not the table: with hundreds of rows that are not candidates
 * (another family, another or the own hub, out of reach, closed), the rows D1 reports read stay
 * within the candidate set plus the two small parameter lists. Every statement matching runs is
 * then explained: none scans a big table.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  dismissMatch,
  listingMatches,
  MATCHES_PER_REQUEST,
  rebuildMatches,
  refreshListingMatches,
  refreshRequestMatches,
  requestMatches,
} from '../../src/modules/matching/matching.service';
import { matchingJob } from '../../src/modules/matching/matching.job';
import { checkListingAgainstSavedSearches } from '../../src/modules/saved-searches/saved-searches.service';
import { call, count, db } from '../helpers';
import {
  matchRow,
  newArea,
  newListing,
  newRequest,
  recordingDb,
  type RecordedStatement,
} from '../matching-helpers';

const NOW = () => new Date('2026-11-20T10:00:00Z');
const deps = (d: D1Database) => ({ db: d, now: NOW, baseUrl: 'http://127.0.0.1:8787' });
const hubId = async (slug: string) =>
  (await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(slug).first<{ id: number }>())!.id;

/** Inserts n listings straight into the table (the API would take minutes for thousands). */
async function insertListings(
  n: number,
  o: { hub: number; author: number; category: string; status?: string; quantity?: number; until?: string },
) {
  await db
    .prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
       INSERT INTO listings (hub_id, author_id, kind, title, category, quantity_milli, unit, length_mm,
         width_mm, thickness_mm, condition, price_type, available_until, status, created_at, updated_at)
       SELECT ?2, ?3, 'offcut', 'Bulk sheet ' || i, ?4, ?6, 'sheets', 600, 400, 18, 'good', 'free', ?7, ?5,
         '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM seq`,
    )
    .bind(n, o.hub, o.author, o.category, o.status ?? 'active', (o.quantity ?? 12) * 1000, o.until ?? null)
    .run();
}

async function insertRequests(
  n: number,
  o: { hub: number; author: number; category: string; radiusKm: number; status?: string },
) {
  await db
    .prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
       INSERT INTO requests (hub_id, author_id, title, category, quantity_milli, unit, fetch_radius_km,
         status, created_at, updated_at)
       SELECT ?2, ?3, 'Bulk request ' || i, ?4, 4000, 'sheets', ?5, ?6,
         '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' FROM seq`,
    )
    .bind(n, o.hub, o.author, o.category, o.radiusKm, o.status ?? 'open')
    .run();
}

const candidateStatement = (log: RecordedStatement[], table: 'listings' | 'requests') => {
  const s = log.filter((x) => x.sql.includes(`json_each(?1)) dist\nCROSS JOIN ${table}`));
  expect(s).toHaveLength(1);
  return s[0]!;
};

describe('matching at scale: rows read against candidates', () => {
  it("a request's candidate query reads only its candidates, whatever else the table holds", async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk'); // 43 km: within the request's 60 km
    const far = await makerAt('leuven'); // 74 km: out of reach
    const askerHub = await hubId(asker.hub.slug);
    const giverHub = await hubId(giver.hub.slug);
    const farHub = await hubId(far.hub.slug);
    const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 60 });
    // Not candidates: another family at the giver, the own hub, a hub out of reach, withdrawn
    // sheets, and sheets whose availability ended.
    await insertListings(300, { hub: giverHub, author: giver.me.user.id, category: 'steel' });
    await insertListings(300, { hub: askerHub, author: asker.me.user.id, category: 'birch-plywood' });
    await insertListings(300, { hub: farHub, author: far.me.user.id, category: 'birch-plywood' });
    await insertListings(300, {
      hub: giverHub,
      author: giver.me.user.id,
      category: 'birch-plywood',
      status: 'withdrawn',
    });
    await insertListings(100, {
      hub: giverHub,
      author: giver.me.user.id,
      category: 'birch-plywood',
      until: '2026-11-01',
    });
    // Candidates: 25 active birch and MDF sheets at the giver.
    await insertListings(20, { hub: giverHub, author: giver.me.user.id, category: 'birch-plywood' });
    await insertListings(5, { hub: giverHub, author: giver.me.user.id, category: 'mdf' });

    const rec = recordingDb();
    const result = await refreshRequestMatches(deps(rec.db), request.id);
    const s = candidateStatement(rec.log, 'listings');
    expect(s.returned).toBe(25);
    expect(result.matched).toBe(25);
    // D1 counts the hub list's rows too, and each hub's index range at most one entry past its end.
    const hubsInReach = Object.keys(JSON.parse(s.binds[0] as string)).length;
    expect(hubsInReach).toBeLessThanOrEqual(2);
    expect(s.rowsRead).toBeLessThanOrEqual(s.returned + 2 * hubsInReach);
    expect(
      await count("SELECT count(*) AS n FROM matches WHERE request_id = ?1 AND state = 'open'", request.id),
    ).toBe(25);
  });

  it("a listing's candidate query reads only the requests whose radius reaches it", async () => {
    const makerAt = newArea();
    const giver = await makerAt('kortrijk');
    const asker = await makerAt('ghent'); // 43 km from the giver
    const other = await makerAt('brussels');
    const giverHub = await hubId(giver.hub.slug);
    const askerHub = await hubId(asker.hub.slug);
    const otherHub = await hubId(other.hub.slug);
    // Not candidates: radius too short (30 km < 43 km), another family, fulfilled, the own hub.
    await insertRequests(300, { hub: askerHub, author: asker.me.user.id, category: 'plywood', radiusKm: 30 });
    await insertRequests(300, { hub: askerHub, author: asker.me.user.id, category: 'steel', radiusKm: 100 });
    await insertRequests(300, {
      hub: askerHub,
      author: asker.me.user.id,
      category: 'plywood',
      radiusKm: 100,
      status: 'fulfilled',
    });
    await insertRequests(300, {
      hub: giverHub,
      author: giver.me.user.id,
      category: 'plywood',
      radiusKm: 100,
    });
    // Candidates: 12 at Ghent whose 60 km reaches Kortrijk, 3 at Brussels (about 77 km) with 100 km.
    await insertRequests(12, { hub: askerHub, author: asker.me.user.id, category: 'plywood', radiusKm: 60 });
    await insertRequests(3, { hub: otherHub, author: other.me.user.id, category: 'mdf', radiusKm: 100 });

    const listing = await newListing(giver.session, giver.hub.slug);
    const rec = recordingDb();
    const result = await refreshListingMatches(deps(rec.db), listing.id);
    const s = candidateStatement(rec.log, 'requests');
    expect(s.returned).toBe(15);
    expect(result.matched).toBe(15);
    const hubsInReach = Object.keys(JSON.parse(s.binds[0] as string)).length;
    // Every hub within 1,000 km is in the list (other tests' areas too), so the bound counts them.
    expect(s.rowsRead).toBeLessThanOrEqual(s.returned + 2 * hubsInReach);
  });

  it(`a request keeps its best ${MATCHES_PER_REQUEST} matches when the scheduled pass recomputes it`, async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const giverHub = await hubId(giver.hub.slug);
    const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 60 });
    // 60 that fit; five of them are whole stacks of 40 sheets, which cover the request best.
    await insertListings(55, {
      hub: giverHub,
      author: giver.me.user.id,
      category: 'birch-plywood',
      quantity: 1,
    });
    await insertListings(5, {
      hub: giverHub,
      author: giver.me.user.id,
      category: 'birch-plywood',
      quantity: 40,
    });
    const stacks = (
      await db
        .prepare('SELECT id FROM listings WHERE hub_id = ?1 AND quantity_milli = 40000 ORDER BY id')
        .bind(giverHub)
        .all<{ id: number }>()
    ).results.map((r) => r.id);
    const { matched } = await refreshRequestMatches(deps(db), request.id);
    expect(matched).toBe(MATCHES_PER_REQUEST);
    const open = await db
      .prepare(
        "SELECT listing_id, score FROM matches WHERE request_id = ?1 AND state = 'open' ORDER BY score DESC",
      )
      .bind(request.id)
      .all<{ listing_id: number; score: number }>();
    expect(open.results).toHaveLength(MATCHES_PER_REQUEST);
    for (const id of stacks) expect(open.results.map((r) => r.listing_id)).toContain(id);
    const page = await call(`/requests/${request.id}/matches`, { session: asker.session });
    expect(((await page.json()) as { items: unknown[] }).items).toHaveLength(MATCHES_PER_REQUEST);
  });

  it('the scheduled expiry reads only listings whose date passed since its last run', async () => {
    const makerAt = newArea();
    const giver = await makerAt('kortrijk');
    const asker = await makerAt('ghent');
    const request = await newRequest(asker.session, asker.hub.slug);
    const soon = await newListing(giver.session, giver.hub.slug, { availableUntil: '2099-03-10' });
    const later = await newListing(giver.session, giver.hub.slug, { availableUntil: '2099-03-20' });
    for (const l of [soon, later]) expect((await matchRow(l.id, request.id))?.state).toBe('open');

    const run = async (day: string) => {
      const rec = recordingDb();
      const result = await rebuildMatches(
        { db: rec.db, now: () => new Date(`${day}T07:00:00Z`), baseUrl: '' },
        { batch: 1 },
      );
      return { result, expiry: rec.log.find((s) => s.sql.startsWith("UPDATE matches SET state = 'stale'"))! };
    };
    await run('2099-03-01');
    const first = await run('2099-03-11');
    expect(first.result.expired).toBe(1);
    expect((await matchRow(soon.id, request.id))?.state).toBe('stale');
    expect((await matchRow(later.id, request.id))?.state).toBe('open');
    // The window is [last run, today): one listing and its match, not every open match.
    expect(first.expiry.binds.slice(0, 2)).toEqual(['2099-03-01', '2099-03-11']);
    // Index entries and rows of that one listing and its match, while far more matches are open.
    expect(await count("SELECT count(*) AS n FROM matches WHERE state = 'open'")).toBeGreaterThan(60);
    expect(first.expiry.rowsRead).toBeLessThanOrEqual(10);
    const second = await run('2099-03-21');
    expect(second.result.expired).toBe(1);
    expect((await matchRow(later.id, request.id))?.state).toBe('stale');
    const again = await run('2099-03-21');
    expect(again.result.expired).toBe(0);
  });

  it('the scheduled pass matches queued listings first and empties the queue', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const giverHub = await hubId(giver.hub.slug);
    const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 60 });
    await insertListings(3, { hub: giverHub, author: giver.me.user.id, category: 'mdf' });
    await db
      .prepare(
        `INSERT INTO matching_queue (listing_id, queued_at)
         SELECT id, '2026-11-20T00:00:00Z' FROM listings WHERE hub_id = ?1`,
      )
      .bind(giverHub)
      .run();
    const result = await rebuildMatches({ ...deps(db) }, { batch: 1 });
    expect(result.queued).toBe(3);
    expect(await count('SELECT count(*) AS n FROM matching_queue')).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM matches m JOIN listings l ON l.id = m.listing_id
         WHERE m.request_id = ?1 AND l.hub_id = ?2 AND m.state = 'open'`,
        request.id,
        giverHub,
      ),
    ).toBe(3);
    // The request's author heard of each, once.
    expect(
      await count(
        "SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND kind = 'request_match'",
        asker.me.user.id,
      ),
    ).toBe(3);
  });

  it("a request's and a listing's matches pages are 4 statements (in 2 calls) and 3, whatever the number of matches and hubs", async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const request = await newRequest(asker.session, asker.hub.slug);
    // Six listings from three hubs in reach, each a match.
    const givers = [await makerAt('kortrijk'), await makerAt('kortrijk'), await makerAt('brussels')];
    const made: number[] = [];
    for (const g of givers)
      for (let i = 0; i < 2; i++) made.push((await newListing(g.session, g.hub.slug)).id);
    const user = await db.prepare('SELECT * FROM users WHERE id = ?1').bind(asker.me.user.id).first();

    const rec = recordingDb();
    const page = await requestMatches(deps(rec.db), { requestId: request.id, user: user as never });
    expect(page.items.map((m) => m.listing.id).sort((a, b) => a - b)).toEqual(made);
    // Each card with its listing's hub, read with the listing.
    for (const m of page.items) {
      const g = givers[Math.floor(made.indexOf(m.listing.id) / 2)]!;
      const hub = await db
        .prepare('SELECT slug, name, city, country, kind, lat, lon FROM hubs WHERE slug = ?1')
        .bind(g.hub.slug)
        .first();
      expect(m.listing.hub).toEqual(hub);
    }
    // The request with the person's role in its hub, its matches, their listings with their hubs,
    // and what the hub already claimed (with the session, 5: the API's budget), in two calls to
    // D1: the request and its matches, then the listings and the claims.
    expect(rec.log.map((x) => x.n).reduce((a, b) => a + b)).toBe(4);
    expect(rec.trips).toBe(2);
    expect(rec.log.some((x) => /FROM hubs WHERE/.test(x.sql))).toBe(false);
    // About a row read per row returned: the ids are written as VALUES (no list read), each
    // listing's exchanges sought by listing, not every exchange of the hub.
    const read = rec.log.reduce((n, x) => n + x.rowsRead, 0);
    const returned = rec.log.reduce((n, x) => n + x.returned, 0);
    expect(read).toBeLessThanOrEqual(2 * returned + 5);

    // A listing's page: the listing with its matches, then their requests with their hubs.
    const rec3 = recordingDb();
    const other = await listingMatches(deps(rec3.db), made[0]!);
    expect(other.items.map((m) => [m.request.id, m.request.hub.slug])).toEqual([
      [request.id, asker.hub.slug],
    ]);
    expect(rec3.log.map((x) => x.n).reduce((a, b) => a + b)).toBe(3);
    expect(rec3.trips).toBe(2);
    await expect(listingMatches(deps(rec3.db), 987_654_321)).rejects.toMatchObject({
      code: 'LISTING_NOT_FOUND',
    });

    // A person of another hub may not see the request's matches: refused after the first call
    // (the request with their role, and its matches, which are not shown).
    const stranger = await db
      .prepare('SELECT * FROM users WHERE id = ?1')
      .bind(givers[0]!.me.user.id)
      .first();
    const rec2 = recordingDb();
    await expect(
      requestMatches(deps(rec2.db), { requestId: request.id, user: stranger as never }),
    ).rejects.toMatchObject({ code: 'NOT_A_MEMBER' });
    expect(rec2.trips).toBe(1);
    expect(rec2.log.some((x) => /FROM listings|FROM exchanges|CROSS JOIN listings/.test(x.sql))).toBe(false);
  });

  it('every statement matching runs uses an index (EXPLAIN QUERY PLAN of the recorded statements)', async () => {
    const makerAt = newArea();
    const giver = await makerAt('kortrijk');
    const asker = await makerAt('ghent');
    await call('/saved-searches', {
      session: asker.session,
      body: { name: 'Plywood near', query: { category: 'plywood', hub: asker.hub.slug, radiusKm: 60 } },
    });
    const request = await newRequest(asker.session, asker.hub.slug);
    const listing = await newListing(giver.session, giver.hub.slug);
    const rec = recordingDb();
    const d = deps(rec.db);
    const user = { id: asker.me.user.id, email: asker.email, displayName: 'Asker', locale: 'en' as const };
    await refreshListingMatches(d, listing.id);
    await checkListingAgainstSavedSearches(d, listing.id);
    await refreshRequestMatches(d, request.id);
    const page = await requestMatches(d, { requestId: request.id, user });
    await listingMatches(d, listing.id);
    await dismissMatch(d, { matchId: page.items[0]!.id, user });
    await matchingJob.run({ db: rec.db, now: NOW, env });

    const distinct = new Map<string, RecordedStatement>();
    for (const s of rec.log) if (!distinct.has(s.sql)) distinct.set(s.sql, s);
    expect(distinct.size).toBeGreaterThanOrEqual(12);
    const plans: Record<string, string> = {};
    for (const [sql, s] of distinct) {
      const { results } = await db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...s.binds)
        .all<{ detail: string }>();
      plans[sql.replace(/\s+/g, ' ')] = results.map((r) => r.detail).join(' | ');
    }
    for (const [name, plan] of Object.entries(plans)) {
      // json_each is a parameter list and `v` a VALUES list of ids (a co-routine: SCAN CONSTANT
      // ROW, or SCAN n-ROW VALUES CLAUSE for ranges of cells); hubs is read whole on purpose (the network's hubs, for distances); the matching
      // queue is read in key order up to its LIMIT; every other table must be searched through an
      // index.
      const scans = [
        ...plan.replace(/SCAN \d+-ROW VALUES CLAUSE/g, '').matchAll(/SCAN (\w+)(?: (?:USING|VIRTUAL))?/g),
      ]
        .filter((m) => !m[0].includes('USING') && !m[0].includes('VIRTUAL'))
        .map((m) => m[1]!)
        .filter(
          (t) => !['json_each', 'hubs', 'matching_queue', 'seq', 'j', 'dist', 'v', 'CONSTANT'].includes(t),
        );
      expect(scans, `${name}: ${plan}`).toEqual([]);
    }
    const candidatePlan = Object.entries(plans).find(([n]) => n.includes('r.min_length_mm'))?.[1] ?? '';
    expect(Object.values(plans).join('\n')).toContain(
      'requests_family_status_hub_radius (family=? AND status=? AND hub_id=? AND fetch_radius_km>?)',
    );
    expect(Object.values(plans).join('\n')).toContain(
      'listings_family_status_hub_until (family=? AND status=? AND hub_id=? AND <expr>>?)',
    );
    expect(candidatePlan).not.toBe('');
  });
});
