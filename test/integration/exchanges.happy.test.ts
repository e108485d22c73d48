import { describe, expect, it } from 'vitest';
import { runExchangeTimers } from '../../src/modules/exchanges/exchanges.service';
import { ZExchangeDetail, ZExchangePage, ZFlow, ZFlowPage } from '../../src/shared/exchanges.schemas';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZListingPage } from '../../src/shared/search.schemas';
import { act, actOk, claim, claimOk, completedExchange, stateOf, stock, twoHubs } from '../exchanges-helpers';
import { call, count, db, expectJson } from '../helpers';

describe('exchanges: happy paths', () => {
  it('claims, accepts, hands over and confirms; the ledger gets one row', async () => {
    const o = await twoHubs();
    const pickup = '2030-05-01T09:30:00.000Z';
    const claimed = await expectJson(
      await claim(o.receiver.session, o.listingId, {
        hub: o.receiver.hub.slug,
        quantity: 4,
        message: 'For our stool workshop',
        proposedPickupAt: pickup,
      }),
      201,
      ZExchangeDetail,
    );
    expect(claimed).toMatchObject({
      state: 'claimed',
      quantity: 4,
      unit: 'sheets',
      category: 'birch-plywood',
      side: 'receiver',
      actions: ['cancel'],
      proposedPickupAt: pickup,
    });
    expect(claimed.fromHub.slug).toBe(o.giver.hub.slug);
    expect(claimed.toHub.slug).toBe(o.receiver.hub.slug);
    expect(claimed.messages.map((m) => m.body)).toEqual(['For our stool workshop']);
    expect(claimed.events).toMatchObject([{ action: 'claim', fromState: null, toState: 'claimed' }]);
    // Nothing is reserved by a claim.
    expect(await stock(o.listingId)).toEqual({ quantity: 12_000, reserved: 0 });

    const giverView = await expectJson(
      await call(`/exchanges/${claimed.id}`, { session: o.giver.session }),
      200,
      ZExchangeDetail,
    );
    expect(giverView.side).toBe('giver');
    expect(giverView.actions.sort()).toEqual(['accept', 'decline']);

    const accepted = await actOk(o.giver.session, claimed.id, 'accept', { note: 'Come on Thursday' });
    expect(accepted.state).toBe('accepted');
    expect(accepted.acceptedAt).not.toBeNull();
    expect(await stock(o.listingId)).toEqual({ quantity: 12_000, reserved: 4_000 });
    const listing = await expectJson(await call(`/listings/${o.listingId}`), 200, ZListing);
    expect(listing).toMatchObject({ quantity: 12, quantityRemaining: 8 });

    const handed = await actOk(o.receiver.session, claimed.id, 'handover', {
      quantity: 3,
      massGrams: 9100,
      transportMode: 'cargo_bike',
    });
    expect(handed.state).toBe('handed_over');
    expect(handed.handover).toMatchObject({
      quantity: 3,
      massGrams: 9100,
      transportMode: 'cargo_bike',
      hub: o.receiver.hub.slug,
    });
    expect(handed.actions).toEqual([]); // the recorder waits for the other hub
    const confirmBy =
      new Date(handed.handover!.confirmBy).getTime() - new Date(handed.handover!.at).getTime();
    expect(confirmBy).toBe(3 * 24 * 3600 * 1000);

    const done = await actOk(o.giver.session, claimed.id, 'confirm');
    expect(done.state).toBe('completed');
    expect(done.flows).toHaveLength(1);
    expect(done.flows[0]).toMatchObject({
      quantity: 3,
      unit: 'sheets',
      massGrams: 9100,
      massSource: 'weighed',
      category: 'birch-plywood',
      reversesFlowId: null,
    });
    expect(done.events.map((e) => `${e.fromState}>${e.toState}`)).toEqual([
      'null>claimed',
      'claimed>accepted',
      'accepted>handed_over',
      'handed_over>completed',
    ]);
    expect(done.events.every((e) => e.actor !== null)).toBe(true);
    // Three sheets left the listing; the fourth, accepted but not taken, is free again.
    expect(await stock(o.listingId)).toEqual({ quantity: 12_000, reserved: 3_000 });
    const flow = await db.prepare('SELECT * FROM flows WHERE exchange_id = ?1').bind(claimed.id).first();
    expect(flow).toMatchObject({
      quantity_milli: 3000,
      mass_grams: 9100,
      mass_source: 'weighed',
      reverses_flow_id: null,
    });
  });

  it('estimates the mass from dimensions and density when nobody weighed it', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 2);
    // 600 × 400 × 18 mm of birch plywood at 700 kg/m³ is 3.024 kg a sheet.
    expect(done.flows[0]).toMatchObject({ massGrams: 6048, massSource: 'estimated' });
  });

  it('keeps machine hours apart: unit hours, no mass', async () => {
    const o = await twoHubs({
      kind: 'machine_time',
      title: 'Laser cutter hours',
      category: 'acrylic',
      quantity: 5,
      unit: 'hours',
      lengthMm: null,
      widthMm: null,
      thicknessMm: null,
    });
    const done = await completedExchange(o, 2, { massGrams: 500 });
    expect(done.flows[0]).toMatchObject({
      unit: 'hours',
      quantity: 2,
      massGrams: null,
      massSource: 'unknown',
    });
  });

  it('shares a listing between claims until it is taken, then search leaves it out', async () => {
    const o = await twoHubs({ quantity: 5, title: 'Walnut veneer sheets' });
    const a = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 3);
    const b = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 2);
    await actOk(o.giver.session, a.id, 'accept');
    let listing = await expectJson(await call(`/listings/${o.listingId}`), 200, ZListing);
    expect(listing.quantityRemaining).toBe(2);
    await actOk(o.giver.session, b.id, 'accept');
    listing = await expectJson(await call(`/listings/${o.listingId}`), 200, ZListing);
    expect(listing.quantityRemaining).toBe(0);
    expect(await stock(o.listingId)).toEqual({ quantity: 5000, reserved: 5000 });
    const page = await expectJson(await call(`/listings?hub=${o.giver.hub.slug}`), 200, ZListingPage);
    expect(page.items.map((l) => l.id)).not.toContain(o.listingId);

    // Declining an accepted claim gives its units back.
    await actOk(o.giver.session, b.id, 'decline', { note: 'Sorry, we need two ourselves' });
    expect(await stock(o.listingId)).toEqual({ quantity: 5000, reserved: 3000 });
    const again = await expectJson(await call(`/listings?hub=${o.giver.hub.slug}`), 200, ZListingPage);
    expect(again.items.find((l) => l.id === o.listingId)?.quantityRemaining).toBe(2);
  });

  it('cancelling an accepted claim releases its reservation; the claimant can cancel until handover', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 5);
    await actOk(o.giver.session, ex.id, 'accept');
    expect((await stock(o.listingId)).reserved).toBe(5000);
    const cancelled = await actOk(o.receiver.session, ex.id, 'cancel');
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.actions).toEqual([]);
    expect((await stock(o.listingId)).reserved).toBe(0);
  });

  it('a dispute goes back to a new handover record, then the other side confirms', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 4);
    await actOk(o.giver.session, ex.id, 'accept');
    await actOk(o.giver.session, ex.id, 'handover', { quantity: 4 });
    const disputed = await actOk(o.receiver.session, ex.id, 'dispute', {
      reason: 'Only three sheets arrived',
    });
    expect(disputed).toMatchObject({ state: 'disputed', disputeReason: 'Only three sheets arrived' });
    expect((await stock(o.listingId)).reserved).toBe(4000);
    await actOk(o.receiver.session, ex.id, 'handover', { quantity: 3, massGrams: 9000 });
    const done = await actOk(o.giver.session, ex.id, 'confirm');
    expect(done.state).toBe('completed');
    expect(done.flows).toMatchObject([{ quantity: 3, massGrams: 9000 }]);
    expect(await stock(o.listingId)).toEqual({ quantity: 12_000, reserved: 3000 });
  });

  it('keeps a message thread and records what the material became', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 1);
    await actOk(o.giver.session, done.id, 'messages', { body: 'Enjoy!' });
    const withOutcome = await actOk(o.receiver.session, done.id, 'outcome', {
      body: 'Laser-cut stools for the youth workshop',
      link: 'https://example.org/stools',
    });
    expect(withOutcome.messages.map((m) => m.body)).toEqual(['We would love these for a workshop', 'Enjoy!']);
    expect(withOutcome.messages[1]?.hub).toBe(o.giver.hub.slug);
    expect(withOutcome.outcomes).toMatchObject([
      { body: 'Laser-cut stools for the youth workshop', link: 'https://example.org/stools' },
    ]);
    expect(await count('SELECT count(*) AS n FROM exchange_outcomes WHERE exchange_id = ?1', done.id)).toBe(
      1,
    );
    expect(await count('SELECT count(*) AS n FROM exchange_messages WHERE exchange_id = ?1', done.id)).toBe(
      2,
    );
  });

  it('lists my exchanges by role and state, page by page', async () => {
    const o = await twoHubs();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1)).id);
    await actOk(o.giver.session, ids[0]!, 'accept');

    const incoming = await expectJson(
      await call('/exchanges?role=incoming', { session: o.giver.session }),
      200,
      ZExchangePage,
    );
    expect(incoming.items.map((e) => e.id)).toEqual([...ids].reverse());
    const outgoingForGiver = await expectJson(
      await call('/exchanges?role=outgoing', { session: o.giver.session }),
      200,
      ZExchangePage,
    );
    expect(outgoingForGiver.items).toEqual([]);
    const accepted = await expectJson(
      await call('/exchanges?role=outgoing&state=accepted', { session: o.receiver.session }),
      200,
      ZExchangePage,
    );
    expect(accepted.items.map((e) => e.id)).toEqual([ids[0]]);

    const first = await expectJson(
      await call('/exchanges?limit=2', { session: o.receiver.session }),
      200,
      ZExchangePage,
    );
    expect(first.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await expectJson(
      await call(`/exchanges?limit=2&cursor=${first.nextCursor}`, { session: o.receiver.session }),
      200,
      ZExchangePage,
    );
    expect(second.items.map((e) => e.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('a retry with the same Idempotency-Key returns the first response and claims once', async () => {
    const o = await twoHubs();
    const body = { hub: o.receiver.hub.slug, quantity: 2, message: 'Once please' };
    const headers = { 'idempotency-key': 'claim-abc-1' };
    const first = await expectJson(
      await claim(o.receiver.session, o.listingId, body, headers),
      201,
      ZExchangeDetail,
    );
    const retryRes = await claim(o.receiver.session, o.listingId, body, headers);
    expect(retryRes.headers.get('idempotent-replayed')).toBe('true');
    const retry = await expectJson(retryRes, 201, ZExchangeDetail);
    expect(retry).toEqual(first);
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listingId)).toBe(1);

    const acceptHeaders = { 'idempotency-key': 'accept-abc-1' };
    const a1 = await expectJson(
      await act(o.giver.session, first.id, 'accept', {}, acceptHeaders),
      200,
      ZExchangeDetail,
    );
    const a2 = await expectJson(
      await act(o.giver.session, first.id, 'accept', {}, acceptHeaders),
      200,
      ZExchangeDetail,
    );
    expect(a2).toEqual(a1);
    expect((await stock(o.listingId)).reserved).toBe(2000);
    expect(
      await count(
        "SELECT count(*) AS n FROM exchange_events WHERE exchange_id = ?1 AND action = 'accept'",
        first.id,
      ),
    ).toBe(1);
  });

  it('the scheduler expires unanswered claims and finalises unanswered handovers', async () => {
    const o = await twoHubs();
    const stale = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    const handed = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 2);
    await actOk(o.giver.session, handed.id, 'accept');
    await actOk(o.giver.session, handed.id, 'handover', { quantity: 2 });
    const deps = (at: Date) => ({ db, now: () => at });

    // Not yet: six days on, nothing moves.
    const soon = await runExchangeTimers(deps(new Date(Date.now() + 2 * 24 * 3600 * 1000)));
    expect(soon).toEqual({ expired: 0, finalised: 0 });
    const later = await runExchangeTimers(deps(new Date(Date.now() + 8 * 24 * 3600 * 1000)));
    expect(later.expired).toBeGreaterThanOrEqual(1);
    expect(later.finalised).toBeGreaterThanOrEqual(1);
    expect(await stateOf(stale.id)).toBe('expired');
    expect(await stateOf(handed.id)).toBe('completed');
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', handed.id)).toBe(1);
    const events = await db
      .prepare('SELECT action, actor_id FROM exchange_events WHERE exchange_id = ?1 ORDER BY id DESC LIMIT 1')
      .bind(handed.id)
      .first();
    expect(events).toEqual({ action: 'finalise', actor_id: null });
    // Running again changes nothing: each move happens once.
    expect(await runExchangeTimers(deps(new Date(Date.now() + 9 * 24 * 3600 * 1000)))).toEqual({
      expired: 0,
      finalised: 0,
    });
    expect(await count('SELECT count(*) AS n FROM flows WHERE exchange_id = ?1', handed.id)).toBe(1);
  });

  it('refuses to lower a listing below what exchanges hold', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 6);
    await actOk(o.giver.session, ex.id, 'accept');
    const res = await call(`/listings/${o.listingId}`, {
      session: o.giver.session,
      method: 'PATCH',
      body: { quantity: 5 },
    });
    expect(res.status).toBe(409);
    expect(await stock(o.listingId)).toEqual({ quantity: 12_000, reserved: 6000 });
    const ok = await call(`/listings/${o.listingId}`, {
      session: o.giver.session,
      method: 'PATCH',
      body: { quantity: 6 },
    });
    expect((await expectJson(ok, 200, ZListing)).quantityRemaining).toBe(0);
  });
});

describe('flows: the ledger', () => {
  it('equals the completed exchanges, filters by hub, category and period, and pages', async () => {
    const o = await twoHubs();
    const other = await twoHubs({ category: 'acrylic', title: 'Acrylic offcuts', unit: 'kg', quantity: 20 });
    const a = await completedExchange(o, 1);
    const b = await completedExchange(o, 2);
    await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1); // not completed: no flow
    const c = await completedExchange(other, 5);

    const mine = await expectJson(await call('/flows', { session: o.receiver.session }), 200, ZFlowPage);
    expect(mine.items.map((f) => f.exchangeId)).toEqual([b.id, a.id]);
    const completedIds = await db
      .prepare(
        "SELECT id FROM exchanges WHERE state = 'completed' AND (to_hub_id = (SELECT id FROM hubs WHERE slug = ?1)) ORDER BY id DESC",
      )
      .bind(o.receiver.hub.slug)
      .all<{ id: number }>();
    expect(mine.items.map((f) => f.exchangeId)).toEqual(completedIds.results.map((r) => r.id));
    expect(mine.items.reduce((s, f) => s + f.quantity, 0)).toBe(3);

    const kg = await expectJson(await call('/flows', { session: other.giver.session }), 200, ZFlowPage);
    expect(kg.items).toMatchObject([
      { exchangeId: c.id, unit: 'kg', quantity: 5, massGrams: 5000, massSource: 'estimated' },
    ]);

    const wood = await expectJson(
      await call('/flows?category=wood', { session: o.giver.session }),
      200,
      ZFlowPage,
    );
    expect(wood.items).toHaveLength(2);
    const plastics = await expectJson(
      await call('/flows?category=plastics', { session: o.giver.session }),
      200,
      ZFlowPage,
    );
    expect(plastics.items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    const period = await expectJson(
      await call(`/flows?from=${today}&to=${today}`, { session: o.giver.session }),
      200,
      ZFlowPage,
    );
    expect(period.items).toHaveLength(2);
    const past = await expectJson(
      await call('/flows?from=2020-01-01&to=2020-12-31', { session: o.giver.session }),
      200,
      ZFlowPage,
    );
    expect(past.items).toHaveLength(0);
    const byHub = await expectJson(
      await call(`/flows?hub=${o.giver.hub.slug}`, { session: o.receiver.session }),
      200,
      ZFlowPage,
    );
    expect(byHub.items).toHaveLength(2);

    const p1 = await expectJson(await call('/flows?limit=1', { session: o.giver.session }), 200, ZFlowPage);
    const p2 = await expectJson(
      await call(`/flows?limit=1&cursor=${p1.nextCursor}`, { session: o.giver.session }),
      200,
      ZFlowPage,
    );
    expect([...p1.items, ...p2.items].map((f) => f.exchangeId)).toEqual([b.id, a.id]);
    expect(p2.nextCursor).toBeNull();
  });

  it('is append-only: updates and deletes are refused; a correction is a reversing row', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o, 2, { massGrams: 6000 });
    const flowId = done.flows[0]!.id;
    await expect(
      db.prepare('UPDATE flows SET quantity_milli = 1 WHERE id = ?1').bind(flowId).run(),
    ).rejects.toThrow(/append-only/);
    await expect(db.prepare('DELETE FROM flows WHERE id = ?1').bind(flowId).run()).rejects.toThrow(
      /append-only/,
    );

    const reversal = await expectJson(
      await call(`/flows/${flowId}/reversals`, {
        session: o.giver.session,
        body: { reason: 'Recorded twice by mistake' },
      }),
      201,
      ZFlow,
    );
    expect(reversal).toMatchObject({
      quantity: -2,
      massGrams: -6000,
      reversesFlowId: flowId,
      reason: 'Recorded twice by mistake',
    });
    const net = await db
      .prepare(
        'SELECT sum(quantity_milli) AS q, sum(mass_grams) AS g, count(*) AS n FROM flows WHERE exchange_id = ?1',
      )
      .bind(done.id)
      .first();
    expect(net).toEqual({ q: 0, g: 0, n: 2 });
    const page = await expectJson(await call('/flows', { session: o.receiver.session }), 200, ZFlowPage);
    expect(page.items.map((f) => f.quantity)).toEqual([-2, 2]);
  });
});
