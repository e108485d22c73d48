/**
 * Backup and restore: a small network built through the API is exported table by table with SQL,
 * restored into a second, empty database (RESTORE_DB, migrated the same way) and compared row by
 * row; the restored FTS indexes are rebuilt by the triggers, and the app answers the same from it.
 */
import { applyD1Migrations, createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { ZRequest } from '../../src/shared/requests.schemas';
import { CATEGORIES } from '../../src/shared/taxonomy';
import {
  dataTables,
  dependencies,
  exportDatabase,
  fkOrder,
  ftsTables,
  importDatabase,
  readTable,
} from '../backup-helpers';
import { act, actOk, claimOk, completedExchange, memberOf } from '../exchanges-helpers';
import { call, createListing, db, expectJson, ORIGIN, signup, type Session } from '../helpers';
import { addHub, createNetwork, networkOfTwo, runJob } from '../impact-helpers';
import { at, book, createMachine } from '../machines-helpers';

const target = env.RESTORE_DB;

/** The same request, served by the same app with RESTORE_DB as its database. */
async function callRestored(path: string, session: Session) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}/api/v1${path}`, {
      headers: { 'accept-language': 'en', ...(session.cookie ? { cookie: session.cookie } : {}) },
    }) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, DB: target },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

async function rowCounts(d: D1Database, tables: string[]) {
  const res = await d.batch<{ n: number }>(tables.map((t) => d.prepare(`SELECT count(*) AS n FROM "${t}"`)));
  return Object.fromEntries(tables.map((t, i) => [t, res[i]?.results[0]?.n ?? -1]));
}

async function matchIds(d: D1Database, fts: string, query: string) {
  const { results } = await d
    .prepare(`SELECT rowid AS id FROM "${fts}" WHERE "${fts}" MATCH ?1 ORDER BY rowid`)
    .bind(query)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

beforeAll(async () => {
  await applyD1Migrations(target, env.TEST_MIGRATIONS);
});

describe('backup and restore', () => {
  it('restores a network into an empty database with nothing lost', { timeout: 120_000 }, async () => {
    // ---------- a small network, built through the API ----------
    const o = await networkOfTwo(); // giver (Ghent) and receiver (Brussels) hubs, a birch listing
    const network = o.network.slug;
    const giverMember = await memberOf(o.giver);
    await memberOf(o.receiver, 'manager');
    const coordinator = await signup({ displayName: 'Second Coordinator' });
    expect(
      (
        await call(`/networks/${network}/coordinators`, {
          session: o.giver.session,
          body: { email: coordinator.email },
        })
      ).status,
    ).toBe(200);
    const thirdHub = await signup();
    const other = await createNetwork(thirdHub.session); // a second network, its own coordinator
    const oak = await createListing(o.receiver.session, o.receiver.hub.slug, {
      title: 'Oak floorboards, reclaimed',
      description: 'Tongue and groove, some nail holes',
      category: 'solid-wood',
      quantity: 30,
    });
    const renamed = await createListing(giverMember.session, o.giver.hub.slug, {
      title: 'Walnut veneer leftovers',
      description: 'Thin sheets',
    });
    // An edit goes through the FTS update trigger in the source: the old word must not come back.
    expect(
      (
        await call(`/listings/${renamed.id}`, {
          session: giverMember.session,
          method: 'PATCH',
          body: { title: 'Cherry veneer leftovers' },
        })
      ).status,
    ).toBe(200);
    for (const [session, hub, title] of [
      [o.receiver.session, o.receiver.hub.slug, 'Birch plywood for shelves'],
      [o.giver.session, o.giver.hub.slug, 'Acrylic offcuts for signs'],
    ] as const) {
      await expectJson(
        await call('/requests', {
          session,
          body: {
            hub,
            title,
            description: 'For a workshop',
            category: 'plywood',
            quantity: 4,
            unit: 'sheets',
          },
        }),
        201,
        ZRequest,
      );
    }

    // One completed exchange with its flow, a message, an outcome; one open claim; figures.
    const done = await completedExchange(o, 2, { massGrams: 5000, transportMode: 'cargo_bike' });
    await actOk(o.receiver.session, done.id, 'messages', { body: 'Thanks, picked up!' });
    await actOk(o.receiver.session, done.id, 'outcome', { body: 'Became two shelves', link: null });
    const open = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    expect(
      (
        await act(
          o.receiver.session,
          open.id,
          'messages',
          { body: 'Any time this week' },
          { 'idempotency-key': 'k-1' },
        )
      ).status,
    ).toBe(201);
    expect(await runJob()).toMatchObject({ computed: 2 });
    const recalc = await call(`/networks/${network}/exchanges/${done.id}/recalculate`, {
      session: o.giver.session,
      method: 'POST',
    });
    expect(recalc.status, await recalc.clone().text()).toBe(201); // a revision superseding the first

    // A machine with a booking (a WITHOUT ROWID table of slots).
    const machine = await createMachine(o.giver.session, o.giver.hub.slug);
    expect((await book(giverMember.session, machine.id, at(3, '10:00'), at(3, '12:00'))).status).toBe(201);
    expect((await addHub(thirdHub.session, other.slug, o.giver.hub.slug)).status).toBe(200); // an invitation
    expect(
      (await call('/auth/login', { body: { email: coordinator.email, password: 'wrong password' } })).status,
    ).toBe(401);

    // ---------- export ----------
    const tables = await dataTables(db);
    const before = await rowCounts(db, tables);
    const backup = await exportDatabase(db);
    const parsed = JSON.parse(backup) as { tables: Record<string, { rows: unknown[] }> };
    expect(Object.keys(parsed.tables).sort()).toEqual([...tables].sort());
    for (const t of tables) expect(parsed.tables[t]!.rows.length, t).toBe(before[t]);
    // The network's data is all there: at least these tables hold rows.
    for (const t of [
      'users',
      'sessions',
      'login_attempts',
      'hubs',
      'memberships',
      'invites',
      'listings',
      'requests',
      'exchanges',
      'exchange_events',
      'exchange_messages',
      'exchange_outcomes',
      'flows',
      'idempotency_keys',
      'networks',
      'network_hubs',
      'network_coordinators',
      'network_methods',
      'impact_factors',
      'transport_factors',
      'exchange_impacts',
      'machines',
      'machine_windows',
      'bookings',
      'booking_slots',
    ])
      expect(before[t], t).toBeGreaterThan(0);

    // ---------- restore into an empty database ----------
    expect((await dataTables(target)).sort()).toEqual([...tables].sort()); // same schema
    const order = fkOrder(await dependencies(target, tables));
    // The migrations seed the factor tables; empty them so nothing comes from anywhere but the backup.
    for (const t of [...order].reverse()) await target.prepare(`DELETE FROM "${t}"`).run();
    expect(Object.values(await rowCounts(target, tables)).every((n) => n === 0)).toBe(true);
    // Nothing in the indexes but the category-ordered one's end markers (its migration writes them).
    for (const fts of await ftsTables(target))
      expect(
        (await target.prepare(`SELECT count(*) AS n FROM "${fts}_docsize"`).first<{ n: number }>())?.n,
        fts,
      ).toBe(
        (
          await target
            .prepare(`SELECT count(*) AS n FROM "${fts}" WHERE "${fts}" MATCH 'omloophubend'`)
            .first<{ n: number }>()
        )?.n,
      );
    // Each category's two (migration 0056) and one at the end of each of its region by hub (0060).
    expect(await matchIds(target, 'listings_cat_fts', 'omloophubend')).toHaveLength(
      3 * (CATEGORIES.length + 1),
    );
    const inserted = await importDatabase(target, backup, order);
    expect(inserted).toBe(Object.values(before).reduce((a, b) => a + b, 0));

    // ---------- compare every table, row by row ----------
    expect(await rowCounts(target, tables)).toEqual(before);
    for (const t of tables) expect(await readTable(target, t), t).toEqual(await readTable(db, t));
    const fk = await target.prepare('PRAGMA foreign_key_check').all();
    expect(fk.results).toEqual([]);

    // FTS: rebuilt by the insert triggers, consistent, and answering as in the source.
    const fts = await ftsTables(target);
    expect(fts).toEqual([
      'hubs_fts',
      'listings_cat_fts',
      'listings_fts',
      'listings_hub_fts',
      'requests_fts',
      'requests_hub_fts',
    ]);
    for (const t of fts) await target.prepare(`INSERT INTO "${t}" ("${t}") VALUES ('integrity-check')`).run();
    for (const [t, term] of [
      ['listings_fts', 'birch'],
      ['listings_fts', 'cherry'],
      ['listings_fts', 'oak'],
      ['requests_fts', 'acrylic'],
      ['requests_fts', 'birch OR acrylic'],
      // The hub-ordered indexes (migration 0048): rowids from the hub and the id, as in the source.
      ['listings_hub_fts', 'birch'],
      ['listings_hub_fts', 'omloophubend'],
      ['requests_hub_fts', 'acrylic'],
      // The category-ordered index (migration 0056) and its region by hub (0060): its end markers
      // come with the migrations.
      ['listings_cat_fts', 'birch'],
      ['listings_cat_fts', 'omloophubend'],
      // Hubs by name and place (migration 0058): the city's other names come from city_names.
      ['hubs_fts', 'gand'],
    ] as const) {
      const restored = await matchIds(target, t, term);
      expect(restored.length, `${t} MATCH ${term}`).toBeGreaterThan(0);
      expect(restored, `${t} MATCH ${term}`).toEqual(await matchIds(db, t, term));
    }
    expect(await matchIds(target, 'listings_fts', 'walnut')).toEqual([]);
    // The hubs' counts (migration 0059), kept by the triggers as the rows came back, as in the source.
    const counts = 'SELECT * FROM hub_counts ORDER BY hub_id';
    expect((await target.prepare(counts).all()).results).toEqual((await db.prepare(counts).all()).results);
    expect((await target.prepare(counts).all()).results.length).toBe(before.hubs);
    // The hubs per map cell (migration 0061), likewise.
    const cells = 'SELECT * FROM hub_map_cells ORDER BY level, cell';
    expect((await target.prepare(cells).all()).results).toEqual((await db.prepare(cells).all()).results);
    expect((await target.prepare(cells).all()).results.length).toBeGreaterThan(0);
    expect(await matchIds(target, 'listings_fts', 'oak')).toEqual([oak.id]);

    // The app answers the same from the restored database, with the same sessions.
    const viaApp = async (path: string, session: Session) => {
      const a = await call(path, { session });
      const b = await callRestored(path, session);
      expect(b.status, path).toBe(200);
      expect(a.status, path).toBe(200);
      return { source: await a.json(), restored: await b.json() };
    };
    const exported = await viaApp(`/networks/${network}/export.json`, coordinator.session);
    expect(exported.restored).toEqual(exported.source);
    expect((exported.source as { flows: unknown[] }).flows.length).toBeGreaterThan(0);
    for (const path of ['/listings?q=birch', `/exchanges/${done.id}`, '/exchanges?limit=50', '/me']) {
      const r = await viaApp(path, o.receiver.session);
      expect(r.restored, path).toEqual(r.source);
    }
  });
});
