import type { Deps, SessionUser } from '../../env';
import type { TUnit } from '../../shared/common.schemas';
import { recordEvent } from '../events/events.service';
import { ApiError, validationError } from '../../http/errors';
import { earliestToday } from '../../shared/validation';
import type { TRequest, TRequestInput, TRequestPatch } from '../../shared/requests.schemas';
import type { TRequestPage, TRequestSearch } from '../../shared/search.schemas';
import { canEditHubContent, hubSummaryOf, type HubRoles } from '../hubs/hubs.domain';
import { hubRoles, requireHubRef, roleIn } from '../hubs/hubs.service';
import { coordinatesHub } from '../networks/networks.service';
import { fromMilli, toMilli } from '../listings/listings.domain';
import { metresToKm } from '../search/search.domain';
import { nextCursorOf, readSearch, resolveSearch, searchedKmOf } from '../search/search.service';
import * as repo from './requests.repo';

type Viewer = { id: number; roles: HubRoles } | null;

function toRequest(r: repo.RequestRow, viewer: Viewer): TRequest {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    quantity: fromMilli(r.quantity_milli),
    unit: r.unit,
    minLengthMm: r.min_length_mm,
    minWidthMm: r.min_width_mm,
    minThicknessMm: r.min_thickness_mm,
    neededBy: r.needed_by,
    fetchRadiusKm: r.fetch_radius_km,
    status: r.status,
    lang: r.content_lang,
    hub: hubSummaryOf(r, 'hub_'),
    author: { id: r.author_id, displayName: r.author_name },
    distanceKm: r.metres === null ? null : metresToKm(r.metres),
    canEdit: canEditHubContent({ authorId: r.author_id, hubId: r.hub_id }, viewer),
    hiddenAt: r.hidden_at,
    hiddenReason: r.hidden_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function viewerOf(deps: Deps, user: SessionUser | null): Promise<Viewer> {
  return user ? { id: user.id, roles: await hubRoles(deps, user.id) } : null;
}

async function requireRow(deps: Deps, id: number): Promise<repo.RequestRow> {
  const row = await repo.findRequest(deps.db, id);
  if (!row) throw new ApiError('REQUEST_NOT_FOUND');
  return row;
}

export async function getRequest(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser | null },
): Promise<TRequest> {
  const row = await requireRow(deps, id);
  const viewer = await viewerOf(deps, user);
  if (row.hidden_at !== null && !(await maySeeHidden(deps, row, viewer)))
    throw new ApiError('REQUEST_NOT_FOUND');
  return toRequest(row, viewer);
}

/** A hidden request stays visible to its author, its hub's managers and the coordinators over its hub. */
async function maySeeHidden(deps: Deps, row: repo.RequestRow, viewer: Viewer): Promise<boolean> {
  if (!viewer) return false;
  if (row.author_id === viewer.id || viewer.roles.get(row.hub_id) === 'manager') return true;
  return coordinatesHub(deps, row.hub_id, viewer.id);
}

/** The event of an edit, recorded only if the edit applied. */
function changedEvent(deps: Deps, id: number, actorId: number) {
  return recordEvent(deps.db, 'request.changed', {
    subject: { id, ifChanged: true },
    actorId,
    payload: {},
    now: deps.now().toISOString(),
  });
}

export async function createRequest(
  deps: Deps,
  { input, user }: { input: TRequestInput; user: SessionUser },
): Promise<TRequest> {
  const hub = await requireHubRef(deps, input.hub);
  if (!(await roleIn(deps, hub.id, user.id))) throw new ApiError('NOT_A_MEMBER');
  const now = deps.now().toISOString();
  const id = await repo.insertRequest(
    deps.db,
    {
      title: input.title,
      description: input.description ?? '',
      category: input.category,
      quantityMilli: toMilli(input.quantity),
      unit: input.unit,
      minLengthMm: input.minLengthMm ?? null,
      minWidthMm: input.minWidthMm ?? null,
      minThicknessMm: input.minThicknessMm ?? null,
      neededBy: input.neededBy ?? null,
      fetchRadiusKm: input.fetchRadiusKm ?? 50,
      lang: input.lang ?? user.locale,
      hubId: hub.id,
      authorId: user.id,
      now,
    },
    recordEvent(deps.db, 'request.changed', {
      subject: { inserted: true },
      actorId: user.id,
      payload: {},
      now,
    }),
  );
  return getRequest(deps, { id, user });
}

async function requireEditable(deps: Deps, id: number, user: SessionUser): Promise<repo.RequestRow> {
  const row = await requireRow(deps, id);
  if (!canEditHubContent({ authorId: row.author_id, hubId: row.hub_id }, await viewerOf(deps, user)))
    throw new ApiError('FORBIDDEN');
  if (row.status === 'withdrawn') throw new ApiError('INVALID_STATE', { details: { status: row.status } });
  return row;
}

export async function updateRequest(
  deps: Deps,
  { id, patch, user }: { id: number; patch: TRequestPatch; user: SessionUser },
): Promise<TRequest> {
  const row = await requireEditable(deps, id, user);
  // A new deadline in the past is refused; an unchanged one (sent back by an edit form) is not.
  if (
    patch.neededBy &&
    patch.neededBy !== row.needed_by &&
    patch.neededBy < earliestToday(deps.now().getTime())
  )
    throw validationError([{ path: 'neededBy', message: 'date_in_past' }]);
  const { quantity, ...rest } = patch;
  const values = { ...rest, ...(quantity !== undefined ? { quantityMilli: toMilli(quantity) } : {}) };
  if (
    !(await repo.updateRequest(
      deps.db,
      id,
      values,
      deps.now().toISOString(),
      changedEvent(deps, id, user.id),
    ))
  )
    throw new ApiError('INVALID_STATE');
  return getRequest(deps, { id, user });
}

export async function withdrawRequest(
  deps: Deps,
  { id, user }: { id: number; user: SessionUser },
): Promise<TRequest> {
  await requireEditable(deps, id, user);
  if (!(await repo.withdrawRequest(deps.db, id, deps.now().toISOString(), changedEvent(deps, id, user.id))))
    throw new ApiError('INVALID_STATE');
  return getRequest(deps, { id, user });
}

export async function searchRequests(
  deps: Deps,
  { query, user }: { query: TRequestSearch; user: SessionUser | null },
): Promise<TRequestPage> {
  // Who is asking is read beside the search (a call to D1 of its own, not after it).
  const [{ s, rows }, viewer] = await Promise.all([
    resolveSearch(deps, query, 'requests').then((resolved) =>
      readSearch(resolved, (s) =>
        repo.searchRequests(s.db ?? deps.db, {
          ...s.sql,
          filters: { category: query.category, hubId: s.hubId, notHubIds: s.notHubIds },
        }),
      ),
    ),
    viewerOf(deps, user),
  ]);
  return {
    items: rows.slice(0, query.limit).map((r) => toRequest(r, viewer)),
    nextCursor: nextCursorOf(rows, query.limit, s.sql.sort),
    ...searchedKmOf(rows, query.limit),
    sort: s.sql.sort,
    ...(s.wordsLeftOut.length > 0 ? { wordsLeftOut: s.wordsLeftOut } : {}),
    ...(s.wordsApart.length > 0 ? { wordsApart: s.wordsApart } : {}),
  };
}

// ---------- for moderation ----------

/** What moderation needs of a request: its hub, author, title and whether it is hidden. */
export async function moderationFacts(
  deps: Deps,
  id: number,
): Promise<{ id: number; hubId: number; authorId: number; title: string; hiddenAt: string | null } | null> {
  const r = await repo.findRequest(deps.db, id);
  return r
    ? { id: r.id, hubId: r.hub_id, authorId: r.author_id, title: r.title, hiddenAt: r.hidden_at }
    : null;
}

/** The statement hiding or restoring a request inside moderation's batch; applies at most once. */
export function setHiddenStatement(
  deps: Deps,
  o: { id: number; hide: boolean; by: number; reason: string; now: string },
): D1PreparedStatement {
  return repo.setHiddenStatement(deps.db, o);
}

// ---------- for claims and request progress ----------

export type RequestFacts = {
  id: number;
  hubId: number;
  authorId: number;
  title: string;
  status: 'open' | 'fulfilled' | 'withdrawn';
  hidden: boolean;
  unit: TUnit;
  quantityMilli: number;
};

/** What claims and progress need of a request (any status), or null. */
export async function requestFacts(deps: Deps, id: number): Promise<RequestFacts | null> {
  const r = await repo.findRequest(deps.db, id);
  return r
    ? {
        id: r.id,
        hubId: r.hub_id,
        authorId: r.author_id,
        title: r.title,
        status: r.status,
        hidden: r.hidden_at !== null,
        unit: r.unit,
        quantityMilli: r.quantity_milli,
      }
    : null;
}

/**
 * Marks an open request fulfilled because the ledger says it received enough (the scheduler's
 * or a subscriber's act: no person). Applies only while open; records the change's event, so
 * matching drops it. True when it changed.
 */
export async function markFulfilled(deps: Deps, id: number): Promise<boolean> {
  const now = deps.now().toISOString();
  return repo.markFulfilled(
    deps.db,
    id,
    now,
    recordEvent(deps.db, 'request.changed', {
      subject: { id, ifChanged: true },
      actorId: null,
      payload: {},
      now,
    }),
  );
}
