import type { TMachineType, TWindow } from '../../shared/machines.schemas';
import type { EventSubject } from '../events/events.service';
import type { THubSummary } from '../../shared/hubs.schemas';

export type MachineRow = {
  id: number;
  hub_id: number;
  type: TMachineType;
  name: string;
  description: string;
  bed_x_mm: number | null;
  bed_y_mm: number | null;
  bed_z_mm: number | null;
  materials_allowed: string;
  materials_forbidden: string;
  rules: string;
  price_cents_per_hour: number | null;
  required_training_id: number | null;
  slot_minutes: number;
  max_slots_per_booking: number;
  horizon_days: number;
  min_notice_minutes: number;
  cancel_deadline_minutes: number;
  active: number;
  created_at: string;
  updated_at: string;
  // Read-model columns joined for display.
  hub_slug: string;
  hub_name: string;
  hub_city: string;
  hub_country: string;
  hub_kind: THubSummary['kind'];
  hub_lat: number;
  hub_lon: number;
  hub_timezone: string;
  training_name: string | null;
  training_level: number | null;
  training_hub_slug: string | null;
  training_hub_name: string | null;
};

export type ClosureRow = { machine_id: number; start_date: string; end_date: string; reason: string };
export type WindowRow = { machine_id: number; weekday: number; start_time: string; end_time: string };

const MACHINE_SELECT = `SELECT m.*, h.slug AS hub_slug, h.name AS hub_name, h.city AS hub_city,
    h.country AS hub_country, h.kind AS hub_kind, h.lat AS hub_lat, h.lon AS hub_lon, h.timezone AS hub_timezone,
    t.name AS training_name, t.level AS training_level, th.slug AS training_hub_slug, th.name AS training_hub_name
  FROM machines m JOIN hubs h ON h.id = m.hub_id
  LEFT JOIN trainings t ON t.id = m.required_training_id LEFT JOIN hubs th ON th.id = t.hub_id`;

export type MachineValues = {
  type: TMachineType;
  name: string;
  description: string;
  bedXMm: number | null;
  bedYMm: number | null;
  bedZMm: number | null;
  materialsAllowed: string[];
  materialsForbidden: string[];
  rules: string;
  priceCentsPerHour: number | null;
  requiredTrainingId: number | null;
  slotMinutes: number;
  maxSlotsPerBooking: number;
  horizonDays: number;
  minNoticeMinutes: number;
  cancelDeadlineMinutes: number;
  active: boolean;
};

const COLUMNS: Record<keyof MachineValues, string> = {
  type: 'type',
  name: 'name',
  description: 'description',
  bedXMm: 'bed_x_mm',
  bedYMm: 'bed_y_mm',
  bedZMm: 'bed_z_mm',
  materialsAllowed: 'materials_allowed',
  materialsForbidden: 'materials_forbidden',
  rules: 'rules',
  priceCentsPerHour: 'price_cents_per_hour',
  requiredTrainingId: 'required_training_id',
  slotMinutes: 'slot_minutes',
  maxSlotsPerBooking: 'max_slots_per_booking',
  horizonDays: 'horizon_days',
  minNoticeMinutes: 'min_notice_minutes',
  cancelDeadlineMinutes: 'cancel_deadline_minutes',
  active: 'active',
};

function sqlValue(key: keyof MachineValues, v: MachineValues[keyof MachineValues]): unknown {
  if (key === 'materialsAllowed' || key === 'materialsForbidden') return JSON.stringify(v);
  if (key === 'active') return v ? 1 : 0;
  return v;
}

type Closure = { startDate: string; endDate: string; reason: string };

function replaceWindows(db: D1Database, machineIdSql: string, binds: unknown[], windows: TWindow[]) {
  const n = binds.length;
  return [
    db.prepare(`DELETE FROM machine_windows WHERE machine_id = ${machineIdSql}`).bind(...binds),
    db
      .prepare(
        `INSERT INTO machine_windows (machine_id, weekday, start_time, end_time)
         SELECT ${machineIdSql}, json_extract(j.value, '$.weekday'), json_extract(j.value, '$.start'),
           json_extract(j.value, '$.end') FROM json_each(?${n + 1}) j`,
      )
      .bind(...binds, JSON.stringify(windows)),
  ];
}

function replaceClosures(db: D1Database, machineIdSql: string, binds: unknown[], closures: Closure[]) {
  const n = binds.length;
  return [
    db.prepare(`DELETE FROM machine_closures WHERE machine_id = ${machineIdSql}`).bind(...binds),
    db
      .prepare(
        `INSERT INTO machine_closures (machine_id, start_date, end_date, reason)
         SELECT ${machineIdSql}, json_extract(j.value, '$.startDate'), json_extract(j.value, '$.endDate'),
           json_extract(j.value, '$.reason') FROM json_each(?${n + 1}) j`,
      )
      .bind(...binds, JSON.stringify(closures)),
  ];
}

/** The machine, its windows and closures, in one batch; returns the new id. */
export async function insertMachine(
  db: D1Database,
  v: MachineValues & { hubId: number; userId: number; now: string; windows: TWindow[]; closures: Closure[] },
): Promise<number> {
  const keys = Object.keys(COLUMNS) as (keyof MachineValues)[];
  const cols = ['hub_id', 'created_by', 'created_at', 'updated_at', ...keys.map((k) => COLUMNS[k])];
  const vals = [v.hubId, v.userId, v.now, v.now, ...keys.map((k) => sqlValue(k, v[k]))];
  // The batch runs alone, so the newest machine of this hub, person and moment is this one.
  const newest = '(SELECT max(id) FROM machines WHERE hub_id = ?1 AND created_by = ?2 AND created_at = ?3)';
  const scope = [v.hubId, v.userId, v.now];
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO machines (${cols.join(', ')}) VALUES (${cols.map((_, i) => `?${i + 1}`).join(', ')}) RETURNING id`,
      )
      .bind(...vals),
    ...replaceWindows(db, newest, scope, v.windows).slice(1),
    ...replaceClosures(db, newest, scope, v.closures).slice(1),
  ]);
  const id = inserted?.results[0]?.id;
  if (!id) throw new Error('insert returned no id');
  return id;
}

/** Applies an edit; windows and closures, when given, replace the old ones in the same batch. */
export async function updateMachine(
  db: D1Database,
  id: number,
  patch: Partial<MachineValues> & { windows?: TWindow[]; closures?: Closure[] },
  now: string,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as [keyof MachineValues, string][]) {
    const v = patch[key];
    if (v === undefined) continue;
    values.push(sqlValue(key, v));
    sets.push(`${column} = ?${values.length + 2}`);
  }
  await db.batch([
    db
      .prepare(`UPDATE machines SET updated_at = ?2${sets.map((s) => `, ${s}`).join('')} WHERE id = ?1`)
      .bind(id, now, ...values),
    ...(patch.windows ? replaceWindows(db, '?1', [id], patch.windows) : []),
    ...(patch.closures ? replaceClosures(db, '?1', [id], patch.closures) : []),
  ]);
}

export async function findMachine(db: D1Database, id: number): Promise<MachineRow | null> {
  return db.prepare(`${MACHINE_SELECT} WHERE m.id = ?1`).bind(id).first<MachineRow>();
}

/** A machine with its windows and its closures ending on or after `fromDate`, in one round trip. */
export async function loadMachine(
  db: D1Database,
  id: number,
  fromDate: string,
): Promise<{ row: MachineRow; windows: WindowRow[]; closures: ClosureRow[] } | null> {
  const [m, w, c] = await db.batch<MachineRow | WindowRow | ClosureRow>([
    db.prepare(`${MACHINE_SELECT} WHERE m.id = ?1`).bind(id),
    db
      .prepare(
        'SELECT machine_id, weekday, start_time, end_time FROM machine_windows WHERE machine_id = ?1 ORDER BY weekday, start_time',
      )
      .bind(id),
    db
      .prepare(
        `SELECT machine_id, start_date, end_date, reason FROM machine_closures
         WHERE machine_id = ?1 AND end_date >= ?2 ORDER BY start_date`,
      )
      .bind(id, fromDate),
  ]);
  const row = m?.results[0] as MachineRow | undefined;
  if (!row) return null;
  return { row, windows: (w?.results ?? []) as WindowRow[], closures: (c?.results ?? []) as ClosureRow[] };
}

export async function listMachines(
  db: D1Database,
  f: { hubId?: number; type?: TMachineType; includeInactive: boolean },
): Promise<MachineRow[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (f.hubId !== undefined) {
    values.push(f.hubId);
    where.push(`m.hub_id = ?${values.length}`);
  }
  if (f.type) {
    values.push(f.type);
    where.push(`m.type = ?${values.length}`);
  }
  if (!f.includeInactive) where.push('m.active = 1');
  const { results } = await db
    .prepare(
      `${MACHINE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY h.name, m.type, m.name LIMIT 500`,
    )
    .bind(...values)
    .all<MachineRow>();
  return results;
}

/** The windows and closures (from `fromDate` on, if given) of some machines. */
export async function calendarsOf(
  db: D1Database,
  machineIds: number[],
  fromDate = '',
): Promise<{ windows: WindowRow[]; closures: ClosureRow[] }> {
  if (machineIds.length === 0) return { windows: [], closures: [] };
  const ids = JSON.stringify(machineIds);
  const [w, c] = await db.batch<WindowRow | ClosureRow>([
    db
      .prepare(
        `SELECT machine_id, weekday, start_time, end_time FROM machine_windows
         WHERE machine_id IN (SELECT value FROM json_each(?1)) ORDER BY weekday, start_time`,
      )
      .bind(ids),
    db
      .prepare(
        `SELECT machine_id, start_date, end_date, reason FROM machine_closures
         WHERE machine_id IN (SELECT value FROM json_each(?1)) AND end_date >= ?2 ORDER BY start_date`,
      )
      .bind(ids, fromDate),
  ]);
  return {
    windows: (w?.results ?? []) as WindowRow[],
    closures: (c?.results ?? []) as ClosureRow[],
  };
}

// ---------- bookings ----------

export type BookingRow = {
  id: number;
  machine_id: number;
  user_id: number;
  starts_at: string;
  ends_at: string;
  note: string;
  status: 'confirmed' | 'cancelled';
  created_at: string;
  cancelled_at: string | null;
  user_name: string;
  machine_name: string;
  machine_type: TMachineType;
  cancel_deadline_minutes: number;
  hub_id: number;
  hub_slug: string;
  hub_name: string;
  hub_city: string;
  hub_country: string;
  hub_kind: THubSummary['kind'];
  hub_lat: number;
  hub_lon: number;
  hub_timezone: string;
};

const BOOKING_SELECT = `SELECT b.id, b.machine_id, b.user_id, b.starts_at, b.ends_at, b.note, b.status, b.created_at,
    b.cancelled_at, u.display_name AS user_name, m.name AS machine_name, m.type AS machine_type,
    m.cancel_deadline_minutes, h.id AS hub_id, h.slug AS hub_slug, h.name AS hub_name, h.city AS hub_city,
    h.country AS hub_country, h.kind AS hub_kind, h.lat AS hub_lat, h.lon AS hub_lon, h.timezone AS hub_timezone
  FROM bookings b JOIN machines m ON m.id = b.machine_id JOIN hubs h ON h.id = m.hub_id
  JOIN users u ON u.id = b.user_id`;

/** The quarter hours of a machine already held by confirmed bookings in [from, to). */
export async function takenTicks(
  db: D1Database,
  machineId: number,
  from: string,
  to: string,
): Promise<Set<string>> {
  const { results } = await db
    .prepare(
      'SELECT slot_start FROM booking_slots WHERE machine_id = ?1 AND slot_start >= ?2 AND slot_start < ?3',
    )
    .bind(machineId, from, to)
    .all<{ slot_start: string }>();
  return new Set(results.map((r) => r.slot_start));
}

/**
 * The booking and one row per quarter hour it holds, in one batch, only if none of those quarter
 * hours is held, the machine is active and the person belongs to a hub: the database decides,
 * and the primary key of booking_slots would fail the whole batch if anything slipped through.
 */
export async function insertBooking(
  db: D1Database,
  b: {
    machineId: number;
    userId: number;
    startsAt: string;
    endsAt: string;
    note: string;
    ticks: string[];
    now: string;
    /** The booking's event, given its subject (the booking this batch inserts). */
    event?: (subject: EventSubject) => D1PreparedStatement;
  },
): Promise<{ id: number } | 'taken' | 'inactive' | 'not_member'> {
  const ref = crypto.randomUUID();
  const ticks = JSON.stringify(b.ticks);
  const taken =
    'EXISTS (SELECT 1 FROM booking_slots WHERE machine_id = ?1 AND slot_start IN (SELECT value FROM json_each(?2)))';
  const active = 'EXISTS (SELECT 1 FROM machines WHERE id = ?1 AND active = 1)';
  const member = 'EXISTS (SELECT 1 FROM memberships WHERE user_id = ?3)';
  try {
    const [facts, booking] = await db.batch<
      { taken: number; active: number; member: number } | { id: number }
    >([
      db
        .prepare(`SELECT ${taken} AS taken, ${active} AS active, ${member} AS member`)
        .bind(b.machineId, ticks, b.userId),
      db
        .prepare(
          `INSERT INTO bookings (ref, machine_id, user_id, starts_at, ends_at, note, created_at)
           SELECT ?4, ?1, ?3, ?5, ?6, ?7, ?8 WHERE NOT ${taken} AND ${active} AND ${member}
           RETURNING id`,
        )
        .bind(b.machineId, ticks, b.userId, ref, b.startsAt, b.endsAt, b.note, b.now),
      db
        .prepare(
          `INSERT INTO booking_slots (machine_id, slot_start, booking_id)
           SELECT ?1, j.value, b.id FROM json_each(?2) j JOIN bookings b ON b.ref = ?3`,
        )
        .bind(b.machineId, ticks, ref),
      ...(b.event ? [b.event({ select: 'SELECT id FROM bookings WHERE ref = ?1', binds: [ref] })] : []),
    ]);
    const id = (booking?.results[0] as { id: number } | undefined)?.id;
    if (id) return { id };
    const f = facts?.results[0] as { taken: number; active: number; member: number } | undefined;
    if (f && !f.member) return 'not_member';
    if (f && !f.active) return 'inactive';
    return 'taken';
  } catch (err) {
    if (/UNIQUE constraint failed: booking_slots|PRIMARY KEY/i.test(String(err))) return 'taken';
    throw err;
  }
}

/**
 * Cancels a confirmed booking and frees its quarter hours in the same batch. `latestStart`
 * (the booker's deadline) makes the database refuse a late cancellation too; false when nothing
 * was cancelled.
 */
export async function cancelBooking(
  db: D1Database,
  c: { id: number; userId: number; now: string; minStart: string; event?: D1PreparedStatement },
): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE bookings SET status = 'cancelled', cancelled_at = ?3, cancelled_by = ?2
         WHERE id = ?1 AND status = 'confirmed' AND ends_at > ?3 AND starts_at >= ?4`,
      )
      .bind(c.id, c.userId, c.now, c.minStart),
    // Recorded only if the cancel applied (its subject says `ifChanged`).
    ...(c.event ? [c.event] : []),
    db
      .prepare(
        `DELETE FROM booking_slots WHERE booking_id = ?1
         AND (SELECT status FROM bookings WHERE id = ?1) = 'cancelled'`,
      )
      .bind(c.id),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}

export async function findBooking(db: D1Database, id: number): Promise<BookingRow | null> {
  return db.prepare(`${BOOKING_SELECT} WHERE b.id = ?1`).bind(id).first<BookingRow>();
}

export async function bookingsOfUser(
  db: D1Database,
  userId: number,
  scope: 'upcoming' | 'past' | 'all',
  now: string,
): Promise<BookingRow[]> {
  const where =
    scope === 'upcoming'
      ? "AND b.ends_at > ?2 AND b.status = 'confirmed' ORDER BY b.starts_at"
      : scope === 'past'
        ? 'AND (b.ends_at <= ?2 OR b.status = ?3) ORDER BY b.starts_at DESC'
        : 'AND ?2 = ?2 ORDER BY b.starts_at DESC';
  const binds = scope === 'past' ? [userId, now, 'cancelled'] : [userId, now];
  const { results } = await db
    .prepare(`${BOOKING_SELECT} WHERE b.user_id = ?1 ${where} LIMIT 200`)
    .bind(...binds)
    .all<BookingRow>();
  return results;
}

export async function bookingsOfMachine(
  db: D1Database,
  machineId: number,
  from: string,
  to: string,
): Promise<BookingRow[]> {
  const { results } = await db
    .prepare(
      `${BOOKING_SELECT} WHERE b.machine_id = ?1 AND b.status = 'confirmed' AND b.ends_at > ?2 AND b.starts_at < ?3
       ORDER BY b.starts_at LIMIT 1000`,
    )
    .bind(machineId, from, to)
    .all<BookingRow>();
  return results;
}

// ---------- calendar feeds ----------

/** A new secret feed token for a person; the old one stops working in the same batch. */
export async function replaceCalendarToken(db: D1Database, userId: number, tokenHash: string, now: string) {
  await db.batch([
    db
      .prepare('UPDATE ical_tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL')
      .bind(userId, now),
    db
      .prepare('INSERT INTO ical_tokens (token_hash, user_id, created_at) VALUES (?1, ?2, ?3)')
      .bind(tokenHash, userId, now),
  ]);
}

export async function userOfCalendarToken(db: D1Database, tokenHash: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT user_id FROM ical_tokens WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(tokenHash)
    .first<{ user_id: number }>();
  return row?.user_id ?? null;
}
