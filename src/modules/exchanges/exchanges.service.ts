/**
 * Exchange use cases: claim, the moves of the state machine, messages, outcomes, the ledger and
 * the scheduler's expiry and finalisation. Quantities are decided by conditional writes in the
 * database; this file only reads to choose the move and to explain a refusal.
 */
import type { Deps, SessionUser } from '../../env';
import { ApiError } from '../../http/errors';
import type {
  TClaimInput,
  TDisputeInput,
  TExchange,
  TExchangeAction,
  TExchangeDetail,
  TExchangeListQuery,
  TExchangePage,
  TExchangeState,
  TFlow,
  TFlowPage,
  TFlowQuery,
  THandoverInput,
  TMessageInput,
  TOutcomeInput,
  TTransitionInput,
} from '../../shared/exchanges.schemas';
import type { TPhoto } from '../../shared/photos.schemas';
import type { TTask } from '../../shared/tasks.schemas';
import { categoryWithDescendants } from '../../shared/taxonomy';
import { hubSummaryOf } from '../hubs/hubs.domain';
import { hubRoles, hubRolesOf, hubRolesStatement, requireHubRef } from '../hubs/hubs.service';
import { requestFacts } from '../requests/requests.service';
import { fromMilli, toMilli } from '../listings/listings.domain';
import { listingFacts, reservationStatement } from '../listings/listings.service';
import * as photos from '../photos/photos.service';
import { askedBeforeClaim } from '../questions/questions.service';
import type { PhotoDeps } from '../photos/photos.service';
import {
  actionsFor,
  claimExpiry,
  confirmDeadline,
  flowMass,
  mayAct,
  reservationDelta,
  sideOf,
  transitionFor,
  type Action,
  type Party,
} from './exchanges.domain';
import * as repo from './exchanges.repo';
import { recordEvent, type EventKind } from '../events/events.service';
import type { TExchangeEventFacts } from '../events/events.kinds';

const newToken = () => crypto.randomUUID();

function partyOf(roles: Map<number, unknown>, userId: number, row: repo.ExchangeRow): Party {
  return { userId, inGiver: roles.has(row.from_hub_id), inReceiver: roles.has(row.to_hub_id) };
}

const factsOf = (r: repo.ExchangeRow) => ({
  state: r.state,
  fromHubId: r.from_hub_id,
  toHubId: r.to_hub_id,
  handoverBy: r.handover_by,
  handoverHubId: r.handover_hub_id,
});

function toExchange(r: repo.ExchangeRow, party: Party): TExchange {
  return {
    id: r.id,
    state: r.state,
    listing: { id: r.listing_id, title: r.listing_title, kind: r.listing_kind },
    category: r.category,
    unit: r.unit,
    quantity: fromMilli(r.quantity_milli),
    fromHub: hubSummaryOf(r, 'fh_'),
    toHub: hubSummaryOf(r, 'th_'),
    claimedBy: { id: r.claimed_by, displayName: r.claimant_name },
    proposedPickupAt: r.proposed_pickup_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    handover:
      r.handover_quantity_milli === null || r.handover_by === null
        ? null
        : {
            quantity: fromMilli(r.handover_quantity_milli),
            massGrams: r.handover_mass_grams,
            transportMode: r.transport_mode,
            recordedBy: { id: r.handover_by, displayName: r.handover_by_name ?? '' },
            hub: r.handover_hub_slug ?? '',
            at: r.handed_over_at ?? '',
            confirmBy: r.confirm_by ?? '',
          },
    disputeReason: r.dispute_reason,
    completedAt: r.completed_at,
    side: sideOf(party) ?? 'receiver',
    actions: actionsFor(party, factsOf(r)),
    canRecordOutcome: r.state === 'completed' && party.inReceiver,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toFlow(f: repo.FlowRow): TFlow {
  return {
    id: f.id,
    exchangeId: f.exchange_id,
    fromHub: { slug: f.from_slug, name: f.from_name },
    toHub: { slug: f.to_slug, name: f.to_name },
    category: f.category,
    quantity: fromMilli(f.quantity_milli),
    unit: f.unit,
    massGrams: f.mass_grams,
    massSource: f.mass_source,
    completedAt: f.completed_at,
    reversesFlowId: f.reverses_flow_id,
    reason: f.reason,
    createdAt: f.created_at,
  };
}

/** The exchange and the viewer's part in it; a person of neither hub gets a 404, as if it did not exist. */
async function requireVisible(deps: Deps, id: number, user: SessionUser) {
  const row = await repo.findExchange(deps.db, id);
  return visibleTo(row, row ? await hubRoles(deps, user.id) : new Map(), user);
}

/** The exchange and the person's side in it, or EXCHANGE_NOT_FOUND for a person of neither hub. */
function visibleTo(row: repo.ExchangeRow | null, roles: Map<number, unknown>, user: SessionUser) {
  if (!row) throw new ApiError('EXCHANGE_NOT_FOUND');
  const party = partyOf(roles, user.id, row);
  if (!party.inGiver && !party.inReceiver) throw new ApiError('EXCHANGE_NOT_FOUND');
  return { row, party };
}

/**
 * For another module's view of one exchange (its impact): its state, or EXCHANGE_NOT_FOUND for a
 * person of neither hub, exactly as the exchange page answers.
 */
export async function requireVisibleExchange(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser },
): Promise<{ state: TExchangeState }> {
  const { row } = await requireVisible(deps, id, user);
  return { state: row.state };
}

export async function getExchange(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser },
): Promise<TExchangeDetail> {
  // One call to D1 for the exchange, the person's hubs and everything the page shows of it; read
  // before the person's side is known, and shown only once it is. The thread asked before the
  // claim needs the exchange's listing and hubs: a second call (a third for outcomes' photos).
  const [found, roles, eventRows, messageRows, outcomeRows, flowRows] = await deps.db.batch([
    repo.findExchangeStatement(deps.db, id),
    hubRolesStatement(deps, user.id),
    repo.eventsOfStatement(deps.db, id),
    repo.messagesOfStatement(deps.db, id),
    repo.outcomesOfStatement(deps.db, id),
    repo.flowsOfExchangeStatement(deps.db, id),
  ]);
  const { row, party } = visibleTo(
    (found?.results[0] ?? null) as repo.ExchangeRow | null,
    hubRolesOf(roles),
    user,
  );
  const events = (eventRows?.results ?? []) as repo.EventRow[];
  const messages = (messageRows?.results ?? []) as repo.MessageRow[];
  const outcomes = (outcomeRows?.results ?? []) as repo.OutcomeRow[];
  const flows = (flowRows?.results ?? []) as repo.FlowRow[];
  const askedBefore = await askedBeforeClaim(deps, {
    listingId: row.listing_id,
    askingHubId: row.to_hub_id,
    before: row.created_at,
  });
  const outcomePhotos = await photos.photosOf(
    deps,
    photos.outcomeOf(id),
    outcomes.map((o) => o.id),
  );
  return {
    ...toExchange(row, party),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      actor: e.actor_id === null ? null : { id: e.actor_id, displayName: e.actor_name ?? '' },
      note: e.note,
      at: e.created_at,
    })),
    askedBefore,
    messages: messages.map((m) => ({
      id: m.id,
      author: { id: m.author_id, displayName: m.author_name },
      hub: m.hub_slug,
      body: m.body,
      at: m.created_at,
    })),
    outcomes: outcomes.map((o) => ({
      id: o.id,
      author: { id: o.author_id, displayName: o.author_name },
      body: o.body,
      link: o.link,
      photo: outcomePhoto(outcomePhotos.get(o.id)?.[0]),
      at: o.created_at,
    })),
    flows: flows.map(toFlow),
  };
}

/** An outcome shows its one photo without the photo's own id (its URL names the outcome). */
function outcomePhoto(p: TPhoto | undefined) {
  return p ? { url: p.url, contentType: p.contentType, bytes: p.bytes } : null;
}

export async function listExchanges(
  deps: Deps,
  { query, user }: { query: TExchangeListQuery; user: SessionUser },
): Promise<TExchangePage> {
  const roles = await hubRoles(deps, user.id);
  if (roles.size === 0) return { items: [], nextCursor: null };
  const rows = await repo.listExchanges(deps.db, {
    hubIds: [...roles.keys()],
    role: query.role,
    state: query.state,
    beforeId: query.cursor ? Number(query.cursor) : null,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => toExchange(r, partyOf(roles, user.id, r))),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]?.id) : null,
  };
}

export async function claimListing(
  deps: Deps,
  { listingId, input, user }: { listingId: number; input: TClaimInput; user: SessionUser },
): Promise<TExchangeDetail> {
  const listing = await listingFacts(deps, listingId);
  if (!listing) throw new ApiError('LISTING_NOT_FOUND');
  const hub = await requireHubRef(deps, input.hub);
  const roles = await hubRoles(deps, user.id);
  if (!roles.has(hub.id)) throw new ApiError('NOT_A_MEMBER');
  if (hub.id === listing.hubId)
    throw new ApiError('CLAIM_OWN_HUB', { details: { fields: [{ path: 'hub', message: '' }] } });
  if (listing.status !== 'active') throw new ApiError('LISTING_NOT_CLAIMABLE');
  const requestId = input.requestId ?? null;
  if (requestId !== null) {
    // Only an open request of the claiming hub, counted in the listing's unit.
    const request = await requestFacts(deps, requestId);
    if (
      !request ||
      request.hubId !== hub.id ||
      request.status !== 'open' ||
      request.hidden ||
      request.unit !== listing.unit
    )
      throw new ApiError('CLAIM_REQUEST_MISMATCH', {
        details: { fields: [{ path: 'requestId', message: '' }] },
      });
  }
  const quantityMilli = toMilli(input.quantity);
  const now = deps.now();
  const token = newToken();
  const id = await repo.insertClaim(deps.db, {
    listingId,
    fromHubId: listing.hubId,
    toHubId: hub.id,
    claimedBy: user.id,
    category: listing.category,
    unit: listing.unit,
    quantityMilli,
    proposedPickupAt: input.proposedPickupAt ? new Date(input.proposedPickupAt).toISOString() : null,
    expiresAt: claimExpiry(now).toISOString(),
    message: input.message,
    token,
    now: now.toISOString(),
    requestId,
    event: recordEvent(deps.db, 'exchange.claimed', {
      subject: repo.claimEventSubject(token),
      actorId: user.id,
      payload: {
        listingId,
        listingTitle: listing.title,
        fromHubId: listing.hubId,
        fromHubName: listing.hubName,
        toHubId: hub.id,
        toHubName: hub.name,
        claimedBy: user.id,
        requestId,
      },
      now: now.toISOString(),
    }),
  });
  if (id === null) await explainRefusedClaim(deps, listingId);
  return getExchange(deps, { id: id!, user });
}

/**
 * Opens the exchange of a stream occurrence reserved by a subscription, already accepted: a claim
 * by the subscriber (made once per hub and listing, so a second run opens nothing) and the
 * scheduler's accept, which reserves the quantity like any accept. Returns the exchange's id, the
 * existing one when it was opened before, or null when the listing could not be claimed. If the
 * accept is refused the exchange stays claimed, for the giving hub to answer.
 */
export async function openReservedExchange(
  deps: Deps,
  o: { listingId: number; toHubId: number; claimedBy: number; quantityMilli: number; message: string },
): Promise<number | null> {
  const listing = await listingFacts(deps, o.listingId);
  if (!listing || listing.status !== 'active') return null;
  const now = deps.now();
  const id = await repo.insertClaim(deps.db, {
    listingId: o.listingId,
    fromHubId: listing.hubId,
    toHubId: o.toHubId,
    claimedBy: o.claimedBy,
    category: listing.category,
    unit: listing.unit,
    quantityMilli: o.quantityMilli,
    proposedPickupAt: null,
    expiresAt: claimExpiry(now).toISOString(),
    message: o.message,
    token: newToken(),
    now: now.toISOString(),
    firstForHub: true,
  });
  if (id === null)
    return repo.exchangeOfHubOnListing(deps.db, { listingId: o.listingId, toHubId: o.toHubId });
  const row = await repo.findExchange(deps.db, id);
  if (row?.state === 'claimed') {
    try {
      await move(deps, { action: 'accept', row, actorId: null, note: null });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  }
  return id;
}

/** What was handed over per listing according to the ledger (reversals subtracted), in thousandths. */
export function handedOverByListing(deps: Deps, listingIds: number[]): Promise<Map<number, number>> {
  return repo.handedOverByListing(deps.db, listingIds);
}

async function explainRefusedClaim(deps: Deps, listingId: number): Promise<never> {
  const now = await listingFacts(deps, listingId);
  if (!now || now.status !== 'active') throw new ApiError('LISTING_NOT_CLAIMABLE');
  throw new ApiError('INSUFFICIENT_QUANTITY', {
    details: {
      fields: [{ path: 'quantity', message: '' }],
      remaining: fromMilli(now.quantityMilli - now.reservedMilli),
    },
  });
}

/** The event each arrival state records (what people are told, what matching follows). */
const MOVE_EVENTS: Partial<Record<TExchange['state'], EventKind>> = {
  accepted: 'exchange.accepted',
  declined: 'exchange.declined',
  cancelled: 'exchange.cancelled',
  expired: 'exchange.expired',
  handed_over: 'exchange.handed_over',
  completed: 'exchange.completed',
  disputed: 'exchange.disputed',
};

/** The facts an exchange's event carries, as they are after the move (`set` is what it writes). */
function exchangeFacts(row: repo.ExchangeRow, set: repo.TransitionWrite['set'] = {}): TExchangeEventFacts {
  const handoverHub = set.handover_hub_id !== undefined ? set.handover_hub_id : row.handover_hub_id;
  const confirmBy = set.confirm_by !== undefined ? set.confirm_by : row.confirm_by;
  return {
    listingId: row.listing_id,
    listingTitle: row.listing_title,
    fromHubId: row.from_hub_id,
    fromHubName: row.fh_name,
    toHubId: row.to_hub_id,
    toHubName: row.th_name,
    claimedBy: row.claimed_by,
    handoverHubId: typeof handoverHub === 'number' ? handoverHub : null,
    confirmBy: typeof confirmBy === 'string' ? confirmBy : null,
    requestId: row.request_id,
  };
}

type MoveOptions = {
  action: Action;
  row: repo.ExchangeRow;
  actorId: number | null;
  note: string | null;
  set?: repo.TransitionWrite['set'];
};

/** One move as one batch; throws 409 with the current state when the exchange had moved on. */
async function move(deps: Deps, { action, row, actorId, note, set = {} }: MoveOptions): Promise<void> {
  const t = transitionFor(row.state, action);
  if (!t) throw invalidTransition(row.state, action);
  const token = newToken();
  const now = deps.now().toISOString();
  const handedOver = (set.handover_quantity_milli as number | undefined) ?? row.handover_quantity_milli;
  const delta = reservationDelta(t, row.quantity_milli, handedOver);
  const completes = t.to === 'completed';
  let flow: repo.FlowValues | undefined;
  if (completes) {
    const listing = await listingFacts(deps, row.listing_id);
    flow = flowMass({
      weighedGrams: row.handover_mass_grams,
      quantityMilli: row.handover_quantity_milli ?? row.quantity_milli,
      unit: row.unit,
      category: row.category,
      lengthMm: listing?.lengthMm ?? null,
      widthMm: listing?.widthMm ?? null,
      thicknessMm: listing?.thicknessMm ?? null,
    });
  }
  const after = await repo.applyTransition(deps.db, {
    exchangeId: row.id,
    listingId: row.listing_id,
    action,
    from: t.from,
    to: t.to,
    expectToken: row.action_token,
    token,
    actorId,
    note,
    now,
    set: {
      ...set,
      ...(t.to === 'accepted' ? { accepted_at: now } : {}),
      ...(completes ? { completed_at: now } : {}),
    },
    ...(t.to === 'accepted' ? { requireRemainingMilli: row.quantity_milli } : {}),
    ...(delta !== 0
      ? {
          reservation: reservationStatement(deps, {
            listingId: row.listing_id,
            deltaMilli: delta,
            exchangeId: row.id,
            token,
          }),
        }
      : {}),
    ...(flow ? { flow } : {}),
    ...(MOVE_EVENTS[t.to]
      ? {
          event: recordEvent(deps.db, MOVE_EVENTS[t.to]!, {
            subject: repo.moveEventSubject(row.id, token),
            actorId,
            payload: exchangeFacts(row, set),
            now,
          }),
        }
      : {}),
  });
  if (after.applied) return;
  if (t.to === 'accepted' && after.state === 'claimed' && after.action_token === row.action_token) {
    if (after.listing_status !== 'active') throw new ApiError('LISTING_NOT_CLAIMABLE');
    throw new ApiError('INSUFFICIENT_QUANTITY', { details: { remaining: fromMilli(after.remaining_milli) } });
  }
  throw invalidTransition(after.state, action);
}

function invalidTransition(state: string, action: string) {
  return new ApiError('INVALID_TRANSITION', { details: { state, action } });
}

/** A person's move: visible, allowed from this state, and theirs to make. */
async function personMove(
  deps: Deps,
  o: {
    id: number;
    user: SessionUser;
    action: TExchangeAction;
    note: string | null;
    set?: MoveOptions['set'];
  },
  prepare?: (row: repo.ExchangeRow, party: Party) => MoveOptions['set'],
): Promise<TExchangeDetail> {
  const { row, party } = await requireVisible(deps, o.id, o.user);
  const t = transitionFor(row.state, o.action);
  if (!t) throw invalidTransition(row.state, o.action);
  if (!mayAct(t, party, factsOf(row)))
    throw new ApiError('FORBIDDEN', { details: { state: row.state, action: o.action } });
  const set = prepare ? prepare(row, party) : o.set;
  await move(deps, { action: o.action, row, actorId: o.user.id, note: o.note, ...(set ? { set } : {}) });
  return getExchange(deps, { id: o.id, user: o.user });
}

export function transition(
  deps: Deps,
  o: {
    id: number;
    user: SessionUser;
    action: 'accept' | 'decline' | 'cancel' | 'confirm';
    input: TTransitionInput;
  },
): Promise<TExchangeDetail> {
  return personMove(deps, { id: o.id, user: o.user, action: o.action, note: o.input.note || null });
}

export function recordHandover(
  deps: Deps,
  { id, user, input }: { id: number; user: SessionUser; input: THandoverInput },
): Promise<TExchangeDetail> {
  return personMove(deps, { id, user, action: 'handover', note: input.note || null }, (row, party) => {
    const quantityMilli = toMilli(input.quantity);
    if (quantityMilli > row.quantity_milli)
      throw new ApiError('HANDOVER_EXCEEDS_ACCEPTED', {
        details: { fields: [{ path: 'quantity', message: '' }], accepted: fromMilli(row.quantity_milli) },
      });
    // Someone in both hubs records for the giving side: the receiving hub then confirms.
    const hubId = party.inGiver ? row.from_hub_id : row.to_hub_id;
    const now = deps.now();
    return {
      handover_quantity_milli: quantityMilli,
      handover_mass_grams: input.massGrams ?? null,
      transport_mode: input.transportMode ?? null,
      handover_by: user.id,
      handover_hub_id: hubId,
      handed_over_at: now.toISOString(),
      confirm_by: confirmDeadline(now).toISOString(),
      dispute_reason: null,
    };
  });
}

export function disputeHandover(
  deps: Deps,
  { id, user, input }: { id: number; user: SessionUser; input: TDisputeInput },
): Promise<TExchangeDetail> {
  return personMove(deps, {
    id,
    user,
    action: 'dispute',
    note: input.reason,
    set: { dispute_reason: input.reason },
  });
}

export async function postMessage(
  deps: Deps,
  { id, user, input }: { id: number; user: SessionUser; input: TMessageInput },
): Promise<TExchangeDetail> {
  const { row, party } = await requireVisible(deps, id, user);
  const hubId =
    party.inReceiver && !party.inGiver
      ? row.to_hub_id
      : party.inGiver && !party.inReceiver
        ? row.from_hub_id
        : row.to_hub_id;
  const now = deps.now().toISOString();
  await repo.insertMessage(
    deps.db,
    { exchangeId: id, authorId: user.id, hubId, body: input.body, now },
    recordEvent(deps.db, 'exchange.message', {
      subject: { id },
      actorId: user.id,
      payload: { ...exchangeFacts(row), hubId },
      now,
    }),
  );
  return getExchange(deps, { id, user });
}

export async function recordOutcome(
  deps: Deps,
  { id, user, input }: { id: number; user: SessionUser; input: TOutcomeInput },
): Promise<TExchangeDetail> {
  const { row, party } = await requireVisible(deps, id, user);
  if (!party.inReceiver) throw new ApiError('FORBIDDEN');
  if (row.state !== 'completed') throw invalidTransition(row.state, 'outcome');
  const inserted = await repo.insertOutcome(deps.db, {
    exchangeId: id,
    authorId: user.id,
    body: input.body,
    link: input.link ?? null,
    now: deps.now().toISOString(),
  });
  if (inserted === null) throw invalidTransition(row.state, 'outcome');
  return getExchange(deps, { id, user });
}

/** Adds the one photo of an outcome (its author, of the receiving hub): checked by content, kept in R2. */
export async function addOutcomePhoto(
  deps: PhotoDeps,
  { id, outcomeId, user, file }: { id: number; outcomeId: number; user: SessionUser; file: File },
): Promise<TExchangeDetail> {
  const { party } = await requireVisible(deps, id, user);
  const outcome = await repo.findOutcome(deps.db, id, outcomeId);
  if (!outcome) throw new ApiError('NOT_FOUND');
  if (!party.inReceiver || outcome.author_id !== user.id) throw new ApiError('FORBIDDEN');
  // One photo per outcome: the database refuses a second, even when two arrive at once.
  await photos.storePhoto(deps, photos.outcomeOf(id), outcomeId, file);
  return getExchange(deps, { id, user });
}

/** An outcome's photo, for the members of the two hubs. */
export async function readOutcomePhoto(
  deps: PhotoDeps,
  { id, outcomeId, user }: { id: number; outcomeId: number; user: SessionUser },
) {
  await requireVisible(deps, id, user);
  const outcome = await repo.findOutcome(deps.db, id, outcomeId);
  if (!outcome) throw new ApiError('PHOTO_NOT_FOUND');
  return photos.readPhoto(deps, photos.outcomeOf(id), { ownerId: outcomeId });
}

// ---------- the ledger ----------

export async function listFlows(
  deps: Deps,
  { query, user }: { query: TFlowQuery; user: SessionUser },
): Promise<TFlowPage> {
  const roles = await hubRoles(deps, user.id);
  const hubId = query.hub ? (await requireHubRef(deps, query.hub)).id : null;
  if (roles.size === 0) return { items: [], nextCursor: null };
  const rows = await repo.listFlows(deps.db, {
    hubIds: [...roles.keys()],
    hubId,
    categories: query.category ? categoryWithDescendants(query.category) : null,
    from: query.from ?? null,
    to: query.to ?? null,
    beforeId: query.cursor ? Number(query.cursor) : null,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toFlow),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]?.id) : null,
  };
}

/** A correction: the reversing row of a flow, by a manager of either hub, with a reason. */
export async function reverseFlow(
  deps: Deps,
  { id, user, reason }: { id: number; user: SessionUser; reason: string },
): Promise<TFlow> {
  const flow = await repo.findFlow(deps.db, id);
  const roles = await hubRoles(deps, user.id);
  if (!flow || (!roles.has(flow.from_hub_id) && !roles.has(flow.to_hub_id)))
    throw new ApiError('FLOW_NOT_FOUND');
  if (roles.get(flow.from_hub_id) !== 'manager' && roles.get(flow.to_hub_id) !== 'manager')
    throw new ApiError('FORBIDDEN');
  const reversal = await repo.insertReversal(deps.db, {
    flowId: id,
    reason,
    userId: user.id,
    now: deps.now().toISOString(),
  });
  if (reversal === null) throw new ApiError('FLOW_ALREADY_REVERSED');
  const row = await repo.findFlow(deps.db, reversal);
  return toFlow(row!);
}

// ---------- the scheduler ----------

/** Expires unanswered claims and finalises unanswered handovers; each as its own conditional batch. */
export async function runExchangeTimers(deps: Deps, { limit = 200 }: { limit?: number } = {}) {
  const now = deps.now().toISOString();
  const counts = { expired: 0, finalised: 0 };
  for (const [state, action, key] of [
    ['claimed', 'expire', 'expired'],
    ['handed_over', 'finalise', 'finalised'],
  ] as const) {
    for (const id of await repo.dueExchanges(deps.db, { state, now, limit })) {
      const row = await repo.findExchange(deps.db, id);
      if (!row) continue;
      try {
        await move(deps, { action, row, actorId: null, note: null });
        counts[key]++;
      } catch (err) {
        // Someone answered in the meantime: their move stands.
        if (!(err instanceof ApiError)) throw err;
      }
    }
  }
  return counts;
}

/**
 * A message as a report needs it, only for someone who can read it (a person of either hub);
 * null otherwise, as if it did not exist.
 */
export async function reportableMessage(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser },
): Promise<{ id: number; exchangeId: number; hubId: number; authorId: number; body: string } | null> {
  const m = await repo.findMessage(deps.db, id);
  if (!m) return null;
  const row = await repo.findExchange(deps.db, m.exchange_id);
  if (!row) return null;
  const party = partyOf(await hubRoles(deps, user.id), user.id, row);
  if (!party.inGiver && !party.inReceiver) return null;
  return { id: m.id, exchangeId: m.exchange_id, hubId: m.hub_id, authorId: m.author_id, body: m.body };
}

// ---------- tasks ----------

/** What waits in exchanges for a person of these hubs: claims, handovers, outcomes (one statement). */
export async function exchangeTasks(
  deps: Deps,
  { userId, hubIds, limit }: { userId: number; hubIds: number[]; limit: number },
): Promise<TTask[]> {
  if (hubIds.length === 0) return [];
  const rows = await repo.tasksOf(deps.db, { hubIds, userId, limit });
  return rows.map((r) => ({
    kind: r.kind,
    path: `/exchanges/${r.id}`,
    deadline: r.deadline,
    title: r.title,
    hub: null,
    quantity: fromMilli(r.quantity_milli),
    unit: r.unit,
  }));
}

// ---------- request progress ----------

/** The exchanges claimed for a request and what each delivered, in thousandths. */
export async function exchangesOfRequest(deps: Deps, requestId: number) {
  return repo.exchangesOfRequest(deps.db, requestId);
}

/** Which of these listings each hub already has an open or finished exchange on ("claimed by your hub"). */
export async function listingsExchangedByHubs(
  deps: Deps,
  { hubIds, listingIds }: { hubIds: number[]; listingIds: number[] },
): Promise<Set<string>> {
  if (hubIds.length === 0 || listingIds.length === 0) return new Set();
  return exchangedKeysOf(await repo.listingsExchangedByHub(deps.db, { hubIds, listingIds }));
}

/**
 * The statement of `listingsExchangedByHubs`, for a caller's batch (at least one hub and one
 * listing); `exchangedKeysOf` turns its rows into the same set.
 */
export function listingsExchangedByHubsStatement(
  db: D1Database,
  o: { hubIds: number[]; listingIds: number[] },
): D1PreparedStatement {
  return repo.listingsExchangedByHubStatement(db, o);
}

/** `hub:listing` keys of the rows of `listingsExchangedByHubsStatement`. */
export function exchangedKeysOf(rows: { hub_id: number; listing_id: number }[]): Set<string> {
  return new Set(rows.map((r) => `${r.hub_id}:${r.listing_id}`));
}
