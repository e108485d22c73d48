/** All SQL of join requests: a person asks to join a hub; its managers decide once. */
import type { TJoinRequest } from '../../shared/hubs.schemas';
import { toHubSummary } from './hubs.repo';

type JoinRequestRow = {
  id: number;
  hub_id: number;
  user_id: number;
  message: string;
  status: TJoinRequest['status'];
  created_at: string;
  decided_at: string | null;
  display_name: string;
  slug: string;
  name: string;
  city: string;
  country: string;
  kind: TJoinRequest['hub']['kind'];
  lat: number;
  lon: number;
};

export type JoinRequestRecord = TJoinRequest & { hubId: number };

const SELECT = `
  SELECT j.id, j.hub_id, j.user_id, j.message, j.status, j.created_at, j.decided_at, u.display_name,
    h.slug, h.name, h.city, h.country, h.kind, h.lat, h.lon
  FROM join_requests j JOIN users u ON u.id = j.user_id JOIN hubs h ON h.id = j.hub_id`;

const toJoinRequest = (r: JoinRequestRow): JoinRequestRecord => ({
  id: r.id,
  hubId: r.hub_id,
  hub: toHubSummary(r),
  person: { id: r.user_id, displayName: r.display_name },
  message: r.message,
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

export async function findJoinRequest(
  db: D1Database,
  hubId: number,
  id: number,
): Promise<JoinRequestRecord | null> {
  const row = await db
    .prepare(`${SELECT} WHERE j.id = ?1 AND j.hub_id = ?2`)
    .bind(id, hubId)
    .first<JoinRequestRow>();
  return row ? toJoinRequest(row) : null;
}

/** A hub's pending requests, oldest first. */
export async function pendingOfHub(
  db: D1Database,
  hubId: number,
  limit: number,
): Promise<JoinRequestRecord[]> {
  const { results } = await db
    .prepare(`${SELECT} WHERE j.hub_id = ?1 AND j.status = 'pending' ORDER BY j.id LIMIT ?2`)
    .bind(hubId, limit)
    .all<JoinRequestRow>();
  return results.map(toJoinRequest);
}

/** A person's own requests to one hub, newest first. */
export async function ofUserInHub(
  db: D1Database,
  hubId: number,
  userId: number,
): Promise<JoinRequestRecord[]> {
  const { results } = await db
    .prepare(`${SELECT} WHERE j.user_id = ?1 AND j.hub_id = ?2 ORDER BY j.id DESC LIMIT 20`)
    .bind(userId, hubId)
    .all<JoinRequestRow>();
  return results.map(toJoinRequest);
}

/** The pending requests of the hubs a person manages, oldest first (their tasks). */
export async function pendingOfHubs(
  db: D1Database,
  hubIds: number[],
  limit: number,
): Promise<JoinRequestRecord[]> {
  if (hubIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `${SELECT} WHERE j.status = 'pending' AND j.hub_id IN (SELECT value FROM json_each(?1)) ORDER BY j.id LIMIT ?2`,
    )
    .bind(JSON.stringify(hubIds), limit)
    .all<JoinRequestRow>();
  return results.map(toJoinRequest);
}

/**
 * Inserts a pending request unless the person is already a member; a second pending one is
 * refused by the unique index. Returns the new id, 'member' or 'pending'.
 */
export async function insertJoinRequest(
  db: D1Database,
  a: { hubId: number; userId: number; message: string; now: string },
  /** Statements that follow the insert in its batch (its event, recorded only if it inserted). */
  after: D1PreparedStatement[],
): Promise<number | 'member' | 'pending'> {
  const insert = db
    .prepare(
      `INSERT INTO join_requests (hub_id, user_id, message, status, created_at)
       SELECT ?1, ?2, ?3, 'pending', ?4
       WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.hub_id = ?1 AND m.user_id = ?2)
       ON CONFLICT DO NOTHING RETURNING id`,
    )
    .bind(a.hubId, a.userId, a.message, a.now);
  const [result] = await db.batch([insert, ...after]);
  const id = (result?.results[0] as { id: number } | undefined)?.id;
  if (id !== undefined) return id;
  const member = await db
    .prepare('SELECT 1 AS n FROM memberships WHERE hub_id = ?1 AND user_id = ?2')
    .bind(a.hubId, a.userId)
    .first();
  return member ? 'member' : 'pending';
}

/**
 * Decides a pending request once: the status changes only from 'pending', and an accepted
 * person becomes a member in the same batch. Returns whether this call decided it.
 */
export async function decideJoinRequest(
  db: D1Database,
  a: { id: number; hubId: number; accept: boolean; deciderId: number; now: string },
  /** The decision's event, right after the update (recorded only if it changed the row). */
  event: D1PreparedStatement,
): Promise<boolean> {
  const statements = [
    db
      .prepare(
        `UPDATE join_requests SET status = ?3, decided_at = ?4, decided_by = ?5
         WHERE id = ?1 AND hub_id = ?2 AND status = 'pending'`,
      )
      .bind(a.id, a.hubId, a.accept ? 'accepted' : 'declined', a.now, a.deciderId),
    event,
  ];
  if (a.accept)
    statements.push(
      db
        .prepare(
          `INSERT INTO memberships (hub_id, user_id, role, created_at)
           SELECT hub_id, user_id, 'member', ?2 FROM join_requests
           WHERE id = ?1 AND status = 'accepted' AND decided_at = ?2 AND decided_by = ?3
           ON CONFLICT DO NOTHING`,
        )
        .bind(a.id, a.now, a.deciderId),
    );
  const [update] = await db.batch(statements);
  return (update?.meta.changes ?? 0) > 0;
}
