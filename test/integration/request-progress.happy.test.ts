/** Requests fill from what is claimed for them: progress in their own unit, fulfilled by itself, reopened by the author. */
import { describe, expect, it } from 'vitest';
import { ZExchangeDetail, ZFlow, ZFlowPage, ZRequestProgress } from '../../src/shared/exchanges.schemas';
import { ZRequestMatches } from '../../src/shared/matching.schemas';
import { ZNotificationPage } from '../../src/shared/notifications.schemas';
import { ZRequest } from '../../src/shared/requests.schemas';
import { ZRequestPage } from '../../src/shared/search.schemas';
import { actOk, claim, memberOf, twoHubs } from '../exchanges-helpers';
import { call, createListing, db, expectError, expectJson, makerWithHub, type Session } from '../helpers';

const progressOf = async (session: Session, id: number) =>
  expectJson(await call(`/requests/${id}/progress`, { session }), 200, ZRequestProgress);

async function setup() {
  // The giver offers 30 sheets; the receiver needs 20 sheets.
  const o = await twoHubs({ quantity: 30, unit: 'sheets' });
  const request = await expectJson(
    await call('/requests', {
      session: o.receiver.session,
      body: {
        hub: o.receiver.hub.slug,
        title: 'Sheets for 20 stools',
        description: 'One sheet per stool',
        category: 'birch-plywood',
        quantity: 20,
        unit: 'sheets',
      },
    }),
    201,
    ZRequest,
  );
  const claimFor = async (quantity: number, listingId = o.listingId) =>
    expectJson(
      await claim(o.receiver.session, listingId, {
        hub: o.receiver.hub.slug,
        quantity,
        message: 'For our stools',
        requestId: request.id,
      }),
      201,
      ZExchangeDetail,
    );
  const complete = async (id: number, quantity: number) => {
    await actOk(o.giver.session, id, 'accept');
    await actOk(o.giver.session, id, 'handover', { quantity });
    await actOk(o.receiver.session, id, 'confirm');
  };
  return { ...o, request, claimFor, complete };
}

describe('request progress', () => {
  it('partial, declined, then enough: claimed → accepted → received, fulfilled by itself, out of search', async () => {
    const s = await setup();
    const a = await s.claimFor(8);
    const b = await s.claimFor(5);
    expect(await progressOf(s.receiver.session, s.request.id)).toMatchObject({
      status: 'open',
      unit: 'sheets',
      needed: 20,
      claimed: 13,
      accepted: 0,
      received: 0,
    });
    await actOk(s.giver.session, b.id, 'decline');
    await actOk(s.giver.session, a.id, 'accept');
    expect(await progressOf(s.receiver.session, s.request.id)).toMatchObject({
      claimed: 0,
      accepted: 8,
      received: 0,
    });
    await actOk(s.giver.session, a.id, 'handover', { quantity: 8 });
    await actOk(s.receiver.session, a.id, 'confirm');
    const partial = await progressOf(s.receiver.session, s.request.id);
    expect(partial).toMatchObject({ status: 'open', claimed: 0, accepted: 0, received: 8 });
    expect(partial.exchanges.map((e) => [e.id, e.state, e.received])).toEqual([
      [a.id, 'completed', 8],
      [b.id, 'declined', 0],
    ]);

    const c = await s.claimFor(12);
    await s.complete(c.id, 12);
    const full = await progressOf(s.receiver.session, s.request.id);
    expect(full).toMatchObject({ status: 'fulfilled', received: 20, needed: 20 });
    const stored = await db
      .prepare('SELECT status FROM requests WHERE id = ?1')
      .bind(s.request.id)
      .first<{ status: string }>();
    expect(stored?.status).toBe('fulfilled');
    // It leaves search and matching.
    const found = await expectJson(
      await call(`/requests?q=${encodeURIComponent('Sheets for 20 stools')}`),
      200,
      ZRequestPage,
    );
    expect(found.items.map((r) => r.id)).not.toContain(s.request.id);
    const open = await db
      .prepare(`SELECT count(*) AS n FROM matches WHERE request_id = ?1 AND state = 'open'`)
      .bind(s.request.id)
      .first<{ n: number }>();
    expect(open?.n).toBe(0);

    // Its author reopens it.
    const reopened = await expectJson(
      await call(`/requests/${s.request.id}`, {
        method: 'PATCH',
        session: s.receiver.session,
        body: { status: 'open' },
      }),
      200,
      ZRequest,
    );
    expect(reopened.status).toBe('open');
  });

  it('a reversed flow is subtracted from what was received', async () => {
    const s = await setup();
    const a = await s.claimFor(20);
    await s.complete(a.id, 20);
    expect((await progressOf(s.receiver.session, s.request.id)).status).toBe('fulfilled');
    const flows = await expectJson(
      await call(`/flows?hub=${s.giver.hub.slug}`, { session: s.giver.session }),
      200,
      ZFlowPage,
    );
    const flow = flows.items.find((f) => f.exchangeId === a.id)!;
    await expectJson(
      await call(`/flows/${flow.id}/reversals`, {
        session: s.giver.session,
        body: { reason: 'Counted twice' },
      }),
      201,
      ZFlow,
    );
    expect(await progressOf(s.receiver.session, s.request.id)).toMatchObject({
      received: 0,
      status: 'fulfilled',
    });
  });

  it('a claim naming another hub’s request, a closed one or another unit is refused; progress is for the request’s hub', async () => {
    const s = await setup();
    const stranger = await makerWithHub();
    const theirs = await expectJson(
      await call('/requests', {
        session: stranger.session,
        body: {
          hub: stranger.hub.slug,
          title: 'Ours',
          description: 'x',
          category: 'birch-plywood',
          quantity: 5,
          unit: 'sheets',
        },
      }),
      201,
      ZRequest,
    );
    const before = await db.prepare('SELECT count(*) AS n FROM exchanges').first<{ n: number }>();
    await expectError(
      await claim(s.receiver.session, s.listingId, {
        hub: s.receiver.hub.slug,
        quantity: 1,
        message: 'x',
        requestId: theirs.id,
      }),
      422,
      'CLAIM_REQUEST_MISMATCH',
      ['requestId'],
    );
    const kg = await createListing(s.giver.session, s.giver.hub.slug, { unit: 'kg', quantity: 5 });
    await expectError(
      await claim(s.receiver.session, kg.id, {
        hub: s.receiver.hub.slug,
        quantity: 1,
        message: 'x',
        requestId: s.request.id,
      }),
      422,
      'CLAIM_REQUEST_MISMATCH',
    );
    const after = await db.prepare('SELECT count(*) AS n FROM exchanges').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
    await expectError(
      await call(`/requests/${s.request.id}/progress`, { session: stranger.session }),
      403,
      'NOT_A_MEMBER',
    );
    await expectError(await call(`/requests/${s.request.id}/progress`), 401, 'UNAUTHENTICATED');
    await expectError(
      await call('/requests/999999/progress', { session: s.receiver.session }),
      404,
      'REQUEST_NOT_FOUND',
    );
  });

  it('no false alarm: a listing the hub already claimed is not a new match, and shows "claimed by your hub"', async () => {
    const s = await setup();
    const mate = await memberOf(s.receiver);
    const a = await s.claimFor(5);
    // Accepting changes the listing (its reservation): matching runs again.
    await actOk(s.giver.session, a.id, 'accept');
    const page = await expectJson(
      await call('/notifications?limit=50', { session: s.receiver.session }),
      200,
      ZNotificationPage,
    );
    expect(
      page.items.filter((n) => n.kind === 'request_match' && n.payload.listingId === s.listingId),
    ).toEqual([]);
    const matches = await expectJson(
      await call(`/requests/${s.request.id}/matches`, { session: mate.session }),
      200,
      ZRequestMatches,
    );
    const m = matches.items.find((i) => i.listing.id === s.listingId);
    expect(m?.claimedByHub).toBe(true);
  });
});
