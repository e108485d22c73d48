import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/modules/accounts/accounts.crypto';
import { ZInvite } from '../../src/shared/hubs.schemas';
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

const hubRow = (slug: string) =>
  db.prepare('SELECT * FROM hubs WHERE slug = ?1').bind(slug).first<Record<string, unknown>>();
const membershipsOf = (slug: string) =>
  db
    .prepare(
      'SELECT m.user_id, m.role FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE h.slug = ?1 ORDER BY m.user_id',
    )
    .bind(slug)
    .all()
    .then((r) => r.results);
const invitesOf = (slug: string) =>
  count('SELECT count(*) AS n FROM invites i JOIN hubs h ON h.id = i.hub_id WHERE h.slug = ?1', slug);

/** A hub with a manager and a plain member, and a stranger who manages a hub of their own. */
async function cast() {
  const manager = await makerWithHub({ description: 'Original' });
  const member = await signup();
  await invite(manager.session, manager.hub.slug, member.session);
  const stranger = await makerWithHub();
  return { manager, member, stranger, slug: manager.hub.slug };
}

// Refusals change nothing, so one cast serves every test; tests that change state make their own rows.
let shared: Awaited<ReturnType<typeof cast>>;
beforeAll(async () => {
  shared = await cast();
});

describe('hubs: who may do what', () => {
  it('answers anonymous writes with 401 and changes nothing', async () => {
    const { manager, member, slug } = shared;
    const hubs = await count('SELECT count(*) AS n FROM hubs');
    const before = {
      hub: await hubRow(slug),
      members: await membershipsOf(slug),
      invites: await invitesOf(slug),
    };
    const token = (
      await expectJson(
        await call(`/hubs/${slug}/invites`, { session: manager.session, body: {} }),
        201,
        ZInvite,
      )
    ).token;

    await expectError(
      await call('/hubs', { body: { ...HUB_DEFAULTS, slug: 'anonymous-hub' } }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(
      await call(`/hubs/${slug}`, { method: 'PATCH', body: { name: 'Hijacked' } }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(await call(`/hubs/${slug}/members`), 401, 'UNAUTHENTICATED');
    await expectError(
      await call(`/hubs/${slug}/members/${member.me.user.id}`, { method: 'DELETE' }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(await call(`/hubs/${slug}/invites`, { body: {} }), 401, 'UNAUTHENTICATED');
    await expectError(await call(`/invites/${token}/accept`, { method: 'POST' }), 401, 'UNAUTHENTICATED');

    expect(await count('SELECT count(*) AS n FROM hubs')).toBe(hubs);
    expect(await hubRow(slug)).toEqual(before.hub);
    expect(await membershipsOf(slug)).toEqual(before.members);
    expect(await invitesOf(slug)).toBe(before.invites + 1);
    expect(
      await count(
        'SELECT count(*) AS n FROM invites WHERE token_hash = ?1 AND accepted_at IS NULL',
        await hashToken(token),
      ),
    ).toBe(1);
  });

  it('refuses profile edits by members and strangers (403) and changes nothing', async () => {
    const { member, stranger, slug } = shared;
    const before = await hubRow(slug);
    for (const who of [member, stranger])
      await expectError(
        await call(`/hubs/${slug}`, { session: who.session, method: 'PATCH', body: { name: 'Hijacked' } }),
        403,
        'FORBIDDEN',
      );
    expect(await hubRow(slug)).toEqual(before);
  });

  it('shows the members list to managers only', async () => {
    const { member, stranger, slug } = shared;
    for (const who of [member, stranger])
      await expectError(await call(`/hubs/${slug}/members`, { session: who.session }), 403, 'FORBIDDEN');
  });

  it('lets only managers create invites', async () => {
    const { member, stranger, slug } = shared;
    const before = await invitesOf(slug);
    for (const who of [member, stranger])
      for (const role of ['member', 'manager'])
        await expectError(
          await call(`/hubs/${slug}/invites`, { session: who.session, body: { role } }),
          403,
          'FORBIDDEN',
        );
    expect(await invitesOf(slug)).toBe(before);
  });

  it('refuses member removal by members and strangers, and keeps every membership', async () => {
    const { manager, member, stranger, slug } = shared;
    const other = await signup();
    await invite(manager.session, slug, other.session);
    const before = await membershipsOf(slug);

    await expectError(
      await call(`/hubs/${slug}/members/${other.me.user.id}`, { session: member.session, method: 'DELETE' }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/hubs/${slug}/members/${manager.me.user.id}`, {
        session: member.session,
        method: 'DELETE',
      }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/hubs/${slug}/members/${member.me.user.id}`, {
        session: stranger.session,
        method: 'DELETE',
      }),
      403,
      'FORBIDDEN',
    );
    // A stranger cannot "leave" a hub they never joined either.
    await expectError(
      await call(`/hubs/${slug}/members/${stranger.me.user.id}`, {
        session: stranger.session,
        method: 'DELETE',
      }),
      403,
      'FORBIDDEN',
    );
    expect(await membershipsOf(slug)).toEqual(before);
  });

  it('keeps a manager of one hub out of another hub', async () => {
    const { stranger, slug } = shared;
    const before = await hubRow(slug);
    await expectError(
      await call(`/hubs/${slug}`, {
        session: stranger.session,
        method: 'PATCH',
        body: { city: 'Elsewhere' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await hubRow(slug)).toEqual(before);
    expect((await hubRow(stranger.hub.slug))?.city).toBe('Ghent');
  });

  it('refuses writes without our Origin (CSRF) and changes nothing', async () => {
    const { manager, member, slug } = shared;
    const hubs = await count('SELECT count(*) AS n FROM hubs');
    const before = {
      hub: await hubRow(slug),
      members: await membershipsOf(slug),
      invites: await invitesOf(slug),
    };
    const { token } = await expectJson(
      await call(`/hubs/${slug}/invites`, { session: manager.session, body: {} }),
      201,
      ZInvite,
    );
    const newcomer = await signup();
    const s = manager.session;

    for (const headers of [undefined, { origin: 'https://evil.example' }]) {
      const o = headers ? { headers } : { noOrigin: true };
      await expectError(
        await call('/hubs', { session: s, body: { ...HUB_DEFAULTS, slug: 'csrf-hub' }, ...o }),
        403,
        'CSRF_FAILED',
      );
      await expectError(
        await call(`/hubs/${slug}`, { session: s, method: 'PATCH', body: { name: 'Forged' }, ...o }),
        403,
        'CSRF_FAILED',
      );
      await expectError(
        await call(`/hubs/${slug}/members/${member.me.user.id}`, { session: s, method: 'DELETE', ...o }),
        403,
        'CSRF_FAILED',
      );
      await expectError(
        await call(`/hubs/${slug}/invites`, { session: s, body: {}, ...o }),
        403,
        'CSRF_FAILED',
      );
      await expectError(
        await call(`/invites/${token}/accept`, { session: newcomer.session, method: 'POST', ...o }),
        403,
        'CSRF_FAILED',
      );
    }

    expect(await count('SELECT count(*) AS n FROM hubs')).toBe(hubs);
    expect(await hubRow(slug)).toEqual(before.hub);
    expect(await membershipsOf(slug)).toEqual(before.members);
    expect(await invitesOf(slug)).toBe(before.invites + 1);
    expect(
      await count(
        'SELECT count(*) AS n FROM invites WHERE token_hash = ?1 AND accepted_at IS NULL',
        await hashToken(token),
      ),
    ).toBe(1);
  });

  it('lets anyone read hubs and preview an invite without signing in', async () => {
    const { manager, slug } = shared;
    expect((await call('/hubs')).status).toBe(200);
    expect((await call(`/hubs/${slug}`)).status).toBe(200);
    const { token } = await expectJson(
      await call(`/hubs/${slug}/invites`, { session: manager.session, body: {} }),
      201,
      ZInvite,
    );
    expect((await call(`/invites/${token}`)).status).toBe(200);
    // Previewing does not use the invite.
    expect(
      await count(
        'SELECT count(*) AS n FROM invites WHERE token_hash = ?1 AND accepted_at IS NULL',
        await hashToken(token),
      ),
    ).toBe(1);
  });
});
