import type { TRole } from '../../shared/common.schemas';
import type { THub, THubInput, THubSummary, TMember } from '../../shared/hubs.schemas';
import { pairValues } from '../../shared/sql';
import { hubSummaryOf } from './hubs.domain';
import { HUB_PLACE_COLUMNS, type HubPlace } from '../search/search.statements';

type HubRow = {
  id: number;
  slug: string;
  name: string;
  city: string;
  country: string;
  kind: THub['kind'];
  lat: number;
  lon: number;
  description: string;
  website: string | null;
  timezone: string;
  created_at: string;
  member_count: number;
  active_listing_count: number;
  open_request_count: number;
  active_since: string | null;
  completed_exchange_count: number;
  my_role: TRole | null;
};

export type HubRef = THubSummary & { id: number };

/** The low bits of a hub's `name_key` (migration 0064): its id, below 2^20 (0062). */
const HUB_ID_BITS = 0xfffff;

export const toHubSummary = (
  r: Pick<HubRow, 'slug' | 'name' | 'city' | 'country' | 'kind' | 'lat' | 'lon'>,
): THubSummary => hubSummaryOf(r, '');

const toHub = (r: HubRow): THub => ({
  ...toHubSummary(r),
  description: r.description,
  website: r.website,
  createdAt: r.created_at,
  memberCount: r.member_count,
  activeListingCount: r.active_listing_count,
  openRequestCount: r.open_request_count,
  activeSince: r.active_since,
  completedExchangeCount: r.completed_exchange_count,
  timezone: r.timezone,
  myRole: r.my_role,
});

// Hub profiles show their counts, kept in hub_counts as the rows change (migration 0059): one row
// a hub, whatever it holds. The hub's own columns by name (not its keys: 0064's name_key passes 2^53).
const HUB_COUNTS = `
  SELECT h.id, h.slug, h.name, h.city, h.country, h.kind, h.lat, h.lon, h.description, h.website,
    h.timezone, h.created_at,
    c.members AS member_count,
    c.active_listings AS active_listing_count,
    c.open_requests AS open_request_count,
    c.completed_exchanges AS completed_exchange_count,
    c.active_since AS active_since,
    (SELECT role FROM memberships m WHERE m.hub_id = h.id AND m.user_id = ?1) AS my_role`;
/** The hubs read (`from`, as `h`) with their counts. */
const withCounts = (from: string) => `${from} JOIN hub_counts c ON c.hub_id = h.id`;
const HUB_SELECT = `${HUB_COUNTS} FROM ${withCounts('hubs h')}`;

/**
 * The first `?c` hubs matching words (`hubWordsMatch`) by name, after the hub `?a` when given: the
 * full-text index is keyed by each hub's place by name (`name_key`, migration 0064), so it yields
 * its matches in name order and stops at `?c`, however many hubs hold the words; a key's low 20
 * bits are its hub's id. A FROM clause (the keys as `m.k`, the hubs as `h`).
 */
function firstHubsMatching(n: number, c: number, a?: number): string {
  const after = a === undefined ? '' : ` AND rowid > (SELECT name_key FROM hubs WHERE id = ?${a})`;
  return `(SELECT rowid AS k FROM hubs_fts WHERE hubs_fts MATCH ?${n}${after} ORDER BY rowid LIMIT ?${c}) m
    CROSS JOIN hubs h ON h.id = m.k & ${HUB_ID_BITS}`;
}

/**
 * Hubs by name (whatever its case), then id, after the hub `afterId` when given, at most `limit`,
 * only those matching words when `match` is given (`hubWordsMatch`), each with its kept counts:
 * the index `hubs_name` (migration 0057) holds the order, or with words the full-text index keyed
 * by name (0064), so only the page's hubs are read.
 */
export async function listHubs(
  db: D1Database,
  viewerId: number | null,
  o: { afterId: number | null; limit: number; match: string | null },
): Promise<{ id: number; hub: THub }[]> {
  const values: unknown[] = [viewerId];
  const bind = (v: unknown) => `?${values.push(v)}`;
  if (o.match !== null) {
    const from = firstHubsMatching(
      values.push(o.match),
      values.push(o.limit),
      o.afterId === null ? undefined : values.push(o.afterId),
    );
    const { results } = await db
      .prepare(`${HUB_COUNTS} FROM ${withCounts(from)} ORDER BY m.k`)
      .bind(...values)
      .all<HubRow>();
    return results.map((r) => ({ id: r.id, hub: toHub(r) }));
  }
  const where: string[] = [];
  if (o.afterId !== null) {
    const after = bind(o.afterId);
    where.push(
      `h.name COLLATE NOCASE >= (SELECT name FROM hubs WHERE id = ${after})`,
      `(h.name COLLATE NOCASE > (SELECT name FROM hubs WHERE id = ${after}) OR h.id > ${after})`,
    );
  }
  const { results } = await db
    .prepare(
      `${HUB_COUNTS} FROM ${withCounts('hubs h')}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY h.name COLLATE NOCASE, h.id LIMIT ${bind(o.limit)}`,
    )
    .bind(...values)
    .all<HubRow>();
  return results.map((r) => ({ id: r.id, hub: toHub(r) }));
}

/**
 * Hubs' summaries (name, city, kind, place), by name, from the hubs table alone, without the
 * counts and the viewer's role `listHubs` adds: the first by name (`hubs_name`), those matching
 * words (`hubWordsMatch`, what a picker shows as a person types: the first `limit` of them by
 * name, however many hubs hold the words), at a point (`hubs_lat_lon`) or with a slug; at most
 * `limit` when given (100 with words).
 */
export async function listHubSummaries(
  db: D1Database,
  o: {
    match?: string;
    at?: { lat: number; lon: number };
    slug?: string;
    limit?: number;
  } = {},
): Promise<THubSummary[]> {
  const values: unknown[] = [];
  const bind = (v: unknown) => `?${values.push(v)}`;
  // A point or a slug holds a few hubs: those are read, and each asks the index whether it matches.
  const few = o.at !== undefined || o.slug !== undefined;
  const walk = o.match !== undefined && !few;
  const from = walk ? firstHubsMatching(values.push(o.match), values.push(o.limit ?? 100)) : 'hubs h';
  const where: string[] = [];
  if (o.at) where.push(`h.lat = ${bind(o.at.lat)} AND h.lon = ${bind(o.at.lon)}`);
  if (o.slug !== undefined) where.push(`h.slug = ${bind(o.slug)}`);
  if (o.match !== undefined && few)
    where.push(
      `EXISTS (SELECT 1 FROM hubs_fts WHERE hubs_fts MATCH ${bind(o.match)} AND rowid = h.name_key)`,
    );
  const { results } = await db
    .prepare(
      `SELECT h.slug, h.name, h.city, h.country, h.kind, h.lat, h.lon FROM ${from}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${walk ? 'm.k' : 'h.name COLLATE NOCASE, h.id'}${o.limit === undefined ? '' : ` LIMIT ${bind(o.limit)}`}`,
    )
    .bind(...values)
    .all<HubRow>();
  return results.map(toHubSummary);
}

export async function findHub(db: D1Database, slug: string, viewerId: number | null): Promise<THub | null> {
  const row = await db.prepare(`${HUB_SELECT} WHERE h.slug = ?2`).bind(viewerId, slug).first<HubRow>();
  return row ? toHub(row) : null;
}

export async function findHubRef(db: D1Database, slug: string): Promise<HubRef | null> {
  const row = await db
    .prepare('SELECT id, slug, name, city, country, kind, lat, lon FROM hubs WHERE slug = ?1')
    .bind(slug)
    .first<HubRow>();
  return row ? { id: row.id, ...toHubSummary(row) } : null;
}

/** The ids of the hubs of these slugs, by slug (a slug of no hub is absent). */
export async function hubIdsOfSlugs(db: D1Database, slugs: string[]): Promise<Map<string, number>> {
  const { results } = await db
    .prepare('SELECT id, slug FROM hubs WHERE slug IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(slugs))
    .all<{ id: number; slug: string }>();
  return new Map(results.map((r) => [r.slug, r.id]));
}

/** A hub's id and place, and what a listing or request shows of it (search.statements `HubPlace`). */
export type HubPoint = HubPlace;

/**
 * Ranges of cells written into the SQL as VALUES (not counted as rows read) up to this many; a
 * ring of every other cell (a range per row of cells, up to 3,600) is one JSON parameter.
 */
export const CELL_RANGE_VALUES = 200;

/**
 * The id and place of the hubs in these ranges of cells (migration 0037): one seek of `hubs_cell`
 * per range, so only the hubs of those cells are read. A ring of a search by place may hold a
 * thousand hubs, of which the distance is used, and what is shown of those of the page's rows.
 */
export async function hubPointsInCells(db: D1Database, ranges: [number, number][]): Promise<HubPoint[]> {
  if (ranges.length === 0) return [];
  const values = ranges.length <= CELL_RANGE_VALUES;
  const { results } = await db
    .prepare(
      values
        ? `SELECT ${HUB_PLACE_COLUMNS} FROM ${pairValues(ranges)} r
           JOIN hubs h ON h.cell BETWEEN r.column1 AND r.column2`
        : `SELECT ${HUB_PLACE_COLUMNS} FROM json_each(?1) r
           JOIN hubs h ON h.cell BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]')`,
    )
    .bind(...(values ? [] : [JSON.stringify(ranges)]))
    .all<HubPoint>();
  return results;
}

/** The hubs with these ids (one indexed look-up each), not the whole table. */
export async function hubRefsByIds(db: D1Database, ids: number[]): Promise<HubRef[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      'SELECT id, slug, name, city, country, kind, lat, lon FROM hubs WHERE id IN (SELECT value FROM json_each(?1))',
    )
    .bind(JSON.stringify([...new Set(ids)]))
    .all<HubRow>();
  return results.map((row) => ({ id: row.id, ...toHubSummary(row) }));
}

/** The hubs with these slugs (one look-up each through the slug's unique index). */
export async function hubRefsBySlugs(db: D1Database, slugs: string[]): Promise<HubRef[]> {
  if (slugs.length === 0) return [];
  const { results } = await db
    .prepare(
      'SELECT id, slug, name, city, country, kind, lat, lon FROM hubs WHERE slug IN (SELECT value FROM json_each(?1))',
    )
    .bind(JSON.stringify([...new Set(slugs)]))
    .all<HubRow>();
  return results.map((row) => ({ id: row.id, ...toHubSummary(row) }));
}

/**
 * Creates a hub and makes its creator its manager, in one batch: 'slug_taken' when another hub
 * holds the slug, 'full' when the next hub id would pass the limit of migration 0062 (its
 * trigger refuses the row, and the batch writes nothing).
 */
export async function insertHubWithManager(
  db: D1Database,
  input: THubInput & { description: string },
  userId: number,
  now: string,
): Promise<'created' | 'slug_taken' | 'full'> {
  const [hub] = await db
    .batch([
      db
        .prepare(
          `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, description, website, created_by, created_at, updated_at, timezone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12) ON CONFLICT (slug) DO NOTHING`,
        )
        .bind(
          input.slug,
          input.name,
          input.city,
          input.country,
          input.kind,
          input.lat,
          input.lon,
          input.description,
          input.website ?? null,
          userId,
          now,
          input.timezone ?? 'Europe/Brussels',
        ),
      db
        .prepare(
          `INSERT INTO memberships (hub_id, user_id, role, created_at)
         SELECT id, ?2, 'manager', ?3 FROM hubs WHERE slug = ?1 AND created_by = ?2 AND created_at = ?3
         ON CONFLICT DO NOTHING`,
        )
        .bind(input.slug, userId, now),
    ])
    .catch((e: unknown) => {
      if (e instanceof Error && HUB_ID_LIMIT_REFUSED.test(e.message)) return ['full' as const];
      throw e;
    });
  if (hub === 'full') return 'full';
  return (hub?.meta.changes ?? 0) > 0 ? 'created' : 'slug_taken';
}

/** The message of migration 0062's triggers, which refuse a hub id of 2^20 or more. */
const HUB_ID_LIMIT_REFUSED = /hub ids stop below 1048576/;

const PATCHABLE = {
  name: 'name',
  city: 'city',
  country: 'country',
  kind: 'kind',
  lat: 'lat',
  lon: 'lon',
  description: 'description',
  website: 'website',
  timezone: 'timezone',
} as const;

export async function updateHub(
  db: D1Database,
  hubId: number,
  patch: Partial<Record<keyof typeof PATCHABLE, unknown>>,
  now: string,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(PATCHABLE)) {
    const v = patch[key as keyof typeof PATCHABLE];
    if (v === undefined) continue;
    values.push(v);
    sets.push(`${column} = ?${values.length + 2}`);
  }
  await db
    .prepare(`UPDATE hubs SET updated_at = ?2${sets.map((s) => `, ${s}`).join('')} WHERE id = ?1`)
    .bind(hubId, now, ...values)
    .run();
}

export async function roleOf(db: D1Database, hubId: number, userId: number): Promise<TRole | null> {
  const row = await db
    .prepare('SELECT role FROM memberships WHERE hub_id = ?1 AND user_id = ?2')
    .bind(hubId, userId)
    .first<{ role: TRole }>();
  return row?.role ?? null;
}

/** The people of each of these hubs (managers only where `managersOnly`), in one statement. */
export async function memberIdsOfHubs(
  db: D1Database,
  hubIds: number[],
  managersOnly: boolean,
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(hubIds.map((h) => [h, []]));
  if (hubIds.length === 0) return out;
  const { results } = await db
    .prepare(
      `SELECT hub_id, user_id FROM memberships WHERE hub_id IN (SELECT value FROM json_each(?1))
         AND (?2 = 0 OR role = 'manager')`,
    )
    .bind(JSON.stringify(hubIds), managersOnly ? 1 : 0)
    .all<{ hub_id: number; user_id: number }>();
  for (const r of results) out.get(r.hub_id)?.push(r.user_id);
  return out;
}

export async function membershipsOfUser(
  db: D1Database,
  userId: number,
): Promise<{ hub: THubSummary; role: TRole }[]> {
  const { results } = await db
    .prepare(
      `SELECT h.slug, h.name, h.city, h.country, h.kind, h.lat, h.lon, m.role
       FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE m.user_id = ?1 ORDER BY m.created_at, h.name`,
    )
    .bind(userId)
    .all<HubRow & { role: TRole }>();
  return results.map((r) => ({ hub: toHubSummary(r), role: r.role }));
}

export async function listMembers(db: D1Database, hubId: number): Promise<TMember[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id, u.display_name, u.email, m.role, m.created_at FROM memberships m
       JOIN users u ON u.id = m.user_id WHERE m.hub_id = ?1 ORDER BY m.role = 'manager' DESC, u.display_name`,
    )
    .bind(hubId)
    .all<{ id: number; display_name: string; email: string; role: TRole; created_at: string }>();
  return results.map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
    joinedAt: r.created_at,
  }));
}

/** Removes a membership unless it is the hub's last manager; the database decides. */
export async function deleteMembership(
  db: D1Database,
  hubId: number,
  userId: number,
): Promise<'removed' | 'last_manager' | 'not_member'> {
  const r = await db
    .prepare(
      `DELETE FROM memberships WHERE hub_id = ?1 AND user_id = ?2
       AND (role <> 'manager' OR (SELECT count(*) FROM memberships WHERE hub_id = ?1 AND role = 'manager') > 1)`,
    )
    .bind(hubId, userId)
    .run();
  if (r.meta.changes > 0) return 'removed';
  return (await roleOf(db, hubId, userId)) ? 'last_manager' : 'not_member';
}

export async function insertInvite(
  db: D1Database,
  i: { hubId: number; tokenHash: string; role: TRole; createdBy: number; now: string; expiresAt: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO invites (hub_id, token_hash, role, created_by, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(i.hubId, i.tokenHash, i.role, i.createdBy, i.now, i.expiresAt)
    .run();
}

export async function findOpenInvite(
  db: D1Database,
  tokenHash: string,
  now: string,
): Promise<{ hubId: number; hub: THubSummary; role: TRole; expiresAt: string } | null> {
  const row = await db
    .prepare(
      `SELECT i.hub_id, i.role, i.expires_at, h.slug, h.name, h.city, h.country, h.kind, h.lat, h.lon
       FROM invites i JOIN hubs h ON h.id = i.hub_id
       WHERE i.token_hash = ?1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?2`,
    )
    .bind(tokenHash, now)
    .first<HubRow & { hub_id: number; role: TRole; expires_at: string }>();
  return row
    ? { hubId: row.hub_id, hub: toHubSummary(row), role: row.role, expiresAt: row.expires_at }
    : null;
}

/** Uses the invite once and adds the membership in the same batch; false if it was no longer open. */
export async function acceptInvite(
  db: D1Database,
  a: { tokenHash: string; userId: number; now: string },
): Promise<boolean> {
  const [used] = await db.batch([
    db
      .prepare(
        `UPDATE invites SET accepted_by = ?2, accepted_at = ?3
         WHERE token_hash = ?1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?3
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.hub_id = invites.hub_id AND m.user_id = ?2)`,
      )
      .bind(a.tokenHash, a.userId, a.now),
    db
      .prepare(
        `INSERT INTO memberships (hub_id, user_id, role, created_at)
         SELECT hub_id, ?2, role, ?3 FROM invites WHERE token_hash = ?1 AND accepted_by = ?2 AND accepted_at = ?3
         ON CONFLICT DO NOTHING`,
      )
      .bind(a.tokenHash, a.userId, a.now),
  ]);
  return (used?.meta.changes ?? 0) > 0;
}

/** A person's role in each of their hubs (for a shared `DB.batch`; read with `rolesOf`). */
export function hubRolesStatement(db: D1Database, userId: number): D1PreparedStatement {
  return db.prepare('SELECT hub_id, role FROM memberships WHERE user_id = ?1').bind(userId);
}

/** The roles `hubRolesStatement` read, by hub id. */
export function rolesOf(result: D1Result | undefined): Map<number, TRole> {
  const rows = (result?.results ?? []) as { hub_id: number; role: TRole }[];
  return new Map(rows.map((r) => [r.hub_id, r.role]));
}

export async function hubRoles(db: D1Database, userId: number): Promise<Map<number, TRole>> {
  return rolesOf(await hubRolesStatement(db, userId).all());
}

/** How many hubs there are and the box round their places (null without hubs): a few index ends. */
export async function hubMapNetwork(
  db: D1Database,
  topLevel: number,
): Promise<{ hubs: number; extent: { south: number; west: number; north: number; east: number } | null }> {
  // The count from the top level's cells (a row per 25.6° cell holding hubs), the extent from the
  // first and last entries of hubs_lat_lon and hubs_lon: never the hubs table whole.
  const row = await db
    .prepare(
      `SELECT (SELECT coalesce(sum(hubs), 0) FROM hub_map_cells WHERE level = ?1) AS hubs,
         (SELECT min(lat) FROM hubs) AS south, (SELECT max(lat) FROM hubs) AS north,
         (SELECT min(lon) FROM hubs) AS west, (SELECT max(lon) FROM hubs) AS east`,
    )
    .bind(topLevel)
    .first<{
      hubs: number;
      south: number | null;
      west: number | null;
      north: number | null;
      east: number | null;
    }>();
  const { hubs = 0, south = null, west = null, north = null, east = null } = row ?? {};
  return {
    hubs,
    extent:
      south === null || west === null || north === null || east === null
        ? null
        : { south, west, north, east },
  };
}

export type HubMapCell = { cell: number; hubs: number; lat_e6: number; lon_e6: number; id_sum: number };

/** The cells of one level of hub_map_cells (migration 0061) in these ranges of keys: one seek a range. */
export async function hubMapCells(
  db: D1Database,
  level: number,
  ranges: [number, number][],
): Promise<HubMapCell[]> {
  if (ranges.length === 0) return [];
  const values = ranges.length <= CELL_RANGE_VALUES;
  const { results } = await db
    .prepare(
      values
        ? `SELECT m.cell, m.hubs, m.lat_e6, m.lon_e6, m.id_sum FROM ${pairValues(ranges)} r
           JOIN hub_map_cells m ON m.level = ?1 AND m.cell BETWEEN r.column1 AND r.column2`
        : `SELECT m.cell, m.hubs, m.lat_e6, m.lon_e6, m.id_sum FROM json_each(?2) r
           JOIN hub_map_cells m ON m.level = ?1
             AND m.cell BETWEEN json_extract(r.value, '$[0]') AND json_extract(r.value, '$[1]')`,
    )
    .bind(level, ...(values ? [] : [JSON.stringify(ranges)]))
    .all<HubMapCell>();
  return results;
}
