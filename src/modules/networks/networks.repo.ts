import type { TNetworkHub, TNetworkSummary } from '../../shared/networks.schemas';
import type { THubKind } from '../../shared/common.schemas';
import type { MethodPermille } from '../impact/impact.domain';
import { DEFAULT_METHOD_PERMILLE } from '../impact/impact.domain';

export type NetworkRef = { id: number; slug: string; name: string; description: string; createdAt: string };

type NetworkRow = {
  id: number;
  slug: string;
  name: string;
  description: string;
  created_at: string;
  hub_count: number;
  is_coordinator: number;
};

export async function listNetworks(db: D1Database, viewerId: number | null): Promise<TNetworkSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT n.*, (SELECT count(*) FROM network_hubs nh WHERE nh.network_id = n.id AND nh.status = 'active') AS hub_count,
         EXISTS (SELECT 1 FROM network_coordinators c WHERE c.network_id = n.id AND c.user_id = ?1) AS is_coordinator
       FROM networks n ORDER BY n.name COLLATE NOCASE, n.id`,
    )
    .bind(viewerId ?? 0)
    .all<NetworkRow>();
  return results.map((r) => ({
    slug: r.slug,
    name: r.name,
    description: r.description,
    hubCount: r.hub_count,
    isCoordinator: r.is_coordinator === 1,
  }));
}

type NetworkRefRow = { id: number; slug: string; name: string; description: string; created_at: string };

const toNetworkRef = (r: NetworkRefRow | null): NetworkRef | null =>
  r && { id: r.id, slug: r.slug, name: r.name, description: r.description, createdAt: r.created_at };

export async function findNetwork(db: D1Database, slug: string): Promise<NetworkRef | null> {
  return toNetworkRef(
    await db
      .prepare('SELECT id, slug, name, description, created_at FROM networks WHERE slug = ?1')
      .bind(slug)
      .first<NetworkRefRow>(),
  );
}

export async function allNetworkIds(db: D1Database): Promise<{ id: number; slug: string }[]> {
  const { results } = await db
    .prepare('SELECT id, slug FROM networks ORDER BY id')
    .all<{ id: number; slug: string }>();
  return results;
}

/** Creates the network, its creator as coordinator and its default method; false if the slug is taken. */
export async function insertNetwork(
  db: D1Database,
  v: { slug: string; name: string; description: string; userId: number; now: string },
): Promise<boolean> {
  const [created] = await db.batch([
    db
      .prepare(
        `INSERT INTO networks (slug, name, description, created_by, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?5 WHERE NOT EXISTS (SELECT 1 FROM networks WHERE slug = ?1)`,
      )
      .bind(v.slug, v.name, v.description, v.userId, v.now),
    db
      .prepare(
        `INSERT INTO network_coordinators (network_id, user_id, added_by, created_at)
         SELECT id, ?2, ?2, ?3 FROM networks WHERE slug = ?1 AND created_at = ?3 AND created_by = ?2
           AND NOT EXISTS (SELECT 1 FROM network_coordinators c WHERE c.network_id = networks.id)`,
      )
      .bind(v.slug, v.userId, v.now),
    db
      .prepare(
        `INSERT INTO network_methods (network_id, updated_by, updated_at)
         SELECT id, ?2, ?3 FROM networks WHERE slug = ?1
           AND NOT EXISTS (SELECT 1 FROM network_methods m WHERE m.network_id = networks.id)`,
      )
      .bind(v.slug, v.userId, v.now),
  ]);
  return (created?.meta.changes ?? 0) > 0;
}

export async function updateNetwork(
  db: D1Database,
  id: number,
  patch: { name?: string; description?: string },
  now: string,
): Promise<void> {
  await db
    .prepare(
      `UPDATE networks SET name = coalesce(?2, name), description = coalesce(?3, description), updated_at = ?4
       WHERE id = ?1`,
    )
    .bind(id, patch.name ?? null, patch.description ?? null, now)
    .run();
}

/** A network by slug, only when this person coordinates it: one statement (null otherwise). */
export async function findCoordinatedNetwork(
  db: D1Database,
  slug: string,
  userId: number,
): Promise<NetworkRef | null> {
  return toNetworkRef(
    await db
      .prepare(
        `SELECT n.id, n.slug, n.name, n.description, n.created_at FROM networks n
         WHERE n.slug = ?1
           AND EXISTS (SELECT 1 FROM network_coordinators c WHERE c.network_id = n.id AND c.user_id = ?2)`,
      )
      .bind(slug, userId)
      .first<NetworkRefRow>(),
  );
}

export async function isCoordinator(db: D1Database, networkId: number, userId: number): Promise<boolean> {
  const r = await db
    .prepare('SELECT 1 AS ok FROM network_coordinators WHERE network_id = ?1 AND user_id = ?2')
    .bind(networkId, userId)
    .first<{ ok: number }>();
  return r !== null;
}

type HubRow = {
  id: number;
  slug: string;
  name: string;
  city: string;
  country: string;
  kind: THubKind;
  lat: number;
  lon: number;
  status: 'invited' | 'active';
  hub_updated_at: string;
  joined_updated_at: string;
  newest_flow_id: number;
};

/** A network's hub with what its report's version is made of (see `hubsWithMarksOf`). */
export type NetworkHubMarks = {
  hub: TNetworkHub;
  id: number;
  hubUpdatedAt: string;
  membershipUpdatedAt: string;
  /** The newest ledger row the hub gave or received (migration 0047), 0 for none. */
  newestFlowId: number;
};

function networkHubRowsStatement(db: D1Database, networkId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT h.id, h.slug, h.name, h.city, h.country, h.kind, h.lat, h.lon, nh.status,
         h.updated_at AS hub_updated_at, nh.updated_at AS joined_updated_at, h.newest_flow_id
       FROM network_hubs nh JOIN hubs h ON h.id = nh.hub_id
       WHERE nh.network_id = ?1 ORDER BY h.name COLLATE NOCASE, h.id`,
    )
    .bind(networkId);
}

async function networkHubRows(db: D1Database, networkId: number): Promise<HubRow[]> {
  return (await networkHubRowsStatement(db, networkId).all<HubRow>()).results;
}

const toNetworkHub = (r: HubRow): TNetworkHub => ({
  slug: r.slug,
  name: r.name,
  city: r.city,
  country: r.country,
  kind: r.kind,
  lat: r.lat,
  lon: r.lon,
  status: r.status,
});

export async function networkHubs(db: D1Database, networkId: number): Promise<TNetworkHub[]> {
  return (await networkHubRows(db, networkId)).map(toNetworkHub);
}

/** The network's hubs (invited too), each with its id, update times and newest flow. */
/** A network's hubs with their marks, for a shared `DB.batch`; read with `hubsWithMarksOf`. */
export const networkHubsWithMarksStatement = networkHubRowsStatement;

export function hubsWithMarksOf(result: D1Result | undefined): NetworkHubMarks[] {
  return ((result?.results ?? []) as HubRow[]).map((r) => ({
    hub: toNetworkHub(r),
    id: r.id,
    hubUpdatedAt: r.hub_updated_at,
    membershipUpdatedAt: r.joined_updated_at,
    newestFlowId: r.newest_flow_id,
  }));
}

export async function coordinators(
  db: D1Database,
  networkId: number,
): Promise<{ id: number; displayName: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id, u.display_name FROM network_coordinators c JOIN users u ON u.id = c.user_id
       WHERE c.network_id = ?1 ORDER BY u.display_name COLLATE NOCASE, u.id`,
    )
    .bind(networkId)
    .all<{ id: number; display_name: string }>();
  return results.map((r) => ({ id: r.id, displayName: r.display_name }));
}

/**
 * Adds a hub with the given status, or raises 'invited' to 'active'; never lowers 'active'.
 * Returns the status the hub has afterwards.
 */
export async function upsertNetworkHub(
  db: D1Database,
  v: { networkId: number; hubId: number; status: 'invited' | 'active'; userId: number; now: string },
): Promise<'invited' | 'active'> {
  const row = await db
    .prepare(
      `INSERT INTO network_hubs (network_id, hub_id, status, added_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?5)
       ON CONFLICT (network_id, hub_id) DO UPDATE SET
         status = CASE WHEN excluded.status = 'active' THEN 'active' ELSE network_hubs.status END,
         updated_at = excluded.updated_at
       RETURNING status`,
    )
    .bind(v.networkId, v.hubId, v.status, v.userId, v.now)
    .first<{ status: 'invited' | 'active' }>();
  return row?.status ?? v.status;
}

export async function networkHubStatus(
  db: D1Database,
  networkId: number,
  hubId: number,
): Promise<'invited' | 'active' | null> {
  const r = await db
    .prepare('SELECT status FROM network_hubs WHERE network_id = ?1 AND hub_id = ?2')
    .bind(networkId, hubId)
    .first<{ status: 'invited' | 'active' }>();
  return r?.status ?? null;
}

export async function deleteNetworkHub(db: D1Database, networkId: number, hubId: number): Promise<boolean> {
  const r = await db
    .prepare('DELETE FROM network_hubs WHERE network_id = ?1 AND hub_id = ?2')
    .bind(networkId, hubId)
    .run();
  return r.meta.changes > 0;
}

/** Adds the person with this email; 'no_user' when there is none, 'already' when already one. */
export async function insertCoordinatorByEmail(
  db: D1Database,
  v: { networkId: number; email: string; userId: number; now: string },
): Promise<'added' | 'already' | 'no_user'> {
  const r = await db
    .prepare(
      `INSERT INTO network_coordinators (network_id, user_id, added_by, created_at)
       SELECT ?1, u.id, ?3, ?4 FROM users u WHERE u.email = ?2
       ON CONFLICT (network_id, user_id) DO NOTHING`,
    )
    .bind(v.networkId, v.email, v.userId, v.now)
    .run();
  if (r.meta.changes > 0) return 'added';
  const user = await db.prepare('SELECT id FROM users WHERE email = ?1').bind(v.email).first();
  return user ? 'already' : 'no_user';
}

/** Removes a coordinator unless they are the last one; the database decides. */
export async function deleteCoordinator(
  db: D1Database,
  networkId: number,
  userId: number,
): Promise<'removed' | 'last' | 'not_coordinator'> {
  const r = await db
    .prepare(
      `DELETE FROM network_coordinators WHERE network_id = ?1 AND user_id = ?2
       AND (SELECT count(*) FROM network_coordinators WHERE network_id = ?1) > 1`,
    )
    .bind(networkId, userId)
    .run();
  if (r.meta.changes > 0) return 'removed';
  return (await isCoordinator(db, networkId, userId)) ? 'last' : 'not_coordinator';
}

type MethodRow = {
  attribution_permille: number;
  deadweight_permille: number;
  transport: number;
  estimate_range_permille: number;
};

export async function findMethod(db: D1Database, networkId: number): Promise<MethodPermille> {
  const r = await db
    .prepare('SELECT * FROM network_methods WHERE network_id = ?1')
    .bind(networkId)
    .first<MethodRow>();
  if (!r) return DEFAULT_METHOD_PERMILLE;
  return {
    attributionPermille: r.attribution_permille,
    deadweightPermille: r.deadweight_permille,
    transport: r.transport === 1,
    estimateRangePermille: r.estimate_range_permille,
  };
}

export async function upsertMethod(
  db: D1Database,
  networkId: number,
  m: MethodPermille,
  v: { userId: number; now: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO network_methods (network_id, attribution_permille, deadweight_permille, transport,
         estimate_range_permille, updated_by, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (network_id) DO UPDATE SET attribution_permille = excluded.attribution_permille,
         deadweight_permille = excluded.deadweight_permille, transport = excluded.transport,
         estimate_range_permille = excluded.estimate_range_permille, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
    )
    .bind(
      networkId,
      m.attributionPermille,
      m.deadweightPermille,
      m.transport ? 1 : 0,
      m.estimateRangePermille,
      v.userId,
      v.now,
    )
    .run();
}

/** The hubs that count for a network (invitations accepted). */
export async function activeHubs(db: D1Database, networkId: number): Promise<{ id: number; slug: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT h.id, h.slug FROM network_hubs nh JOIN hubs h ON h.id = nh.hub_id
       WHERE nh.network_id = ?1 AND nh.status = 'active' ORDER BY h.id`,
    )
    .bind(networkId)
    .all<{ id: number; slug: string }>();
  return results;
}

/** Networks in which this hub is active, with their ids (for the impact job's scopes). */
export async function networksOfHub(db: D1Database, hubId: number): Promise<number[]> {
  const { results } = await db
    .prepare("SELECT network_id FROM network_hubs WHERE hub_id = ?1 AND status = 'active'")
    .bind(hubId)
    .all<{ network_id: number }>();
  return results.map((r) => r.network_id);
}

/** Invitations waiting for this hub's managers. */
export async function invitationsOfHub(
  db: D1Database,
  hubId: number,
): Promise<{ slug: string; name: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT n.slug, n.name FROM network_hubs nh JOIN networks n ON n.id = nh.network_id
       WHERE nh.hub_id = ?1 AND nh.status = 'invited' ORDER BY n.name`,
    )
    .bind(hubId)
    .all<{ slug: string; name: string }>();
  return results;
}

/** Whether the person coordinates a network in which this hub is active (moderation rights). */
export async function coordinatesHub(db: D1Database, hubId: number, userId: number): Promise<boolean> {
  const r = await db
    .prepare(
      `SELECT 1 AS ok FROM network_coordinators nc JOIN network_hubs nh ON nh.network_id = nc.network_id
       WHERE nc.user_id = ?2 AND nh.hub_id = ?1 AND nh.status = 'active' LIMIT 1`,
    )
    .bind(hubId, userId)
    .first<{ ok: number }>();
  return r !== null;
}
