/**
 * Recurring streams: create, read, end or withdraw; subscriptions that reserve occurrences; the
 * scheduler's publishing of due occurrences as listings (with the subscriber's exchange); and
 * streams as expected supply for a request. Races are decided by the repo's conditional writes.
 */
import type { Deps, SessionUser } from '../../env';
import { ApiError, validationError } from '../../http/errors';
import type {
  TStream,
  TStreamDetail,
  TStreamInput,
  TStreamList,
  TStreamPatch,
  TStreamSupplyList,
  TSubscribeInput,
  TSubscription,
} from '../../shared/streams.schemas';
import { MAX_OCCURRENCES } from '../../shared/streams.schemas';
import { categoryFamily, categoryWithDescendants } from '../../shared/taxonomy';
import type { RuleKey } from '../../shared/validation';
import { handedOverByListing, openReservedExchange } from '../exchanges/exchanges.service';
import { canEditHubContent, hubSummaryOf, type HubRoles } from '../hubs/hubs.domain';
import { getHub, hubRefsByIds, hubRoles, requireHubRef } from '../hubs/hubs.service';
import { fromMilli, newListingValues, offerOf } from '../listings/listings.domain';
import { occurrenceListingStatement } from '../listings/listings.service';
import { scoreMatch } from '../matching/matching.domain';
import { recordEvent } from '../events/events.service';
import type { NotifyDeps } from '../notifications/notifications.service';
import { findRequestForMatching } from '../requests/requests.candidates';
import { distanceMetres, metresToKm } from '../search/search.domain';
import { isDue, localToday, occurrenceDates, occurrenceView } from './streams.domain';
import * as repo from './streams.repo';

type Viewer = { id: number; roles: HubRoles } | null;

async function viewerOf(deps: Deps, user: SessionUser | null): Promise<Viewer> {
  return user ? { id: user.id, roles: await hubRoles(deps, user.id) } : null;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function toStream(
  r: repo.StreamRow,
  occ: repo.OccurrenceRow[],
  handed: Map<number, number>,
  viewer: Viewer,
): TStream {
  const free = occ.filter((o) => o.listing_id === null && o.reserved_hub_id === null);
  const handedOver = occ.reduce(
    (sum, o) => sum + (o.listing_id === null ? 0 : (handed.get(o.listing_id) ?? 0)),
    0,
  );
  return {
    id: r.id,
    hub: { ...hubSummaryOf(r, 'hub_'), timezone: r.hub_timezone },
    author: { id: r.author_id, displayName: r.author_name },
    ...offerOf(r),
    repeats: r.repeats,
    every: r.every,
    dayOfMonth: r.day_of_month,
    startDate: r.start_date,
    endDate: r.end_date,
    occurrenceCount: r.occurrence_count,
    status: r.status,
    counts: {
      total: occ.length,
      published: occ.filter((o) => o.listing_id !== null).length,
      reserved: occ.filter((o) => o.reserved_hub_id !== null).length,
      free: free.length,
    },
    nextFreeDate: free[0]?.due_date ?? null,
    handedOver: fromMilli(handedOver),
    canEdit: r.status === 'active' && canEditHubContent({ authorId: r.author_id, hubId: r.hub_id }, viewer),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toSubscription(s: repo.SubscriptionRow, occ: repo.OccurrenceRow[], viewer: Viewer): TSubscription {
  return {
    id: s.id,
    streamId: s.stream_id,
    hub: { slug: s.hub_slug, name: s.hub_name },
    createdBy: { id: s.created_by, displayName: s.creator_name },
    requested: s.requested,
    state: s.state,
    reserved: occ.filter((o) => o.subscription_id === s.id).map((o) => ({ seq: o.seq, dueDate: o.due_date })),
    canCancel: s.state === 'active' && !!viewer?.roles.has(s.hub_id),
    createdAt: s.created_at,
  };
}

/** Streams with their occurrences, subscriptions and what was handed over, as the viewer may see them. */
async function details(deps: Deps, rows: repo.StreamRow[], viewer: Viewer): Promise<TStreamDetail[]> {
  const ids = rows.map((r) => r.id);
  const [occ, subs] = await Promise.all([
    repo.occurrencesOf(deps.db, ids),
    repo.subscriptionsOf(deps.db, ids),
  ]);
  const handed = await handedOverByListing(
    deps,
    occ.flatMap((o) => (o.listing_id === null ? [] : [o.listing_id])),
  );
  const hubIds = new Set(viewer?.roles.keys() ?? []);
  return rows.map((r) => {
    const mine = occ.filter((o) => o.stream_id === r.id);
    const streamHub = hubIds.has(r.hub_id);
    return {
      ...toStream(r, mine, handed, viewer),
      occurrences: mine.map((o) =>
        occurrenceView(
          {
            seq: o.seq,
            dueDate: o.due_date,
            listingId: o.listing_id,
            reservedByHubId: o.reserved_hub_id,
            reservedBy:
              o.reserved_slug === null ? null : { slug: o.reserved_slug, name: o.reserved_name ?? '' },
            exchangeId: o.exchange_id,
            handedOverMilli: o.listing_id === null ? 0 : (handed.get(o.listing_id) ?? 0),
          },
          { streamHub, hubIds },
        ),
      ),
      subscriptions: subs
        .filter((s) => s.stream_id === r.id && (streamHub || hubIds.has(s.hub_id)))
        .map((s) => toSubscription(s, mine, viewer)),
    };
  });
}

async function requireStream(deps: Deps, id: number): Promise<repo.StreamRow> {
  const row = await repo.findStream(deps.db, id);
  if (!row) throw new ApiError('STREAM_NOT_FOUND');
  return row;
}

export async function getStream(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser | null },
): Promise<TStreamDetail> {
  const row = await requireStream(deps, id);
  const viewer = await viewerOf(deps, user);
  // A withdrawn stream stays readable to its own hub only.
  if (row.status === 'withdrawn' && !viewer?.roles.has(row.hub_id)) throw new ApiError('STREAM_NOT_FOUND');
  const [detail] = await details(deps, [row], viewer);
  return detail!;
}

export async function listHubStreams(
  deps: Deps,
  { slug, user }: { slug: string; user: SessionUser | null },
): Promise<TStreamList> {
  const hub = await requireHubRef(deps, slug);
  const rows = await repo.streamsOfHub(deps.db, hub.id);
  return { items: await details(deps, rows, await viewerOf(deps, user)) };
}

export async function createStream(
  deps: Deps,
  { slug, input, user }: { slug: string; input: TStreamInput; user: SessionUser },
): Promise<TStreamDetail> {
  const hub = await requireHubRef(deps, slug);
  const roles = await hubRoles(deps, user.id);
  if (!roles.has(hub.id)) throw new ApiError('NOT_A_MEMBER');
  const { timezone } = await getHub(deps, slug, user.id);
  const today = localToday(timezone, deps.now().getTime());
  const issues: { path: string; message: RuleKey }[] = [];
  if (input.startDate < today) issues.push({ path: 'startDate', message: 'date_in_past' });
  else if (input.startDate > addDays(today, 366))
    issues.push({ path: 'startDate', message: 'start_within_year' });
  const recurrence = {
    repeats: input.repeats,
    every: input.every ?? 1,
    dayOfMonth:
      input.repeats === 'monthly' ? (input.dayOfMonth ?? Number(input.startDate.slice(8, 10))) : null,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    count: input.occurrences ?? null,
  };
  const dates = issues.length ? [] : occurrenceDates(recurrence, MAX_OCCURRENCES + 1);
  if (!issues.length && dates.length > MAX_OCCURRENCES)
    issues.push({ path: 'endDate', message: 'stream_too_long' });
  if (!issues.length && dates.length === 0) issues.push({ path: 'endDate', message: 'end_after_start' });
  if (issues.length) throw validationError(issues);
  // Each occurrence's listing is made from these values, exactly as a new listing's would be.
  const { availableFrom: _from, availableUntil: _until, ...offer } = newListingValues(input);
  const id = await repo.insertStream(deps.db, {
    ...offer,
    ...recurrence,
    occurrenceCount: recurrence.count,
    hubId: hub.id,
    authorId: user.id,
    dates,
    now: deps.now().toISOString(),
  });
  return getStream(deps, { id, user });
}

/** Ends or withdraws a stream (its author while a member, or the hub's managers). */
export async function updateStream(
  deps: Deps,
  { id, patch, user }: { id: number; patch: TStreamPatch; user: SessionUser },
): Promise<TStreamDetail> {
  const row = await requireStream(deps, id);
  const viewer = await viewerOf(deps, user);
  if (!viewer?.roles.has(row.hub_id) && row.status === 'withdrawn') throw new ApiError('STREAM_NOT_FOUND');
  if (!canEditHubContent({ authorId: row.author_id, hubId: row.hub_id }, viewer))
    throw new ApiError('FORBIDDEN');
  if (row.status !== 'active') throw new ApiError('STREAM_NOT_ACTIVE', { details: { status: row.status } });
  if (!(await repo.closeStream(deps.db, { id, status: patch.status, now: deps.now().toISOString() })))
    throw new ApiError('STREAM_NOT_ACTIVE');
  return getStream(deps, { id, user });
}

/**
 * Subscribes one of the person's hubs and reserves the next `occurrences` free occurrences, in
 * one batch; refusals say why (own hub, not active, already subscribed, nothing free).
 */
export async function subscribe(
  deps: Deps,
  { streamId, input, user }: { streamId: number; input: TSubscribeInput; user: SessionUser },
): Promise<TSubscription> {
  const stream = await requireStream(deps, streamId);
  const hub = await requireHubRef(deps, input.hub);
  const roles = await hubRoles(deps, user.id);
  if (!roles.has(hub.id)) throw new ApiError('NOT_A_MEMBER');
  if (stream.status === 'withdrawn' && !roles.has(stream.hub_id)) throw new ApiError('STREAM_NOT_FOUND');
  if (hub.id === stream.hub_id)
    throw new ApiError('STREAM_OWN_HUB', { details: { fields: [{ path: 'hub', message: '' }] } });
  const now = deps.now().toISOString();
  const made = await repo.subscribe(
    deps.db,
    { streamId, hubId: hub.id, userId: user.id, count: input.occurrences, token: crypto.randomUUID(), now },
    (subject) =>
      recordEvent(deps.db, 'stream.reserved', {
        subject,
        actorId: user.id,
        payload: {
          streamId,
          streamTitle: stream.title,
          hubId: stream.hub_id,
          reservedHubId: hub.id,
          reservedHubName: hub.name,
        },
        now,
      }),
  );
  if (!made) {
    const why = await repo.subscribeRefusal(deps.db, { streamId, hubId: hub.id });
    if (!why || why.status !== 'active') throw new ApiError('STREAM_NOT_ACTIVE');
    if (why.subscribed) throw new ApiError('ALREADY_SUBSCRIBED');
    throw new ApiError('NO_FREE_OCCURRENCES');
  }
  return subscriptionView(deps, made.id, user);
}

async function subscriptionView(deps: Deps, id: number, user: SessionUser): Promise<TSubscription> {
  const sub = await repo.findSubscription(deps.db, id);
  if (!sub) throw new ApiError('SUBSCRIPTION_NOT_FOUND');
  const occ = await repo.occurrencesOf(deps.db, [sub.stream_id]);
  return toSubscription(sub, occ, await viewerOf(deps, user));
}

/** Cancels a subscription (members of the subscribing hub): its unpublished occurrences become free. */
export async function cancelSubscription(
  deps: Deps,
  { streamId, subscriptionId, user }: { streamId: number; subscriptionId: number; user: SessionUser },
): Promise<TSubscription> {
  const sub = await repo.findSubscription(deps.db, subscriptionId);
  const roles = await hubRoles(deps, user.id);
  if (!sub || sub.stream_id !== streamId) throw new ApiError('SUBSCRIPTION_NOT_FOUND');
  const stream = await requireStream(deps, streamId);
  // People of neither hub do not learn that it exists.
  if (!roles.has(sub.hub_id) && !roles.has(stream.hub_id)) throw new ApiError('SUBSCRIPTION_NOT_FOUND');
  if (!roles.has(sub.hub_id)) throw new ApiError('FORBIDDEN');
  if (sub.state !== 'active') throw new ApiError('SUBSCRIPTION_CANCELLED');
  if (
    !(await repo.cancelSubscription(deps.db, {
      id: subscriptionId,
      userId: user.id,
      now: deps.now().toISOString(),
    }))
  )
    throw new ApiError('SUBSCRIPTION_CANCELLED');
  return subscriptionView(deps, subscriptionId, user);
}

// ---------- the scheduler ----------

/** Occurrences published per run at most; the next run goes on where this one stopped. */
export const PUBLISH_BATCH = 200;

/**
 * Publishes one occurrence as a listing, in one batch: the listings module's insert (only while
 * the stream is active and the occurrence unpublished), then the occurrence's link to it.
 * Returns the listing's id when this batch published it, else null.
 */
async function publishOccurrence(
  deps: Deps,
  o: { streamId: number; seq: number; now: string; event: D1PreparedStatement },
) {
  const [inserted] = await deps.db.batch<{ id: number }>([
    occurrenceListingStatement(deps, o),
    // Right after the insert: its subject is `{ inserted: true }`, recorded only if it published.
    o.event,
    repo.linkOccurrenceStatement(deps.db, o),
  ]);
  return inserted?.results[0]?.id ?? null;
}

/**
 * Publishes every occurrence whose date has arrived in its hub's zone as an active listing
 * (available from that date), opens the accepted exchange of each reserved one for its
 * subscriber, and ends streams with nothing left to publish. Each new listing's event brings
 * matching and the reserving hub's notification.
 * Idempotent: a second run finds nothing to publish and no reservation without its exchange.
 */
export async function publishDueOccurrences(
  deps: NotifyDeps,
  { limit = PUBLISH_BATCH }: { limit?: number } = {},
) {
  const now = deps.now();
  const nowIso = now.toISOString();
  // No zone is more than a day ahead of UTC: every hub's today is on or before tomorrow in UTC.
  const maxDate = addDays(nowIso.slice(0, 10), 1);
  const published: number[] = [];
  for (const due of await repo.dueOccurrences(deps.db, { maxDate, limit })) {
    if (!isDue(due.due_date, due.timezone, now.getTime())) continue;
    const listingId = await publishOccurrence(deps, {
      streamId: due.stream_id,
      seq: due.seq,
      now: nowIso,
      event: recordEvent(deps.db, 'stream.occurrence_published', {
        subject: { inserted: true },
        actorId: null,
        payload: {
          streamId: due.stream_id,
          streamTitle: due.title,
          hubId: due.hub_id,
          reservedHubId: due.reserved_hub_id,
        },
        now: nowIso,
      }),
    });
    if (listingId !== null) published.push(listingId);
  }
  let exchanges = 0;
  for (const r of await repo.reservationsAwaitingExchange(deps.db, limit)) {
    const exchangeId = await openReservedExchange(deps, {
      listingId: r.listing_id,
      toHubId: r.hub_id,
      claimedBy: r.created_by,
      quantityMilli: r.quantity_milli,
      message: `↻ ${r.title} · #${r.seq}`,
    });
    if (exchangeId === null) continue;
    await repo.linkExchange(deps.db, { streamId: r.stream_id, seq: r.seq, exchangeId });
    exchanges++;
  }
  const ended = await repo.endFinishedStreams(deps.db, nowIso);
  return { published: published.length, exchanges, ended };
}

// ---------- expected supply ----------

/**
 * Active streams of other hubs that could fill a request, best first: the request's category
 * family, within its fetch radius, with a free occurrence; scored by matching's own rules as a
 * listing available from the next free occurrence. Members of the request's hub only.
 */
export async function requestStreams(
  deps: Deps,
  { requestId, user }: { requestId: number; user: SessionUser },
): Promise<TStreamSupplyList> {
  const request = await findRequestForMatching(deps.db, requestId);
  if (!request) throw new ApiError('REQUEST_NOT_FOUND');
  const roles = await hubRoles(deps, user.id);
  if (!roles.has(request.hub_id)) throw new ApiError('NOT_A_MEMBER');
  if (request.status !== 'open') return { items: [] };
  const rows = await repo.activeStreamsIn(deps.db, {
    categories: categoryWithDescendants(categoryFamily(request.category)),
    excludeHubId: request.hub_id,
  });
  const hubs = await hubRefsByIds(deps, [request.hub_id, ...rows.map((r) => r.hub_id)]);
  const origin = hubs.get(request.hub_id);
  if (!origin || rows.length === 0) return { items: [] };
  const near = rows.flatMap((r) => {
    const hub = hubs.get(r.hub_id);
    const metres = hub ? distanceMetres(origin, hub) : Infinity;
    return metres <= request.fetch_radius_km * 1000 ? [{ row: r, metres }] : [];
  });
  const viewer = { id: user.id, roles };
  const detailed = await details(
    deps,
    near.map((n) => n.row),
    viewer,
  );
  const today = deps.now().toISOString().slice(0, 10);
  const items: TStreamSupplyList['items'] = [];
  near.forEach(({ row, metres }, i) => {
    const stream = detailed[i]!;
    if (stream.nextFreeDate === null) return;
    const m = scoreMatch(
      {
        id: row.id,
        hubId: row.hub_id,
        category: row.category,
        quantityMilli: row.quantity_milli,
        unit: row.unit,
        lengthMm: row.length_mm,
        widthMm: row.width_mm,
        thicknessMm: row.thickness_mm,
        condition: row.condition,
        availableFrom: stream.nextFreeDate,
        availableUntil: null,
        status: 'active',
      },
      {
        id: request.id,
        hubId: request.hub_id,
        category: request.category,
        quantityMilli: request.quantity_milli,
        unit: request.unit,
        minLengthMm: request.min_length_mm,
        minWidthMm: request.min_width_mm,
        minThicknessMm: request.min_thickness_mm,
        neededBy: request.needed_by,
        fetchRadiusKm: request.fetch_radius_km,
        status: request.status,
      },
      metres,
      today,
    );
    if (!m) return;
    const { occurrences: _o, subscriptions: _s, ...summary } = stream;
    items.push({
      stream: summary,
      score: m.score,
      reasons: m.reasons,
      distanceKm: metresToKm(metres),
      nextFreeDate: stream.nextFreeDate,
      freeOccurrences: stream.counts.free,
      expectedQuantity: stream.quantity,
    });
  });
  items.sort((a, b) => b.score - a.score || a.distanceKm - b.distanceKm || a.stream.id - b.stream.id);
  return { items };
}
