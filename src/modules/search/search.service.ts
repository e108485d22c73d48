import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import type { TListingSearch, TRequestSearch } from '../../shared/search.schemas';
import { allHubRefs, hubRefsAround, requireHubRef } from '../hubs/hubs.service';
import type { SearchSqlOptions } from './search.statements';
import {
  decodeCursor,
  defaultSort,
  distanceMetres,
  encodeCursor,
  toFtsQuery,
  type Cursor,
} from './search.domain';

type Resolved = {
  hubId: number | null;
  sql: Pick<SearchSqlOptions, 'fts' | 'hubDistances' | 'sort' | 'cursor' | 'limit'>;
};

/** Turns the common search parameters into what the query builder needs, or a 4xx. */
export async function resolveSearch(deps: Deps, query: TListingSearch | TRequestSearch): Promise<Resolved> {
  const sort = defaultSort(query);
  let fts: string | null = null;
  if (query.q) {
    fts = toFtsQuery(query.q);
    if (!fts) throw new ApiError('INVALID_QUERY', { details: { fields: [{ path: 'q', message: '' }] } });
  }
  let cursor: Cursor | null = null;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor, sort);
    if (!cursor)
      throw new ApiError('INVALID_CURSOR', { details: { fields: [{ path: 'cursor', message: '' }] } });
  }
  const hubId = query.hub ? (await requireHubRef(deps, query.hub)).id : null;
  let hubDistances: Map<number, number> | null = null;
  if (query.near) {
    // Listings and requests sit at their hub, so the distance is computed once per hub.
    const point = query.near;
    const maxMetres = query.radius_km === undefined ? Infinity : query.radius_km * 1000;
    hubDistances = new Map();
    // With a radius, only the hubs in its bounding box are read; without, every hub is in reach.
    const candidates =
      query.radius_km === undefined
        ? await allHubRefs(deps)
        : await hubRefsAround(deps, point, query.radius_km);
    for (const hub of candidates) {
      const d = distanceMetres(point, hub);
      if (d <= maxMetres) hubDistances.set(hub.id, d);
    }
  }
  return { hubId, sql: { fts, hubDistances, sort, cursor, limit: query.limit } };
}

/** The cursor of the next page, from the rows fetched (one more than the page when there is more). */
export function nextCursorOf(
  rows: { id: number; metres: number | null; rank: number }[],
  limit: number,
  sort: Cursor['s'],
): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1];
  if (!last) return null;
  if (sort === 'nearest') return encodeCursor({ s: 'nearest', d: last.metres ?? 0, id: last.id });
  if (sort === 'relevance')
    return encodeCursor({
      s: 'relevance',
      r: last.rank,
      ...(last.metres === null ? {} : { d: last.metres }),
      id: last.id,
    });
  return encodeCursor({ s: 'newest', id: last.id });
}
