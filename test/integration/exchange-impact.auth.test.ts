import { describe, expect, it } from 'vitest';
import { completedExchange, twoHubs } from '../exchanges-helpers';
import { call, count, expectError, makerWithHub } from '../helpers';

describe('what an exchange saved: who may see it', () => {
  it('is for the people of its two hubs: signed out 401, anyone else 404, computing nothing', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 1, { massGrams: 5000 });
    const path = `/exchanges/${done.id}/impact`;
    await expectError(await call(path), 401, 'UNAUTHENTICATED');
    const stranger = await makerWithHub();
    await expectError(await call(path, { session: stranger.session }), 404, 'EXCHANGE_NOT_FOUND');
    await expectError(
      await call('/exchanges/999999999/impact', { session: o.giver.session }),
      404,
      'EXCHANGE_NOT_FOUND',
    );
    // Refused calls computed nothing.
    expect(await count('SELECT count(*) AS n FROM exchange_impacts WHERE exchange_id = ?1', done.id)).toBe(0);
    expect((await call(path, { session: o.giver.session })).status).toBe(200);
  });
});
