import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import {
  MAX_SAVED_SEARCHES,
  ZSavedSearchQuery,
  type TSavedSearch,
  type TSavedSearchInput,
} from '../../shared/saved-searches.schemas';
import { categoryFamily } from '../../shared/taxonomy';
import { hubRefsByIds, hubRefsBySlugs, requireHubRef } from '../hubs/hubs.service';
import { findListingForMatching } from '../listings/listings.candidates';
import { notify, type NotifyDeps } from '../notifications/notifications.service';
import { distanceMetres, metresToKm } from '../search/search.domain';
import { listingAnswersWords } from '../search/search.service';
import { savedSearchFamily, savedSearchMatches } from './saved-searches.domain';
import * as repo from './saved-searches.repo';

function toSavedSearch(r: repo.SavedSearchRow): TSavedSearch {
  return {
    id: r.id,
    name: r.name,
    query: ZSavedSearchQuery.parse(JSON.parse(r.query)),
    createdAt: r.created_at,
    lastNotifiedAt: r.last_notified_at,
  };
}

export async function listSavedSearches(deps: Deps, userId: number): Promise<TSavedSearch[]> {
  return (await repo.listOf(deps.db, userId)).map(toSavedSearch);
}

export async function createSavedSearch(
  deps: Deps,
  { userId, input }: { userId: number; input: TSavedSearchInput },
): Promise<TSavedSearch> {
  if (input.query.hub) await requireHubRef(deps, input.query.hub);
  const id = await repo.insertIfRoom(deps.db, {
    userId,
    name: input.name,
    query: input.query,
    family: savedSearchFamily(input.query),
    now: deps.now().toISOString(),
    max: MAX_SAVED_SEARCHES,
  });
  if (id === null) throw new ApiError('TOO_MANY_SAVED_SEARCHES', { details: { max: MAX_SAVED_SEARCHES } });
  const row = await repo.findOwn(deps.db, id, userId);
  if (!row) throw new ApiError('SAVED_SEARCH_NOT_FOUND');
  return toSavedSearch(row);
}

export async function deleteSavedSearch(
  deps: Deps,
  { id, userId }: { id: number; userId: number },
): Promise<void> {
  if (!(await repo.deleteOwn(deps.db, id, userId))) throw new ApiError('SAVED_SEARCH_NOT_FOUND');
}

/** Tells the people whose saved searches a new or changed listing answers (once per search and listing). */
export async function checkListingAgainstSavedSearches(deps: NotifyDeps, listingId: number): Promise<number> {
  const l = await findListingForMatching(deps.db, listingId);
  const today = deps.now().toISOString().slice(0, 10);
  if (!l || l.status !== 'active' || (l.available_until !== null && l.available_until < today)) return 0;
  const searches = await repo.forFamily(deps.db, categoryFamily(l.category));
  if (searches.length === 0) return 0;
  const queries = searches.map((s) => ZSavedSearchQuery.parse(JSON.parse(s.query)));
  // Only the hubs these searches name and the listing's own, not the hubs table.
  const bySlug = await hubRefsBySlugs(
    deps,
    queries.flatMap((q) => (q.hub ? [q.hub] : [])),
  );
  const listingHub = (await hubRefsByIds(deps, [l.hub_id])).get(l.hub_id);
  // The words of every search that has some, answered as the search page answers them.
  const found = await listingAnswersWords(
    deps,
    l.id,
    queries.map((q) => q.q),
  );
  const hits = searches.filter((s, i) => {
    if (s.user_id === l.author_id) return false;
    const q = queries[i]!;
    const from = q.hub ? bySlug.get(q.hub) : undefined;
    const km = from && listingHub ? metresToKm(distanceMetres(from, listingHub)) : null;
    return savedSearchMatches(
      q,
      {
        title: l.title,
        category: l.category,
        lengthMm: l.length_mm,
        widthMm: l.width_mm,
        thicknessMm: l.thickness_mm,
      },
      km,
      found[i]!,
    );
  });
  const created = await notify(
    deps,
    hits.map((s) => ({
      userId: s.user_id,
      kind: 'saved_search' as const,
      dedupeKey: `saved:${s.id}:${l.id}`,
      payload: { listingId: l.id, listingTitle: l.title, savedSearchId: s.id, savedSearchName: s.name },
    })),
  );
  if (created > 0)
    await repo.touchNotified(
      deps.db,
      hits.map((s) => s.id),
      deps.now().toISOString(),
    );
  return created;
}
