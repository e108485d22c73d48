import type { Deps, SessionUser } from '../../env';
import { recordEvent } from '../events/events.service';
import { ApiError, validationError } from '../../http/errors';
import type { TPhoto } from '../../shared/photos.schemas';
import type {
  TAvailability,
  TBooking,
  TBookingInput,
  TCalendarToken,
  TMachine,
  TMachineInput,
  TMachinePatch,
  TMachineType,
  TWindow,
} from '../../shared/machines.schemas';
import type { TTrainingRequest } from '../../shared/trainings.schemas';
import { hashToken, newToken } from '../accounts/accounts.crypto';
import { canManage, hubSummaryOf, type HubSummaryColumns } from '../hubs/hubs.domain';
import { hubRoles, requireHubRef, roleIn } from '../hubs/hubs.service';
import {
  holdsTraining,
  latestTrainingRequests,
  requestTraining,
  trainingOfHub,
} from '../trainings/trainings.service';
import {
  bookingRefusal,
  cancelDeadline,
  cancelRefusal,
  generateSlots,
  isoInZone,
  localDate,
  slotReason,
  ticksOf,
  type BookingRules,
  type SlotSource,
} from './machines.domain';
import { buildCalendar, type CalendarEvent } from './machines.ical';
import * as photos from '../photos/photos.service';
import type { PhotoDeps } from '../photos/photos.service';
import * as repo from './machines.repo';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The longest range one availability or calendar answer covers. */
export const MAX_RANGE_DAYS = 35;

type Calendar = { windows: TWindow[]; closures: { startDate: string; endDate: string; reason: string }[] };

function calendarOf(all: Awaited<ReturnType<typeof repo.calendarsOf>>, machineId: number): Calendar {
  return {
    windows: all.windows
      .filter((w) => w.machine_id === machineId)
      .map((w) => ({ weekday: w.weekday, start: w.start_time, end: w.end_time })),
    closures: all.closures
      .filter((c) => c.machine_id === machineId)
      .map((c) => ({ startDate: c.start_date, endDate: c.end_date, reason: c.reason })),
  };
}

const rulesOf = (r: repo.MachineRow): BookingRules => ({
  active: r.active === 1,
  slotMinutes: r.slot_minutes,
  maxSlotsPerBooking: r.max_slots_per_booking,
  horizonDays: r.horizon_days,
  minNoticeMinutes: r.min_notice_minutes,
  cancelDeadlineMinutes: r.cancel_deadline_minutes,
});

const hubOf = (r: HubSummaryColumns<'hub_'> & { hub_timezone: string }): TMachine['hub'] => ({
  ...hubSummaryOf(r, 'hub_'),
  timezone: r.hub_timezone,
});

function toMachine(
  r: repo.MachineRow,
  cal: Calendar,
  viewer: { canManage: boolean; qualified: boolean | null; request?: TMachine['viewerTrainingRequest'] },
  photoList: TPhoto[],
): TMachine {
  return {
    id: r.id,
    photos: photoList,
    hub: hubOf(r),
    type: r.type,
    name: r.name,
    description: r.description,
    bedXMm: r.bed_x_mm,
    bedYMm: r.bed_y_mm,
    bedZMm: r.bed_z_mm,
    materialsAllowed: JSON.parse(r.materials_allowed) as string[],
    materialsForbidden: JSON.parse(r.materials_forbidden) as string[],
    rules: r.rules,
    priceCentsPerHour: r.price_cents_per_hour,
    requiredTraining:
      r.required_training_id === null
        ? null
        : {
            id: r.required_training_id,
            name: r.training_name ?? '',
            level: r.training_level ?? 1,
            hub: { slug: r.training_hub_slug ?? '', name: r.training_hub_name ?? '' },
          },
    slotMinutes: r.slot_minutes,
    maxSlotsPerBooking: r.max_slots_per_booking,
    horizonDays: r.horizon_days,
    minNoticeMinutes: r.min_notice_minutes,
    cancelDeadlineMinutes: r.cancel_deadline_minutes,
    active: r.active === 1,
    windows: cal.windows,
    closures: cal.closures,
    canManage: viewer.canManage,
    viewerQualified: viewer.qualified,
    viewerTrainingRequest: viewer.request ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function requireMachineRow(deps: Deps, id: number): Promise<repo.MachineRow> {
  const row = await repo.findMachine(deps.db, id);
  if (!row) throw new ApiError('MACHINE_NOT_FOUND');
  return row;
}

async function managesHub(deps: Deps, hubId: number, user: SessionUser | null): Promise<boolean> {
  return user ? canManage(await roleIn(deps, hubId, user.id)) : false;
}

export async function getMachine(deps: Deps, { id, user }: { id: number; user: SessionUser | null }) {
  const row = await requireMachineRow(deps, id);
  const manager = await managesHub(deps, row.hub_id, user);
  // An inactive machine is the hub's business until it is switched on again.
  if (!row.active && !manager) throw new ApiError('MACHINE_NOT_FOUND');
  const today = localDate(row.hub_timezone, deps.now().getTime());
  const cal = calendarOf(await repo.calendarsOf(deps.db, [id], today), id);
  const qualified = user ? await holdsTraining(deps, user.id, row.required_training_id) : null;
  const requests =
    user && row.required_training_id !== null
      ? await latestTrainingRequests(deps, user.id, [row.required_training_id])
      : new Map<number, TMachine['viewerTrainingRequest']>();
  const found = await photos.photosOf(deps, photos.MACHINE, [id]);
  const request = row.required_training_id === null ? null : (requests.get(row.required_training_id) ?? null);
  return toMachine(row, cal, { canManage: manager, qualified, request }, found.get(id) ?? []);
}

export async function listMachines(
  deps: Deps,
  { hub, type, user }: { hub?: string; type?: TMachineType; user: SessionUser | null },
): Promise<TMachine[]> {
  const hubRef = hub ? await requireHubRef(deps, hub) : null;
  const roles = user ? await hubRoles(deps, user.id) : new Map();
  const includeInactive = hubRef !== null && canManage(roles.get(hubRef.id) ?? null);
  const rows = await repo.listMachines(deps.db, { hubId: hubRef?.id, type, includeInactive });
  const cal = await repo.calendarsOf(
    deps.db,
    rows.map((r) => r.id),
    deps.now().toISOString().slice(0, 10),
  );
  const found = await photos.photosOf(
    deps,
    photos.MACHINE,
    rows.map((r) => r.id),
  );
  const requests = user
    ? await latestTrainingRequests(
        deps,
        user.id,
        rows.flatMap((r) => (r.required_training_id === null ? [] : [r.required_training_id])),
      )
    : new Map<number, TMachine['viewerTrainingRequest']>();
  return Promise.all(
    rows.map(async (r) =>
      toMachine(
        r,
        calendarOf(cal, r.id),
        {
          canManage: canManage(roles.get(r.hub_id) ?? null),
          qualified: user ? await holdsTraining(deps, user.id, r.required_training_id) : null,
          request: r.required_training_id === null ? null : (requests.get(r.required_training_id) ?? null),
        },
        found.get(r.id) ?? [],
      ),
    ),
  );
}

async function checkTraining(deps: Deps, trainingId: number | null | undefined, hubId: number) {
  if (trainingId === null || trainingId === undefined) return;
  if (!(await trainingOfHub(deps, trainingId, hubId)))
    throw validationError([{ path: 'requiredTrainingId', message: '' }]);
}

export async function createMachine(
  deps: Deps,
  { slug, input, user }: { slug: string; input: TMachineInput; user: SessionUser },
): Promise<TMachine> {
  const hub = await requireHubRef(deps, slug);
  if (!canManage(await roleIn(deps, hub.id, user.id))) throw new ApiError('FORBIDDEN');
  await checkTraining(deps, input.requiredTrainingId, hub.id);
  const id = await repo.insertMachine(deps.db, {
    type: input.type,
    name: input.name,
    description: input.description ?? '',
    bedXMm: input.bedXMm ?? null,
    bedYMm: input.bedYMm ?? null,
    bedZMm: input.bedZMm ?? null,
    materialsAllowed: input.materialsAllowed ?? [],
    materialsForbidden: input.materialsForbidden ?? [],
    rules: input.rules ?? '',
    priceCentsPerHour: input.priceCentsPerHour ?? null,
    requiredTrainingId: input.requiredTrainingId ?? null,
    slotMinutes: input.slotMinutes ?? 60,
    maxSlotsPerBooking: input.maxSlotsPerBooking ?? 4,
    horizonDays: input.horizonDays ?? 28,
    minNoticeMinutes: input.minNoticeMinutes ?? 60,
    cancelDeadlineMinutes: input.cancelDeadlineMinutes ?? 120,
    active: input.active ?? true,
    windows: input.windows ?? [],
    closures: (input.closures ?? []).map((c) => ({ ...c, reason: c.reason ?? '' })),
    hubId: hub.id,
    userId: user.id,
    now: deps.now().toISOString(),
  });
  return getMachine(deps, { id, user });
}

export async function updateMachine(
  deps: Deps,
  { id, patch, user }: { id: number; patch: TMachinePatch; user: SessionUser },
): Promise<TMachine> {
  const row = await requireMachineRow(deps, id);
  if (!(await managesHub(deps, row.hub_id, user))) throw new ApiError('FORBIDDEN');
  await checkTraining(deps, patch.requiredTrainingId, row.hub_id);
  const { closures, ...rest } = patch;
  await repo.updateMachine(
    deps.db,
    id,
    { ...rest, ...(closures ? { closures: closures.map((c) => ({ ...c, reason: c.reason ?? '' })) } : {}) },
    deps.now().toISOString(),
  );
  return getMachine(deps, { id, user });
}

/** Whether a machine belongs to a hub (a listing of that hub may offer its time). */
export async function isMachineOfHub(deps: Deps, machineId: number, hubId: number): Promise<boolean> {
  const row = await repo.findMachine(deps.db, machineId);
  return row !== null && row.hub_id === hubId;
}

// ---------- training requests ----------

/**
 * A person who lacks the machine's required training asks its hub for it; the hub's managers are
 * told and see it among their tasks until they record the training or decline.
 */
export async function askForTraining(
  deps: Deps,
  { id, message, user }: { id: number; message: string; user: SessionUser },
): Promise<TTrainingRequest> {
  const row = await requireMachineRow(deps, id);
  if (!row.active && !(await managesHub(deps, row.hub_id, user))) throw new ApiError('MACHINE_NOT_FOUND');
  if (row.required_training_id === null || (await holdsTraining(deps, user.id, row.required_training_id)))
    throw new ApiError('TRAINING_REQUEST_NOT_NEEDED');
  return requestTraining(deps, {
    training: { id: row.required_training_id, name: row.training_name ?? '' },
    machine: { id: row.id, name: row.name },
    hub: { id: row.hub_id, slug: row.hub_slug, name: row.hub_name },
    message,
    user,
  });
}

// ---------- photos ----------

async function requireManagedMachine(deps: Deps, id: number, user: SessionUser): Promise<void> {
  const row = await requireMachineRow(deps, id);
  if (!(await managesHub(deps, row.hub_id, user))) throw new ApiError('FORBIDDEN');
}

/** Adds a photo of a machine (managers of its hub). */
export async function addMachinePhoto(
  deps: PhotoDeps,
  { id, user, file }: { id: number; user: SessionUser; file: File },
): Promise<TPhoto> {
  await requireManagedMachine(deps, id, user);
  return photos.storePhoto(deps, photos.MACHINE, id, file);
}

export async function removeMachinePhoto(
  deps: PhotoDeps,
  { id, photoId, user }: { id: number; photoId: number; user: SessionUser },
): Promise<void> {
  await requireManagedMachine(deps, id, user);
  await photos.removePhoto(deps, photos.MACHINE, id, photoId);
}

export function readMachinePhoto(deps: PhotoDeps, { id, photoId }: { id: number; photoId: number }) {
  return photos.readPhoto(deps, photos.MACHINE, { photoId, ownerId: id });
}

// ---------- availability and bookings ----------

function sourceOf(row: repo.MachineRow, cal: Calendar): SlotSource {
  return { timezone: row.hub_timezone, slotMinutes: row.slot_minutes, ...cal };
}

function rangeOf(deps: Deps, query: { from?: string; to?: string }): { from: number; to: number } {
  const from = query.from ? Date.parse(query.from) : deps.now().getTime();
  const to = query.to ? Date.parse(query.to) : from + 7 * DAY;
  if (to <= from || to - from > MAX_RANGE_DAYS * DAY)
    throw new ApiError('RANGE_INVALID', { details: { fields: [{ path: 'to', message: '' }] } });
  return { from, to };
}

export async function availability(
  deps: Deps,
  { id, query, user }: { id: number; query: { from?: string; to?: string }; user: SessionUser | null },
): Promise<TAvailability> {
  const { from, to } = rangeOf(deps, query);
  const { row, cal } = await loadMachine(deps, id, from);
  if (!row.active && !(await managesHub(deps, row.hub_id, user))) throw new ApiError('MACHINE_NOT_FOUND');
  const tz = row.hub_timezone;
  const slots = generateSlots(sourceOf(row, cal), from, to);
  const last = slots.at(-1);
  const taken = await repo.takenTicks(
    deps.db,
    id,
    new Date(from).toISOString(),
    new Date(last ? last.end : to).toISOString(),
  );
  const now = deps.now().getTime();
  const rules = rulesOf(row);
  return {
    machineId: id,
    timezone: tz,
    slotMinutes: row.slot_minutes,
    from: isoInZone(tz, from),
    to: isoInZone(tz, to),
    items: slots.map((s) => {
      const reason = slotReason(s, { now, rules, taken });
      return {
        startsAt: isoInZone(tz, s.start),
        endsAt: isoInZone(tz, s.end),
        available: reason === null && rules.active,
        reason,
      };
    }),
  };
}

function toBooking(r: repo.BookingRow, viewer: { id: number; managesHub: boolean }, now: number): TBooking {
  const tz = r.hub_timezone;
  const start = Date.parse(r.starts_at);
  const end = Date.parse(r.ends_at);
  const refusal = cancelRefusal({
    booking: { userId: r.user_id, start, end, status: r.status },
    actor: viewer,
    now,
    cancelDeadlineMinutes: r.cancel_deadline_minutes,
  });
  return {
    id: r.id,
    machine: { id: r.machine_id, name: r.machine_name, type: r.machine_type, hub: hubOf(r) },
    person: { id: r.user_id, displayName: r.user_name },
    startsAt: isoInZone(tz, start),
    endsAt: isoInZone(tz, end),
    note: r.note,
    status: r.status,
    cancelDeadline: isoInZone(tz, cancelDeadline(start, r.cancel_deadline_minutes)),
    canCancel: refusal === null,
    createdAt: r.created_at,
    cancelledAt: r.cancelled_at,
  };
}

/** A machine with its calendar from `fromMs` on (a day of margin for time zones). */
async function loadMachine(deps: Deps, id: number, fromMs: number) {
  const loaded = await repo.loadMachine(deps.db, id, new Date(fromMs - DAY).toISOString().slice(0, 10));
  if (!loaded) throw new ApiError('MACHINE_NOT_FOUND');
  return { row: loaded.row, cal: calendarOf(loaded, id) };
}

export async function book(
  deps: Deps,
  { id, input, user }: { id: number; input: TBookingInput; user: SessionUser },
): Promise<TBooking> {
  const start = Date.parse(input.startsAt);
  const end = Date.parse(input.endsAt);
  const now = deps.now().getTime();
  // Few round trips: a thousand people may reach for the same slot at once.
  const { row, cal } = await loadMachine(deps, id, start);
  if (!row.active && !(await managesHub(deps, row.hub_id, user))) throw new ApiError('MACHINE_NOT_FOUND');
  const source = sourceOf(row, cal);
  const refusal = bookingRefusal({
    rules: rulesOf(row),
    now,
    start,
    end,
    slotsOf: (withClosures) => generateSlots(source, start, end, withClosures),
    qualified: await holdsTraining(deps, user.id, row.required_training_id),
  });
  if (refusal === 'TRAINING_REQUIRED')
    throw new ApiError(refusal, {
      details: {
        trainingId: row.required_training_id,
        training: row.training_name,
        hub: row.training_hub_name,
      },
    });
  if (refusal) throw new ApiError(refusal, { details: { fields: [{ path: 'startsAt', message: '' }] } });
  const result = await repo.insertBooking(deps.db, {
    machineId: id,
    userId: user.id,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(end).toISOString(),
    note: input.note ?? '',
    ticks: ticksOf(start, end),
    now: new Date(now).toISOString(),
    event: (subject) =>
      recordEvent(deps.db, 'booking.made', {
        subject,
        actorId: user.id,
        payload: {
          machineId: id,
          machineName: row.name,
          hubId: row.hub_id,
          userId: user.id,
          startsAt: new Date(start).toISOString(),
        },
        now: new Date(now).toISOString(),
      }),
  });
  // Members of any hub may book; a person of no hub is not part of the network yet.
  if (result === 'not_member') throw new ApiError('NOT_A_MEMBER');
  if (result === 'taken')
    throw new ApiError('SLOT_TAKEN', { details: { fields: [{ path: 'startsAt', message: '' }] } });
  if (result === 'inactive') throw new ApiError('MACHINE_INACTIVE');
  const booking = await repo.findBooking(deps.db, result.id);
  if (!booking) throw new ApiError('BOOKING_NOT_FOUND');
  return toBooking(booking, { id: user.id, managesHub: await managesHub(deps, row.hub_id, user) }, now);
}

export async function cancel(deps: Deps, { id, user }: { id: number; user: SessionUser }): Promise<TBooking> {
  const booking = await repo.findBooking(deps.db, id);
  if (!booking) throw new ApiError('BOOKING_NOT_FOUND');
  const manager = await managesHub(deps, booking.hub_id, user);
  // Someone else's booking is not revealed to people who may not see it.
  if (!manager && booking.user_id !== user.id) throw new ApiError('BOOKING_NOT_FOUND');
  const now = deps.now().getTime();
  const start = Date.parse(booking.starts_at);
  const refusal = cancelRefusal({
    booking: { userId: booking.user_id, start, end: Date.parse(booking.ends_at), status: booking.status },
    actor: { id: user.id, managesHub: manager },
    now,
    cancelDeadlineMinutes: booking.cancel_deadline_minutes,
  });
  if (refusal) throw new ApiError(refusal);
  const minStart = manager ? '' : new Date(now + booking.cancel_deadline_minutes * MINUTE).toISOString();
  if (
    !(await repo.cancelBooking(deps.db, {
      id,
      userId: user.id,
      now: new Date(now).toISOString(),
      minStart,
      event: recordEvent(deps.db, 'booking.cancelled', {
        subject: { id, ifChanged: true },
        actorId: user.id,
        payload: {
          machineId: booking.machine_id,
          machineName: booking.machine_name,
          hubId: booking.hub_id,
          userId: booking.user_id,
          startsAt: booking.starts_at,
        },
        now: new Date(now).toISOString(),
      }),
    }))
  )
    throw new ApiError('BOOKING_CANCELLED');
  const after = await repo.findBooking(deps.db, id);
  return toBooking(after!, { id: user.id, managesHub: manager }, now);
}

export async function myBookings(
  deps: Deps,
  { user, scope }: { user: SessionUser; scope: 'upcoming' | 'past' | 'all' },
): Promise<TBooking[]> {
  const now = deps.now();
  const rows = await repo.bookingsOfUser(deps.db, user.id, scope, now.toISOString());
  const roles = await hubRoles(deps, user.id);
  return rows.map((r) =>
    toBooking(r, { id: user.id, managesHub: canManage(roles.get(r.hub_id) ?? null) }, now.getTime()),
  );
}

/** The machine's calendar with who booked (managers of its hub). */
export async function machineBookings(
  deps: Deps,
  { id, query, user }: { id: number; query: { from?: string; to?: string }; user: SessionUser },
): Promise<TBooking[]> {
  const row = await requireMachineRow(deps, id);
  if (!(await managesHub(deps, row.hub_id, user))) throw new ApiError('FORBIDDEN');
  const { from, to } = rangeOf(deps, query);
  const rows = await repo.bookingsOfMachine(
    deps.db,
    id,
    new Date(from).toISOString(),
    new Date(to).toISOString(),
  );
  const now = deps.now().getTime();
  return rows.map((r) => toBooking(r, { id: user.id, managesHub: true }, now));
}

// ---------- calendar feeds ----------

const FEED_PAST_DAYS = 30;

/** The machine's public feed: when it is booked, without who booked it. */
export async function machineCalendar(deps: Deps, id: number): Promise<string> {
  const row = await requireMachineRow(deps, id);
  if (!row.active) throw new ApiError('MACHINE_NOT_FOUND');
  const now = deps.now().getTime();
  const rows = await repo.bookingsOfMachine(
    deps.db,
    id,
    new Date(now - FEED_PAST_DAYS * DAY).toISOString(),
    new Date(now + 366 * DAY).toISOString(),
  );
  const events: CalendarEvent[] = rows.map((r) => ({
    uid: `booking-${r.id}@omloop`,
    start: Date.parse(r.starts_at),
    end: Date.parse(r.ends_at),
    summary: `${row.name}: booked`,
    location: `${row.hub_name}, ${row.hub_city}`,
  }));
  return buildCalendar({ name: `${row.name} · ${row.hub_name}`, events, now });
}

/** A new secret link to one's own bookings feed; the previous link stops working. */
export async function newCalendarToken(deps: Deps, user: SessionUser): Promise<TCalendarToken> {
  const token = newToken();
  await repo.replaceCalendarToken(deps.db, user.id, await hashToken(token), deps.now().toISOString());
  return { token, path: `/api/v1/calendar/${token}.ics` };
}

export async function personalCalendar(deps: Deps, token: string): Promise<string> {
  const userId = await repo.userOfCalendarToken(deps.db, await hashToken(token));
  if (userId === null) throw new ApiError('NOT_FOUND');
  const now = deps.now().getTime();
  const rows = (await repo.bookingsOfUser(deps.db, userId, 'all', new Date(now).toISOString())).filter(
    (r) => Date.parse(r.ends_at) > now - FEED_PAST_DAYS * DAY,
  );
  const events: CalendarEvent[] = rows.map((r) => ({
    uid: `booking-${r.id}@omloop`,
    start: Date.parse(r.starts_at),
    end: Date.parse(r.ends_at),
    summary: `${r.machine_name} · ${r.hub_name}`,
    description: r.note || undefined,
    location: `${r.hub_name}, ${r.hub_city}`,
    cancelled: r.status === 'cancelled',
  }));
  return buildCalendar({ name: 'Omloop bookings', events, now });
}
