import { describe, expect, it } from 'vitest';
import { ZExchangeDetail, ZExchangePage, ZFlow, ZFlowPage } from '../../src/shared/exchanges.schemas';
import {
  act,
  actOk,
  claim,
  claimOk,
  completedExchange,
  memberOf,
  stateOf,
  stock,
  twoHubs,
} from '../exchanges-helpers';
import { call, count, expectError, expectJson, makerWithHub } from '../helpers';

describe('exchanges: who may do what', () => {
  it('asks for a session on every route', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    await expectError(await call('/exchanges'), 401, 'UNAUTHENTICATED');
    await expectError(await call(`/exchanges/${ex.id}`), 401, 'UNAUTHENTICATED');
    await expectError(await call('/flows'), 401, 'UNAUTHENTICATED');
    await expectError(
      await call(`/listings/${o.listingId}/claims`, {
        body: { hub: o.receiver.hub.slug, quantity: 1, message: 'x' },
      }),
      401,
      'UNAUTHENTICATED',
    );
    for (const action of ['accept', 'decline', 'cancel', 'confirm', 'messages'])
      await expectError(
        await call(`/exchanges/${ex.id}/${action}`, { body: action === 'messages' ? { body: 'hi' } : {} }),
        401,
        'UNAUTHENTICATED',
      );
    expect(await stateOf(ex.id)).toBe('claimed');
  });

  it('refuses a cross-site POST (no Origin)', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    await expectError(
      await call(`/exchanges/${ex.id}/accept`, { session: o.giver.session, body: {}, noOrigin: true }),
      403,
      'CSRF_FAILED',
    );
    expect(await stateOf(ex.id)).toBe('claimed');
  });

  it('claims only for a hub the person belongs to', async () => {
    const o = await twoHubs();
    const outsider = await makerWithHub();
    await expectError(
      await claim(outsider.session, o.listingId, {
        hub: o.receiver.hub.slug,
        quantity: 1,
        message: 'Sneaky',
      }),
      403,
      'NOT_A_MEMBER',
    );
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listingId)).toBe(0);
  });

  it('only members of the two hubs see an exchange; others get 404 and an empty list', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    const outsider = await makerWithHub();
    await expectError(
      await call(`/exchanges/${ex.id}`, { session: outsider.session }),
      404,
      'EXCHANGE_NOT_FOUND',
    );
    for (const action of ['accept', 'decline', 'cancel', 'confirm', 'messages'])
      await expectError(
        await act(outsider.session, ex.id, action, action === 'messages' ? { body: 'hi' } : {}),
        404,
        'EXCHANGE_NOT_FOUND',
      );
    const list = await expectJson(
      await call('/exchanges', { session: outsider.session }),
      200,
      ZExchangePage,
    );
    expect(list.items).toEqual([]);
    // A second member of either hub sees it.
    const colleague = await memberOf(o.giver);
    await expectJson(await call(`/exchanges/${ex.id}`, { session: colleague.session }), 200, ZExchangeDetail);
    expect(await count('SELECT count(*) AS n FROM exchange_messages WHERE exchange_id = ?1', ex.id)).toBe(1);
  });

  it('only the listing’s hub accepts or declines; only the claiming hub cancels', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 2);
    await expectError(await act(o.receiver.session, ex.id, 'accept'), 403, 'FORBIDDEN');
    await expectError(await act(o.receiver.session, ex.id, 'decline'), 403, 'FORBIDDEN');
    await expectError(await act(o.giver.session, ex.id, 'cancel'), 403, 'FORBIDDEN');
    expect(await stateOf(ex.id)).toBe('claimed');
    expect((await stock(o.listingId)).reserved).toBe(0);
    // Any member of the listing's hub may accept, not only its managers.
    const member = await memberOf(o.giver);
    await actOk(member.session, ex.id, 'accept');
    expect((await stock(o.listingId)).reserved).toBe(2000);
  });

  it('the hub that recorded the handover cannot confirm or dispute it; the other hub can', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 2);
    await actOk(o.giver.session, ex.id, 'accept');
    await actOk(o.giver.session, ex.id, 'handover', { quantity: 2 });
    const colleague = await memberOf(o.giver);
    await expectError(await act(o.giver.session, ex.id, 'confirm'), 403, 'FORBIDDEN');
    await expectError(await act(colleague.session, ex.id, 'confirm'), 403, 'FORBIDDEN');
    await expectError(await act(o.giver.session, ex.id, 'dispute', { reason: 'Hmm no' }), 403, 'FORBIDDEN');
    expect(await stateOf(ex.id)).toBe('handed_over');
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', ex.id)).toBe(0);
    await actOk(o.receiver.session, ex.id, 'confirm');
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', ex.id)).toBe(1);
  });

  it('only the receiving hub records an outcome', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 1);
    await expectError(
      await act(o.giver.session, done.id, 'outcome', { body: 'We made stools' }),
      403,
      'FORBIDDEN',
    );
    expect(await count('SELECT count(*) AS n FROM exchange_outcomes WHERE exchange_id = ?1', done.id)).toBe(
      0,
    );
  });

  it('shows flows only to the hubs involved; only their managers reverse one', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 1);
    const flowId = done.flows[0]!.id;
    const outsider = await makerWithHub();
    const none = await expectJson(await call('/flows', { session: outsider.session }), 200, ZFlowPage);
    expect(none.items).toEqual([]);
    const filtered = await expectJson(
      await call(`/flows?hub=${o.giver.hub.slug}`, { session: outsider.session }),
      200,
      ZFlowPage,
    );
    expect(filtered.items).toEqual([]);
    await expectError(
      await call(`/flows/${flowId}/reversals`, { session: outsider.session, body: { reason: 'Not ours' } }),
      404,
      'FLOW_NOT_FOUND',
    );
    const member = await memberOf(o.receiver);
    await expectError(
      await call(`/flows/${flowId}/reversals`, { session: member.session, body: { reason: 'Oops' } }),
      403,
      'FORBIDDEN',
    );
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', done.id)).toBe(1);
    await expectJson(
      await call(`/flows/${flowId}/reversals`, {
        session: o.receiver.session,
        body: { reason: 'Double entry' },
      }),
      201,
      ZFlow,
    );
    await expectError(
      await call(`/flows/${flowId}/reversals`, { session: o.giver.session, body: { reason: 'Again' } }),
      409,
      'FLOW_ALREADY_REVERSED',
    );
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', done.id)).toBe(2);
  });

  it('Idempotency-Keys are per person: the same key from someone else is their own request', async () => {
    const o = await twoHubs();
    const colleague = await memberOf(o.receiver);
    const headers = { 'idempotency-key': 'shared-key' };
    const body = { hub: o.receiver.hub.slug, quantity: 1, message: 'Hello' };
    const a = await expectJson(
      await claim(o.receiver.session, o.listingId, body, headers),
      201,
      ZExchangeDetail,
    );
    const b = await expectJson(
      await claim(colleague.session, o.listingId, body, headers),
      201,
      ZExchangeDetail,
    );
    expect(a.id).not.toBe(b.id);
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listingId)).toBe(2);
  });
});
