/**
 * Pure rules of recurring streams: the dates of the occurrences, when one is due, and what a
 * viewer sees of an occurrence. Dates are calendar dates (YYYY-MM-DD) in the hub's time zone, so
 * daylight-saving changes never move an occurrence: "every Monday" stays on Monday.
 */
import { MAX_OCCURRENCES, type TOccurrence, type TRepeats } from '../../shared/streams.schemas';
import { localDate } from '../machines/machines.domain';

export type Recurrence = {
  repeats: TRepeats;
  every: number;
  /** Monthly only: the day of the month, clamped to the month's last day. */
  dayOfMonth: number | null;
  startDate: string;
  endDate: string | null;
  count: number | null;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date-only value as a UTC midnight, for calendar arithmetic without any zone. */
const parse = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
const format = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** The number of days in a month (1–12) of a year: 28, 29, 30 or 31. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The occurrence dates of a recurrence, in order: weekly on the start date's weekday every
 * `every` weeks; monthly on `dayOfMonth` (default: the start date's day), a day past the end of a
 * month falling on its last day (the 31st gives 28 or 29 February, 30 April …), every `every`
 * months, never before the start. It ends at `endDate` (inclusive) or after `count`, and never
 * gives more than `limit` dates.
 */
export function occurrenceDates(r: Recurrence, limit = MAX_OCCURRENCES): string[] {
  const start = parse(r.startDate);
  const out: string[] = [];
  const wanted = Math.min(r.count ?? limit, limit);
  for (let k = 0; out.length < wanted && k < limit * 2 + 2; k++) {
    let date: string;
    if (r.repeats === 'weekly') {
      date = format(Date.UTC(start.y, start.m - 1, start.d + 7 * r.every * k));
    } else {
      const monthIndex = start.m - 1 + r.every * k;
      const y = start.y + Math.floor(monthIndex / 12);
      const m = (monthIndex % 12) + 1;
      const day = Math.min(r.dayOfMonth ?? start.d, daysInMonth(y, m));
      date = `${pad(y, 4)}-${pad(m)}-${pad(day)}`;
    }
    if (date < r.startDate) continue;
    if (r.endDate !== null && date > r.endDate) break;
    out.push(date);
  }
  return out;
}

/** The hub's local calendar date at an instant (with Intl, so across daylight-saving changes). */
export function localToday(timezone: string, nowMs: number): string {
  return localDate(timezone, nowMs);
}

/** Whether an occurrence's date has arrived in the hub's time zone. */
export function isDue(dueDate: string, timezone: string, nowMs: number): boolean {
  return dueDate <= localToday(timezone, nowMs);
}

/** The stream's hub, the subscriber hub, or neither: what a viewer may see of a reservation. */
export type OccurrenceFacts = {
  seq: number;
  dueDate: string;
  listingId: number | null;
  reservedByHubId: number | null;
  reservedBy: { slug: string; name: string } | null;
  exchangeId: number | null;
  handedOverMilli: number;
};

/**
 * An occurrence as a viewer sees it: published (it has a listing), reserved, or upcoming. Who
 * reserved it and the exchange are shown only to people of the stream's hub or of that hub.
 */
export function occurrenceView(
  o: OccurrenceFacts,
  viewer: { streamHub: boolean; hubIds: ReadonlySet<number> },
): TOccurrence {
  const party = o.reservedByHubId !== null && (viewer.streamHub || viewer.hubIds.has(o.reservedByHubId));
  return {
    seq: o.seq,
    dueDate: o.dueDate,
    state: o.listingId !== null ? 'published' : o.reservedByHubId !== null ? 'reserved' : 'upcoming',
    reserved: o.reservedByHubId !== null,
    reservedBy: party ? o.reservedBy : null,
    listingId: o.listingId,
    exchangeId: party ? o.exchangeId : null,
    handedOver: o.handedOverMilli / 1000,
  };
}
