/** All SQL of reports and moderation actions. Reads join the reported items for display. */
import type { THideableType, TReportItemType, TReportReason } from '../../shared/moderation.schemas';

export type ReportRow = {
  id: number;
  item_type: TReportItemType;
  item_id: number;
  hub_id: number;
  reporter_id: number;
  reason: TReportReason;
  body: string;
  status: 'open' | 'resolved';
  created_at: string;
};

/** Records a report unless this person already reported this item (the unique key decides). */
export async function insertReport(
  db: D1Database,
  r: {
    itemType: TReportItemType;
    itemId: number;
    hubId: number;
    reporterId: number;
    reason: TReportReason;
    body: string;
    now: string;
  },
): Promise<ReportRow | null> {
  return db
    .prepare(
      `INSERT INTO reports (item_type, item_id, hub_id, reporter_id, reason, body, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (item_type, item_id, reporter_id) DO NOTHING
       RETURNING *`,
    )
    .bind(r.itemType, r.itemId, r.hubId, r.reporterId, r.reason, r.body, r.now)
    .first<ReportRow>();
}

export type ReportViewRow = ReportRow & {
  hub_slug: string;
  hub_name: string;
  reporter_name: string;
  item_title: string | null;
  item_hidden: number;
  exchange_id: number | null;
};

/** Reports of the given hubs, newest first. */
export async function reportsOfHubs(
  db: D1Database,
  o: { hubIds: number[]; status: 'open' | 'resolved' | 'all'; limit: number },
): Promise<ReportViewRow[]> {
  if (o.hubIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT rp.*, h.slug AS hub_slug, h.name AS hub_name, u.display_name AS reporter_name,
         CASE rp.item_type WHEN 'listing' THEN l.title WHEN 'request' THEN rq.title
           ELSE substr(m.body, 1, 120) END AS item_title,
         CASE rp.item_type WHEN 'listing' THEN l.hidden_at IS NOT NULL WHEN 'request' THEN rq.hidden_at IS NOT NULL
           ELSE 0 END AS item_hidden,
         m.exchange_id AS exchange_id
       FROM reports rp
       JOIN hubs h ON h.id = rp.hub_id
       JOIN users u ON u.id = rp.reporter_id
       LEFT JOIN listings l ON rp.item_type = 'listing' AND l.id = rp.item_id
       LEFT JOIN requests rq ON rp.item_type = 'request' AND rq.id = rp.item_id
       LEFT JOIN exchange_messages m ON rp.item_type = 'message' AND m.id = rp.item_id
       WHERE rp.hub_id IN (SELECT value FROM json_each(?1)) AND (?2 = 'all' OR rp.status = ?2)
       ORDER BY rp.id DESC LIMIT ?3`,
    )
    .bind(JSON.stringify(o.hubIds), o.status, o.limit)
    .all<ReportViewRow>();
  return results;
}

/**
 * The statements that follow a hide or restore in the same batch: the action is recorded and the
 * item's open reports resolved only when the item's own update (the statement just before) applied.
 */
export function actionStatements(
  db: D1Database,
  a: {
    itemType: THideableType;
    itemId: number;
    action: 'hide' | 'restore';
    actorId: number;
    reason: string;
    now: string;
  },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO moderation_actions (item_type, item_id, action, actor_id, reason, created_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE changes() = 1
         RETURNING id`,
      )
      .bind(a.itemType, a.itemId, a.action, a.actorId, a.reason, a.now),
    db
      .prepare(
        `UPDATE reports SET status = 'resolved', resolved_at = ?3
         WHERE item_type = ?1 AND item_id = ?2 AND status = 'open'
           AND EXISTS (SELECT 1 FROM moderation_actions WHERE item_type = ?1 AND item_id = ?2 AND created_at = ?3 AND actor_id = ?4)`,
      )
      .bind(a.itemType, a.itemId, a.now, a.actorId),
  ];
}
