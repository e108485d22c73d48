import type { Deps, SessionUser } from '../../env';
import { ApiError } from '../../http/errors';
import type { TMembership } from '../../shared/accounts.schemas';
import type { TRole } from '../../shared/common.schemas';
import type {
  THub,
  THubInput,
  THubPage,
  THubPatch,
  THubSummary,
  THubSummaryQuery,
  THubMap,
  TInvite,
  TInvitePreview,
  TJoinRequest,
  TJoinRequestList,
  TMember,
} from '../../shared/hubs.schemas';
import { hashToken, newToken } from '../accounts/accounts.crypto';
import {
  boxRanges,
  boxRingRanges,
  sharedRanges,
  canManage,
  canRemoveMember,
  inviteExpiry,
  ringRanges,
  squareReachMetres,
  firstRingCells,
  nextRingCells,
  hubWordsMatch,
  hubSummaryOf,
  MAP_LEVELS,
  MAP_ONE_BY_ONE,
  mapBoxRanges,
  mapCellBox,
  mapLevel,
  mapLevelRanges,
  type MapBox,
} from './hubs.domain';
import type { TTask } from '../../shared/tasks.schemas';
import { recordEvent } from '../events/events.service';
import { distanceMetres } from '../search/search.domain';
import type { HubRing } from '../search/search.statements';
import * as repo from './hubs.repo';
import * as joinRepo from './join-requests.repo';

export type { HubRef } from './hubs.repo';

/**
 * A page of the hubs directory, by name, with each hub's counts, only the hubs whose name or city
 * hold the words `q` when given (as a person types them); the next page's cursor when there is more.
 */
export async function listHubs(
  deps: Deps,
  { query, viewerId }: { query: { q?: string; cursor?: string; limit: number }; viewerId: number | null },
): Promise<THubPage> {
  const match = query.q ? hubWordsMatch(query.q) : null;
  if (query.q && match === null) return { items: [], nextCursor: null };
  const rows = await repo.listHubs(deps.db, viewerId, {
    afterId: query.cursor ? Number(query.cursor) : null,
    limit: query.limit + 1,
    match,
  });
  const page = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? page[page.length - 1] : undefined;
  return { items: page.map((r) => r.hub), nextCursor: last ? String(last.id) : null };
}

/**
 * Hubs' summaries by name, without counts: those whose name or city hold the words `q` (a picker
 * as a person types), at the point `at` or with the slug `slug`, or the first by name; at most
 * `limit` (100 unless told).
 */
export async function listHubSummaries(deps: Deps, query: THubSummaryQuery = {}): Promise<THubSummary[]> {
  const match = query.q ? hubWordsMatch(query.q) : undefined;
  if (match === null) return [];
  // At most a page of 100 (a map of every hub reads them a view at a time, `hubMap`). Words read
  // the page's first hubs by name from the full-text index (migration 0064): a word a thousand
  // hubs hold costs a picker the same as one fifty hold, and a full list says to type more.
  const limit = query.limit ?? 100;
  return repo.listHubSummaries(deps.db, {
    match,
    at: query.at,
    slug: query.slug,
    limit,
  });
}

/** SQLite's NOCASE: ASCII letters folded, nothing else, so a map lists hubs as the directory does. */
const nocase = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** By name as `ORDER BY name COLLATE NOCASE, id` orders them (`hubs_name`). */
const byName = (a: { name: string; id: number }, b: { name: string; id: number }) => {
  const x = nocase(a.name);
  const y = nocase(b.name);
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
};

/**
 * A map of every hub, one view at a time (`bbox`; without it, the box round every hub, with how
 * many there are). The view is divided into about `columns` cells of hub_map_cells (migration
 * 0061) across its wider side, and each cell read is one row, whatever it holds: a cell of one hub
 * is that hub, a cell of more a cluster (a count at the centre of its hubs). A view holding no more
 * than MAP_ONE_BY_ONE hubs, or small enough for the hubs' own grid, shows each of its hubs, read
 * through hubs_cell. At most three statements; rows read grow with the cells and hubs drawn, not
 * with the network.
 */
export async function hubMap(deps: Deps, query: { bbox?: MapBox; columns: number }): Promise<THubMap> {
  const network = query.bbox ? null : await repo.hubMapNetwork(deps.db, MAP_LEVELS);
  const box = query.bbox ?? network?.extent;
  if (!box) return { hubs: [], clusters: [], network };
  const oneByOne = async (): Promise<THubMap> => {
    const hubs = await repo.hubPointsInCells(deps.db, mapBoxRanges(box));
    return { hubs: hubs.sort(byName).map((h) => hubSummaryOf(h, '')), clusters: [], network };
  };
  const level = mapLevel(box, query.columns);
  if (level === 0) return oneByOne();
  const cells = await repo.hubMapCells(deps.db, level, mapLevelRanges(box, level));
  if (cells.reduce((n, c) => n + c.hubs, 0) <= MAP_ONE_BY_ONE) return oneByOne();
  // A cell of one hub holds that hub's id as its sum of ids.
  const single = (
    await repo.hubRefsByIds(
      deps.db,
      cells.filter((c) => c.hubs === 1).map((c) => c.id_sum),
    )
  )
    .sort(byName)
    .map(({ id: _id, ...summary }) => summary);
  const clusters = cells
    .filter((c) => c.hubs > 1)
    .map((c) => ({
      ...mapCellBox(level, c.cell),
      hubs: c.hubs,
      lat: Math.round(c.lat_e6 / c.hubs) / 1e6,
      lon: Math.round(c.lon_e6 / c.hubs) / 1e6,
    }));
  return { hubs: single, clusters, network };
}

export async function getHub(deps: Deps, slug: string, viewerId: number | null): Promise<THub> {
  const hub = await repo.findHub(deps.db, slug, viewerId);
  if (!hub) throw new ApiError('HUB_NOT_FOUND');
  return hub;
}

/** A hub's id and summary, for other modules. */
export async function requireHubRef(deps: Deps, slug: string): Promise<repo.HubRef> {
  const hub = await repo.findHubRef(deps.db, slug);
  if (!hub) throw new ApiError('HUB_NOT_FOUND');
  return hub;
}

/** The ids of the hubs of these slugs, or a 404 naming `field` when one is no hub's. */
export async function requireHubIds(deps: Deps, slugs: string[], field: string): Promise<number[]> {
  const ids = await repo.hubIdsOfSlugs(deps.db, slugs);
  if (slugs.some((slug) => !ids.has(slug)))
    throw new ApiError('HUB_NOT_FOUND', { details: { fields: [{ path: field, message: '' }] } });
  return [...ids.values()];
}

/**
 * The hubs that may lie within `radiusKm` of a point: those in the radius's bounding box (a few
 * may be just outside the circle; the caller measures). Reads only those hubs' rows.
 */
export function hubPointsAround(
  deps: Deps,
  point: { lat: number; lon: number },
  radiusKm: number,
): Promise<repo.HubPoint[]> {
  return repo.hubPointsInCells(deps.db, boxRanges(boundingBox(point, radiusKm)));
}

/**
 * Every hub within `radiusKm` of a point at its distance, nearest first (then by id), in one
 * statement: the hubs of the radius's box, measured. For a whole radius at once (newest first
 * within a radius, matching's fetch radius); a search reading nearest first takes `hubRings`.
 */
export async function hubsWithin(
  deps: Deps,
  point: { lat: number; lon: number },
  radiusKm: number,
): Promise<{ id: number; metres: number; place: repo.HubPoint }[]> {
  return (await hubPointsAround(deps, point, radiusKm))
    .map((h) => ({ id: h.id, metres: distanceMetres(point, h), place: h }))
    .filter((h) => h.metres <= radiusKm * 1000)
    .sort((a, b) => a.metres - b.metres || a.id - b.id);
}

/**
 * The hubs within `radiusKm` of a point (every hub without a radius), nearest first, a ring at a
 * time: each call reads one statement's worth of hubs and gives those now known to be nearer than
 * every hub not yet read, so callers stop reading as soon as their page is full. Squares of
 * cells round the point: the first of `firstCells` (FIRST_RING_CELLS, about 15 km, unless the
 * caller knows better), the second sized by the first's density to hold about RING_HUBS hubs more
 * (`nextRingCells`: about 60 km on the bench's grid of a hub every 0.1°, a few hundred km where
 * hubs are few), then every other cell. With a radius, each square within the radius's box, and
 * the first reaching past the radius is the last: the box less the squares before it. A square's
 * hubs beyond its nearest edge (`squareReachMetres`) wait for the next ring, so the order stays
 * exact. Never the hubs table whole unless the squares before it held too few.
 */
export function hubRings(
  deps: Deps,
  point: { lat: number; lon: number },
  radiusKm?: number,
  fromMetres?: number,
  firstCells?: number,
): () => Promise<HubRing> {
  const at = (h: repo.HubPoint) => ({ id: h.id, metres: distanceMetres(point, h), place: h });
  const order = (a: { id: number; metres: number }, b: { id: number; metres: number }) =>
    a.metres - b.metres || a.id - b.id;
  // With a radius, the squares stop at it: the first square reaching past it is read as the
  // radius's box less the squares before (so a radius of 150 km in a dense network reads the
  // hubs of the page's squares, not the thousand of the box at once).
  const within = radiusKm === undefined ? Infinity : radiusKm * 1000;
  const box = radiusKm === undefined ? null : boxRanges(boundingBox(point, radiusKm));
  // Going on from a distance (a page's cursor), the first square is the smallest reaching past it.
  let outer = firstRingCells(point, fromMetres, firstCells);
  let inner = -1;
  let seen = 0; // hubs in the squares read
  let pending: HubRing['hubs'] = [];
  return async () => {
    const final = box !== null && squareReachMetres(point, outer) >= within;
    const read = await repo.hubPointsInCells(
      deps.db,
      final
        ? boxRingRanges(point, box, inner)
        : box
          ? sharedRanges(ringRanges(point, inner, outer), box)
          : ringRanges(point, inner, outer),
    );
    seen += read.length;
    pending.push(...read.map(at).filter((h) => h.metres <= within));
    // A hub beyond this square is at least `reach` away (rounded metres: at least its floor).
    const reach = squareReachMetres(point, outer);
    const last = final || !Number.isFinite(outer);
    const done = last ? pending : pending.filter((h) => h.metres < Math.floor(reach));
    pending = last ? [] : pending.filter((h) => h.metres >= Math.floor(reach));
    // The next square: the second sized by the first's density, then every other cell.
    const next = inner < 0 ? nextRingCells(outer, seen) : Infinity;
    inner = outer;
    outer = next;
    return { hubs: done.sort(order), last, reach: last ? Infinity : Math.floor(reach) };
  };
}

/**
 * `hubRings` over a known set of hubs and their places (those holding a search's rows, found with
 * their places by the caller): one ring of them, nearest first (then by id), within `radiusKm`
 * when given. Nothing is read: the hubs not in the set hold nothing to find (`read: false`).
 */
export function hubRingOf(
  point: { lat: number; lon: number },
  places: repo.HubPoint[],
  radiusKm?: number,
): () => Promise<HubRing> {
  return async () => ({
    hubs: places
      .map((h) => ({ id: h.id, metres: distanceMetres(point, h), place: h }))
      .filter((h) => radiusKm === undefined || h.metres <= radiusKm * 1000)
      .sort((a, b) => a.metres - b.metres || a.id - b.id),
    last: true,
    reach: Infinity,
    read: false,
  });
}

/** The box of latitudes and longitudes holding every point within `radiusKm` of `point`. */
export function boundingBox(
  point: { lat: number; lon: number },
  radiusKm: number,
): { latMin: number; latMax: number; lon: [number, number][] } {
  const KM_PER_DEGREE = 111.0; // a little under the real 111.2, so the box is never too small
  const dLat = radiusKm / KM_PER_DEGREE;
  const latMin = Math.max(-90, point.lat - dLat);
  const latMax = Math.min(90, point.lat + dLat);
  // Near a pole (or for a radius half the earth round) every longitude is in reach.
  const widest = Math.max(Math.abs(latMin), Math.abs(latMax));
  if (widest >= 89.9) return { latMin, latMax, lon: [[-180, 180]] };
  const dLon = radiusKm / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180));
  if (dLon >= 180) return { latMin, latMax, lon: [[-180, 180]] };
  const west = point.lon - dLon;
  const east = point.lon + dLon;
  if (west < -180)
    return {
      latMin,
      latMax,
      lon: [
        [west + 360, 180],
        [-180, east],
      ],
    };
  if (east > 180)
    return {
      latMin,
      latMax,
      lon: [
        [west, 180],
        [-180, east - 360],
      ],
    };
  return { latMin, latMax, lon: [[west, east]] };
}

/**
 * Distance in metres from one hub to every hub within `km` of it (itself included): the origin by
 * id, then the hubs of the radius's cells, never the hubs table whole (matching's refreshes).
 */
export async function hubDistancesFrom(
  deps: Deps,
  originId: number,
  km: number,
): Promise<Map<number, number>> {
  const [origin] = await repo.hubRefsByIds(deps.db, [originId]);
  if (!origin) return new Map();
  return new Map((await hubsWithin(deps, origin, km)).map((h) => [h.id, h.metres]));
}

/** The hubs with these slugs, by slug (one indexed look-up each). */
export async function hubRefsBySlugs(deps: Deps, slugs: string[]): Promise<Map<string, repo.HubRef>> {
  return new Map((await repo.hubRefsBySlugs(deps.db, slugs)).map((h) => [h.slug, h]));
}

/** The hubs with these ids, by id: for pages that show a few hubs, without reading every hub. */
export async function hubRefsByIds(deps: Deps, ids: number[]): Promise<Map<number, repo.HubRef>> {
  return new Map((await repo.hubRefsByIds(deps.db, ids)).map((h) => [h.id, h]));
}

export function roleIn(deps: Deps, hubId: number, userId: number): Promise<TRole | null> {
  return repo.roleOf(deps.db, hubId, userId);
}

export function listMembershipsOfUser(deps: Deps, userId: number): Promise<TMembership[]> {
  return repo.membershipsOfUser(deps.db, userId);
}

export async function createHub(
  deps: Deps,
  { input, userId }: { input: THubInput & { description: string }; userId: number },
): Promise<THub> {
  const outcome = await repo.insertHubWithManager(deps.db, input, userId, deps.now().toISOString());
  if (outcome === 'slug_taken')
    throw new ApiError('SLUG_TAKEN', { details: { fields: [{ path: 'slug', message: '' }] } });
  if (outcome === 'full') throw new ApiError('HUB_LIMIT_REACHED');
  return getHub(deps, input.slug, userId);
}

async function requireManager(deps: Deps, slug: string, userId: number): Promise<repo.HubRef> {
  const hub = await requireHubRef(deps, slug);
  if (!canManage(await repo.roleOf(deps.db, hub.id, userId))) throw new ApiError('FORBIDDEN');
  return hub;
}

export async function updateHub(
  deps: Deps,
  { slug, patch, userId }: { slug: string; patch: THubPatch; userId: number },
): Promise<THub> {
  const hub = await requireManager(deps, slug, userId);
  await repo.updateHub(deps.db, hub.id, patch, deps.now().toISOString());
  return getHub(deps, slug, userId);
}

export async function listMembers(
  deps: Deps,
  { slug, userId }: { slug: string; userId: number },
): Promise<TMember[]> {
  const hub = await requireManager(deps, slug, userId);
  return repo.listMembers(deps.db, hub.id);
}

export async function removeMember(
  deps: Deps,
  { slug, targetUserId, userId }: { slug: string; targetUserId: number; userId: number },
): Promise<void> {
  const hub = await requireHubRef(deps, slug);
  const role = await repo.roleOf(deps.db, hub.id, userId);
  if (!canRemoveMember({ id: userId, role }, targetUserId)) throw new ApiError('FORBIDDEN');
  const outcome = await repo.deleteMembership(deps.db, hub.id, targetUserId);
  if (outcome === 'last_manager') throw new ApiError('LAST_MANAGER');
  if (outcome === 'not_member') throw new ApiError('NOT_FOUND');
}

export async function createInvite(
  deps: Deps,
  { slug, role, userId }: { slug: string; role: TRole; userId: number },
): Promise<TInvite> {
  const hub = await requireManager(deps, slug, userId);
  const token = newToken();
  const now = deps.now();
  const expiresAt = inviteExpiry(now).toISOString();
  await repo.insertInvite(deps.db, {
    hubId: hub.id,
    tokenHash: await hashToken(token),
    role,
    createdBy: userId,
    now: now.toISOString(),
    expiresAt,
  });
  return { token, path: `/invites/${token}`, role, expiresAt };
}

export async function previewInvite(deps: Deps, token: string): Promise<TInvitePreview> {
  const invite = await repo.findOpenInvite(deps.db, await hashToken(token), deps.now().toISOString());
  if (!invite) throw new ApiError('INVITE_INVALID');
  return { hub: invite.hub, role: invite.role, expiresAt: invite.expiresAt };
}

export async function acceptInvite(
  deps: Deps,
  { token, userId }: { token: string; userId: number },
): Promise<TMembership> {
  const tokenHash = await hashToken(token);
  const now = deps.now().toISOString();
  const invite = await repo.findOpenInvite(deps.db, tokenHash, now);
  if (!invite) throw new ApiError('INVITE_INVALID');
  if (await repo.roleOf(deps.db, invite.hubId, userId)) throw new ApiError('ALREADY_MEMBER');
  if (!(await repo.acceptInvite(deps.db, { tokenHash, userId, now }))) throw new ApiError('INVITE_INVALID');
  return { hub: invite.hub, role: invite.role };
}

/** A person's role in each of their hubs, for other modules' permission checks. */
/** The people (or only the managers) of each of these hubs: whom a hub-wide notification reaches. */
export function memberIdsOfHubs(
  deps: Deps,
  hubIds: number[],
  { managersOnly = false }: { managersOnly?: boolean } = {},
): Promise<Map<number, number[]>> {
  return repo.memberIdsOfHubs(deps.db, hubIds, managersOnly);
}

export function hubRoles(deps: Deps, userId: number): Promise<Map<number, TRole>> {
  return repo.hubRoles(deps.db, userId);
}

/**
 * `hubRoles` as a statement, for a caller's own `DB.batch` (the hubs module writes the SQL, the
 * caller only sequences it), and its result read back (`hubRolesOf`).
 */
export function hubRolesStatement(deps: Deps, userId: number): D1PreparedStatement {
  return repo.hubRolesStatement(deps.db, userId);
}
export const hubRolesOf = repo.rolesOf;

// ---------- join requests ----------

/** How many pending requests a hub's managers see at once. */
const JOIN_REQUESTS_SHOWN = 100;

const publicJoinRequest = ({ hubId: _hubId, ...r }: joinRepo.JoinRequestRecord): TJoinRequest => r;

/** A signed-in person asks to join a hub; its managers are told (event `hub.join_requested`). */
export async function askToJoin(
  deps: Deps,
  { slug, message, user }: { slug: string; message: string; user: SessionUser },
): Promise<TJoinRequest> {
  const hub = await requireHubRef(deps, slug);
  if (await repo.roleOf(deps.db, hub.id, user.id)) throw new ApiError('ALREADY_MEMBER');
  const now = deps.now().toISOString();
  const event = recordEvent(deps.db, 'hub.join_requested', {
    subject: { inserted: true },
    actorId: user.id,
    payload: { hubId: hub.id, hubSlug: hub.slug, hubName: hub.name, personName: user.displayName },
    now,
  });
  const id = await joinRepo.insertJoinRequest(deps.db, { hubId: hub.id, userId: user.id, message, now }, [
    event,
  ]);
  if (id === 'member') throw new ApiError('ALREADY_MEMBER');
  if (id === 'pending') throw new ApiError('JOIN_REQUEST_PENDING');
  const created = await joinRepo.findJoinRequest(deps.db, hub.id, id);
  if (!created) throw new ApiError('NOT_FOUND');
  return publicJoinRequest(created);
}

/** A hub's managers see its pending requests; anyone else sees their own requests to it. */
export async function listJoinRequests(
  deps: Deps,
  { slug, userId }: { slug: string; userId: number },
): Promise<TJoinRequestList> {
  const hub = await requireHubRef(deps, slug);
  const canDecide = canManage(await repo.roleOf(deps.db, hub.id, userId));
  const rows = canDecide
    ? await joinRepo.pendingOfHub(deps.db, hub.id, JOIN_REQUESTS_SHOWN)
    : await joinRepo.ofUserInHub(deps.db, hub.id, userId);
  return { items: rows.map(publicJoinRequest), canDecide };
}

/**
 * A manager accepts (the person becomes a member) or declines a pending request, once; the
 * person is told (event `hub.join_decided`). A second decision is refused, whoever makes it.
 */
export async function decideJoinRequest(
  deps: Deps,
  { slug, id, accept, userId }: { slug: string; id: number; accept: boolean; userId: number },
): Promise<TJoinRequest> {
  const hub = await requireManager(deps, slug, userId);
  const request = await joinRepo.findJoinRequest(deps.db, hub.id, id);
  if (!request) throw new ApiError('NOT_FOUND');
  if (request.status !== 'pending') throw new ApiError('JOIN_REQUEST_DECIDED');
  const now = deps.now().toISOString();
  const answer = accept ? 'accepted' : 'declined';
  const event = recordEvent(deps.db, 'hub.join_decided', {
    subject: { id, ifChanged: true },
    actorId: userId,
    payload: { hubId: hub.id, hubSlug: hub.slug, hubName: hub.name, userId: request.person.id, answer },
    now,
  });
  const decided = await joinRepo.decideJoinRequest(
    deps.db,
    { id, hubId: hub.id, accept, deciderId: userId, now },
    event,
  );
  // Another manager decided in between: the database kept the first decision.
  if (!decided) throw new ApiError('JOIN_REQUEST_DECIDED');
  return { ...publicJoinRequest(request), status: answer, decidedAt: now };
}

/** The join requests waiting for a manager: one task each (tasks module source). */
export async function joinRequestTasks(
  deps: Deps,
  { managerOf, limit }: { managerOf: number[]; limit: number },
): Promise<TTask[]> {
  const rows = await joinRepo.pendingOfHubs(deps.db, managerOf, limit);
  return rows.map((r) => ({
    kind: 'join_request_to_decide' as const,
    path: `/hubs/${r.hub.slug}#join-requests`,
    deadline: null,
    title: r.person.displayName,
    hub: { slug: r.hub.slug, name: r.hub.name },
    quantity: null,
    unit: null,
  }));
}
