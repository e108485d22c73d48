import type { TLocale, TUnit } from '../../shared/common.schemas';
import {
  categoryCondition,
  notHubsCondition,
  HUB_SHOWN_SELECT,
  runSearch,
  type Condition,
  type SearchSqlOptions,
} from '../search/search.statements';

export type RequestRow = {
  id: number;
  hub_id: number;
  author_id: number;
  title: string;
  description: string;
  category: string;
  quantity_milli: number;
  unit: TUnit;
  min_length_mm: number | null;
  min_width_mm: number | null;
  min_thickness_mm: number | null;
  needed_by: string | null;
  fetch_radius_km: number;
  status: 'open' | 'fulfilled' | 'withdrawn';
  /** Hidden by a network coordinator (migration 0006). */
  hidden_at: string | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  /** The language it was written in (migration 0041); null reads as the author's. */
  lang: TLocale | null;
  created_at: string;
  updated_at: string;
  hub_slug: string;
  hub_name: string;
  hub_city: string;
  hub_country: string;
  hub_kind: string;
  hub_lat: number;
  hub_lon: number;
  author_name: string;
  /** `lang`, else the author's language. */
  content_lang: TLocale;
  metres: number | null;
  rank: number;
};

export type RequestValues = {
  title: string;
  description: string;
  category: string;
  quantityMilli: number;
  unit: TUnit;
  minLengthMm: number | null;
  minWidthMm: number | null;
  minThicknessMm: number | null;
  neededBy: string | null;
  fetchRadiusKm: number;
  status: 'open' | 'fulfilled';
  lang: TLocale;
};

const COLUMNS: Record<keyof RequestValues, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  quantityMilli: 'quantity_milli',
  unit: 'unit',
  minLengthMm: 'min_length_mm',
  minWidthMm: 'min_width_mm',
  minThicknessMm: 'min_thickness_mm',
  neededBy: 'needed_by',
  fetchRadiusKm: 'fetch_radius_km',
  status: 'status',
  lang: 'lang',
};

const AUTHOR_SELECT = 'u.display_name AS author_name, COALESCE(t.lang, u.locale) AS content_lang';
const AUTHOR_JOIN = 'JOIN users u ON u.id = t.author_id';
const DISPLAY_SELECT = `${HUB_SHOWN_SELECT}, ${AUTHOR_SELECT}`;
const DISPLAY_JOINS = `JOIN hubs h ON h.id = t.hub_id ${AUTHOR_JOIN}`;

export async function insertRequest(
  db: D1Database,
  v: Omit<RequestValues, 'status'> & { hubId: number; authorId: number; now: string },
  /** Recorded with the row, in the same batch (its subject: `{ inserted: true }`). */
  event?: D1PreparedStatement,
): Promise<number> {
  const keys = (Object.keys(COLUMNS) as (keyof RequestValues)[]).filter((k) => k !== 'status');
  const cols = ['hub_id', 'author_id', 'created_at', 'updated_at', ...keys.map((k) => COLUMNS[k])];
  const vals = [v.hubId, v.authorId, v.now, v.now, ...keys.map((k) => v[k as keyof typeof v])];
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO requests (${cols.join(', ')}) VALUES (${cols.map((_, i) => `?${i + 1}`).join(', ')}) RETURNING id`,
      )
      .bind(...vals),
    ...(event ? [event] : []),
  ]);
  const row = inserted?.results[0];
  if (!row) throw new Error('insert returned no id');
  return row.id;
}

export async function findRequest(db: D1Database, id: number): Promise<RequestRow | null> {
  return db
    .prepare(
      `SELECT t.*, ${DISPLAY_SELECT}, NULL AS metres, 0 AS rank FROM requests t ${DISPLAY_JOINS} WHERE t.id = ?1`,
    )
    .bind(id)
    .first<RequestRow>();
}

/** Applies an edit unless the request was withdrawn meanwhile. */
export async function updateRequest(
  db: D1Database,
  id: number,
  patch: Partial<RequestValues>,
  now: string,
  event?: D1PreparedStatement,
): Promise<boolean> {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS)) {
    const v = patch[key as keyof RequestValues];
    if (v === undefined) continue;
    values.push(v);
    sets.push(`${column} = ?${values.length + 2}`);
  }
  const [r] = await db.batch([
    db
      .prepare(
        `UPDATE requests SET updated_at = ?2${sets.map((s) => `, ${s}`).join('')} WHERE id = ?1 AND status <> 'withdrawn'`,
      )
      .bind(id, now, ...values),
    ...(event ? [event] : []),
  ]);
  return (r?.meta.changes ?? 0) > 0;
}

export async function withdrawRequest(
  db: D1Database,
  id: number,
  now: string,
  event?: D1PreparedStatement,
): Promise<boolean> {
  const [r] = await db.batch([
    db
      .prepare(
        `UPDATE requests SET status = 'withdrawn', updated_at = ?2 WHERE id = ?1 AND status <> 'withdrawn'`,
      )
      .bind(id, now),
    ...(event ? [event] : []),
  ]);
  return (r?.meta.changes ?? 0) > 0;
}

/** What a request search filters by, beside its text and place. */
export type RequestSearchFilters = { category?: string; hubId?: number | null; notHubIds?: number[] | null };

export async function searchRequests(
  db: D1Database,
  o: Omit<SearchSqlOptions, 'table' | 'select' | 'joins' | 'where'> & { filters: RequestSearchFilters },
): Promise<RequestRow[]> {
  const { filters, ...search } = o;
  const where: Condition[] = [
    { sql: "t.status = 'open'", values: [] },
    { sql: 't.hidden_at IS NULL', values: [] },
  ];
  if (filters.category) where.push(categoryCondition(filters.category));
  // One hub's rows near a point: that hub alone is read, no ring of hubs round the point.
  if (filters.hubId != null)
    where.push({
      sql: 't.hub_id = ?',
      values: [filters.hubId],
      hubScan: { column: 'hub_id', values: [filters.hubId] },
    });
  if (filters.notHubIds) where.push(notHubsCondition(filters.notHubIds));
  return runSearch<RequestRow>(db, {
    ...search,
    where,
    table: 'requests',
    select: DISPLAY_SELECT,
    joins: DISPLAY_JOINS,
    hubless: { select: AUTHOR_SELECT, joins: AUTHOR_JOIN },
  });
}

/** Hides a request (only one not hidden yet) or restores one (only a hidden one), for moderation's batch. */
export function setHiddenStatement(
  db: D1Database,
  o: { id: number; hide: boolean; by: number; reason: string; now: string },
): D1PreparedStatement {
  return o.hide
    ? db
        .prepare(
          `UPDATE requests SET hidden_at = ?2, hidden_by = ?3, hidden_reason = ?4 WHERE id = ?1 AND hidden_at IS NULL`,
        )
        .bind(o.id, o.now, o.by, o.reason)
    : db
        .prepare(
          `UPDATE requests SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = ?1 AND hidden_at IS NOT NULL`,
        )
        .bind(o.id);
}

/** Open → fulfilled, with its event in the same batch; false when it was no longer open. */
export async function markFulfilled(
  db: D1Database,
  id: number,
  now: string,
  event: D1PreparedStatement,
): Promise<boolean> {
  const [r] = await db.batch([
    db
      .prepare(`UPDATE requests SET status = 'fulfilled', updated_at = ?2 WHERE id = ?1 AND status = 'open'`)
      .bind(id, now),
    event,
  ]);
  return (r?.meta.changes ?? 0) > 0;
}
