import { describe, expect, it } from 'vitest';
import {
  bookingRefusal,
  cancelRefusal,
  generateSlots,
  isoInZone,
  localToUtc,
  offsetMinutes,
  slotReason,
  ticksOf,
  type BookingRules,
} from '../../src/modules/machines/machines.domain';
import { buildCalendar, foldLine } from '../../src/modules/machines/machines.ical';
import { isQualified } from '../../src/modules/trainings/trainings.domain';

const BXL = 'Europe/Brussels';
const H = 3600_000;
const iso = (ms: number) => isoInZone(BXL, ms);
const source = (windows: { weekday: number; start: string; end: string }[], slotMinutes = 60) => ({
  timezone: BXL,
  slotMinutes,
  windows,
  closures: [] as { startDate: string; endDate: string }[],
});

describe('local time in a hub zone', () => {
  it('knows Brussels offsets on both sides of the 2027 changes', () => {
    expect(offsetMinutes(BXL, Date.parse('2027-03-28T00:59:00Z'))).toBe(60);
    expect(offsetMinutes(BXL, Date.parse('2027-03-28T01:00:00Z'))).toBe(120);
    expect(offsetMinutes(BXL, Date.parse('2027-10-31T00:59:00Z'))).toBe(120);
    expect(offsetMinutes(BXL, Date.parse('2027-10-31T01:00:00Z'))).toBe(60);
    expect(offsetMinutes('Europe/Amsterdam', Date.parse('2027-07-01T12:00:00Z'))).toBe(120);
  });

  it('moves a skipped time forward and takes the first of a repeated one', () => {
    // 02:30 does not exist on 28 March 2027: it becomes 03:30 summer time.
    expect(iso(localToUtc(BXL, 2027, 3, 28, 150))).toBe('2027-03-28T03:30:00+02:00');
    // 02:30 happens twice on 31 October 2027: the first, still in summer time.
    expect(iso(localToUtc(BXL, 2027, 10, 31, 150))).toBe('2027-10-31T02:30:00+02:00');
    expect(iso(localToUtc(BXL, 2027, 10, 31, 9 * 60))).toBe('2027-10-31T09:00:00+01:00');
  });
});

describe('slots from weekly windows', () => {
  it('keeps 09:00 local on both sides of the spring change (Sunday 28 March 2027)', () => {
    const all = generateSlots(
      source([6, 7, 1].map((weekday) => ({ weekday, start: '09:00', end: '11:00' }))),
      Date.parse('2027-03-27T00:00:00Z'),
      Date.parse('2027-03-30T00:00:00Z'),
    );
    expect(all.map((s) => iso(s.start))).toEqual([
      '2027-03-27T09:00:00+01:00',
      '2027-03-27T10:00:00+01:00',
      '2027-03-28T09:00:00+02:00',
      '2027-03-28T10:00:00+02:00',
      '2027-03-29T09:00:00+02:00',
      '2027-03-29T10:00:00+02:00',
    ]);
    expect(all[0]!.start).toBe(Date.parse('2027-03-27T08:00:00Z'));
    expect(all[2]!.start).toBe(Date.parse('2027-03-28T07:00:00Z'));
  });

  it('keeps 09:00 local on both sides of the autumn change (Sunday 31 October 2027)', () => {
    const all = generateSlots(
      source([6, 7].map((weekday) => ({ weekday, start: '09:00', end: '10:00' }))),
      Date.parse('2027-10-30T00:00:00Z'),
      Date.parse('2027-11-01T00:00:00Z'),
    );
    expect(all.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ['2027-10-30T09:00:00+02:00', '2027-10-30T10:00:00+02:00'],
      ['2027-10-31T09:00:00+01:00', '2027-10-31T10:00:00+01:00'],
    ]);
  });

  it('has one hour less in a night window when summer time starts, one more when it ends', () => {
    const night = source([{ weekday: 7, start: '00:00', end: '06:00' }]);
    const spring = generateSlots(
      night,
      Date.parse('2027-03-27T12:00:00Z'),
      Date.parse('2027-03-28T12:00:00Z'),
    );
    expect(spring.map((s) => iso(s.start))).toEqual([
      '2027-03-28T00:00:00+01:00',
      '2027-03-28T01:00:00+01:00',
      '2027-03-28T03:00:00+02:00',
      '2027-03-28T04:00:00+02:00',
      '2027-03-28T05:00:00+02:00',
    ]);
    const autumn = generateSlots(
      night,
      Date.parse('2027-10-30T12:00:00Z'),
      Date.parse('2027-10-31T12:00:00Z'),
    );
    expect(autumn.map((s) => iso(s.start))).toEqual([
      '2027-10-31T00:00:00+02:00',
      '2027-10-31T01:00:00+02:00',
      '2027-10-31T02:00:00+02:00',
      '2027-10-31T02:00:00+01:00',
      '2027-10-31T03:00:00+01:00',
      '2027-10-31T04:00:00+01:00',
      '2027-10-31T05:00:00+01:00',
    ]);
    // Every slot is a real hour, and they follow one another without a gap.
    for (const list of [spring, autumn])
      for (let i = 1; i < list.length; i++) expect(list[i]!.start).toBe(list[i - 1]!.end);
  });

  it('leaves out closed days and slots that do not fit the window', () => {
    const s = {
      ...source([
        { weekday: 1, start: '09:00', end: '11:30' },
        { weekday: 2, start: '09:00', end: '10:00' },
      ]),
      closures: [{ startDate: '2027-06-08', endDate: '2027-06-08' }],
    };
    const all = generateSlots(s, Date.parse('2027-06-07T00:00:00Z'), Date.parse('2027-06-09T00:00:00Z'));
    expect(all.map((x) => iso(x.start))).toEqual(['2027-06-07T09:00:00+02:00', '2027-06-07T10:00:00+02:00']);
  });

  it('holds a booking as quarter hours, so adjacent bookings share none and overlapping ones do', () => {
    const a = ticksOf(Date.parse('2027-06-07T08:00:00Z'), Date.parse('2027-06-07T09:00:00Z'));
    const b = ticksOf(Date.parse('2027-06-07T09:00:00Z'), Date.parse('2027-06-07T10:00:00Z'));
    const c = ticksOf(Date.parse('2027-06-07T08:45:00Z'), Date.parse('2027-06-07T09:15:00Z'));
    expect(a).toHaveLength(4);
    expect(a.filter((t) => b.includes(t))).toEqual([]);
    expect(c.filter((t) => a.includes(t) || b.includes(t))).toHaveLength(2);
  });
});

describe('booking rules', () => {
  const rules: BookingRules = {
    active: true,
    slotMinutes: 60,
    maxSlotsPerBooking: 2,
    horizonDays: 14,
    minNoticeMinutes: 60,
    cancelDeadlineMinutes: 120,
  };
  const monday = source([{ weekday: 1, start: '09:00', end: '17:00' }]);
  const now = Date.parse('2027-06-06T12:00:00Z'); // Sunday
  const nine = Date.parse('2027-06-07T07:00:00Z'); // Monday 09:00 local
  const refusal = (o: Partial<Parameters<typeof bookingRefusal>[0]> & { start?: number; end?: number }) => {
    const start = o.start ?? nine;
    const end = o.end ?? start + H;
    const src = o.slotsOf ? null : monday;
    return bookingRefusal({
      rules: o.rules ?? rules,
      now: o.now ?? now,
      start,
      end,
      qualified: o.qualified ?? true,
      slotsOf: o.slotsOf ?? ((c) => generateSlots({ ...src!, closures: [] }, start, end, c)),
    });
  };

  it('accepts a slot inside the window, with notice, within the horizon', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ end: nine + 2 * H })).toBeNull();
  });

  it.each([
    ['an inactive machine', { rules: { ...rules, active: false } }, 'MACHINE_INACTIVE'],
    ['a slot in the past', { now: nine + 30 * 60_000 }, 'BOOKING_IN_PAST'],
    ['a slot too soon', { now: nine - 30 * 60_000 }, 'BOOKING_TOO_SOON'],
    ['a slot beyond the horizon', { now: nine - 15 * 24 * H }, 'BOOKING_BEYOND_HORIZON'],
    ['more slots than allowed', { end: nine + 3 * H }, 'BOOKING_TOO_LONG'],
    ['a slot outside the opening hours', { start: nine - 2 * H }, 'BOOKING_OUTSIDE_HOURS'],
    ['a start off the slot grid', { start: nine + 30 * 60_000 }, 'BOOKING_OUTSIDE_HOURS'],
    ['a length that is not whole slots', { end: nine + 90 * 60_000 }, 'BOOKING_OUTSIDE_HOURS'],
    ['a missing training', { qualified: false }, 'TRAINING_REQUIRED'],
  ] as const)('refuses %s', (_name, o, reason) => {
    expect(refusal(o as Parameters<typeof refusal>[0])).toBe(reason);
  });

  it('refuses a closed day with its own reason', () => {
    const closed = { ...monday, closures: [{ startDate: '2027-06-07', endDate: '2027-06-07' }] };
    expect(refusal({ slotsOf: (c) => generateSlots(closed, nine, nine + H, c) })).toBe(
      'BOOKING_MACHINE_CLOSED',
    );
  });

  it('says why a shown slot cannot be booked', () => {
    const slot = { start: nine, end: nine + H };
    const taken = new Set([new Date(nine + 45 * 60_000).toISOString()]);
    expect(slotReason(slot, { now, rules, taken })).toBe('booked');
    expect(slotReason(slot, { now, rules, taken: new Set() })).toBeNull();
    expect(slotReason(slot, { now: nine + 1, rules, taken: new Set() })).toBe('past');
    expect(slotReason(slot, { now: nine - 1, rules, taken: new Set() })).toBe('too_soon');
    expect(slotReason(slot, { now: nine - 20 * 24 * H, rules, taken: new Set() })).toBe('beyond_horizon');
  });

  it('lets the booker cancel until the deadline and the hub until the end', () => {
    const booking = { userId: 7, start: nine, end: nine + H, status: 'confirmed' as const };
    const base = { booking, cancelDeadlineMinutes: 120 };
    expect(cancelRefusal({ ...base, actor: { id: 7, managesHub: false }, now: nine - 3 * H })).toBeNull();
    expect(cancelRefusal({ ...base, actor: { id: 7, managesHub: false }, now: nine - H })).toBe(
      'CANCEL_DEADLINE_PASSED',
    );
    expect(
      cancelRefusal({ ...base, actor: { id: 8, managesHub: true }, now: nine + 30 * 60_000 }),
    ).toBeNull();
    expect(cancelRefusal({ ...base, actor: { id: 8, managesHub: false }, now })).toBe('FORBIDDEN');
    expect(cancelRefusal({ ...base, actor: { id: 8, managesHub: true }, now: nine + 2 * H })).toBe(
      'BOOKING_ENDED',
    );
    expect(
      cancelRefusal({
        ...base,
        booking: { ...booking, status: 'cancelled' },
        actor: { id: 7, managesHub: false },
        now,
      }),
    ).toBe('BOOKING_CANCELLED');
  });
});

describe('trainings that travel', () => {
  it('accepts the training itself or one the hub accepts as equivalent', () => {
    expect(isQualified(null, [], [])).toBe(true);
    expect(isQualified(1, [1], [])).toBe(true);
    expect(isQualified(1, [5], [5, 6])).toBe(true);
    expect(isQualified(1, [5], [6])).toBe(false);
    expect(isQualified(1, [], [5])).toBe(false);
  });
});

describe('iCal', () => {
  it('folds lines at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i ? l.slice(1) : l))
        .join(''),
    ).toBe(`SUMMARY:${'é'.repeat(80)}`);
  });

  it('writes UTC times, escapes text and ends every line with CRLF', () => {
    const text = buildCalendar({
      name: 'Laser; big, one',
      now: Date.parse('2027-01-01T00:00:00Z'),
      events: [
        {
          uid: 'b-1@omloop',
          start: Date.parse('2027-03-28T07:00:00Z'),
          end: Date.parse('2027-03-28T08:00:00Z'),
          summary: 'a,b;c\nd',
        },
      ],
    });
    expect(text).toContain('DTSTART:20270328T070000Z\r\n');
    expect(text).toContain('SUMMARY:a\\,b\\;c\\nd\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
