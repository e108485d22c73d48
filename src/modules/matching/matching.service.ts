/**
 * Matching use cases: incremental matching when a listing or request changes (reading only the
 * candidates of its category family within reach), the match lists, dismissal, the scheduled pass.
 */
import type { Deps, SessionUser } from '../../env';
import {
  exchangedKeysOf,
  listingsExchangedByHubs,
  listingsExchangedByHubsStatement,
} from '../exchanges/exchanges.service';
import { ApiError } from '../../http/errors';
import type {
  TListingMatches,
  TMatchReason,
  TRequestMatch,
  TRequestMatches,
} from '../../shared/matching.schemas';
import { shownEstimate } from '../../shared/mass';
import { categoryFamily } from '../../shared/taxonomy';
import { hubSummaryOf } from '../hubs/hubs.domain';
import { hubDistancesFrom, hubRefsByIds, listMembershipsOfUser } from '../hubs/hubs.service';
import * as listings from '../listings/listings.candidates';
import * as photos from '../photos/photos.service';
import { notify, type NotifyDeps } from '../notifications/notifications.service';
import * as requests from '../requests/requests.candidates';
import { checkListingAgainstSavedSearches } from '../saved-searches/saved-searches.service';
import { metresToKm } from '../search/search.domain';
import { buildBundle, scoreMatch, type MatchListing, type MatchRequest } from './matching.domain';
import * as repo from './matching.repo';

/** The largest fetch radius a request may have: listings farther than this can match nothing. */
export const MAX_FETCH_RADIUS_KM = 1000;
/** Queued listings matched per call (after an import, and by each scheduled pass). */
export const QUEUE_BATCH = 250;
/** Requests recomputed per scheduled invocation; the pass resumes where it left off. */
export const REBUILD_BATCH = 200;
/**
 * The matches a request keeps from its own recomputation, best first: a request in a dense family
 * can have thousands of candidates, and nobody reads past the first few dozen. A new listing still
 * joins every request it fits; the request's next recomputation trims it back to this many.
 */
export const MATCHES_PER_REQUEST = 50;

const today = (deps: Deps) => deps.now().toISOString().slice(0, 10);

const toMatchListing = (l: listings.ListingCandidateRow): MatchListing => ({
  id: l.id,
  hubId: l.hub_id,
  category: l.category,
  quantityMilli: l.quantity_milli,
  unit: l.unit,
  lengthMm: l.length_mm,
  widthMm: l.width_mm,
  thicknessMm: l.thickness_mm,
  condition: l.condition,
  availableFrom: l.available_from,
  availableUntil: l.available_until,
  status: l.status,
});

const toMatchRequest = (r: requests.RequestCandidateRow): MatchRequest => ({
  id: r.id,
  hubId: r.hub_id,
  category: r.category,
  quantityMilli: r.quantity_milli,
  unit: r.unit,
  minLengthMm: r.min_length_mm,
  minWidthMm: r.min_width_mm,
  minThicknessMm: r.min_thickness_mm,
  neededBy: r.needed_by,
  fetchRadiusKm: r.fetch_radius_km,
  status: r.status,
});

/**
 * Recomputes one listing's matches and tells request authors about new ones. A listing that is
 * withdrawn, expired or gone loses every open match at once.
 */
export async function refreshListingMatches(
  deps: NotifyDeps,
  listingId: number,
): Promise<{ matched: number; notified: number }> {
  const now = deps.now().toISOString();
  const day = today(deps);
  const listing = await listings.findListingForMatching(deps.db, listingId);
  const matchable =
    listing?.status === 'active' &&
    listing.quantity_milli > 0 &&
    (listing.available_until === null || listing.available_until >= day);
  if (!listing || !matchable) {
    await repo.staleListingMatches(deps.db, listingId, [], now).run();
    return { matched: 0, notified: 0 };
  }
  const candidates = await requests.candidateRequests(deps.db, {
    family: categoryFamily(listing.category),
    hubDistances: await hubDistancesFrom(deps, listing.hub_id, MAX_FETCH_RADIUS_KM),
    excludeHubId: listing.hub_id,
  });
  const rows: repo.MatchValues[] = [];
  for (const r of candidates) {
    const m = scoreMatch(toMatchListing(listing), toMatchRequest(r), r.metres, day);
    if (m)
      rows.push({
        listingId,
        requestId: r.id,
        score: m.score,
        reasons: m.reasons,
        partsFit: m.partsFit,
        distanceM: r.metres,
      });
  }
  const writes = [
    repo.staleListingMatches(
      deps.db,
      listingId,
      rows.map((r) => r.requestId),
      now,
    ),
  ];
  if (rows.length) writes.unshift(repo.upsertMatches(deps.db, rows, now, day));
  await deps.db.batch(writes);

  const open = await repo.openMatchesOfListing(deps.db, listingId);
  const byId = new Map(candidates.map((r) => [r.id, r]));
  // No false alarm: a hub that already claimed (or received) this listing is not told it is new.
  const exchanged = await listingsExchangedByHubs(deps, {
    hubIds: [...new Set(open.flatMap((m) => byId.get(m.request_id)?.hub_id ?? []))],
    listingIds: [listingId],
  });
  const told = open.flatMap((m) => {
    const r = byId.get(m.request_id);
    return r && !exchanged.has(`${r.hub_id}:${listingId}`) ? [{ m, r }] : [];
  });
  // Who offers it: the listing's hub, named in what the request's author reads.
  const fromHubName =
    told.length > 0 ? (await hubRefsByIds(deps, [listing.hub_id])).get(listing.hub_id)?.name : undefined;
  const notified = await notify(
    deps,
    told.map(({ m, r }) => ({
      userId: r.author_id,
      kind: 'request_match' as const,
      dedupeKey: `match:${m.listing_id}:${m.request_id}`,
      payload: {
        listingId,
        listingTitle: listing.title,
        requestId: r.id,
        requestTitle: r.title,
        score: m.score,
        ...(fromHubName === undefined ? {} : { fromHubName }),
      },
    })),
  );
  return { matched: open.length, notified };
}

/** Recomputes one request's matches; a request no longer open loses every open match. */
export async function refreshRequestMatches(deps: Deps, requestId: number): Promise<{ matched: number }> {
  const now = deps.now().toISOString();
  const day = today(deps);
  const request = await requests.findRequestForMatching(deps.db, requestId);
  if (!request || request.status !== 'open') {
    await repo.staleRequestMatches(deps.db, requestId, [], now).run();
    return { matched: 0 };
  }
  const candidates = await listings.candidateListings(deps.db, {
    family: categoryFamily(request.category),
    hubDistances: await hubDistancesFrom(deps, request.hub_id, request.fetch_radius_km),
    today: day,
    excludeHubId: request.hub_id,
  });
  const scored: repo.MatchValues[] = [];
  for (const l of candidates) {
    const m = scoreMatch(toMatchListing(l), toMatchRequest(request), l.metres, day);
    if (m)
      scored.push({
        listingId: l.id,
        requestId,
        score: m.score,
        reasons: m.reasons,
        partsFit: m.partsFit,
        distanceM: l.metres,
      });
  }
  const rows = scored
    .sort((a, b) => b.score - a.score || a.distanceM - b.distanceM || a.listingId - b.listingId)
    .slice(0, MATCHES_PER_REQUEST);
  const writes = [
    repo.staleRequestMatches(
      deps.db,
      requestId,
      rows.map((r) => r.listingId),
      now,
    ),
  ];
  if (rows.length) writes.unshift(repo.upsertMatches(deps.db, rows, now, day));
  await deps.db.batch(writes);
  return { matched: rows.length };
}

function logFailure(what: string, id: number, err: unknown) {
  console.error(JSON.stringify({ matching: what, id, error: String(err) }));
}

/**
 * What follows a listing's creation, edit or withdrawal: its matches, then saved searches. The
 * write itself already succeeded, so a failure here is logged, not answered: the match lists skip
 * listings that stopped being matchable, and the scheduled pass repairs the rest.
 */
export async function onListingChanged(deps: NotifyDeps, listingId: number): Promise<void> {
  try {
    await refreshListingMatches(deps, listingId);
    await checkListingAgainstSavedSearches(deps, listingId);
  } catch (err) {
    logFailure('listing', listingId, err);
  }
}

export async function onRequestChanged(deps: Deps, requestId: number): Promise<void> {
  try {
    await refreshRequestMatches(deps, requestId);
  } catch (err) {
    logFailure('request', requestId, err);
  }
}

/**
 * Matches queued listings (imports'), oldest first, up to `limit` (only one import's when given):
 * each as if it had just been created (matches, notifications, saved searches), then leaves the queue. Two drains running at
 * once may match a listing twice; the second changes nothing (upserts, notifications deduplicated).
 */
export async function drainMatchingQueue(
  deps: NotifyDeps,
  { limit = QUEUE_BATCH, importId }: { limit?: number; importId?: number } = {},
): Promise<{ matchedListings: number; left: boolean }> {
  const ids = await repo.queuedListingIds(deps.db, limit, importId);
  for (const id of ids) await onListingChanged(deps, id);
  if (ids.length) await repo.unqueue(deps.db, ids);
  return { matchedListings: ids.length, left: ids.length === limit };
}

const parseReasons = (json: string) => JSON.parse(json) as TMatchReason[];

function coveredMilliOf(reasons: TMatchReason[]): number | null {
  const c = reasons.find((r) => r.code === 'coverage');
  return c && c.code === 'coverage' ? Math.round(c.covered * 1000) : null;
}

/** The request, if the person is a member of its hub: one statement (the role read with it). */
async function requireMemberOfRequestHub(deps: Deps, requestId: number, user: SessionUser) {
  return memberOfRequestHub(await requests.findRequestForMember(deps.db, requestId, user.id));
}

/** The request read with the person's role in its hub, when they are a member; else a 404 or 403. */
function memberOfRequestHub(request: requests.RequestForMemberRow | null): requests.RequestForMemberRow {
  if (!request) throw new ApiError('REQUEST_NOT_FOUND');
  if (!request.viewer_role) throw new ApiError('NOT_A_MEMBER');
  return request;
}

/** A request's open matches, best first, with a bundle that fills the quantity; members of its hub only. */
export async function requestMatches(
  deps: Deps,
  { requestId, user }: { requestId: number; user: SessionUser },
): Promise<TRequestMatches> {
  // Two round trips to D1: the request with the person's role in its hub and its open matches
  // (read together, shown only to a member), then the matches' listings with what the hub
  // already claimed of them.
  const asked = await requestWithOpenMatches(deps, requestId, user);
  const request = memberOfRequestHub(asked.request);
  const { items, shown, found } = await shownMatches(deps, request, asked.rows);
  const bundle = buildBundle(
    shown.map((m) => ({
      matchId: m.id,
      listingId: m.listing_id,
      hubId: found.get(m.listing_id)?.hub_id ?? 0,
      distanceMetres: m.distance_m,
      score: m.score,
      coveredMilli: coveredMilliOf(parseReasons(m.reasons)),
    })),
    { quantityMilli: request.quantity_milli, unit: request.unit },
  );
  return { items, bundle };
}

/**
 * A request's open matches whose listings are at the person's own hubs, best first, no bundle:
 * for a member of another hub, what of theirs the request's hub finds among its matches (the
 * request page's "Can your hub help?"). Any signed-in person; requests are public, and so are a
 * listing's matches. The request's hub's own members get its own listings: none (matching never
 * pairs a hub with itself).
 */
export async function requestMatchesOfMyHubs(
  deps: Deps,
  { requestId, user }: { requestId: number; user: SessionUser },
): Promise<TRequestMatches> {
  const { request, rows } = await requestWithOpenMatches(deps, requestId, user);
  if (!request) throw new ApiError('REQUEST_NOT_FOUND');
  if (rows.length === 0) return { items: [], bundle: null };
  const mine = new Set((await listMembershipsOfUser(deps, user.id)).map((m) => m.hub.slug));
  const { items } = await shownMatches(deps, request, rows, (l) => mine.has(l.hub_slug));
  return { items, bundle: null };
}

/** A request with the person's role in its hub (null: no such request), and its open matches, best first: one round trip. */
async function requestWithOpenMatches(
  deps: Deps,
  requestId: number,
  user: SessionUser,
): Promise<{ request: requests.RequestForMemberRow | null; rows: repo.MatchRow[] }> {
  const [asked, open] = await deps.db.batch([
    requests.requestForMemberStatement(deps.db, requestId, user.id),
    repo.openMatchesOfRequestStatement(deps.db, requestId),
  ]);
  return {
    request: (asked?.results[0] ?? null) as requests.RequestForMemberRow | null,
    rows: (open?.results ?? []) as repo.MatchRow[],
  };
}

/**
 * The matches of `rows` still matchable, as the API shows them, with their listings (`keep`: only
 * those whose listing it admits): one round trip for the listings and what the request's hub
 * already claimed of them.
 */
async function shownMatches(
  deps: Deps,
  request: requests.RequestForMemberRow,
  rows: repo.MatchRow[],
  keep: (l: listings.ShownListingRow) => boolean = () => true,
): Promise<{ items: TRequestMatch[]; shown: repo.MatchRow[]; found: Map<number, listings.ShownListingRow> }> {
  const ids = rows.map((r) => r.listing_id);
  let found = new Map<number, listings.ShownListingRow>();
  let claimed = new Set<string>();
  if (ids.length > 0) {
    const [listed, exchanged] = await deps.db.batch([
      listings.listingsByIdsStatement(deps.db, ids),
      listingsExchangedByHubsStatement(deps.db, { hubIds: [request.hub_id], listingIds: ids }),
    ]);
    found = listings.shownListingsOf(listed as D1Result<listings.ShownListingRow>);
    claimed = exchangedKeysOf((exchanged?.results ?? []) as { hub_id: number; listing_id: number }[]);
  }
  const day = today(deps);
  const items: TRequestMatch[] = [];
  const shown: repo.MatchRow[] = [];
  for (const m of rows) {
    const l = found.get(m.listing_id);
    // Never show a listing that stopped being matchable, even before its match was marked stale.
    if (
      !l ||
      l.status !== 'active' ||
      l.quantity_milli <= 0 ||
      (l.available_until !== null && l.available_until < day) ||
      !keep(l)
    )
      continue;
    shown.push(m);
    items.push({
      id: m.id,
      score: m.score,
      reasons: parseReasons(m.reasons),
      partsFit: m.parts_fit,
      distanceKm: metresToKm(m.distance_m),
      state: m.state,
      claimedByHub: claimed.has(`${request.hub_id}:${l.id}`),
      listing: {
        id: l.id,
        kind: l.kind,
        title: l.title,
        category: l.category,
        quantity: l.total_milli / 1000,
        quantityRemaining: l.quantity_milli / 1000,
        unit: l.unit,
        lengthMm: l.length_mm,
        widthMm: l.width_mm,
        thicknessMm: l.thickness_mm,
        availableUntil: l.available_until,
        hub: hubSummaryOf(l, 'hub_'),
        photo: l.photo_id === null ? null : { id: l.photo_id, url: photos.LISTING.url(l.id, l.photo_id) },
        mass: shownEstimate(toMatchListing(l)),
      },
    });
  }
  return { items, shown, found };
}

/** The open requests a listing could fill (requests are public, like search). */
export async function listingMatches(deps: Deps, listingId: number): Promise<TListingMatches> {
  // Two round trips to D1: the listing with its open matches, then the matched requests.
  const [read, open] = await deps.db.batch([
    listings.listingForMatchingStatement(deps.db, listingId),
    repo.openMatchesOfListingStatement(deps.db, listingId),
  ]);
  const listing = (read?.results[0] ?? null) as listings.ListingCandidateRow | null;
  if (!listing) throw new ApiError('LISTING_NOT_FOUND');
  const rows = (open?.results ?? []) as repo.MatchRow[];
  const found = await requests.requestsByIds(
    deps.db,
    rows.map((r) => r.request_id),
  );
  const items: TListingMatches['items'] = [];
  for (const m of rows) {
    const r = found.get(m.request_id);
    // A request that closed (or was hidden) is never shown, even before its match was marked stale.
    if (!r || r.status !== 'open') continue;
    items.push({
      id: m.id,
      score: m.score,
      reasons: parseReasons(m.reasons),
      partsFit: m.parts_fit,
      distanceKm: metresToKm(m.distance_m),
      request: {
        id: r.id,
        title: r.title,
        category: r.category,
        quantity: r.quantity_milli / 1000,
        unit: r.unit,
        neededBy: r.needed_by,
        hub: hubSummaryOf(r, 'hub_'),
      },
    });
  }
  return {
    items,
    mass: shownEstimate(toMatchListing(listing)),
  };
}

/** "Not suitable": the match never returns, whatever is recomputed later. Members of the request's hub. */
export async function dismissMatch(
  deps: Deps,
  { matchId, user }: { matchId: number; user: SessionUser },
): Promise<{ id: number; state: 'dismissed' }> {
  const match = await repo.findMatch(deps.db, matchId);
  if (!match) throw new ApiError('MATCH_NOT_FOUND');
  await requireMemberOfRequestHub(deps, match.request_id, user);
  await repo.dismissMatch(deps.db, matchId, user.id, deps.now().toISOString());
  return { id: matchId, state: 'dismissed' };
}

const dayNumber = (day: string) => Number(day.replaceAll('-', ''));
const dayOfNumber = (n: number) =>
  n === 0 ? '' : `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}`;

/**
 * The scheduled pass: queued listings (imports) are matched first, then matches of listings whose
 * availability ended since the last pass expire, then the next REBUILD_BATCH open requests are recomputed (scores age: urgency,
 * availability; it also repairs whatever an incremental update missed), resuming after the last
 * one done; at the end it starts over.
 */
export async function rebuildMatches(deps: NotifyDeps, { batch = REBUILD_BATCH }: { batch?: number } = {}) {
  const queued = await drainMatchingQueue(deps);
  const now = deps.now().toISOString();
  const day = today(deps);
  const since = dayOfNumber(await repo.readCursor(deps.db, 'expiry'));
  const expired = await repo.expireMatches(deps.db, since, day, now);
  await repo.writeCursor(deps.db, 'expiry', dayNumber(day), now);
  const after = await repo.readCursor(deps.db, 'rebuild');
  const ids = await requests.openRequestIdsAfter(deps.db, after, batch);
  let matched = 0;
  for (const id of ids) matched += (await refreshRequestMatches(deps, id)).matched;
  const last = ids.length < batch ? 0 : ids[ids.length - 1]!;
  await repo.writeCursor(deps.db, 'rebuild', last, now);
  return { queued: queued.matchedListings, expired, rebuilt: ids.length, matched, cursor: last };
}

// ---------- for bulk imports ----------

/** The statement queueing an import's listings for their first matching pass, inside the import's final batch. */
export function queueImportStatement(deps: Deps, o: { importId: number; now: string }): D1PreparedStatement {
  return repo.queueImportStatement(deps.db, o.importId, o.now);
}
