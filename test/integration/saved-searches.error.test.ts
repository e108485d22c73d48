import { describe, expect, it } from 'vitest';
import { MAX_SAVED_SEARCHES } from '../../src/shared/saved-searches.schemas';
import { call, count, expectError, signup } from '../helpers';

describe('saved searches: errors', () => {
  it('422 for a bad query, naming the fields', async () => {
    const me = await signup();
    await expectError(
      await call('/saved-searches', {
        session: me.session,
        body: { name: '', query: { category: 'unobtainium', minLengthMm: -1, radiusKm: 30, extra: 1 } },
      }),
      422,
      'VALIDATION_FAILED',
      ['name', 'query.category', 'query.minLengthMm', 'query.extra'],
    );
    await expectError(
      await call('/saved-searches', { session: me.session, body: { name: 'x', query: { radiusKm: 30 } } }),
      422,
      'VALIDATION_FAILED',
      ['query.hub'],
    );
    expect(await count('SELECT count(*) AS n FROM saved_searches WHERE user_id = ?1', me.me.user.id)).toBe(0);
  });

  it('404 for an unknown hub or saved search', async () => {
    const me = await signup();
    await expectError(
      await call('/saved-searches', {
        session: me.session,
        body: { name: 'x', query: { hub: 'nowhere', radiusKm: 5 } },
      }),
      404,
      'HUB_NOT_FOUND',
    );
    await expectError(
      await call('/saved-searches/999999', { session: me.session, method: 'DELETE' }),
      404,
      'SAVED_SEARCH_NOT_FOUND',
    );
  });

  it(`keeps at most ${MAX_SAVED_SEARCHES} per person, also when many arrive at once`, async () => {
    const me = await signup();
    const results = await Promise.all(
      Array.from({ length: MAX_SAVED_SEARCHES + 5 }, (_, i) =>
        call('/saved-searches', {
          session: me.session,
          body: { name: `s${i}`, query: { category: 'wood' } },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_SAVED_SEARCHES);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(5);
    await expectError(refused[0]!, 409, 'TOO_MANY_SAVED_SEARCHES');
    expect(await count('SELECT count(*) AS n FROM saved_searches WHERE user_id = ?1', me.me.user.id)).toBe(
      MAX_SAVED_SEARCHES,
    );
  });
});
