/** The search state of /listings and /requests lives in the URL; these read it. */
import { ApiError } from './api';
import type { ListingSearchQuery } from './api/search';
import { NOT_HUBS } from '$shared/constants';

export type SearchView = 'list' | 'map';

export type SearchState = {
  query: ListingSearchQuery;
  view: SearchView;
  /** A radius given without a place: not applied, and the page says so. */
  radiusIgnored?: string;
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
    not_hub: get('not_hub'),
    near,
    radius_km: near ? get('radius_km') : undefined,
    sort,
    limit: 12,
  };
  if (listings) {
    query.kind = get('kind');
    query.condition = get('condition');
    query.price = get('price');
    query.available_by = get('available_by');
    query.fits = get('fits');
  }
  const radius = get('radius_km');
  return {
    query,
    view: get('view') === 'map' ? 'map' : 'list',
    ...(radius && !near ? { radiusIgnored: radius } : {}),
  };
}

/**
 * The `not_hub` value leaving out a person's own hubs (their first NOT_HUBS, as many as a search
 * takes): what another hub than theirs offers or asks.
 */
export function notMyHubs(hubs: { slug: string }[]): string {
  return hubs
    .slice(0, NOT_HUBS)
    .map((h) => h.slug)
    .join(',');
}

/** The fields of a new saved search a listing search starts (the saved-searches page's URL). */
export type SavedSearchStart = {
  q?: string;
  category?: string;
  min_length?: string;
  min_width?: string;
  min_thickness?: string;
  hub?: string;
  radius_km?: string;
};

/**
 * A listing search as the start of a saved search: its words and category, "my part fits" as the
 * least sizes, and a place that is one of my hubs with its radius (a saved search measures from a
 * hub, up to 1,000 km). `dropped`: what it searched by that a saved search does not keep (kind,
 * condition, price, date, a place that is no hub of mine).
 */
export function savedSearchStart(
  query: ListingSearchQuery,
  myHubs: { slug: string; lat: number; lon: number }[],
): { start: SavedSearchStart; dropped: boolean } {
  const start: SavedSearchStart = {};
  if (query.q) start.q = query.q;
  if (query.category) start.category = query.category;
  const [l, w, t] = query.fits?.toLowerCase().split('x') ?? [];
  if (l && w) {
    start.min_length = l;
    start.min_width = w;
    if (t) start.min_thickness = t;
  }
  const hub = query.near ? myHubs.find((h) => `${h.lat},${h.lon}` === query.near) : undefined;
  const radius = Number(query.radius_km);
  if (hub && Number.isFinite(radius) && radius > 0) {
    start.hub = hub.slug;
    start.radius_km = String(Math.min(1000, Math.max(1, Math.round(radius))));
  }
  const dropped = Boolean(
    query.kind ||
    query.condition ||
    query.price ||
    query.available_by ||
    query.not_hub ||
    query.hub ||
    (query.near && !start.hub),
  );
  return { start, dropped };
}

/**
 * Where "Save this search" leads: the saved-searches form started from this search
 * (`savedSearchStart`), after signing in for a visitor (`myHubs` null); null when the search
 * names nothing to look for (no words, category or size: it would tell of every listing).
 */
export function saveSearchHref(
  query: ListingSearchQuery,
  myHubs: { slug: string; lat: number; lon: number }[] | null,
): string | null {
  const { start, dropped } = savedSearchStart(query, myHubs ?? []);
  if (!start.q && !start.category && !start.min_length) return null;
  const href = `/saved-searches?${new URLSearchParams({ ...start, ...(dropped ? { dropped: '1' } : {}) })}`;
  return myHubs ? href : `/login?next=${encodeURIComponent(href)}`;
}

/** A search as one string, equal for equal searches whatever the order of its fields. */
export function searchKey(query: ListingSearchQuery): string {
  const fields = Object.entries(query).filter(([, v]) => v !== undefined && v !== '');
  return JSON.stringify(fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The search a form's fields make now, read as its URL would be (`readSearch`). */
export function formSearch(form: HTMLFormElement, { listings }: { listings: boolean }): ListingSearchQuery {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) if (typeof value === 'string') params.append(key, value);
  return readSearch(new URL(`?${params}`, 'http://form.invalid/'), { listings }).query;
}

/** The order a search is in when it names none (the API's default, for showing it). */
export function effectiveSort(query: ListingSearchQuery): 'relevance' | 'nearest' | 'newest' {
  if (query.sort === 'relevance' || query.sort === 'nearest' || query.sort === 'newest') return query.sort;
  if (query.q) return 'relevance';
  return query.near ? 'nearest' : 'newest';
}

/** A `near` value (LAT,LON) as numbers, or null. */
export function parsePoint(near: string | undefined): { lat: number; lon: number } | null {
  const m = near?.match(/^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/);
  return m ? { lat: Number(m[1]), lon: Number(m[2]) } : null;
}

/** A point as a `near` value, rounded to about 100 m (3 decimals) so URLs stay short. */
export function pointValue(p: { lat: number; lon: number }): string {
  const r = (n: number) => String(Math.round(n * 1000) / 1000);
  return `${r(p.lat)},${r(p.lon)}`;
}

/** The same page with one param changed (or removed when value is undefined). */
export function withParam(url: URL, key: string, value: string | undefined): string {
  const next = new URL(url);
  if (value === undefined) next.searchParams.delete(key);
  else next.searchParams.set(key, value);
  return `${next.pathname}${next.search}`;
}

/**
 * What to fix in a search the API refused for what its URL holds (a link edited by hand, or
 * shared before a filter changed): the API's messages, each naming its field in the reader's
 * language, so the page shows them above the form, with no results, instead of an error page.
 * Null for any other failure.
 */
export function refusedSearch(e: unknown): string[] | null {
  // A hub named under "Hub" or left out that does not exist (a link's slug) is one more field to fix.
  if (e instanceof ApiError && e.status === 404 && e.code === 'HUB_NOT_FOUND') return [e.message];
  if (!(e instanceof ApiError) || e.status !== 422) return null;
  const fields = Object.values(e.fields);
  return fields.length > 0 ? fields : [e.message];
}
