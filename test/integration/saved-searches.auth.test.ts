import { describe, expect, it } from 'vitest';
import { ZSavedSearch, ZSavedSearchList } from '../../src/shared/saved-searches.schemas';
import { call, count, expectError, expectJson, signup } from '../helpers';

describe('saved searches: only my own', () => {
  it('401 when signed out', async () => {
    await expectError(await call('/saved-searches'), 401, 'UNAUTHENTICATED');
    await expectError(
      await call('/saved-searches', { body: { name: 'x', query: {} } }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(await call('/saved-searches/1', { method: 'DELETE' }), 401, 'UNAUTHENTICATED');
  });

  it('I neither see nor delete someone else’s', async () => {
    const owner = await signup();
    const other = await signup();
    const saved = await expectJson(
      await call('/saved-searches', {
        session: owner.session,
        body: { name: 'Mine', query: { category: 'glass' } },
      }),
      201,
      ZSavedSearch,
    );
    const list = await expectJson(
      await call('/saved-searches', { session: other.session }),
      200,
      ZSavedSearchList,
    );
    expect(list.items).toHaveLength(0);
    await expectError(
      await call(`/saved-searches/${saved.id}`, { session: other.session, method: 'DELETE' }),
      404,
      'SAVED_SEARCH_NOT_FOUND',
    );
    expect(await count('SELECT count(*) AS n FROM saved_searches WHERE id = ?1', saved.id)).toBe(1);
  });

  it('deleting from another site (no Origin) is refused', async () => {
    const owner = await signup();
    const saved = await expectJson(
      await call('/saved-searches', { session: owner.session, body: { name: 'Mine', query: {} } }),
      201,
      ZSavedSearch,
    );
    await expectError(
      await call(`/saved-searches/${saved.id}`, { session: owner.session, method: 'DELETE', noOrigin: true }),
      403,
      'CSRF_FAILED',
    );
    expect(await count('SELECT count(*) AS n FROM saved_searches WHERE id = ?1', saved.id)).toBe(1);
  });
});
