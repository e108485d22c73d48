/** Exchange test helpers: two hubs with a listing, claims and moves through the API. */
import { expect } from 'vitest';
import { ZExchangeDetail, type TExchangeDetail } from '../src/shared/exchanges.schemas';
import { call, createListing, db, expectJson, invite, makerWithHub, signup, type Session } from './helpers';

export type Side = { session: Session; hub: { slug: string }; me: { user: { id: number } } };

/** A giving hub with a listing, a receiving hub, and a second member in each. */
export async function twoHubs(listing: Record<string, unknown> = {}) {
  const giver = await makerWithHub();
  const receiver = await makerWithHub({ lat: 50.85, lon: 4.35, city: 'Brussels' });
  const created = await createListing(giver.session, giver.hub.slug, listing);
  return { giver, receiver, listingId: created.id };
}

/** Adds a fresh member to a hub. */
export async function memberOf(manager: Side, role: 'member' | 'manager' = 'member') {
  const person = await signup();
  await invite(manager.session, manager.hub.slug, person.session, role);
  return { ...person, hub: manager.hub };
}

export async function claim(
  session: Session,
  listingId: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return call(`/listings/${listingId}/claims`, { session, body, headers });
}

export async function claimOk(session: Session, listingId: number, hub: string, quantity = 2) {
  const res = await claim(session, listingId, {
    hub,
    quantity,
    message: 'We would love these for a workshop',
  });
  return expectJson(res, 201, ZExchangeDetail);
}

export async function act(
  session: Session,
  id: number,
  action: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return call(`/exchanges/${id}/${action}`, { session, body, headers });
}

export async function actOk(
  session: Session,
  id: number,
  action: string,
  body: Record<string, unknown> = {},
): Promise<TExchangeDetail> {
  return expectJson(
    await act(session, id, action, body),
    action === 'messages' || action === 'outcome' ? 201 : 200,
    ZExchangeDetail,
  );
}

/** A listing's stored quantity and reservation, in thousandths. */
export async function stock(listingId: number) {
  const row = await db
    .prepare('SELECT quantity_milli, quantity_reserved_milli FROM listings WHERE id = ?1')
    .bind(listingId)
    .first<{ quantity_milli: number; quantity_reserved_milli: number }>();
  expect(row).not.toBeNull();
  return { quantity: row!.quantity_milli, reserved: row!.quantity_reserved_milli };
}

export async function stateOf(exchangeId: number) {
  const row = await db
    .prepare('SELECT state FROM exchanges WHERE id = ?1')
    .bind(exchangeId)
    .first<{ state: string }>();
  return row?.state ?? null;
}

/** Claim, accept, hand over and confirm: a completed exchange. */
export async function completedExchange(
  o: Awaited<ReturnType<typeof twoHubs>>,
  quantity = 2,
  handover: Record<string, unknown> = {},
) {
  const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, quantity);
  await actOk(o.giver.session, ex.id, 'accept');
  await actOk(o.giver.session, ex.id, 'handover', { quantity, ...handover });
  return actOk(o.receiver.session, ex.id, 'confirm');
}
