import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  isDue,
  localToday,
  occurrenceDates,
  occurrenceView,
  type Recurrence,
} from '../../src/modules/streams/streams.domain';
import { ZStreamInput, streamIssues } from '../../src/shared/streams.schemas';

const weekly = (o: Partial<Recurrence> = {}): Recurrence => ({
  repeats: 'weekly',
  every: 1,
  dayOfMonth: null,
  startDate: '2027-03-01',
  endDate: null,
  count: 4,
  ...o,
});
const monthly = (o: Partial<Recurrence> = {}): Recurrence => ({
  repeats: 'monthly',
  every: 1,
  dayOfMonth: 31,
  startDate: '2027-01-31',
  endDate: null,
  count: 6,
  ...o,
});
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

describe('occurrence dates', () => {
  it('steps weekly on the start date’s weekday, every N weeks', () => {
    expect(occurrenceDates(weekly())).toEqual(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22']);
    expect(occurrenceDates(weekly({ every: 2, count: 3 }))).toEqual([
      '2027-03-01',
      '2027-03-15',
      '2027-03-29',
    ]);
  });

  it('keeps the local weekday across both 2027 daylight-saving changes in Brussels', () => {
    // Summer time starts on Sunday 2027-03-28 and ends on Sunday 2027-10-31.
    const spring = occurrenceDates(weekly({ startDate: '2027-03-21', count: 3 }));
    expect(spring).toEqual(['2027-03-21', '2027-03-28', '2027-04-04']);
    const autumn = occurrenceDates(weekly({ startDate: '2027-10-24', count: 3 }));
    expect(autumn).toEqual(['2027-10-24', '2027-10-31', '2027-11-07']);
    for (const d of [...spring, ...autumn]) expect(weekday(d)).toBe(0);
    // A year of weeks: always the same weekday, always 7 days apart.
    const year = occurrenceDates(weekly({ startDate: '2027-01-04', count: 52 }));
    expect(new Set(year.map(weekday))).toEqual(new Set([1]));
    for (let i = 1; i < year.length; i++)
      expect(Date.parse(year[i]!) - Date.parse(year[i - 1]!)).toBe(7 * 86_400_000);
  });

  it('clamps a monthly day past the month’s end to its last day: 28 Feb, 31 Mar, 30 Apr …', () => {
    expect(occurrenceDates(monthly())).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
    ]);
  });

  it('gives 29 February in a leap year, and crosses the year end', () => {
    expect(occurrenceDates(monthly({ startDate: '2027-12-31', count: 3 }))).toEqual([
      '2027-12-31',
      '2028-01-31',
      '2028-02-29',
    ]);
    expect(occurrenceDates(monthly({ startDate: '2028-01-30', dayOfMonth: 30, count: 3 }))).toEqual([
      '2028-01-30',
      '2028-02-29',
      '2028-03-30',
    ]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('every N months; a day of the month before the start day begins the month after', () => {
    expect(occurrenceDates(monthly({ startDate: '2027-01-31', every: 3, count: 4 }))).toEqual([
      '2027-01-31',
      '2027-04-30',
      '2027-07-31',
      '2027-10-31',
    ]);
    expect(occurrenceDates(monthly({ startDate: '2027-01-20', dayOfMonth: 5, count: 2 }))).toEqual([
      '2027-02-05',
      '2027-03-05',
    ]);
  });

  it('ends on an end date (inclusive) or after a count', () => {
    expect(occurrenceDates(weekly({ count: null, endDate: '2027-03-15' }))).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
    ]);
    expect(occurrenceDates(weekly({ count: null, endDate: '2027-03-14' }))).toHaveLength(2);
    expect(occurrenceDates(monthly({ count: null, endDate: '2027-04-29' }))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
    expect(occurrenceDates(weekly({ count: 200 }), 104)).toHaveLength(104);
    expect(occurrenceDates(weekly({ count: null, endDate: '2029-03-01' }), 105)).toHaveLength(105);
  });
});

describe('when an occurrence is due', () => {
  it('is decided by the hub’s local date, across the spring-forward night', () => {
    // 2027-03-28 00:30 in Brussels is still 23:30 UTC on the 27th (winter time, +01:00).
    const justAfterMidnight = Date.parse('2027-03-27T23:30:00Z');
    expect(localToday('Europe/Brussels', justAfterMidnight)).toBe('2027-03-28');
    expect(isDue('2027-03-28', 'Europe/Brussels', justAfterMidnight)).toBe(true);
    expect(isDue('2027-03-28', 'Europe/Brussels', Date.parse('2027-03-27T22:59:00Z'))).toBe(false);
    expect(isDue('2027-03-28', 'UTC', justAfterMidnight)).toBe(false);
  });

  it('and across the fall-back night', () => {
    // 2027-10-31 00:00 in Brussels is 22:00 UTC on the 30th (summer time, +02:00).
    expect(isDue('2027-10-31', 'Europe/Brussels', Date.parse('2027-10-30T21:59:00Z'))).toBe(false);
    expect(isDue('2027-10-31', 'Europe/Brussels', Date.parse('2027-10-30T22:00:00Z'))).toBe(true);
    // The next day starts at 23:00 UTC, in winter time again.
    expect(localToday('Europe/Brussels', Date.parse('2027-10-31T22:59:00Z'))).toBe('2027-10-31');
    expect(localToday('Europe/Brussels', Date.parse('2027-10-31T23:00:00Z'))).toBe('2027-11-01');
  });
});

describe('what a viewer sees of an occurrence', () => {
  const facts = {
    seq: 2,
    dueDate: '2027-03-08',
    listingId: null,
    reservedByHubId: 7,
    reservedBy: { slug: 'rdm', name: 'RDM' },
    exchangeId: null,
    handedOverMilli: 0,
  };
  it('shows the reserving hub to the two hubs only', () => {
    const other = occurrenceView(facts, { streamHub: false, hubIds: new Set([3]) });
    expect(other).toMatchObject({ state: 'reserved', reserved: true, reservedBy: null });
    expect(occurrenceView(facts, { streamHub: true, hubIds: new Set() }).reservedBy).toEqual(
      facts.reservedBy,
    );
    expect(occurrenceView(facts, { streamHub: false, hubIds: new Set([7]) }).reservedBy).toEqual(
      facts.reservedBy,
    );
  });
  it('is published once it has a listing, with what was handed over', () => {
    const v = occurrenceView(
      { ...facts, listingId: 5, exchangeId: 9, handedOverMilli: 12_500 },
      { streamHub: true, hubIds: new Set() },
    );
    expect(v).toMatchObject({ state: 'published', listingId: 5, exchangeId: 9, handedOver: 12.5 });
    expect(
      occurrenceView(
        { ...facts, reservedByHubId: null, reservedBy: null },
        { streamHub: true, hubIds: new Set() },
      ).state,
    ).toBe('upcoming');
  });
});

describe('stream input rules', () => {
  const valid = {
    kind: 'offcut',
    title: 'Offcuts every week',
    category: 'birch-plywood',
    quantity: 15,
    unit: 'kg',
    condition: 'good',
    repeats: 'weekly',
    startDate: '2027-03-01',
    occurrences: 4,
  };
  it('accepts a stream that ends', () => {
    expect(ZStreamInput.safeParse(valid).success).toBe(true);
    expect(ZStreamInput.safeParse({ ...valid, occurrences: undefined, endDate: '2027-06-01' }).success).toBe(
      true,
    );
  });
  it('names every bad field at once, cross-field rules too', () => {
    const r = ZStreamInput.safeParse({
      ...valid,
      title: 'x',
      quantity: -1,
      occurrences: undefined,
      dayOfMonth: 3,
      extra: 1,
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.')],
    );
    expect(paths.sort()).toEqual(['dayOfMonth', 'endDate', 'extra', 'quantity', 'title']);
  });
  it('refuses both ends, an end before the start and more than two years', () => {
    expect(streamIssues({ ...valid, endDate: '2027-05-01' }).map((i) => i.message)).toEqual([
      'stream_end_one',
    ]);
    expect(streamIssues({ ...valid, occurrences: undefined, endDate: '2027-02-01' })).toEqual([
      { path: 'endDate', message: 'end_after_start' },
    ]);
    expect(streamIssues({ ...valid, occurrences: undefined, endDate: '2029-12-01' })).toEqual([
      { path: 'endDate', message: 'stream_too_long' },
    ]);
  });
});
