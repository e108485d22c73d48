/** Hubs and listings written straight into D1 for search tests with many of them. */
import type { Deps } from '../src/env';
import { hubRings } from '../src/modules/hubs/hubs.service';
import { searchListings } from '../src/modules/listings/listings.service';
import { listingSearchConditions } from '../src/modules/listings/listings.repo';
import { toFtsQuery } from '../src/modules/search/search.domain';
import { buildSearchSql, type Condition } from '../src/modules/search/search.statements';
import {
  ZListingPage,
  ZListingSearch,
  type TListingPage,
  type TListingSearch,
} from '../src/shared/search.schemas';
import { call, db, expectJson } from './helpers';
import { recordingDb } from './matching-helpers';

/** When every row these helpers write was created. */
export const SEEDED_AT = '2026-11-01T00:00:00Z';

/** A hub at a place (its grid cell follows from lat and lon); returns its id. */
export async function addHub(slug: string, lat: number, lon: number, by: number): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, description, created_by, created_at, updated_at)
       VALUES (?1, ?1, 'City', 'CH', 'fab_lab', ?2, ?3, '', ?4, ?5, ?5) RETURNING id`,
    )
    .bind(slug, lat, lon, by, SEEDED_AT)
    .first<{ id: number }>();
  return row!.id;
}

/**
 * `n` listings of one hub, titled "<title> 1" … "<title> n" (newest last): offcuts in good
 * condition, free, without sizes, unless told.
 */
export async function addListings(
  hub: number,
  by: number,
  n: number,
  o: {
    title: string;
    category: string;
    description?: string;
    status?: string;
    kind?: string;
    condition?: string;
    price?: 'free' | 'swap' | 'amount';
    sizeMm?: [number, number];
  },
) {
  await db
    .prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
       INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
         condition, price_type, price_cents, length_mm, width_mm, status, created_at, updated_at)
       SELECT ?2, ?3, ?9, ?4 || ' ' || i, ?5, ?6, 1000, 'sheets', ?10, ?11,
         CASE ?11 WHEN 'amount' THEN 500 END, ?12, ?13, ?7, ?8, ?8 FROM seq`,
    )
    .bind(
      n,
      hub,
      by,
      o.title,
      o.description ?? '',
      o.category,
      o.status ?? 'active',
      SEEDED_AT,
      o.kind ?? 'offcut',
      o.condition ?? 'good',
      o.price ?? 'free',
      o.sizeMm?.[0] ?? null,
      o.sizeMm?.[1] ?? null,
    )
    .run();
}

/**
 * Every hub `hubRings` gives within `radiusKm` of a point (every hub without one), ring after
 * ring, in its order: the hubs a general query over the same reach ranks.
 */
export async function hubsInReach(
  deps: Deps,
  point: { lat: number; lon: number },
  radiusKm?: number,
): Promise<{ id: number; metres: number }[]> {
  const next = hubRings(deps, point, radiusKm);
  const hubs: { id: number; metres: number }[] = [];
  for (;;) {
    const ring = await next();
    hubs.push(...ring.hubs);
    if (ring.last) return hubs;
  }
}

/** Every page of a listing search through the API, following its cursors (at most 200 pages). */
export async function allPages(
  path: string,
  limit: number,
): Promise<{ items: TListingPage['items']; pages: number }> {
  const items: TListingPage['items'] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url = `${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: TListingPage = await expectJson(await call(url), 200, ZListingPage);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 200);
  return { items, pages };
}

/**
 * One listing search through the service (signed out) on a D1 that records its statements: the
 * page, the statements sent and the rows they read.
 */
export async function recordedSearch(
  params: Record<string, string>,
): Promise<{ page: TListingPage; statements: number; rowsRead: number }> {
  const rec = recordingDb();
  const page = await searchListings({ db: rec.db, now: () => new Date(SEEDED_AT) } as Deps, {
    query: ZListingSearch.parse(params),
    user: null,
  });
  return {
    page,
    statements: rec.log.reduce((n, x) => n + x.n, 0),
    rowsRead: rec.log.reduce((n, x) => n + x.rowsRead, 0),
  };
}

/** A hub's place as a search's `near` ("lat,lon"). */
export async function nearHub(slug: string): Promise<string> {
  const row = await db
    .prepare('SELECT lat, lon FROM hubs WHERE slug = ?1')
    .bind(slug)
    .first<{ lat: number; lon: number }>();
  if (!row) throw new Error(`no hub ${slug}`);
  return `${row.lat},${row.lon}`;
}

/** The query's conditions with no hub scan: the general query then filters by its WHERE alone. */
export function plain(where: Condition[]): Condition[] {
  return where.map((w) => ({ sql: w.sql, values: w.values }));
}

/**
 * Every listing the general query gives for a search (its filters' WHERE alone: no token, no
 * index range), in the search's order (distances when given): what the pages are compared with.
 */
export async function generalSearch(
  q: TListingSearch,
  hubDistances: Map<number, number> | null = null,
): Promise<number[]> {
  const { sql, values } = buildSearchSql({
    table: 'listings',
    select: 'h.slug AS hub_slug',
    joins: 'JOIN hubs h ON h.id = t.hub_id',
    where: plain(
      listingSearchConditions({
        today: new Date().toISOString().slice(0, 10),
        kind: q.kind,
        category: q.category,
        condition: q.condition,
        price: q.price,
      }),
    ),
    fts: q.q ? toFtsQuery(q.q) : null,
    hubDistances,
    sort: q.sort ?? (q.q ? 'relevance' : 'newest'),
    cursor: null,
    limit: 5000,
  });
  return (
    await db
      .prepare(sql)
      .bind(...values)
      .all<{ id: number }>()
  ).results.map((r) => r.id);
}

/**
 * The ids whose entries in one range of an ordered full-text index (by hub, migration 0048, or by
 * category, 0056: `place` × 2^33 onwards, its titles then its whole rows, 2^32 rowids each) a
 * query matches, in the range's order (newest first); the end marker is id 0.
 */
export async function idsInRange(
  index: string,
  place: number,
  whole: boolean,
  query: string,
): Promise<number[]> {
  const start = BigInt(place) * 8589934592n + (whole ? 4294967296n : 0n);
  const { results } = await db
    .prepare(
      `SELECT (rowid | 4294967295) - rowid AS id FROM ${index}
       WHERE ${index} MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid`,
    )
    .bind(query, String(start), String(start + 4294967295n))
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * The ids whose entries in one hub's part of a category range in the hub-ordered region of the
 * category-ordered index (migration 0060: 2^62 + range place × 2^53 + hub × 2^33 onwards, its
 * titles then its whole rows) a query matches, newest first.
 */
export async function idsInCategoryHub(
  place: number,
  hub: number,
  whole: boolean,
  query: string,
): Promise<number[]> {
  const start =
    2n ** 62n + BigInt(place) * 2n ** 53n + BigInt(hub) * 8589934592n + (whole ? 4294967296n : 0n);
  const { results } = await db
    .prepare(
      `SELECT (rowid | 4294967295) - rowid AS id FROM listings_cat_fts
       WHERE listings_cat_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid`,
    )
    .bind(query, String(start), String(start + 4294967295n))
    .all<{ id: number }>();
  return results.map((r) => r.id);
}
