/** The search state of /listings and /requests lives in the URL; these read it. */
import type { ListingSearchQuery } from './api';

export type SearchView = 'list' | 'map';

export type SearchState = {
  query: ListingSearchQuery;
  view: SearchView;
};

/** Search params from a page URL, made consistent (a radius or nearest-first needs a point). */
export function readSearch(url: URL, { listings }: { listings: boolean }): SearchState {
  const get = (key: string) => url.searchParams.get(key)?.trim() || undefined;
  const near = get('near');
  const q = get('q');
  let sort = get('sort');
  if (sort === 'nearest' && !near) sort = undefined;
  if (sort === 'relevance' && !q) sort = undefined;
  // Words: best match first (distance breaks ties); only a place: nearest first.
  if (!sort && near && !q) sort = 'nearest';
  const query: ListingSearchQuery = {
    q,
    category: get('category'),
    hub: get('hub'),
    near,
    radius_km: near ? get('radius_km') : undefined,
    sort,
    limit: 12,
  };
  if (listings) {
    query.kind = get('kind');
    query.condition = get('condition');
  }
  return { query, view: get('view') === 'map' ? 'map' : 'list' };
}

/** The order a search is in when it names none (the API's default, for showing it). */
export function effectiveSort(query: ListingSearchQuery): 'relevance' | 'nearest' | 'newest' {
  if (query.sort === 'relevance' || query.sort === 'nearest' || query.sort === 'newest') return query.sort;
  if (query.q) return 'relevance';
  return query.near ? 'nearest' : 'newest';
}

/** The same page with one param changed (or removed when value is undefined). */
export function withParam(url: URL, key: string, value: string | undefined): string {
  const next = new URL(url);
  if (value === undefined) next.searchParams.delete(key);
  else next.searchParams.set(key, value);
  return `${next.pathname}${next.search}`;
}
