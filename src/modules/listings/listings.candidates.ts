/**
 * Listings as matching reads them: one listing's matching fields, the active listings of a category
 * family near a request, and display rows by id. Owned by matching; kept beside the listings table.
 */
import type { TCondition, TListingKind, TUnit } from '../../shared/common.schemas';
import type { HubSummaryColumns } from '../hubs/hubs.domain';
import { idValues } from '../../shared/sql';

export type ListingCandidateRow = {
  id: number;
  hub_id: number;
  author_id: number;
  kind: TListingKind;
  title: string;
  category: string;
  quantity_milli: number;
  unit: TUnit;
  length_mm: number | null;
  width_mm: number | null;
  thickness_mm: number | null;
  condition: TCondition;
  available_from: string | null;
  available_until: string | null;
  status: string;
};

// Matching sees what is still available: the quantity less what accepted exchanges reserved.
// A listing hidden by a coordinator reads as status 'hidden': never active, so never matched.
const FIELDS = `l.id, l.hub_id, l.author_id, l.kind, l.title, l.category,
  l.quantity_milli - l.quantity_reserved_milli AS quantity_milli, l.unit, l.length_mm,
  l.width_mm, l.thickness_mm, l.condition, l.available_from, l.available_until,
  CASE WHEN l.hidden_at IS NULL THEN l.status ELSE 'hidden' END AS status`;

/** The statement reading one listing's matching fields (any status; no row when there is none), for a batch. */
export function listingForMatchingStatement(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare(`SELECT ${FIELDS} FROM listings l WHERE l.id = ?1`).bind(id);
}

/** One listing's matching fields (any status), or null. */
export function findListingForMatching(db: D1Database, id: number): Promise<ListingCandidateRow | null> {
  return listingForMatchingStatement(db, id).first<ListingCandidateRow>();
}

/**
 * The SQL that reads a request's candidates: active listings of a category family, still available
 * on the day, at the given hubs (with their distance). The small JSON list of hubs is the outer
 * loop (CROSS JOIN keeps that order), so each hub is one range of the (family, status, hub_id,
 * availability end) index: nothing but candidates is read, plus one list row and at most one index
 * entry past the range per hub. No end sorts as 9999-12-31, exactly as the index stores it.
 * Exported for EXPLAIN.
 */
export const CANDIDATE_LISTINGS_SQL = `SELECT ${FIELDS}, dist.metres AS metres
FROM (SELECT CAST(key AS INTEGER) AS hub_id, value AS metres FROM json_each(?1)) dist
CROSS JOIN listings l
WHERE l.family = ?2 AND l.status = 'active' AND l.hub_id = dist.hub_id
  AND coalesce(l.available_until, '9999-12-31') >= ?3
  AND l.hidden_at IS NULL AND l.quantity_milli > l.quantity_reserved_milli`;

export async function candidateListings(
  db: D1Database,
  o: { family: string; hubDistances: Map<number, number>; today: string; excludeHubId: number },
): Promise<(ListingCandidateRow & { metres: number })[]> {
  // The request's own hub is left out of the list, so its listings are never read.
  const hubs = [...o.hubDistances].filter(([id]) => id !== o.excludeHubId);
  if (hubs.length === 0) return [];
  const { results } = await db
    .prepare(CANDIDATE_LISTINGS_SQL)
    .bind(JSON.stringify(Object.fromEntries(hubs)), o.family, o.today)
    .all<ListingCandidateRow & { metres: number }>();
  return results;
}

/** A listing as a match card shows it: its whole quantity, its first photo's id (or null) and its hub too. */
export type ShownListingRow = ListingCandidateRow & {
  total_milli: number;
  photo_id: number | null;
} & HubSummaryColumns<'hub_'>;

/**
 * The statement reading listings by id, for showing matches (for a batch; `shownListingsOf` maps
 * its rows): the first photo's id read from the photos the listing's row keeps (migration 0050),
 * each with its hub's summary (so the page needs no statement of hubs by id). At least one id.
 */
export function listingsByIdsStatement(db: D1Database, ids: number[]): D1PreparedStatement {
  return db.prepare(
    `SELECT ${FIELDS}, l.quantity_milli AS total_milli,
       json_extract(l.photos, '$[0][0]') AS photo_id,
       h.slug AS hub_slug, h.name AS hub_name, h.city AS hub_city, h.country AS hub_country,
       h.kind AS hub_kind, h.lat AS hub_lat, h.lon AS hub_lon
     FROM ${idValues([...new Set(ids)])} v CROSS JOIN listings l ON l.id = v.column1 JOIN hubs h ON h.id = l.hub_id`,
  );
}

/** The rows of `listingsByIdsStatement` by listing id. */
export function shownListingsOf(result: D1Result<ShownListingRow>): Map<number, ShownListingRow> {
  return new Map(result.results.map((r) => [r.id, r]));
}

/** Listings by id, for showing matches, in one statement (`listingsByIdsStatement`). */
export async function listingsByIds(db: D1Database, ids: number[]): Promise<Map<number, ShownListingRow>> {
  if (ids.length === 0) return new Map();
  return shownListingsOf(await listingsByIdsStatement(db, ids).all<ShownListingRow>());
}
