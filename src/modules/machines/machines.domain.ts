/**
 * Pure rules of machine time: local time in a hub's zone (with Intl, across daylight-saving
 * changes), slots from weekly windows, and why a booking or a cancellation is refused.
 */
import type { TClosure, TWindow } from '../../shared/machines.schemas';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Bookings hold the database in quarter hours: every slot length and window edge is one. */
export const TICK_MINUTES = 15;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number };

/** The wall-clock date and time of an instant in a time zone. */
export function localParts(tz: string, ms: number): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year ?? 1970,
    month: p.month ?? 1,
    day: p.day ?? 1,
    hour: (p.hour ?? 0) % 24,
    minute: p.minute ?? 0,
  };
}

// Zones change offset on a quarter hour, so one lookup per zone and quarter hour is enough.
const QUARTER = 15 * MINUTE;
const offsets = new Map<string, number>();

/** The zone's offset from UTC at an instant, in minutes (Brussels in summer: 120). */
export function offsetMinutes(tz: string, ms: number): number {
  const quarter = Math.floor(ms / QUARTER) * QUARTER;
  const key = `${tz}|${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const p = localParts(tz, quarter);
  const offset = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - quarter) / MINUTE);
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant of a wall-clock time in a zone. A time that occurs twice (the hour repeated when
 * summer time ends) is its first occurrence; a time that does not exist (the hour skipped when it
 * starts) moves forward by the gap, as calendars do.
 */
export function localToUtc(tz: string, year: number, month: number, day: number, minutes: number): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const before = offsetMinutes(tz, wall - DAY);
  const after = offsetMinutes(tz, wall + DAY);
  const candidates = [...new Set([before, after])]
    .map((o) => wall - o * MINUTE)
    .filter((t) => wall - offsetMinutes(tz, t) * MINUTE === t)
    .sort((a, b) => a - b);
  return candidates[0] ?? wall - before * MINUTE;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An instant as ISO 8601 with the zone's offset at that instant: 2027-03-29T09:00:00+02:00. */
export function isoInZone(tz: string, ms: number): string {
  const p = localParts(tz, ms);
  const o = offsetMinutes(tz, ms);
  const sign = o < 0 ? '-' : '+';
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:00` +
    `${sign}${pad(Math.trunc(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`
  );
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(tz: string, ms: number): string {
  const p = localParts(tz, ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09:30" as minutes after midnight; "24:00" is 1440. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type Slot = { start: number; end: number };

export type SlotSource = {
  timezone: string;
  slotMinutes: number;
  windows: readonly TWindow[];
  closures: readonly Pick<TClosure, 'startDate' | 'endDate'>[];
};

const isClosed = (date: string, closures: SlotSource['closures']) =>
  closures.some((c) => c.startDate <= date && date <= c.endDate);

/**
 * The slots of weekly windows that start in [from, to), in time order. A window's edges are local
 * wall-clock times of each day; slots step through the real time between them, so a night window
 * holds one hour less on the day summer time starts and one more on the day it ends.
 */
export function generateSlots(source: SlotSource, from: number, to: number, withClosures = true): Slot[] {
  const { timezone: tz, slotMinutes, windows } = source;
  const step = slotMinutes * MINUTE;
  // Slots starting in [from, to) come from the local days around them; no zone is a day off UTC.
  const first = localParts(tz, from - DAY);
  const slots: Slot[] = [];
  for (let i = 0; ; i++) {
    const noon = Date.UTC(first.year, first.month - 1, first.day + i, 12);
    if (noon - DAY > to) break;
    const d = new Date(noon);
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    const date = `${pad(y, 4)}-${pad(m)}-${pad(day)}`;
    if (withClosures && isClosed(date, source.closures)) continue;
    for (const w of windows) {
      if (w.weekday !== weekday) continue;
      const open = localToUtc(tz, y, m, day, minutesOf(w.start));
      const close = localToUtc(tz, y, m, day, minutesOf(w.end));
      for (let s = open; s + step <= close; s += step)
        if (s >= from && s < to) slots.push({ start: s, end: s + step });
    }
  }
  slots.sort((a, b) => a.start - b.start);
  // Overlapping windows of one day yield a slot once.
  return slots.filter((s, i) => i === 0 || s.start !== slots[i - 1]!.start);
}

/** The quarter hours a booking holds in the database, as ISO instants (UTC). */
export function ticksOf(start: number, end: number): string[] {
  const ticks: string[] = [];
  for (let t = start; t < end; t += TICK_MINUTES * MINUTE) ticks.push(new Date(t).toISOString());
  return ticks;
}

export type BookingRules = {
  active: boolean;
  slotMinutes: number;
  maxSlotsPerBooking: number;
  horizonDays: number;
  minNoticeMinutes: number;
  cancelDeadlineMinutes: number;
};

export const BOOKING_REFUSALS = [
  'MACHINE_INACTIVE',
  'BOOKING_IN_PAST',
  'BOOKING_TOO_SOON',
  'BOOKING_BEYOND_HORIZON',
  'BOOKING_TOO_LONG',
  'BOOKING_MACHINE_CLOSED',
  'BOOKING_OUTSIDE_HOURS',
  'TRAINING_REQUIRED',
] as const;
export type BookingRefusal = (typeof BOOKING_REFUSALS)[number];

/**
 * Why a booking of [start, end) is refused, or null when it may be made (overlap with other
 * bookings is the database's to decide). `slotsOf(withClosures)` gives the machine's slots
 * around the booking, with or without its closures.
 */
export function bookingRefusal({
  rules,
  now,
  start,
  end,
  slotsOf,
  qualified,
}: {
  rules: BookingRules;
  now: number;
  start: number;
  end: number;
  slotsOf: (withClosures: boolean) => Slot[];
  qualified: boolean;
}): BookingRefusal | null {
  if (!rules.active) return 'MACHINE_INACTIVE';
  if (start < now) return 'BOOKING_IN_PAST';
  if (start < now + rules.minNoticeMinutes * MINUTE) return 'BOOKING_TOO_SOON';
  if (end > now + rules.horizonDays * DAY) return 'BOOKING_BEYOND_HORIZON';
  const step = rules.slotMinutes * MINUTE;
  if (end - start > rules.maxSlotsPerBooking * step) return 'BOOKING_TOO_LONG';
  const covered = (slots: Slot[]) => {
    const starts = new Set(slots.map((s) => s.start));
    if ((end - start) % step !== 0) return false;
    for (let s = start; s < end; s += step) if (!starts.has(s)) return false;
    return true;
  };
  if (!covered(slotsOf(true)))
    return covered(slotsOf(false)) ? 'BOOKING_MACHINE_CLOSED' : 'BOOKING_OUTSIDE_HOURS';
  if (!qualified) return 'TRAINING_REQUIRED';
  return null;
}

/** Until when a booking may be cancelled by the person who made it. */
export function cancelDeadline(start: number, cancelDeadlineMinutes: number): number {
  return start - cancelDeadlineMinutes * MINUTE;
}

/**
 * Why a cancellation is refused, or null. The hub's managers may cancel any booking until it has
 * ended; the booker until the machine's cancel deadline.
 */
export function cancelRefusal({
  booking,
  actor,
  now,
  cancelDeadlineMinutes,
}: {
  booking: { userId: number; start: number; end: number; status: 'confirmed' | 'cancelled' };
  actor: { id: number; managesHub: boolean };
  now: number;
  cancelDeadlineMinutes: number;
}): 'FORBIDDEN' | 'BOOKING_CANCELLED' | 'BOOKING_ENDED' | 'CANCEL_DEADLINE_PASSED' | null {
  if (!actor.managesHub && actor.id !== booking.userId) return 'FORBIDDEN';
  if (booking.status === 'cancelled') return 'BOOKING_CANCELLED';
  if (booking.end <= now) return 'BOOKING_ENDED';
  if (!actor.managesHub && now > cancelDeadline(booking.start, cancelDeadlineMinutes))
    return 'CANCEL_DEADLINE_PASSED';
  return null;
}

/** Why a slot shown in the availability cannot be booked, or null. */
export function slotReason(
  slot: Slot,
  { now, rules, taken }: { now: number; rules: BookingRules; taken: ReadonlySet<string> },
): 'booked' | 'past' | 'too_soon' | 'beyond_horizon' | null {
  if (ticksOf(slot.start, slot.end).some((t) => taken.has(t))) return 'booked';
  if (slot.start < now) return 'past';
  if (slot.start < now + rules.minNoticeMinutes * MINUTE) return 'too_soon';
  if (slot.end > now + rules.horizonDays * DAY) return 'beyond_horizon';
  return null;
}
