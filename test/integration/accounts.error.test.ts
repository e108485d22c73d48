import { describe, expect, it } from 'vitest';
import { call, count, expectError, signup } from '../helpers';

describe('accounts: bad input', () => {
  it('names every invalid field and writes nothing', async () => {
    const res = await call('/auth/signup', {
      body: { email: 'not-an-email', password: 'short', displayName: '' },
    });
    await expectError(res, 422, 'VALIDATION_FAILED', ['displayName', 'email', 'password']);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(0);
  });

  it('refuses fields the API does not know (no mass assignment)', async () => {
    const res = await call('/auth/signup', {
      body: { email: 'x@example.org', password: 'long enough pw', displayName: 'X', id: 1, role: 'admin' },
    });
    await expectError(res, 422, 'VALIDATION_FAILED', ['id', 'role']);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(0);
  });

  it('answers malformed JSON with 400 in the envelope', async () => {
    const res = await call('/auth/signup', { body: '{"email": ' });
    await expectError(res, 400, 'MALFORMED_JSON');
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const { email } = await signup();
    const res = await call('/auth/signup', {
      body: { email: email.toUpperCase(), password: 'another long pw', displayName: 'Twin' },
    });
    await expectError(res, 409, 'EMAIL_TAKEN', ['email']);
    expect(await count('SELECT count(*) AS n FROM users WHERE email = ?1', email)).toBe(1);
  });

  it('gives validation messages in the language asked for', async () => {
    const res = await call('/auth/signup', {
      body: { email: 'bad', password: 'long enough pw', displayName: 'X' },
      headers: { 'accept-language': 'fr-BE,fr;q=0.9' },
    });
    const body = await expectError(res, 422, 'VALIDATION_FAILED', ['email']);
    expect(body.error.message).toBe('Certains champs ne sont pas correctement remplis.');
    expect(body.error.details?.fields?.[0]?.message).toBe(
      'Adresse e-mail : une adresse e-mail comme nom@exemple.be',
    );
  });
});
