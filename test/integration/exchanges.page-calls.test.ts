/**
 * The exchange page reads the exchange, the person's hubs and everything it shows in one call to
 * D1, the thread asked before the claim in a second (a third only for the outcomes' photos): the
 * same page, field for field, as the API gives; and a person of neither hub learns nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Deps, SessionUser } from '../../src/env';
import { getExchange } from '../../src/modules/exchanges/exchanges.service';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { completedExchange, twoHubs } from '../exchanges-helpers';
import { call, db, expectJson, signup } from '../helpers';
import { recordingDb } from '../matching-helpers';

const userOf = async (id: number) =>
  (await db.prepare('SELECT * FROM users WHERE id = ?1').bind(id).first()) as unknown as SessionUser;

describe('the exchange page in few calls', () => {
  it('reads the page in two calls to D1, the same page as the API gives', async () => {
    const o = await twoHubs();
    // A question before the claim (the thread shown with the exchange), then a completed
    // exchange with its events, a message and its flow.
    await call(`/listings/${o.listingId}/questions`, {
      session: o.receiver.session,
      body: { hub: o.receiver.hub.slug, body: 'Is the edge sanded?' },
    });
    const ex = await completedExchange(o);
    await call(`/exchanges/${ex.id}/messages`, { session: o.giver.session, body: { body: 'Thanks!' } });
    const viaApi = await expectJson(
      await call(`/exchanges/${ex.id}`, { session: o.receiver.session }),
      200,
      ZExchangeDetail,
    );
    expect(viaApi.events.length).toBeGreaterThanOrEqual(4);
    expect(viaApi.messages.length).toBeGreaterThan(0);
    expect(viaApi.askedBefore.map((m) => m.body)).toEqual(['Is the edge sanded?']);
    expect(viaApi.flows).toHaveLength(1);

    const rec = recordingDb();
    const page = await getExchange({ db: rec.db, now: () => new Date() } as Deps, {
      id: ex.id,
      user: await userOf(o.receiver.me.user.id),
    });
    expect(ZExchangeDetail.parse(page)).toEqual(viaApi);
    // The exchange, the person's hubs, events, messages, outcomes and flows in one batch; the
    // thread before the claim after it. No outcome, so no photos read.
    expect(rec.trips).toBe(2);
    expect(rec.log.map((x) => x.n).reduce((a, b) => a + b)).toBe(7);
  });

  it('answers a person of neither hub EXCHANGE_NOT_FOUND after one call', async () => {
    const o = await twoHubs();
    const ex = await completedExchange(o);
    const stranger = await signup();
    const rec = recordingDb();
    await expect(
      getExchange({ db: rec.db, now: () => new Date() } as Deps, {
        id: ex.id,
        user: await userOf(stranger.me.user.id),
      }),
    ).rejects.toMatchObject({ code: 'EXCHANGE_NOT_FOUND' });
    expect(rec.trips).toBe(1);
    // Through the API: the same 404 as for an exchange that does not exist.
    const res = await call(`/exchanges/${ex.id}`, { session: stranger.session });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('EXCHANGE_NOT_FOUND');
  });
});
