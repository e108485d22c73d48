import type { TTrainingRef } from '../../shared/machines.schemas';
import type { TTraining, TTrainingRecord, TTrainingRequest } from '../../shared/trainings.schemas';

type RefRow = { id: number; name: string; level: number; hub_slug: string; hub_name: string };

const toRef = (r: RefRow): TTrainingRef => ({
  id: r.id,
  name: r.name,
  level: r.level,
  hub: { slug: r.hub_slug, name: r.hub_name },
});

const REF_SELECT = `t.id, t.name, t.level, h.slug AS hub_slug, h.name AS hub_name`;

export type TrainingRow = RefRow & { hub_id: number; description: string };

export async function findTraining(db: D1Database, id: number): Promise<TrainingRow | null> {
  return db
    .prepare(
      `SELECT ${REF_SELECT}, t.hub_id, t.description FROM trainings t JOIN hubs h ON h.id = t.hub_id WHERE t.id = ?1`,
    )
    .bind(id)
    .first<TrainingRow>();
}

export { toRef as toTrainingRef };

/** A hub's trainings, each with the other hubs' trainings it accepts as equivalent. */
export async function listTrainings(db: D1Database, hubId: number): Promise<TTraining[]> {
  const [own, accepted] = await db.batch<TrainingRow | (RefRow & { training_id: number })>([
    db
      .prepare(
        `SELECT ${REF_SELECT}, t.hub_id, t.description FROM trainings t JOIN hubs h ON h.id = t.hub_id
         WHERE t.hub_id = ?1 ORDER BY t.name, t.level`,
      )
      .bind(hubId),
    db
      .prepare(
        `SELECT a.training_id, ${REF_SELECT} FROM training_acceptance a
         JOIN trainings own ON own.id = a.training_id
         JOIN trainings t ON t.id = a.accepted_training_id JOIN hubs h ON h.id = t.hub_id
         WHERE own.hub_id = ?1 ORDER BY h.name, t.name, t.level`,
      )
      .bind(hubId),
  ]);
  const accepts = new Map<number, TTrainingRef[]>();
  for (const r of (accepted?.results ?? []) as (RefRow & { training_id: number })[])
    accepts.set(r.training_id, [...(accepts.get(r.training_id) ?? []), toRef(r)]);
  return ((own?.results ?? []) as TrainingRow[]).map((r) => ({
    ...toRef(r),
    description: r.description,
    accepts: accepts.get(r.id) ?? [],
  }));
}

/** The new training's id, or null when the hub already has one of that name and level. */
export async function insertTraining(
  db: D1Database,
  t: { hubId: number; name: string; level: number; description: string; userId: number; now: string },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO trainings (hub_id, name, level, description, created_by, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (hub_id, name, level) DO NOTHING RETURNING id`,
    )
    .bind(t.hubId, t.name, t.level, t.description, t.userId, t.now)
    .first<{ id: number }>();
  return row?.id ?? null;
}

type RecordRow = RefRow & {
  record_id: number;
  user_id: number;
  user_name: string;
  completed_on: string;
  recorded_by: number;
  recorder_name: string;
  created_at: string;
};

const RECORD_SELECT = `SELECT r.id AS record_id, r.user_id, u.display_name AS user_name, r.completed_on,
    r.recorded_by, rb.display_name AS recorder_name, r.created_at, ${REF_SELECT}
  FROM training_records r JOIN trainings t ON t.id = r.training_id JOIN hubs h ON h.id = t.hub_id
  JOIN users u ON u.id = r.user_id JOIN users rb ON rb.id = r.recorded_by`;

const toRecord = (r: RecordRow): TTrainingRecord => ({
  id: r.record_id,
  training: toRef(r),
  person: { id: r.user_id, displayName: r.user_name },
  completedOn: r.completed_on,
  recordedBy: { id: r.recorded_by, displayName: r.recorder_name },
  createdAt: r.created_at,
});

/**
 * Records that the person with this email completed the training (again: the date is updated);
 * null when no account has that email.
 */
export async function upsertRecord(
  db: D1Database,
  r: { trainingId: number; email: string; completedOn: string; recordedBy: number; now: string },
): Promise<TTrainingRecord | null> {
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO training_records (training_id, user_id, completed_on, recorded_by, created_at)
         SELECT ?1, u.id, ?3, ?4, ?5 FROM users u WHERE u.email = ?2
         ON CONFLICT (training_id, user_id) DO UPDATE SET completed_on = excluded.completed_on,
           recorded_by = excluded.recorded_by
         RETURNING id`,
      )
      .bind(r.trainingId, r.email, r.completedOn, r.recordedBy, r.now),
    // The person's pending request for this training is answered by the record itself.
    db
      .prepare(
        `UPDATE training_requests SET status = 'recorded', decided_at = ?3, decided_by = ?4
         WHERE training_id = ?1 AND status = 'pending'
           AND user_id = (SELECT id FROM users WHERE email = ?2)`,
      )
      .bind(r.trainingId, r.email, r.now, r.recordedBy),
  ]);
  const row = inserted?.results[0];
  if (!row) return null;
  const rec = await db.prepare(`${RECORD_SELECT} WHERE r.id = ?1`).bind(row.id).first<RecordRow>();
  return rec ? toRecord(rec) : null;
}

export async function listRecords(db: D1Database, trainingId: number): Promise<TTrainingRecord[]> {
  const { results } = await db
    .prepare(`${RECORD_SELECT} WHERE r.training_id = ?1 ORDER BY r.completed_on DESC, u.display_name`)
    .bind(trainingId)
    .all<RecordRow>();
  return results.map(toRecord);
}

export async function deleteRecord(db: D1Database, trainingId: number, userId: number): Promise<boolean> {
  const r = await db
    .prepare('DELETE FROM training_records WHERE training_id = ?1 AND user_id = ?2')
    .bind(trainingId, userId)
    .run();
  return r.meta.changes > 0;
}

export async function insertAcceptance(
  db: D1Database,
  a: { trainingId: number; acceptedId: number; userId: number; now: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO training_acceptance (training_id, accepted_training_id, created_by, created_at)
       VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING`,
    )
    .bind(a.trainingId, a.acceptedId, a.userId, a.now)
    .run();
}

export async function deleteAcceptance(
  db: D1Database,
  trainingId: number,
  acceptedId: number,
): Promise<boolean> {
  const r = await db
    .prepare('DELETE FROM training_acceptance WHERE training_id = ?1 AND accepted_training_id = ?2')
    .bind(trainingId, acceptedId)
    .run();
  return r.meta.changes > 0;
}

/** The trainings a person holds, and those accepted in place of `trainingId`. */
export async function qualificationFacts(
  db: D1Database,
  userId: number,
  trainingId: number,
): Promise<{ held: number[]; acceptedFor: number[] }> {
  const [held, accepted] = await db.batch<{ id: number }>([
    db.prepare('SELECT training_id AS id FROM training_records WHERE user_id = ?1').bind(userId),
    db
      .prepare('SELECT accepted_training_id AS id FROM training_acceptance WHERE training_id = ?1')
      .bind(trainingId),
  ]);
  return {
    held: (held?.results ?? []).map((r) => r.id),
    acceptedFor: (accepted?.results ?? []).map((r) => r.id),
  };
}

/** A person's records, each with the trainings of other hubs that accept it. */
export async function passport(
  db: D1Database,
  userId: number,
): Promise<{ records: TTrainingRecord[]; acceptedAs: Map<number, TTrainingRef[]> }> {
  const [records, accepted] = await db.batch<RecordRow | (RefRow & { accepted_training_id: number })>([
    db.prepare(`${RECORD_SELECT} WHERE r.user_id = ?1 ORDER BY r.completed_on DESC, t.name`).bind(userId),
    db
      .prepare(
        `SELECT a.accepted_training_id, ${REF_SELECT} FROM training_acceptance a
         JOIN trainings t ON t.id = a.training_id JOIN hubs h ON h.id = t.hub_id
         WHERE a.accepted_training_id IN (SELECT training_id FROM training_records WHERE user_id = ?1)
         ORDER BY h.name, t.name`,
      )
      .bind(userId),
  ]);
  const acceptedAs = new Map<number, TTrainingRef[]>();
  for (const r of (accepted?.results ?? []) as (RefRow & { accepted_training_id: number })[])
    acceptedAs.set(r.accepted_training_id, [...(acceptedAs.get(r.accepted_training_id) ?? []), toRef(r)]);
  return { records: ((records?.results ?? []) as RecordRow[]).map(toRecord), acceptedAs };
}

// ---------- training requests ----------

type RequestRow = RefRow & {
  request_id: number;
  request_hub_id: number;
  machine_id: number;
  machine_name: string;
  user_id: number;
  user_name: string;
  message: string;
  status: TTrainingRequest['status'];
  created_at: string;
  decided_at: string | null;
};

export type TrainingRequestRecord = TTrainingRequest & { hubId: number };

// The training's hub is the machine's hub (a machine requires one of its own hub's trainings).
const REQUEST_SELECT = `SELECT q.id AS request_id, q.hub_id AS request_hub_id, q.machine_id, m.name AS machine_name,
    q.user_id, u.display_name AS user_name, q.message, q.status, q.created_at, q.decided_at, ${REF_SELECT}
  FROM training_requests q JOIN trainings t ON t.id = q.training_id JOIN hubs h ON h.id = q.hub_id
  JOIN machines m ON m.id = q.machine_id JOIN users u ON u.id = q.user_id`;

const toRequest = (r: RequestRow): TrainingRequestRecord => ({
  id: r.request_id,
  hubId: r.request_hub_id,
  training: toRef(r),
  machine: { id: r.machine_id, name: r.machine_name },
  hub: { slug: r.hub_slug, name: r.hub_name },
  person: { id: r.user_id, displayName: r.user_name },
  message: r.message,
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
});

/**
 * A pending request, unless the person already has one for this training (the unique index
 * decides, whatever runs at the same time). Returns the new id, or null when one was pending.
 */
export async function insertTrainingRequest(
  db: D1Database,
  a: { trainingId: number; machineId: number; hubId: number; userId: number; message: string; now: string },
  /** Statements that follow the insert in its batch (its event, recorded only if it inserted). */
  after: D1PreparedStatement[],
): Promise<number | null> {
  const [result] = await db.batch([
    db
      .prepare(
        `INSERT INTO training_requests (training_id, machine_id, hub_id, user_id, message, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6) ON CONFLICT DO NOTHING RETURNING id`,
      )
      .bind(a.trainingId, a.machineId, a.hubId, a.userId, a.message, a.now),
    ...after,
  ]);
  return (result?.results[0] as { id: number } | undefined)?.id ?? null;
}

export async function findTrainingRequest(
  db: D1Database,
  hubId: number,
  id: number,
): Promise<TrainingRequestRecord | null> {
  const row = await db
    .prepare(`${REQUEST_SELECT} WHERE q.id = ?1 AND q.hub_id = ?2`)
    .bind(id, hubId)
    .first<RequestRow>();
  return row ? toRequest(row) : null;
}

/** The pending requests of some hubs, oldest first (a hub's list; the tasks of its managers). */
export async function pendingRequestsOfHubs(
  db: D1Database,
  hubIds: number[],
  limit: number,
): Promise<TrainingRequestRecord[]> {
  if (hubIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `${REQUEST_SELECT} WHERE q.status = 'pending' AND q.hub_id IN (SELECT value FROM json_each(?1))
       ORDER BY q.id LIMIT ?2`,
    )
    .bind(JSON.stringify(hubIds), limit)
    .all<RequestRow>();
  return results.map(toRequest);
}

/** A person's latest request for each of these trainings. */
export async function latestRequestsOf(
  db: D1Database,
  userId: number,
  trainingIds: number[],
): Promise<Map<number, { id: number; status: TTrainingRequest['status']; createdAt: string }>> {
  const found = new Map<number, { id: number; status: TTrainingRequest['status']; createdAt: string }>();
  if (trainingIds.length === 0) return found;
  const { results } = await db
    .prepare(
      `SELECT id, training_id, status, created_at FROM training_requests
       WHERE user_id = ?1 AND training_id IN (SELECT value FROM json_each(?2)) ORDER BY id`,
    )
    .bind(userId, JSON.stringify(trainingIds))
    .all<{ id: number; training_id: number; status: TTrainingRequest['status']; created_at: string }>();
  for (const r of results) found.set(r.training_id, { id: r.id, status: r.status, createdAt: r.created_at });
  return found;
}

/**
 * Answers a pending request once. Recording it also records the training for the person (same
 * batch, only if this call changed the request). Returns whether this call answered it.
 */
export async function answerTrainingRequest(
  db: D1Database,
  a: { id: number; hubId: number; deciderId: number; now: string; completedOn: string | null },
  /** The answer's event, right after the update (recorded only if it changed the request). */
  event: D1PreparedStatement,
): Promise<boolean> {
  const statements = [
    db
      .prepare(
        `UPDATE training_requests SET status = ?3, decided_at = ?4, decided_by = ?5
         WHERE id = ?1 AND hub_id = ?2 AND status = 'pending'`,
      )
      .bind(a.id, a.hubId, a.completedOn === null ? 'declined' : 'recorded', a.now, a.deciderId),
    event,
  ];
  if (a.completedOn !== null)
    statements.push(
      db
        .prepare(
          `INSERT INTO training_records (training_id, user_id, completed_on, recorded_by, created_at)
           SELECT training_id, user_id, ?4, ?3, ?2 FROM training_requests
           WHERE id = ?1 AND status = 'recorded' AND decided_at = ?2 AND decided_by = ?3
           ON CONFLICT (training_id, user_id) DO UPDATE SET completed_on = excluded.completed_on,
             recorded_by = excluded.recorded_by`,
        )
        .bind(a.id, a.now, a.deciderId, a.completedOn),
    );
  const [update] = await db.batch(statements);
  return (update?.meta.changes ?? 0) > 0;
}
