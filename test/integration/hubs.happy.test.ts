import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZMe, ZMembership } from '../../src/shared/accounts.schemas';
import { ZHub, ZHubPage, ZHubSummary, ZInvite, ZInvitePreview, ZMember } from '../../src/shared/hubs.schemas';
import {
  call,
  count,
  createHub,
  createListing,
  db,
  expectJson,
  HUB_DEFAULTS,
  invite,
  makerWithHub,
  signup,
} from '../helpers';
import { listHubs, listHubSummaries } from '../../src/modules/hubs/hubs.service';
import { recordingDb } from '../matching-helpers';

const ZMemberList = z.object({ items: z.array(ZMember) });

const hubRow = (slug: string) =>
  db.prepare('SELECT * FROM hubs WHERE slug = ?1').bind(slug).first<Record<string, unknown>>();
const roleOf = async (slug: string, userId: number) =>
  (
    await db
      .prepare(
        'SELECT m.role FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE h.slug = ?1 AND m.user_id = ?2',
      )
      .bind(slug, userId)
      .first<{ role: string }>()
  )?.role ?? null;

describe('hubs: happy paths', () => {
  it('creates a hub whose creator becomes its manager', async () => {
    const { session, me } = await signup();
    const res = await call('/hubs', {
      session,
      body: {
        ...HUB_DEFAULTS,
        slug: 'fablab-gent',
        name: '  Fablab Gent  ',
        description: 'Laser cutters and a CNC router',
        website: 'https://fablab.example.org',
      },
    });
    const hub = await expectJson(res, 201, ZHub);
    expect(hub).toMatchObject({
      slug: 'fablab-gent',
      name: 'Fablab Gent',
      country: 'BE',
      kind: 'fab_lab',
      lat: HUB_DEFAULTS.lat,
      lon: HUB_DEFAULTS.lon,
      description: 'Laser cutters and a CNC router',
      website: 'https://fablab.example.org',
      memberCount: 1,
      activeListingCount: 0,
      openRequestCount: 0,
      myRole: 'manager',
    });

    const row = await hubRow('fablab-gent');
    expect(row).toMatchObject({ name: 'Fablab Gent', created_by: me.user.id, city: 'Ghent' });
    const memberships = await db
      .prepare('SELECT user_id, role FROM memberships WHERE hub_id = ?1')
      .bind(row?.id)
      .all();
    expect(memberships.results).toEqual([{ user_id: me.user.id, role: 'manager' }]);

    const mine = await expectJson(await call('/me', { session }), 200, ZMe);
    expect(mine.memberships).toEqual([
      expect.objectContaining({ role: 'manager', hub: expect.objectContaining({ slug: 'fablab-gent' }) }),
    ]);
  });

  it('lists hubs by name a page at a time, with the viewer’s role in each, every hub once', async () => {
    const a = await makerWithHub({ name: 'Aardvark Lab' });
    const b = await makerWithHub({ name: 'Zebra Lab' });
    // Names that differ only by case, and a name shared by two hubs (kept apart by id).
    await makerWithHub({ name: 'zebra Lab' });
    await makerWithHub({ name: 'Same Name' });
    await makerWithHub({ name: 'Same Name' });
    const total = await count('SELECT count(*) AS n FROM hubs');

    const anonymous = await expectJson(await call('/hubs?limit=100'), 200, ZHubPage);
    const slugs = anonymous.items.map((h) => h.slug);
    expect(slugs.indexOf(a.hub.slug)).toBeLessThan(slugs.indexOf(b.hub.slug));
    expect(anonymous.items.every((h) => h.myRole === null)).toBe(true);
    expect(anonymous.items).toHaveLength(Math.min(total, 100));

    // Pages of 2 follow one another: every hub once, in the order of one page holding them all.
    const { results } = await db
      .prepare('SELECT slug FROM hubs ORDER BY name COLLATE NOCASE, id')
      .all<{ slug: string }>();
    const slugsInOrder = results.map((r) => r.slug);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: z.infer<typeof ZHubPage> = await expectJson(
        await call(`/hubs?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { session: a.session }),
        200,
        ZHubPage,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((h) => h.slug));
      if (page.items.some((h) => h.slug === a.hub.slug))
        expect(page.items.find((h) => h.slug === a.hub.slug)?.myRole).toBe('manager');
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 500);
    expect(paged).toEqual(slugsInOrder);
    expect(paged).toHaveLength(total);

    // A page reads its hubs (and their counts), not the whole table: the same rows with 80 more
    // hubs (named to come after it), through the index by name.
    const readFirstPages = async () => {
      const rec = recordingDb();
      await listHubs({ db: rec.db, now: () => new Date() }, { query: { limit: 2 }, viewerId: null });
      const after = slugsInOrder[1]!;
      const id = (await db
        .prepare('SELECT id FROM hubs WHERE slug = ?1')
        .bind(after)
        .first<{ id: number }>())!.id;
      await listHubs(
        { db: rec.db, now: () => new Date() },
        { query: { limit: 2, cursor: String(id) }, viewerId: null },
      );
      return rec.log.map((x) => x.rowsRead);
    };
    const before = await readFirstPages();
    await db
      .prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 80)
         INSERT INTO hubs (slug, name, city, country, kind, lat, lon, description, created_by, created_at, updated_at)
         SELECT 'zzz-' || i, 'Zzz ' || i, 'City', 'BE', 'fab_lab', 50, 4, '', ?1, '2026-11-01', '2026-11-01' FROM seq`,
      )
      .bind(a.me.user.id)
      .run();
    expect(await readFirstPages()).toEqual(before);
    const plan = await db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM hubs h WHERE h.name COLLATE NOCASE >= 'm' ORDER BY h.name COLLATE NOCASE, h.id LIMIT 3`,
      )
      .all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toMatch(/INDEX hubs_name/);

    // A cursor that is not a hub's id is refused, naming the field.
    const bad = await call('/hubs?cursor=abc');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('cursor');
  });

  it('lists hubs’ summaries by name, a page of at most 100, without counts, in one statement over the hubs table', async () => {
    const a = await makerWithHub({ name: 'aardvark Workshop', city: 'Gent' });
    const b = await makerWithHub({ name: 'Zebra Workshop' });
    const res = await call('/hub-summaries');
    const list = await expectJson(res, 200, z.object({ items: z.array(ZHubSummary.strict()) }));
    expect(list.items).toHaveLength(Math.min(100, await count('SELECT count(*) AS n FROM hubs')));
    // By name whatever its case, each as the hubs table holds it.
    const slugs = list.items.map((h) => h.slug);
    expect(slugs.indexOf(a.hub.slug)).toBeLessThan(slugs.indexOf(b.hub.slug));
    const row = await hubRow(a.hub.slug);
    expect(list.items.find((h) => h.slug === a.hub.slug)).toEqual({
      slug: row!.slug,
      name: 'aardvark Workshop',
      city: 'Gent',
      country: row!.country,
      kind: row!.kind,
      lat: row!.lat,
      lon: row!.lon,
    });
    // SQLite's NOCASE folds ASCII letters only.
    const names = list.items.map((h) => h.name.replace(/[A-Z]/g, (c) => c.toLowerCase()));
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // The counts are `GET /hubs`'s: this list is one statement over the hubs table alone.
    const rec = recordingDb();
    const same = await listHubSummaries({ db: rec.db, now: () => new Date() });
    expect(same).toEqual(list.items);
    expect(rec.log).toHaveLength(1);
    expect(rec.log[0]!.sql).not.toMatch(/listings|requests|memberships|exchanges/);
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(list.items.length * 2 + 1);

    // A page of at most 100, however many hubs there are (every hub on a map: GET /hub-map).
    await db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
         INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
         SELECT 'many-' || i, 'Many ' || i, 'Oslo', 'NO', 'fab_lab', 59.9, 10.7, '2026-01-01', '2026-01-01' FROM n`,
      )
      .run();
    const many = await expectJson(
      await call('/hub-summaries'),
      200,
      z.object({ items: z.array(ZHubSummary) }),
    );
    expect(many.items).toHaveLength(100);
    expect(many.items[0]).toEqual(list.items[0]);
    const fewer = await expectJson(
      await call('/hub-summaries?limit=3'),
      200,
      z.object({ items: z.array(ZHubSummary) }),
    );
    expect(fewer.items.map((h) => h.slug)).toEqual(many.items.slice(0, 3).map((h) => h.slug));
  });

  it('shows one hub with its counts and the viewer’s role', async () => {
    const manager = await makerWithHub();
    const slug = manager.hub.slug;
    const member = await signup();
    await invite(manager.session, slug, member.session);

    const kept = await createListing(member.session, slug);
    const gone = await createListing(manager.session, slug, { title: 'Withdrawn offcuts' });
    expect((await call(`/listings/${gone.id}`, { session: manager.session, method: 'DELETE' })).status).toBe(
      200,
    );
    const request = { hub: slug, title: 'Oak for a bench', category: 'hardwood', quantity: 2, unit: 'm' };
    expect((await call('/requests', { session: member.session, body: request })).status).toBe(201);
    const withdrawn = (await (
      await call('/requests', { session: member.session, body: request })
    ).json()) as {
      id: number;
    };
    expect(
      (await call(`/requests/${withdrawn.id}`, { session: member.session, method: 'DELETE' })).status,
    ).toBe(200);

    const seen = await expectJson(await call(`/hubs/${slug}`, { session: member.session }), 200, ZHub);
    expect(seen).toMatchObject({
      slug,
      memberCount: 2,
      activeListingCount: 1,
      openRequestCount: 1,
      myRole: 'member',
    });
    expect(
      await count("SELECT count(*) AS n FROM listings WHERE id = ?1 AND status = 'active'", kept.id),
    ).toBe(1);

    expect((await expectJson(await call(`/hubs/${slug}`), 200, ZHub)).myRole).toBeNull();
    const stranger = await signup();
    expect(
      (await expectJson(await call(`/hubs/${slug}`, { session: stranger.session }), 200, ZHub)).myRole,
    ).toBeNull();
    expect(
      (await expectJson(await call(`/hubs/${slug}`, { session: manager.session }), 200, ZHub)).myRole,
    ).toBe('manager');
  });

  it('lets a manager change the profile, and stores it', async () => {
    const { session, hub } = await makerWithHub({ description: 'Old words' });
    const before = await hubRow(hub.slug);
    const patch = {
      name: 'Renamed Lab',
      city: 'Antwerp',
      lat: 51.2194,
      lon: 4.4025,
      kind: 'city_maker_place',
      website: 'https://renamed.example.org',
    };
    const updated = await expectJson(
      await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: patch }),
      200,
      ZHub,
    );
    expect(updated).toMatchObject({ ...patch, slug: hub.slug, description: 'Old words', myRole: 'manager' });

    const row = await hubRow(hub.slug);
    expect(row).toMatchObject({
      name: 'Renamed Lab',
      city: 'Antwerp',
      lat: 51.2194,
      lon: 4.4025,
      kind: 'city_maker_place',
      website: 'https://renamed.example.org',
      description: 'Old words',
      country: 'BE',
      created_at: before?.created_at,
    });
    expect(String(row?.updated_at) >= String(before?.updated_at)).toBe(true);

    // The website can be cleared again.
    await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: { website: null } });
    expect((await hubRow(hub.slug))?.website).toBeNull();
  });

  it('shows the members, with role and email, to managers', async () => {
    const manager = await makerWithHub();
    const member = await signup({ displayName: 'Aline' });
    await invite(manager.session, manager.hub.slug, member.session);

    const { items } = await expectJson(
      await call(`/hubs/${manager.hub.slug}/members`, { session: manager.session }),
      200,
      ZMemberList,
    );
    expect(items.map((m) => [m.userId, m.role, m.email, m.displayName]).sort()).toEqual(
      [
        [manager.me.user.id, 'manager', manager.email, 'Test Maker'],
        [member.me.user.id, 'member', member.email, 'Aline'],
      ].sort(),
    );
    expect(items).toHaveLength(
      await count(
        'SELECT count(*) AS n FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE h.slug = ?1',
        manager.hub.slug,
      ),
    );
  });

  it('lists managers before members', async () => {
    const manager = await makerWithHub();
    const member = await signup({ displayName: 'Aline' });
    await invite(manager.session, manager.hub.slug, member.session);
    const { items } = await expectJson(
      await call(`/hubs/${manager.hub.slug}/members`, { session: manager.session }),
      200,
      ZMemberList,
    );
    expect(items.map((m) => m.role)).toEqual(['manager', 'member']);
  });

  it('lets a manager remove a member', async () => {
    const manager = await makerWithHub();
    const member = await signup();
    await invite(manager.session, manager.hub.slug, member.session);
    expect(await roleOf(manager.hub.slug, member.me.user.id)).toBe('member');

    const res = await call(`/hubs/${manager.hub.slug}/members/${member.me.user.id}`, {
      session: manager.session,
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    expect(await roleOf(manager.hub.slug, member.me.user.id)).toBeNull();
    expect(await roleOf(manager.hub.slug, manager.me.user.id)).toBe('manager');
    expect((await expectJson(await call(`/hubs/${manager.hub.slug}`), 200, ZHub)).memberCount).toBe(1);
  });

  it('lets a member leave, and a manager leave when another manager stays', async () => {
    const first = await makerWithHub();
    const slug = first.hub.slug;
    const member = await signup();
    const second = await signup();
    await invite(first.session, slug, member.session);
    await invite(first.session, slug, second.session, 'manager');

    const left = await call(`/hubs/${slug}/members/${member.me.user.id}`, {
      session: member.session,
      method: 'DELETE',
    });
    expect(left.status).toBe(204);
    expect(await roleOf(slug, member.me.user.id)).toBeNull();

    const managerLeft = await call(`/hubs/${slug}/members/${first.me.user.id}`, {
      session: first.session,
      method: 'DELETE',
    });
    expect(managerLeft.status).toBe(204);
    expect(await roleOf(slug, first.me.user.id)).toBeNull();
    expect(await roleOf(slug, second.me.user.id)).toBe('manager');
    expect(
      await count(
        'SELECT count(*) AS n FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE h.slug = ?1',
        slug,
      ),
    ).toBe(1);
  });

  it('invites: a manager creates a link, anyone previews it, and the person who accepts joins', async () => {
    const manager = await makerWithHub();
    const slug = manager.hub.slug;
    const created = await expectJson(
      await call(`/hubs/${slug}/invites`, { session: manager.session, body: {} }),
      201,
      ZInvite,
    );
    expect(created.role).toBe('member');
    expect(created.path).toBe(`/invites/${created.token}`);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    // Only a hash of the token is stored.
    const stored = await db
      .prepare('SELECT i.* FROM invites i JOIN hubs h ON h.id = i.hub_id WHERE h.slug = ?1')
      .bind(slug)
      .all<Record<string, unknown>>();
    expect(stored.results).toHaveLength(1);
    expect(stored.results[0]).toMatchObject({ role: 'member', accepted_at: null, accepted_by: null });
    expect(stored.results[0]?.token_hash).not.toBe(created.token);
    expect(await count('SELECT count(*) AS n FROM invites WHERE token_hash = ?1', created.token)).toBe(0);

    const preview = await expectJson(await call(`/invites/${created.token}`), 200, ZInvitePreview);
    expect(preview).toMatchObject({ role: 'member', expiresAt: created.expiresAt, hub: { slug } });

    const joiner = await signup();
    const membership = await expectJson(
      await call(`/invites/${created.token}/accept`, { session: joiner.session, method: 'POST' }),
      200,
      ZMembership,
    );
    expect(membership).toMatchObject({ role: 'member', hub: { slug } });
    expect(await roleOf(slug, joiner.me.user.id)).toBe('member');
    const used = await db
      .prepare('SELECT accepted_by, accepted_at FROM invites WHERE id = ?1')
      .bind(stored.results[0]?.id)
      .first();
    expect(used?.accepted_by).toBe(joiner.me.user.id);
    expect(used?.accepted_at).toEqual(expect.any(String));
  });

  it('invites: the new membership has the invite’s role', async () => {
    const manager = await makerWithHub();
    const created = await expectJson(
      await call(`/hubs/${manager.hub.slug}/invites`, {
        session: manager.session,
        body: { role: 'manager' },
      }),
      201,
      ZInvite,
    );
    expect(created.role).toBe('manager');
    expect((await expectJson(await call(`/invites/${created.token}`), 200, ZInvitePreview)).role).toBe(
      'manager',
    );

    const joiner = await signup();
    const membership = await expectJson(
      await call(`/invites/${created.token}/accept`, { session: joiner.session, method: 'POST' }),
      200,
      ZMembership,
    );
    expect(membership.role).toBe('manager');
    expect(await roleOf(manager.hub.slug, joiner.me.user.id)).toBe('manager');
    // As a manager, the new person may now see the members.
    expect((await call(`/hubs/${manager.hub.slug}/members`, { session: joiner.session })).status).toBe(200);
  });

  it('keeps several hubs of one person apart', async () => {
    const { session, me } = await signup();
    const one = await createHub(session);
    const two = await createHub(session);
    expect(one.slug).not.toBe(two.slug);
    expect(
      await count(
        "SELECT count(*) AS n FROM memberships WHERE user_id = ?1 AND role = 'manager'",
        me.user.id,
      ),
    ).toBe(2);
  });
});
