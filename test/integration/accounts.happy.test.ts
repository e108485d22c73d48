import { describe, expect, it } from 'vitest';
import { ZMe } from '../../src/shared/accounts.schemas';
import { call, count, db, expectJson, signup } from '../helpers';

describe('accounts: happy paths', () => {
  it('signs up, stores a salted PBKDF2 hash and a hashed session, and answers /me', async () => {
    const { session, me, email } = await signup({ displayName: 'Lotte', locale: 'fr' });
    expect(me.user).toMatchObject({ email, displayName: 'Lotte', locale: 'fr' });
    expect(me.memberships).toEqual([]);

    const row = await db
      .prepare('SELECT * FROM users WHERE email = ?1')
      .bind(email)
      .first<Record<string, unknown>>();
    expect(row?.password_iterations).toBe(100_000);
    expect(row?.password_hash).not.toContain('correct horse');
    expect(String(row?.password_salt).length).toBeGreaterThan(16);
    const token = session.cookie!.split('=')[1]!;
    expect(await count('SELECT count(*) AS n FROM sessions WHERE token_hash = ?1', token)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM sessions WHERE user_id = ?1', me.user.id)).toBe(1);

    const got = await expectJson(await call('/me', { session }), 200, ZMe);
    expect(got.user.id).toBe(me.user.id);
  });

  it('sets an HttpOnly, SameSite=Lax cookie (not Secure on localhost)', async () => {
    const res = await call('/auth/signup', {
      body: { email: 'cookie@example.org', password: 'long enough pw', displayName: 'C' },
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('logs in with any case of the email, and logout revokes the session in the database', async () => {
    const { email } = await signup();
    const res = await call('/auth/login', {
      body: { email: email.toUpperCase(), password: 'correct horse battery' },
    });
    const me = await expectJson(res, 200, ZMe);
    const session = { cookie: res.headers.get('set-cookie')!.split(';')[0]! };

    expect((await call('/auth/logout', { session, method: 'POST' })).status).toBe(204);
    expect(
      await count(
        'SELECT count(*) AS n FROM sessions WHERE user_id = ?1 AND revoked_at IS NOT NULL',
        me.user.id,
      ),
    ).toBe(1);
    expect((await call('/me', { session })).status).toBe(401);
  });

  it('changes display name and language', async () => {
    const { session, me } = await signup();
    const updated = await expectJson(
      await call('/me', { session, method: 'PATCH', body: { displayName: 'Renamed', locale: 'nl' } }),
      200,
      ZMe,
    );
    expect(updated.user).toMatchObject({ displayName: 'Renamed', locale: 'nl' });
    const row = await db
      .prepare('SELECT display_name, locale FROM users WHERE id = ?1')
      .bind(me.user.id)
      .first();
    expect(row).toEqual({ display_name: 'Renamed', locale: 'nl' });
  });

  it('signs out everywhere by revoking every session', async () => {
    const { session, me, email } = await signup();
    const second = await call('/auth/login', { body: { email, password: 'correct horse battery' } });
    const other = { cookie: second.headers.get('set-cookie')!.split(';')[0]! };
    expect((await call('/me/sessions', { session, method: 'DELETE' })).status).toBe(204);
    expect((await call('/me', { session: other })).status).toBe(401);
    expect(
      await count('SELECT count(*) AS n FROM sessions WHERE user_id = ?1 AND revoked_at IS NULL', me.user.id),
    ).toBe(0);
  });
});
