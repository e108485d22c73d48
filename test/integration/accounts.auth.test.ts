import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../src/modules/accounts/accounts.domain';
import { ZMe } from '../../src/shared/accounts.schemas';
import { call, count, expectError, expectJson, signup } from '../helpers';

const PASSWORD = 'correct horse battery';
const login = (email: string, password: string, ip: string) =>
  call('/auth/login', { body: { email, password }, headers: { 'cf-connecting-ip': ip } });
const attemptsOf = (email: string, ip?: string) =>
  ip === undefined
    ? count('SELECT count(*) AS n FROM login_attempts WHERE email = ?1', email)
    : count('SELECT count(*) AS n FROM login_attempts WHERE email = ?1 AND ip = ?2', email, ip);

describe('accounts: authentication and abuse', () => {
  it('answers /me without a session with 401', async () => {
    await expectError(await call('/me'), 401, 'UNAUTHENTICATED');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const { email } = await signup();
    await expectError(
      await call('/auth/login', { body: { email, password: 'wrong password' } }),
      401,
      'INVALID_CREDENTIALS',
    );
    await expectError(
      await call('/auth/login', { body: { email: 'nobody@example.org', password: 'whatever pw' } }),
      401,
      'INVALID_CREDENTIALS',
    );
  });

  it('rate-limits login after five failures for an email, even with the right password', async () => {
    const { email } = await signup();
    for (let i = 0; i < 5; i++) await call('/auth/login', { body: { email, password: `wrong ${i}` } });
    expect(await count('SELECT count(*) AS n FROM login_attempts WHERE email = ?1', email)).toBe(5);
    const res = await call('/auth/login', { body: { email, password: 'correct horse battery' } });
    await expectError(res, 429, 'RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('decides 40 parallel wrong passwords in the database: exactly five reach the password check', async () => {
    const { email } = await signup();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(email, `wrong ${i}`, '198.51.100.40')),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.pair);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - LOGIN_LIMITS.pair);
    for (const r of answers.filter((a) => a.status === 429)) await expectError(r, 429, 'RATE_LIMITED');
    expect(await attemptsOf(email)).toBe(LOGIN_LIMITS.pair);
  });

  it('a stranger guessing from elsewhere does not lock the maker out at their own address', async () => {
    const { email } = await signup();
    for (let i = 0; i < LOGIN_LIMITS.pair; i++)
      await expectError(await login(email, `guess ${i}`, '203.0.113.9'), 401, 'INVALID_CREDENTIALS');
    await expectError(await login(email, PASSWORD, '203.0.113.9'), 429, 'RATE_LIMITED');
    // The maker, at home: signed in, and only their own pair's count is forgotten.
    await expectJson(await login(email, PASSWORD, '198.51.100.7'), 200, ZMe);
    expect(await attemptsOf(email, '198.51.100.7')).toBe(0);
    expect(await attemptsOf(email, '203.0.113.9')).toBe(LOGIN_LIMITS.pair);
    await expectError(await login(email, `guess again`, '203.0.113.9'), 429, 'RATE_LIMITED');
  });

  it('counts an IPv6 connection by its /64, so rotating addresses in it gains nothing', async () => {
    const { email } = await signup();
    for (let i = 0; i < LOGIN_LIMITS.pair; i++)
      await expectError(
        await login(email, `guess ${i}`, `2001:db8:1:2::${i + 1}`),
        401,
        'INVALID_CREDENTIALS',
      );
    await expectError(await login(email, 'guess', '2001:db8:1:2:ffff::9'), 429, 'RATE_LIMITED');
    await expectJson(await login(email, PASSWORD, '2001:db8:1:3::1'), 200, ZMe);
  });

  it('stops one address trying many emails', async () => {
    const ip = '198.51.100.77';
    await Promise.all(
      Array.from({ length: LOGIN_LIMITS.address }, (_, i) =>
        login(`sprayed-${i}@example.org`, 'Winter2026!', ip).then((r) => expect(r.status).toBe(401)),
      ),
    );
    const { email } = await signup();
    await expectError(await login(email, PASSWORD, ip), 429, 'RATE_LIMITED');
    await expectJson(await login(email, PASSWORD, '198.51.100.78'), 200, ZMe);
  });

  it('stops many addresses trying one email', { timeout: 60_000 }, async () => {
    const { email } = await signup();
    const addresses = LOGIN_LIMITS.email / LOGIN_LIMITS.pair;
    await Promise.all(
      Array.from({ length: LOGIN_LIMITS.email }, (_, i) =>
        login(email, `guess ${i}`, `192.0.2.${i % addresses}`).then((r) => expect(r.status).toBe(401)),
      ),
    );
    expect(await attemptsOf(email)).toBe(LOGIN_LIMITS.email);
    await expectError(await login(email, PASSWORD, '192.0.2.200'), 429, 'RATE_LIMITED');
  });

  it('signing up with a taken email counts like a failed login, so emails cannot be tested in bulk', async () => {
    const { email } = await signup();
    const again = (ip: string) =>
      call('/auth/signup', {
        body: { email, password: 'another long password', displayName: 'Someone' },
        headers: { 'cf-connecting-ip': ip },
      });
    for (let i = 0; i < LOGIN_LIMITS.pair; i++)
      await expectError(await again('198.51.100.90'), 409, 'EMAIL_TAKEN', ['email']);
    await expectError(await again('198.51.100.90'), 429, 'RATE_LIMITED');
    expect(await count('SELECT count(*) AS n FROM users WHERE email = ?1', email)).toBe(1);
    // The person themselves, elsewhere, is told and can still sign in.
    await expectError(await again('198.51.100.91'), 409, 'EMAIL_TAKEN', ['email']);
    await expectJson(await login(email, PASSWORD, '198.51.100.91'), 200, ZMe);
  });

  it('refuses unsafe requests without our Origin (CSRF) and changes nothing', async () => {
    const noOrigin = await call('/auth/signup', {
      body: { email: 'csrf@example.org', password: 'long enough pw', displayName: 'X' },
      noOrigin: true,
    });
    await expectError(noOrigin, 403, 'CSRF_FAILED');
    const evil = await call('/auth/signup', {
      body: { email: 'csrf@example.org', password: 'long enough pw', displayName: 'X' },
      headers: { origin: 'https://evil.example' },
    });
    await expectError(evil, 403, 'CSRF_FAILED');
    expect(await count("SELECT count(*) AS n FROM users WHERE email = 'csrf@example.org'")).toBe(0);
  });

  it('ignores a forged or revoked session cookie', async () => {
    await expectError(
      await call('/me', { session: { cookie: 'omloop_session=forged' } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});
