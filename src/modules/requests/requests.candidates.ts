/**
 * Requests as matching reads them: one request's matching fields, the open requests of a category
 * family whose fetch radius reaches a listing's hub, and display rows by id. Owned by matching.
 */
import type { TRole, TUnit } from '../../shared/common.schemas';
import type { HubSummaryColumns } from '../hubs/hubs.domain';
import { idValues } from '../../shared/sql';

export type RequestCandidateRow = {
  id: number;
  hub_id: number;
  author_id: number;
  title: string;
  category: string;
  quantity_milli: number;
  unit: TUnit;
  min_length_mm: number | null;
  min_width_mm: number | null;
  min_thickness_mm: number | null;
  needed_by: string | null;
  fetch_radius_km: number;
  status: string;
};

const FIELDS = `r.id, r.hub_id, r.author_id, r.title, r.category, r.quantity_milli, r.unit, r.min_length_mm,
  r.min_width_mm, r.min_thickness_mm, r.needed_by, r.fetch_radius_km,
  CASE WHEN r.hidden_at IS NULL THEN r.status ELSE 'hidden' END AS status`;
// A request hidden by a coordinator reads as status 'hidden': never open, so never matched.

/** One request's matching fields (any status), or null. */
export function findRequestForMatching(db: D1Database, id: number): Promise<RequestCandidateRow | null> {
  return db.prepare(`SELECT ${FIELDS} FROM requests r WHERE r.id = ?1`).bind(id).first<RequestCandidateRow>();
}

/** A request's matching fields with what a person is in its hub (null when not a member). */
export type RequestForMemberRow = RequestCandidateRow & { viewer_role: TRole | null };

/**
 * The statement reading one request's matching fields with what a person is in its hub
 * (`viewer_role`), for a batch: the request and the check of who may see its matches in one
 * statement (no row when there is no such request).
 */
export function requestForMemberStatement(db: D1Database, id: number, userId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${FIELDS},
         (SELECT m.role FROM memberships m WHERE m.hub_id = r.hub_id AND m.user_id = ?2) AS viewer_role
       FROM requests r WHERE r.id = ?1`,
    )
    .bind(id, userId);
}

/** One request's matching fields with what a person is in its hub, or null (`requestForMemberStatement`). */
export function findRequestForMember(
  db: D1Database,
  id: number,
  userId: number,
): Promise<RequestForMemberRow | null> {
  return requestForMemberStatement(db, id, userId).first<RequestForMemberRow>();
}

/**
 * The SQL that reads a listing's candidates: open requests of a category family at the given hubs
 * whose own fetch radius reaches the listing. The small JSON list of hubs is the outer loop (CROSS
 * JOIN keeps that order); for each hub the (family, status, hub_id, fetch_radius_km) index gives
 * exactly the requests whose radius is at least the distance, so no request out of reach is read.
 * Exported for EXPLAIN.
 */
export const CANDIDATE_REQUESTS_SQL = `SELECT ${FIELDS}, dist.metres AS metres
FROM (SELECT CAST(key AS INTEGER) AS hub_id, value AS metres FROM json_each(?1)) dist
CROSS JOIN requests r
WHERE r.family = ?2 AND r.status = 'open' AND r.hub_id = dist.hub_id
  AND r.fetch_radius_km >= dist.metres / 1000.0 AND r.hidden_at IS NULL`;

export async function candidateRequests(
  db: D1Database,
  o: { family: string; hubDistances: Map<number, number>; excludeHubId: number },
): Promise<(RequestCandidateRow & { metres: number })[]> {
  // The listing's own hub is left out of the list, so its requests are never read.
  const hubs = [...o.hubDistances].filter(([id]) => id !== o.excludeHubId);
  if (hubs.length === 0) return [];
  const { results } = await db
    .prepare(CANDIDATE_REQUESTS_SQL)
    .bind(JSON.stringify(Object.fromEntries(hubs)), o.family)
    .all<RequestCandidateRow & { metres: number }>();
  return results;
}

/** A request as a match card shows it: with its hub's summary. */
export type ShownRequestRow = RequestCandidateRow & HubSummaryColumns<'hub_'>;

/** Requests by id, for showing matches, each with its hub's summary (no statement of hubs by id). */
export async function requestsByIds(db: D1Database, ids: number[]): Promise<Map<number, ShownRequestRow>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT ${FIELDS}, h.slug AS hub_slug, h.name AS hub_name, h.city AS hub_city,
         h.country AS hub_country, h.kind AS hub_kind, h.lat AS hub_lat, h.lon AS hub_lon
       FROM ${idValues([...new Set(ids)])} v CROSS JOIN requests r ON r.id = v.column1 JOIN hubs h ON h.id = r.hub_id`,
    )
    .all<ShownRequestRow>();
  return new Map(results.map((r) => [r.id, r]));
}

/** Open requests after an id, for the scheduled rebuild. */
export async function openRequestIdsAfter(db: D1Database, afterId: number, limit: number): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM requests WHERE status = 'open' AND hidden_at IS NULL AND id > ?1 ORDER BY id LIMIT ?2`,
    )
    .bind(afterId, limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}
