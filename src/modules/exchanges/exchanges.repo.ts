/**
 * All SQL of exchanges, their timeline, messages, outcomes and the flow ledger. Every state
 * change is one DB.batch whose first statement is the conditional transition; the batch's other
 * statements apply only where the exchange now carries this request's action token.
 */
import { idValues } from '../../shared/sql';
import type { TExchangeState, TTransportMode } from '../../shared/exchanges.schemas';
import type { TUnit } from '../../shared/common.schemas';

export type ExchangeRow = {
  id: number;
  listing_id: number;
  from_hub_id: number;
  to_hub_id: number;
  claimed_by: number;
  state: TExchangeState;
  category: string;
  unit: TUnit;
  quantity_milli: number;
  proposed_pickup_at: string | null;
  expires_at: string;
  accepted_at: string | null;
  handover_quantity_milli: number | null;
  handover_mass_grams: number | null;
  transport_mode: TTransportMode | null;
  handover_by: number | null;
  handover_hub_id: number | null;
  handed_over_at: string | null;
  confirm_by: string | null;
  dispute_reason: string | null;
  completed_at: string | null;
  request_id: number | null;
  action_token: string;
  created_at: string;
  updated_at: string;
  // Read-model columns joined for display.
  listing_title: string;
  listing_kind: string;
  claimant_name: string;
  handover_by_name: string | null;
  handover_hub_slug: string | null;
  fh_slug: string;
  fh_name: string;
  fh_city: string;
  fh_country: string;
  fh_kind: string;
  fh_lat: number;
  fh_lon: number;
  th_slug: string;
  th_name: string;
  th_city: string;
  th_country: string;
  th_kind: string;
  th_lat: number;
  th_lon: number;
};

const hubCols = (a: string) =>
  ['slug', 'name', 'city', 'country', 'kind', 'lat', 'lon'].map((c) => `${a}.${c} AS ${a}_${c}`).join(', ');

const SELECT_EXCHANGE = `SELECT e.*, l.title AS listing_title, l.kind AS listing_kind,
    cu.display_name AS claimant_name, hu.display_name AS handover_by_name, hh.slug AS handover_hub_slug,
    ${hubCols('fh')}, ${hubCols('th')}
  FROM exchanges e
  JOIN listings l ON l.id = e.listing_id
  JOIN hubs fh ON fh.id = e.from_hub_id
  JOIN hubs th ON th.id = e.to_hub_id
  JOIN users cu ON cu.id = e.claimed_by
  LEFT JOIN users hu ON hu.id = e.handover_by
  LEFT JOIN hubs hh ON hh.id = e.handover_hub_id`;

/** One exchange with what it shows of its listing, people and hubs (for a shared `DB.batch`). */
export function findExchangeStatement(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare(`${SELECT_EXCHANGE} WHERE e.id = ?1`).bind(id);
}

export async function findExchange(db: D1Database, id: number): Promise<ExchangeRow | null> {
  return findExchangeStatement(db, id).first<ExchangeRow>();
}

/**
 * Hubs up to which a person's list is read hub by hub: one small statement per hub and side (a
 * page of that hub's newest ids through its (hub, id) index), merged by id. Beyond, one query.
 */
const MAX_HUB_RANGES = 12;

/** The newest distinct ids the statements return (each newest first), one more than `limit` at most. */
async function newestIds(
  db: D1Database,
  statements: D1PreparedStatement[],
  limit: number,
): Promise<number[]> {
  const found = (await db.batch<{ id: number }>(statements)).flatMap((r) => r.results.map((x) => x.id));
  return [...new Set(found)].sort((a, b) => b - a).slice(0, limit + 1);
}

/** Exchanges of a person's hubs, newest first, one more than `limit` when there is a next page. */
export async function listExchanges(
  db: D1Database,
  o: {
    hubIds: number[];
    role: 'incoming' | 'outgoing' | undefined;
    state: TExchangeState | undefined;
    beforeId: number | null;
    limit: number;
  },
): Promise<ExchangeRow[]> {
  // Incoming: claims on my hubs' listings; outgoing: my hubs' claims on others'.
  const sides = o.role ? [o.role] : (['incoming', 'outgoing'] as const);
  const column = { incoming: 'from_hub_id', outgoing: 'to_hub_id' } as const;
  const rest: string[] = [];
  if (o.state) rest.push('AND state = ?2');
  if (o.beforeId !== null) rest.push('AND id < ?3');
  if (o.hubIds.length > 0 && o.hubIds.length <= MAX_HUB_RANGES) {
    const ids = await newestIds(
      db,
      o.hubIds.flatMap((hub) =>
        sides.map((side) =>
          db
            .prepare(
              `SELECT id FROM exchanges WHERE ${column[side]} = ?1 ${rest.join(' ')} ORDER BY id DESC LIMIT ?4`,
            )
            .bind(hub, o.state ?? null, o.beforeId ?? 0, o.limit + 1),
        ),
      ),
      o.limit,
    );
    if (ids.length === 0) return [];
    const { results } = await db
      .prepare(`${SELECT_EXCHANGE} WHERE e.id IN (SELECT value FROM json_each(?1)) ORDER BY e.id DESC`)
      .bind(JSON.stringify(ids))
      .all<ExchangeRow>();
    return results;
  }
  const mine = sides.map((side) => `e.${column[side]} IN (SELECT value FROM json_each(?1))`);
  const where = [`(${mine.join(' OR ')})`, ...rest.map((r) => r.replace(/^AND /, 'e.'))];
  const { results } = await db
    .prepare(`${SELECT_EXCHANGE} WHERE ${where.join(' AND ')} ORDER BY e.id DESC LIMIT ?4`)
    .bind(JSON.stringify(o.hubIds), o.state ?? null, o.beforeId ?? 0, o.limit + 1)
    .all<ExchangeRow>();
  return results;
}

/** Ids of exchanges the scheduler must move: claims past expiry, handovers past their window. */
export async function dueExchanges(
  db: D1Database,
  o: { state: 'claimed' | 'handed_over'; now: string; limit: number },
): Promise<number[]> {
  const column = o.state === 'claimed' ? 'expires_at' : 'confirm_by';
  const { results } = await db
    .prepare(`SELECT id FROM exchanges WHERE state = ?1 AND ${column} <= ?2 ORDER BY id LIMIT ?3`)
    .bind(o.state, o.now, o.limit)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

export type ClaimValues = {
  listingId: number;
  fromHubId: number;
  toHubId: number;
  claimedBy: number;
  category: string;
  unit: TUnit;
  quantityMilli: number;
  proposedPickupAt: string | null;
  expiresAt: string;
  message: string;
  token: string;
  now: string;
  /** The claimant hub's request this claim is for (checked by the service). */
  requestId?: number | null;
  /** Only when the hub has no exchange on this listing yet (a stream's reserved occurrence, opened once). */
  firstForHub?: boolean;
  /** The outbox row of the claim, recorded with it (see `claimEventSubject`). */
  event?: D1PreparedStatement;
};

/** The subject of a claim's event: the exchange this batch inserted (found by its fresh token). */
export const claimEventSubject = (token: string) => ({
  select: 'SELECT id FROM exchanges WHERE action_token = ?1',
  binds: [token],
});

/** The subject of a move's event: the exchange, only if this batch's move applied. */
export const moveEventSubject = (exchangeId: number, token: string) => ({
  select: 'SELECT id FROM exchanges WHERE id = ?1 AND action_token = ?2',
  binds: [exchangeId, token],
});

/**
 * A new claim with its first timeline entry and message, in one batch. The insert happens only
 * while the listing is active, still at the hub, and has at least the quantity left; null if not.
 */
export async function insertClaim(db: D1Database, v: ClaimValues): Promise<number | null> {
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO exchanges (listing_id, from_hub_id, to_hub_id, claimed_by, state, category, unit,
           quantity_milli, proposed_pickup_at, expires_at, action_token, created_at, updated_at, request_id)
         SELECT ?1, ?2, ?3, ?4, 'claimed', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12
         FROM listings WHERE id = ?1 AND hub_id = ?2 AND status = 'active'
           AND quantity_milli - quantity_reserved_milli >= ?7${
             v.firstForHub
               ? ' AND NOT EXISTS (SELECT 1 FROM exchanges x WHERE x.listing_id = ?1 AND x.to_hub_id = ?3)'
               : ''
           }
         RETURNING id`,
      )
      .bind(
        v.listingId,
        v.fromHubId,
        v.toHubId,
        v.claimedBy,
        v.category,
        v.unit,
        v.quantityMilli,
        v.proposedPickupAt,
        v.expiresAt,
        v.token,
        v.now,
        v.requestId ?? null,
      ),
    db
      .prepare(
        `INSERT INTO exchange_events (exchange_id, actor_id, action, from_state, to_state, created_at)
         SELECT id, ?2, 'claim', NULL, 'claimed', ?3 FROM exchanges WHERE action_token = ?1`,
      )
      .bind(v.token, v.claimedBy, v.now),
    db
      .prepare(
        `INSERT INTO exchange_messages (exchange_id, author_id, hub_id, body, created_at)
         SELECT id, ?2, to_hub_id, ?3, ?4 FROM exchanges WHERE action_token = ?1`,
      )
      .bind(v.token, v.claimedBy, v.message, v.now),
    ...(v.event ? [v.event] : []),
  ]);
  return inserted?.results[0]?.id ?? null;
}

export type FlowValues = {
  massGrams: number | null;
  massSource: 'weighed' | 'estimated' | 'unknown';
};

export type TransitionWrite = {
  exchangeId: number;
  listingId: number;
  action: string;
  from: TExchangeState;
  to: TExchangeState;
  /** The token read with the exchange: the move applies only if nothing moved it since. */
  expectToken: string;
  token: string;
  actorId: number | null;
  note: string | null;
  now: string;
  /** Extra columns the move sets (handover record, dispute reason, …). */
  set?: Partial<
    Record<
      | 'accepted_at'
      | 'handover_quantity_milli'
      | 'handover_mass_grams'
      | 'transport_mode'
      | 'handover_by'
      | 'handover_hub_id'
      | 'handed_over_at'
      | 'confirm_by'
      | 'dispute_reason'
      | 'completed_at',
      string | number | null
    >
  >;
  /** Only accept: the listing must have this much left (and be active) for the move to apply. */
  requireRemainingMilli?: number;
  /** The listing's reservation change, as a statement built by the listings area. */
  reservation?: D1PreparedStatement;
  /** Completion writes the flow row in the same batch. */
  flow?: FlowValues;
  /** The outbox row of the move (subject `moveEventSubject`): recorded only if the move applied. */
  event?: D1PreparedStatement;
};

/** The statement guard: "this batch's transition applied". */
export const TOKEN_GUARD = 'EXISTS (SELECT 1 FROM exchanges WHERE id = ?1 AND action_token = ?2)';

/** Runs one move as one batch: whether it applied, and the exchange and listing right after. */
export async function applyTransition(
  db: D1Database,
  w: TransitionWrite,
): Promise<AfterMove & { applied: boolean }> {
  const setEntries = Object.entries(w.set ?? {});
  const values: unknown[] = [w.exchangeId, w.from, w.expectToken, w.to, w.token, w.now];
  const sets = setEntries.map(([col, v]) => {
    values.push(v);
    return `, ${col} = ?${values.length}`;
  });
  let remaining = '';
  if (w.requireRemainingMilli !== undefined) {
    values.push(w.requireRemainingMilli);
    // Reads the listing inside the same batch that reserves it: nothing runs in between.
    remaining = ` AND EXISTS (SELECT 1 FROM listings l WHERE l.id = listing_id AND l.status = 'active'
      AND l.quantity_milli - l.quantity_reserved_milli >= ?${values.length})`;
  }
  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `UPDATE exchanges SET state = ?4, action_token = ?5, updated_at = ?6${sets.join('')}
         WHERE id = ?1 AND state = ?2 AND action_token = ?3${remaining}`,
      )
      .bind(...values),
  ];
  if (w.reservation) statements.push(w.reservation);
  statements.push(
    db
      .prepare(
        `INSERT INTO exchange_events (exchange_id, actor_id, action, from_state, to_state, note, created_at)
         SELECT ?1, ?3, ?4, ?5, ?6, ?7, ?8 WHERE ${TOKEN_GUARD}`,
      )
      .bind(w.exchangeId, w.token, w.actorId, w.action, w.from, w.to, w.note, w.now),
  );
  if (w.flow) {
    statements.push(
      db
        .prepare(
          `INSERT INTO flows (exchange_id, from_hub_id, to_hub_id, category, quantity_milli, unit, mass_grams,
             mass_source, completed_at, created_by, created_at)
           SELECT id, from_hub_id, to_hub_id, category, handover_quantity_milli, unit, ?3, ?4, ?5, ?6, ?5
           FROM exchanges WHERE id = ?1 AND action_token = ?2`,
        )
        .bind(w.exchangeId, w.token, w.flow.massGrams, w.flow.massSource, w.now, w.actorId),
    );
  }
  if (w.event) statements.push(w.event);
  // Read back in the same batch: why a refused move was refused, without another round trip.
  statements.push(
    db
      .prepare(
        `SELECT e.state, e.action_token, l.status AS listing_status,
           l.quantity_milli - l.quantity_reserved_milli AS remaining_milli
         FROM exchanges e JOIN listings l ON l.id = e.listing_id WHERE e.id = ?1`,
      )
      .bind(w.exchangeId),
  );
  const results = await db.batch(statements);
  const after = results[results.length - 1]?.results[0] as AfterMove | undefined;
  if (!after) throw new Error('exchange vanished');
  // D1 counts the rows triggers change too (a hub's counts, migration 0059): any change is the move.
  return { applied: (results[0]?.meta.changes ?? 0) > 0, ...after };
}

export type AfterMove = {
  state: TExchangeState;
  action_token: string;
  listing_status: 'active' | 'withdrawn';
  remaining_milli: number;
};

// ---------- timeline, messages, outcomes ----------

export type EventRow = {
  id: number;
  action: string;
  from_state: TExchangeState | null;
  to_state: TExchangeState;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  created_at: string;
};

/** An exchange's timeline, oldest first (rows: `EventRow`). */
export function eventsOfStatement(db: D1Database, exchangeId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ev.*, u.display_name AS actor_name FROM exchange_events ev
       LEFT JOIN users u ON u.id = ev.actor_id WHERE ev.exchange_id = ?1 ORDER BY ev.id`,
    )
    .bind(exchangeId);
}

export type MessageRow = {
  id: number;
  author_id: number;
  author_name: string;
  hub_slug: string;
  body: string;
  created_at: string;
};

/** An exchange's messages, oldest first (rows: `MessageRow`). */
export function messagesOfStatement(db: D1Database, exchangeId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT m.id, m.author_id, u.display_name AS author_name, h.slug AS hub_slug, m.body, m.created_at
       FROM exchange_messages m JOIN users u ON u.id = m.author_id JOIN hubs h ON h.id = m.hub_id
       WHERE m.exchange_id = ?1 ORDER BY m.id`,
    )
    .bind(exchangeId);
}

/** A message, and (when given) its event, recorded with it in one batch. */
export async function insertMessage(
  db: D1Database,
  v: { exchangeId: number; authorId: number; hubId: number; body: string; now: string },
  event?: D1PreparedStatement,
): Promise<number> {
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO exchange_messages (exchange_id, author_id, hub_id, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id`,
      )
      .bind(v.exchangeId, v.authorId, v.hubId, v.body, v.now),
    ...(event ? [event] : []),
  ]);
  const row = inserted?.results[0];
  if (!row) throw new Error('insert returned no id');
  return row.id;
}

export type OutcomeRow = {
  id: number;
  author_id: number;
  author_name: string;
  body: string;
  link: string | null;
  created_at: string;
};

/** What came of an exchange, oldest first (rows: `OutcomeRow`). */
export function outcomesOfStatement(db: D1Database, exchangeId: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT o.id, o.author_id, u.display_name AS author_name, o.body, o.link, o.created_at
       FROM exchange_outcomes o JOIN users u ON u.id = o.author_id WHERE o.exchange_id = ?1 ORDER BY o.id`,
    )
    .bind(exchangeId);
}

/** Records an outcome only while the exchange is completed; null if it is not. */
export async function insertOutcome(
  db: D1Database,
  v: { exchangeId: number; authorId: number; body: string; link: string | null; now: string },
): Promise<number | null> {
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO exchange_outcomes (exchange_id, author_id, body, link, created_at)
         SELECT id, ?2, ?3, ?4, ?5 FROM exchanges WHERE id = ?1 AND state = 'completed' RETURNING id`,
      )
      .bind(v.exchangeId, v.authorId, v.body, v.link, v.now),
    // The exchange leaves the receiving hub's tasks with its first outcome.
    db
      .prepare(
        `UPDATE exchanges SET outcome_at = ?2 WHERE id = ?1 AND state = 'completed' AND outcome_at IS NULL`,
      )
      .bind(v.exchangeId, v.now),
  ]);
  return inserted?.results[0]?.id ?? null;
}

/** One outcome of an exchange. */
export async function findOutcome(
  db: D1Database,
  exchangeId: number,
  outcomeId: number,
): Promise<OutcomeRow | null> {
  return db
    .prepare(
      `SELECT o.id, o.author_id, '' AS author_name, o.body, o.link, o.created_at
       FROM exchange_outcomes o WHERE o.id = ?1 AND o.exchange_id = ?2`,
    )
    .bind(outcomeId, exchangeId)
    .first<OutcomeRow>();
}

// ---------- the flow ledger ----------

export type FlowRow = {
  id: number;
  exchange_id: number;
  from_slug: string;
  from_name: string;
  to_slug: string;
  to_name: string;
  category: string;
  quantity_milli: number;
  unit: TUnit;
  mass_grams: number | null;
  mass_source: 'weighed' | 'estimated' | 'unknown';
  completed_at: string;
  reverses_flow_id: number | null;
  reason: string | null;
  created_at: string;
};

const SELECT_FLOW = `SELECT f.*, fh.slug AS from_slug, fh.name AS from_name, th.slug AS to_slug, th.name AS to_name
  FROM flows f JOIN hubs fh ON fh.id = f.from_hub_id JOIN hubs th ON th.id = f.to_hub_id`;

/** Ledger rows involving one of `hubIds`, newest first, one more than `limit` when there is more. */
export async function listFlows(
  db: D1Database,
  o: {
    hubIds: number[];
    hubId: number | null;
    categories: string[] | null;
    from: string | null;
    to: string | null;
    beforeId: number | null;
    limit: number;
  },
): Promise<FlowRow[]> {
  const rest: string[] = [];
  if (o.hubId !== null) rest.push('(f.from_hub_id = ?2 OR f.to_hub_id = ?2)');
  if (o.categories) rest.push('f.category IN (SELECT value FROM json_each(?3))');
  if (o.from) rest.push('f.completed_at >= ?4');
  // `to` is a date: everything completed on that day is included.
  if (o.to) rest.push("f.completed_at < date(?5, '+1 day')");
  if (o.beforeId !== null) rest.push('f.id < ?6');
  const values = [o.hubId, JSON.stringify(o.categories ?? []), o.from, o.to, o.beforeId ?? 0, o.limit + 1];
  if (o.hubIds.length > 0 && o.hubIds.length <= MAX_HUB_RANGES) {
    // Hub by hub and side, through the (from_hub_id, id) and (to_hub_id, id) indexes.
    const ids = await newestIds(
      db,
      o.hubIds.flatMap((hub) =>
        ['from_hub_id', 'to_hub_id'].map((column) =>
          db
            .prepare(
              `SELECT f.id FROM flows f WHERE f.${column} = ?1${rest.map((r) => ` AND ${r}`).join('')}
               ORDER BY f.id DESC LIMIT ?7`,
            )
            .bind(hub, ...values),
        ),
      ),
      o.limit,
    );
    if (ids.length === 0) return [];
    const { results } = await db
      .prepare(`${SELECT_FLOW} WHERE f.id IN (SELECT value FROM json_each(?1)) ORDER BY f.id DESC`)
      .bind(JSON.stringify(ids))
      .all<FlowRow>();
    return results;
  }
  const where = [
    '(f.from_hub_id IN (SELECT value FROM json_each(?1)) OR f.to_hub_id IN (SELECT value FROM json_each(?1)))',
    ...rest,
  ];
  const { results } = await db
    .prepare(`${SELECT_FLOW} WHERE ${where.join(' AND ')} ORDER BY f.id DESC LIMIT ?7`)
    .bind(JSON.stringify(o.hubIds), ...values)
    .all<FlowRow>();
  return results;
}

/** The flows an exchange recorded (rows: `FlowRow`). */
export function flowsOfExchangeStatement(db: D1Database, exchangeId: number): D1PreparedStatement {
  return db.prepare(`${SELECT_FLOW} WHERE f.exchange_id = ?1 ORDER BY f.id`).bind(exchangeId);
}

export async function findFlow(
  db: D1Database,
  id: number,
): Promise<(FlowRow & { from_hub_id: number; to_hub_id: number }) | null> {
  return db
    .prepare(`${SELECT_FLOW} WHERE f.id = ?1`)
    .bind(id)
    .first<FlowRow & { from_hub_id: number; to_hub_id: number }>();
}

/** Adds the reversing row of a flow, once: null when the flow is itself a reversal or already reversed. */
export async function insertReversal(
  db: D1Database,
  v: { flowId: number; reason: string; userId: number; now: string },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO flows (exchange_id, from_hub_id, to_hub_id, category, quantity_milli, unit, mass_grams,
         mass_source, completed_at, reverses_flow_id, reason, created_by, created_at)
       SELECT exchange_id, from_hub_id, to_hub_id, category, -quantity_milli, unit, -mass_grams,
         mass_source, completed_at, id, ?2, ?3, ?4
       FROM flows f WHERE id = ?1 AND reverses_flow_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM flows r WHERE r.reverses_flow_id = f.id)
       RETURNING id`,
    )
    .bind(v.flowId, v.reason, v.userId, v.now)
    .first<{ id: number }>();
  return row?.id ?? null;
}

/** The exchange a hub already has on a listing (the oldest), or null. */
export async function exchangeOfHubOnListing(
  db: D1Database,
  o: { listingId: number; toHubId: number },
): Promise<number | null> {
  const row = await db
    .prepare('SELECT id FROM exchanges WHERE listing_id = ?1 AND to_hub_id = ?2 ORDER BY id LIMIT 1')
    .bind(o.listingId, o.toHubId)
    .first<{ id: number }>();
  return row?.id ?? null;
}

/** What the ledger holds per listing: completed quantities minus reversals, in thousandths. */
export async function handedOverByListing(
  db: D1Database,
  listingIds: number[],
): Promise<Map<number, number>> {
  if (listingIds.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT e.listing_id, sum(f.quantity_milli) AS milli FROM flows f JOIN exchanges e ON e.id = f.exchange_id
       WHERE e.listing_id IN (SELECT value FROM json_each(?1)) GROUP BY e.listing_id`,
    )
    .bind(JSON.stringify(listingIds))
    .all<{ listing_id: number; milli: number }>();
  return new Map(results.map((r) => [r.listing_id, r.milli]));
}

/** One message with its exchange, for reports. */
export async function findMessage(
  db: D1Database,
  id: number,
): Promise<{ id: number; exchange_id: number; author_id: number; hub_id: number; body: string } | null> {
  return db
    .prepare('SELECT id, exchange_id, author_id, hub_id, body FROM exchange_messages WHERE id = ?1')
    .bind(id)
    .first();
}

// ---------- tasks ----------

export type TaskRow = {
  kind: 'claim_to_answer' | 'handover_to_confirm' | 'outcome_to_record';
  id: number;
  deadline: string | null;
  title: string;
  quantity_milli: number;
  unit: TUnit;
};

/**
 * What waits for a person of these hubs, in one statement, each part one partial-index range
 * holding only waiting rows (migration 0018) plus the listing's title: claims their hubs must
 * answer, handovers they must confirm or dispute (recorded by the other side, never by them),
 * completed exchanges their hubs received without an outcome.
 */
export async function tasksOf(
  db: D1Database,
  o: { hubIds: number[]; userId: number; limit: number },
): Promise<TaskRow[]> {
  // Two rows per task (the exchange and its listing's title); the other hub is on the exchange's page.
  const cols = (kind: string, deadline: string) =>
    `SELECT '${kind}' AS kind, e.id, ${deadline} AS deadline, l.title, e.quantity_milli, e.unit
     FROM exchanges e JOIN listings l ON l.id = e.listing_id`;
  const mine = (col: string) => `e.${col} IN (SELECT value FROM json_each(?1))`;
  // Each part is limited on its own (the service sorts what comes back by deadline): no sorter in
  // the database, so rows read stay proportional to the tasks.
  const { results } = await db
    .prepare(
      `SELECT * FROM (${cols('claim_to_answer', 'e.expires_at')}
         WHERE e.state = 'claimed' AND ${mine('from_hub_id')} LIMIT ?3)
       UNION ALL
       SELECT * FROM (${cols('handover_to_confirm', 'e.confirm_by')}
         WHERE e.state = 'handed_over' AND ${mine('from_hub_id')}
           AND e.handover_hub_id = e.to_hub_id AND e.handover_by <> ?2 LIMIT ?3)
       UNION ALL
       SELECT * FROM (${cols('handover_to_confirm', 'e.confirm_by')}
         WHERE e.state = 'handed_over' AND ${mine('to_hub_id')}
           AND e.handover_hub_id = e.from_hub_id AND e.handover_by <> ?2 LIMIT ?3)
       UNION ALL
       SELECT * FROM (${cols('outcome_to_record', 'NULL')}
         WHERE e.state = 'completed' AND e.outcome_at IS NULL AND ${mine('to_hub_id')} LIMIT ?3)`,
    )
    .bind(JSON.stringify(o.hubIds), o.userId, o.limit)
    .all<TaskRow>();
  return results;
}

// ---------- request progress ----------

export type RequestExchangeRow = {
  id: number;
  state: TExchangeState;
  unit: TUnit;
  quantity_milli: number;
  received_milli: number;
  listing_id: number;
  listing_title: string;
  fh_slug: string;
  fh_name: string;
};

/** The exchanges claimed for a request, with what the ledger says each delivered (reversals subtracted). */
export async function exchangesOfRequest(db: D1Database, requestId: number): Promise<RequestExchangeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT e.id, e.state, e.unit, e.quantity_milli,
         COALESCE((SELECT sum(f.quantity_milli) FROM flows f WHERE f.exchange_id = e.id), 0) AS received_milli,
         e.listing_id, l.title AS listing_title, h.slug AS fh_slug, h.name AS fh_name
       FROM exchanges e JOIN listings l ON l.id = e.listing_id JOIN hubs h ON h.id = e.from_hub_id
       WHERE e.request_id = ?1 ORDER BY e.id LIMIT 500`,
    )
    .bind(requestId)
    .all<RequestExchangeRow>();
  return results;
}

/**
 * The statement reading, of these listings, those on which one of the hubs has an exchange that is
 * open or finished (not ended unfilled), as rows of `hub_id`, `listing_id` (for a batch). At least
 * one hub and one listing. Listing by listing through exchanges_listing (listing_id, state): a
 * seek each and its few exchanges, not every exchange the hubs ever had; `+e.state` keeps it one
 * seek, not one a state.
 */
export function listingsExchangedByHubStatement(
  db: D1Database,
  o: { hubIds: number[]; listingIds: number[] },
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT DISTINCT e.to_hub_id AS hub_id, e.listing_id FROM ${idValues([...new Set(o.listingIds)])} v
       CROSS JOIN exchanges e ON e.listing_id = v.column1
       WHERE e.to_hub_id IN (SELECT value FROM json_each(?1))
         AND +e.state IN ('claimed', 'accepted', 'handed_over', 'disputed', 'completed')`,
    )
    .bind(JSON.stringify(o.hubIds));
}

/** Of these listings, those on which the hub has an exchange that is open or finished (not ended unfilled). */
export async function listingsExchangedByHub(
  db: D1Database,
  o: { hubIds: number[]; listingId?: number; listingIds?: number[] },
): Promise<{ hub_id: number; listing_id: number }[]> {
  const listingIds = [...new Set(o.listingIds ?? (o.listingId ? [o.listingId] : []))];
  if (o.hubIds.length === 0 || listingIds.length === 0) return [];
  const { results } = await listingsExchangedByHubStatement(db, { hubIds: o.hubIds, listingIds }).all<{
    hub_id: number;
    listing_id: number;
  }>();
  return results;
}
