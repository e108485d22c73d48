import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/modules/accounts/accounts.crypto';
import { ZMembership } from '../../src/shared/accounts.schemas';
import { ZHub, ZInvite } from '../../src/shared/hubs.schemas';
import {
  call,
  count,
  db,
  expectError,
  expectJson,
  HUB_DEFAULTS,
  invite,
  makerWithHub,
  signup,
} from '../helpers';

const hubCount = () => count('SELECT count(*) AS n FROM hubs');
const membershipCount = () => count('SELECT count(*) AS n FROM memberships');
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

async function newInvite(
  session: { cookie: string | null },
  slug: string,
  role: 'member' | 'manager' = 'member',
) {
  return expectJson(await call(`/hubs/${slug}/invites`, { session, body: { role } }), 201, ZInvite);
}

describe('hubs: bad input and conflicts', () => {
  it('refuses a slug already taken, naming the slug, and writes nothing', async () => {
    const owner = await makerWithHub({ slug: 'makerspace-x' });
    const other = await signup();
    const before = { hubs: await hubCount(), memberships: await membershipCount() };

    const res = await call('/hubs', {
      session: other.session,
      body: { ...HUB_DEFAULTS, slug: 'makerspace-x' },
    });
    const body = await expectError(res, 409, 'SLUG_TAKEN', ['slug']);
    expect(body.error.details?.fields?.[0]?.message).toBe(body.error.message);

    expect(await hubCount()).toBe(before.hubs);
    expect(await membershipCount()).toBe(before.memberships);
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = ?1', other.me.user.id)).toBe(0);
    expect((await hubRow('makerspace-x'))?.created_by).toBe(owner.me.user.id);

    // The same person asking twice gets the same answer.
    await expectError(
      await call('/hubs', { session: owner.session, body: { ...HUB_DEFAULTS, slug: 'makerspace-x' } }),
      409,
      'SLUG_TAKEN',
      ['slug'],
    );
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = ?1', owner.me.user.id)).toBe(1);
  });

  it('refuses a hub past the last hub id in the person’s language, and writes nothing', async () => {
    // The last id a hub may take (migration 0062): the next hub would be 2^20.
    const top = 2 ** 20 - 1;
    await db
      .prepare(
        `INSERT INTO hubs (id, slug, name, city, country, kind, lat, lon, created_at, updated_at)
         VALUES (?1, 'last-hub-id', 'Last id', 'Oslo', 'NO', 'fab_lab', 59.9, 10.7, '2026-01-01', '2026-01-01')`,
      )
      .bind(top)
      .run();
    const maker = await signup({ locale: 'fr' });
    const before = { hubs: await hubCount(), memberships: await membershipCount() };
    try {
      const body = await expectError(
        await call('/hubs', {
          session: maker.session,
          headers: { 'accept-language': 'fr' },
          body: { ...HUB_DEFAULTS, slug: 'one-too-many' },
        }),
        409,
        'HUB_LIMIT_REACHED',
      );
      expect(body.error.message).toBe(
        'Omloop ne peut plus créer de nouveaux hubs : tous les numéros de hub sont utilisés. Contactez l’équipe d’Omloop.',
      );
      expect(await hubCount()).toBe(before.hubs);
      expect(await membershipCount()).toBe(before.memberships);
      expect(await hubRow('one-too-many')).toBeNull();
    } finally {
      // Its kept counts first (migration 0059), then the hub.
      await db.batch([
        db.prepare('DELETE FROM hub_counts WHERE hub_id = ?1').bind(top),
        db.prepare('DELETE FROM hubs WHERE id = ?1').bind(top),
      ]);
    }
    // Once the last id is free again, the same hub is created, with its creator as manager.
    const hub = await expectJson(
      await call('/hubs', { session: maker.session, body: { ...HUB_DEFAULTS, slug: 'one-too-many' } }),
      201,
      ZHub,
    );
    expect(hub.slug).toBe('one-too-many');
    expect(await roleOf('one-too-many', maker.me.user.id)).toBe('manager');
  });

  it('names a bad slug, latitude and country, and writes nothing', async () => {
    const { session } = await signup();
    const before = await hubCount();
    const res = await call('/hubs', {
      session,
      body: { ...HUB_DEFAULTS, slug: 'Not A Slug!', lat: 123, country: 'belgium' },
    });
    await expectError(res, 422, 'VALIDATION_FAILED', ['country', 'lat', 'slug']);
    expect(await hubCount()).toBe(before);
    expect(await count("SELECT count(*) AS n FROM hubs WHERE slug = 'Not A Slug!'")).toBe(0);
  });

  it('names missing fields, a bad kind, longitude and website', async () => {
    const { session } = await signup();
    const before = await hubCount();
    await expectError(await call('/hubs', { session, body: {} }), 422, 'VALIDATION_FAILED', [
      'city',
      'country',
      'kind',
      'lat',
      'lon',
      'name',
      'slug',
    ]);
    await expectError(
      await call('/hubs', {
        session,
        body: { ...HUB_DEFAULTS, slug: 'valid-slug', kind: 'castle', lon: 181, website: 'not a url' },
      }),
      422,
      'VALIDATION_FAILED',
      ['kind', 'lon', 'website'],
    );
    expect(await hubCount()).toBe(before);
  });

  it('refuses fields the API does not set from input (id, created_by, memberCount)', async () => {
    const { session } = await signup();
    const before = await hubCount();
    const res = await call('/hubs', {
      session,
      body: { ...HUB_DEFAULTS, slug: 'mass-assign', id: 1, created_by: 99, memberCount: 50 },
    });
    await expectError(res, 422, 'VALIDATION_FAILED', ['created_by', 'id', 'memberCount']);
    expect(await hubCount()).toBe(before);
  });

  it('answers malformed JSON with 400', async () => {
    const { session } = await signup();
    const before = await hubCount();
    await expectError(await call('/hubs', { session, body: '{"slug": ' }), 400, 'MALFORMED_JSON');
    expect(await hubCount()).toBe(before);
  });

  it('gives validation messages in the reader’s language', async () => {
    const { session } = await signup();
    const res = await call('/hubs', {
      session,
      body: { ...HUB_DEFAULTS, slug: 'ok-slug', country: 'be' },
      headers: { 'accept-language': 'nl-BE,nl;q=0.9' },
    });
    const body = await expectError(res, 422, 'VALIDATION_FAILED', ['country']);
    expect(body.error.message).toBe('Sommige velden zijn niet correct ingevuld.');
    expect(body.error.details?.fields?.[0]?.message).toBe('Land: landcode van twee letters, bv. BE');
  });

  it('answers an unknown hub with 404', async () => {
    const { session } = await signup();
    await expectError(await call('/hubs/no-such-hub'), 404, 'HUB_NOT_FOUND');
    await expectError(
      await call('/hubs/no-such-hub', { session, method: 'PATCH', body: { name: 'Renamed' } }),
      404,
      'HUB_NOT_FOUND',
    );
    await expectError(await call('/hubs/no-such-hub/members', { session }), 404, 'HUB_NOT_FOUND');
    await expectError(await call('/hubs/no-such-hub/invites', { session, body: {} }), 404, 'HUB_NOT_FOUND');
    expect(await count("SELECT count(*) AS n FROM hubs WHERE slug = 'no-such-hub'")).toBe(0);
  });

  it('refuses a bad profile edit and changes nothing', async () => {
    const { session, hub } = await makerWithHub({ description: 'Kept' });
    const before = await hubRow(hub.slug);

    await expectError(
      await call(`/hubs/${hub.slug}`, {
        session,
        method: 'PATCH',
        body: { slug: 'new-slug', name: 'X Lab' },
      }),
      422,
      'VALIDATION_FAILED',
      ['slug'],
    );
    await expectError(
      await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: { lat: -91, country: 'Belgium' } }),
      422,
      'VALIDATION_FAILED',
      ['country', 'lat'],
    );
    await expectError(
      await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: { id: 7, created_by: 1 } }),
      422,
      'VALIDATION_FAILED',
      ['created_by', 'id'],
    );
    await expectError(
      await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: {} }),
      422,
      'VALIDATION_FAILED',
      [''],
    );

    expect(await hubRow(hub.slug)).toEqual(before);
    expect(await count("SELECT count(*) AS n FROM hubs WHERE slug = 'new-slug'")).toBe(0);
  });

  it('keeps what a profile edit does not mention', async () => {
    const { session, hub } = await makerWithHub({
      description: 'Our lab',
      website: 'https://lab.example.org',
    });
    const updated = await expectJson(
      await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: { name: 'Renamed' } }),
      200,
      ZHub,
    );
    expect(updated).toMatchObject({
      name: 'Renamed',
      description: 'Our lab',
      website: 'https://lab.example.org',
    });
    expect(await hubRow(hub.slug)).toMatchObject({
      description: 'Our lab',
      website: 'https://lab.example.org',
    });
  });

  it('refuses to remove the last manager (409 LAST_MANAGER) and keeps the membership', async () => {
    const manager = await makerWithHub();
    const slug = manager.hub.slug;
    const member = await signup();
    await invite(manager.session, slug, member.session);

    await expectError(
      await call(`/hubs/${slug}/members/${manager.me.user.id}`, {
        session: manager.session,
        method: 'DELETE',
      }),
      409,
      'LAST_MANAGER',
    );
    expect(await roleOf(slug, manager.me.user.id)).toBe('manager');
    expect(await roleOf(slug, member.me.user.id)).toBe('member');
  });

  it('refuses to remove the last manager of a hub with no one else', async () => {
    const manager = await makerWithHub();
    await expectError(
      await call(`/hubs/${manager.hub.slug}/members/${manager.me.user.id}`, {
        session: manager.session,
        method: 'DELETE',
      }),
      409,
      'LAST_MANAGER',
    );
    expect(await roleOf(manager.hub.slug, manager.me.user.id)).toBe('manager');
  });

  it('answers 404 when removing someone who is not a member', async () => {
    const manager = await makerWithHub();
    const outsider = await signup();
    const before = await membershipCount();
    await expectError(
      await call(`/hubs/${manager.hub.slug}/members/${outsider.me.user.id}`, {
        session: manager.session,
        method: 'DELETE',
      }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await call(`/hubs/${manager.hub.slug}/members/999999`, { session: manager.session, method: 'DELETE' }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await call(`/hubs/${manager.hub.slug}/members/abc`, { session: manager.session, method: 'DELETE' }),
      422,
      'VALIDATION_FAILED',
      ['userId'],
    );
    expect(await membershipCount()).toBe(before);
  });

  it('refuses an invite role that does not exist', async () => {
    const manager = await makerWithHub();
    const before = await count('SELECT count(*) AS n FROM invites');
    await expectError(
      await call(`/hubs/${manager.hub.slug}/invites`, { session: manager.session, body: { role: 'owner' } }),
      422,
      'VALIDATION_FAILED',
      ['role'],
    );
    await expectError(
      await call(`/hubs/${manager.hub.slug}/invites`, {
        session: manager.session,
        body: { role: 'member', hubId: 3 },
      }),
      422,
      'VALIDATION_FAILED',
      ['hubId'],
    );
    expect(await count('SELECT count(*) AS n FROM invites')).toBe(before);
  });

  it('admits one person per invite: a second person gets 404 INVITE_INVALID', async () => {
    const manager = await makerWithHub();
    const slug = manager.hub.slug;
    const { token } = await newInvite(manager.session, slug);
    const first = await signup();
    const second = await signup();

    await expectJson(
      await call(`/invites/${token}/accept`, { session: first.session, method: 'POST' }),
      200,
      ZMembership,
    );
    await expectError(
      await call(`/invites/${token}/accept`, { session: second.session, method: 'POST' }),
      404,
      'INVITE_INVALID',
    );
    await expectError(await call(`/invites/${token}`), 404, 'INVITE_INVALID');

    expect(await roleOf(slug, first.me.user.id)).toBe('member');
    expect(await roleOf(slug, second.me.user.id)).toBeNull();
    const row = await db
      .prepare('SELECT i.accepted_by FROM invites i JOIN hubs h ON h.id = i.hub_id WHERE h.slug = ?1')
      .bind(slug)
      .first();
    expect(row?.accepted_by).toBe(first.me.user.id);
  });

  it('refuses an invite to someone already a member (409) and leaves the invite unused', async () => {
    const manager = await makerWithHub();
    const slug = manager.hub.slug;
    const member = await signup();
    await invite(manager.session, slug, member.session);
    const { token } = await newInvite(manager.session, slug, 'manager');

    await expectError(
      await call(`/invites/${token}/accept`, { session: member.session, method: 'POST' }),
      409,
      'ALREADY_MEMBER',
    );
    // The manager accepting their own invite is refused the same way.
    await expectError(
      await call(`/invites/${token}/accept`, { session: manager.session, method: 'POST' }),
      409,
      'ALREADY_MEMBER',
    );
    expect(await roleOf(slug, member.me.user.id)).toBe('member');
    expect(
      await count(
        'SELECT count(*) AS n FROM invites i JOIN hubs h ON h.id = i.hub_id WHERE h.slug = ?1 AND i.accepted_at IS NULL',
        slug,
      ),
    ).toBe(1);

    // Still unused: someone new can take it.
    const newcomer = await signup();
    const joined = await expectJson(
      await call(`/invites/${token}/accept`, { session: newcomer.session, method: 'POST' }),
      200,
      ZMembership,
    );
    expect(joined.role).toBe('manager');
    expect(await roleOf(slug, newcomer.me.user.id)).toBe('manager');
  });

  it('refuses an expired or revoked invite with 404, and adds no one', async () => {
    const manager = await makerWithHub();
    const slug = manager.hub.slug;
    const expired = await newInvite(manager.session, slug);
    const revoked = await newInvite(manager.session, slug);
    await db
      .prepare("UPDATE invites SET expires_at = '2000-01-01T00:00:00.000Z' WHERE token_hash = ?1")
      .bind(await hashToken(expired.token))
      .run();
    await db
      .prepare("UPDATE invites SET revoked_at = '2000-01-01T00:00:00.000Z' WHERE token_hash = ?1")
      .bind(await hashToken(revoked.token))
      .run();
    const person = await signup();
    for (const token of [expired.token, revoked.token]) {
      await expectError(await call(`/invites/${token}`), 404, 'INVITE_INVALID');
      await expectError(
        await call(`/invites/${token}/accept`, { session: person.session, method: 'POST' }),
        404,
        'INVITE_INVALID',
      );
    }
    expect(await roleOf(slug, person.me.user.id)).toBeNull();
    expect(await count('SELECT count(*) AS n FROM invites WHERE accepted_by = ?1', person.me.user.id)).toBe(
      0,
    );
  });

  it('refuses a garbage or overlong token', async () => {
    const person = await signup();
    const before = await membershipCount();
    await expectError(await call('/invites/not-a-real-token'), 404, 'INVITE_INVALID');
    await expectError(
      await call('/invites/not-a-real-token/accept', { session: person.session, method: 'POST' }),
      404,
      'INVITE_INVALID',
    );
    await expectError(await call(`/invites/${'x'.repeat(101)}`), 422, 'VALIDATION_FAILED', ['token']);
    expect(await membershipCount()).toBe(before);
  });
});
