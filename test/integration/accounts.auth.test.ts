import { describe, expect, it } from 'vitest';
import { call, count, expectError, signup } from '../helpers';

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
