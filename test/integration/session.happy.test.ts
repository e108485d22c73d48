/** GET /auth/session: who is signed in, answered 200 signed in or out (the web app's start). */
import { describe, expect, it } from 'vitest';
import { ZSessionState } from '../../src/shared/accounts.schemas';
import { call, expectJson, signup } from '../helpers';

describe('session state', () => {
  it('is null, with 200, when signed out', async () => {
    const state = await expectJson(await call('/auth/session'), 200, ZSessionState);
    expect(state).toEqual({ me: null });
  });

  it('is the same person as /me when signed in, and null again after logout', async () => {
    const { session, me } = await signup({ locale: 'fr' });
    const state = await expectJson(await call('/auth/session', { session }), 200, ZSessionState);
    expect(state.me).toEqual(me);
    expect((await call('/auth/logout', { session, method: 'POST' })).status).toBe(204);
    const after = await expectJson(await call('/auth/session', { session }), 200, ZSessionState);
    expect(after.me).toBeNull();
  });
});
