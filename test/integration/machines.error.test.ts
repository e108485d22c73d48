import { describe, expect, it } from 'vitest';
import { ZBooking } from '../../src/shared/machines.schemas';
import { call, count, expectError, expectJson, makerWithHub } from '../helpers';
import { at, book, createMachine, LASER, weekdayOf } from '../machines-helpers';

describe('machines: bad input leaves nothing half-written', () => {
  it.each([
    ['an unknown type', { type: 'teleporter' }, ['type']],
    ['a slot length off the quarter hour', { slotMinutes: 50 }, ['slotMinutes']],
    [
      'a window ending before it starts',
      { windows: [{ weekday: 1, start: '17:00', end: '09:00' }] },
      ['windows.0.end'],
    ],
    [
      'a window off the quarter hour',
      { windows: [{ weekday: 1, start: '09:10', end: '12:00' }] },
      ['windows.0.start'],
    ],
    ['weekday 8', { windows: [{ weekday: 8, start: '09:00', end: '12:00' }] }, ['windows.0.weekday']],
    [
      'a closure ending before it starts',
      { closures: [{ startDate: '2027-05-02', endDate: '2027-05-01' }] },
      ['closures.0.endDate'],
    ],
    ['a negative price', { priceCentsPerHour: -1 }, ['priceCentsPerHour']],
    ['fields the API sets itself', { id: 3, hubId: 1 }, ['id', 'hubId']],
  ])('refuses %s with 422 naming the field', async (_name, patch, fields) => {
    const { session, hub } = await makerWithHub();
    await expectError(
      await call(`/hubs/${hub.slug}/machines`, { session, body: { ...LASER, ...patch } }),
      422,
      'VALIDATION_FAILED',
      fields,
    );
    expect(await count('SELECT count(*) AS n FROM machines')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM machine_windows')).toBe(0);
  });

  it('refuses a required training of another hub', async () => {
    const a = await makerWithHub();
    const b = await makerWithHub();
    const res = await call(`/hubs/${b.hub.slug}/trainings`, {
      session: b.session,
      body: { name: 'Laser safety' },
    });
    const { id } = (await res.json()) as { id: number };
    await expectError(
      await call(`/hubs/${a.hub.slug}/machines`, {
        session: a.session,
        body: { ...LASER, requiredTrainingId: id },
      }),
      422,
      'VALIDATION_FAILED',
      ['requiredTrainingId'],
    );
    expect(await count('SELECT count(*) AS n FROM machines')).toBe(0);
  });

  it('refuses a hub time zone that does not exist', async () => {
    const { session, hub } = await makerWithHub();
    await expectError(
      await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: { timezone: 'Europe/Gent' } }),
      422,
      'VALIDATION_FAILED',
      ['timezone'],
    );
  });

  it('answers 404 for a machine or booking that does not exist', async () => {
    const { session } = await makerWithHub();
    await expectError(await call('/machines/999999'), 404, 'MACHINE_NOT_FOUND');
    await expectError(
      await call('/bookings/999999', { session, method: 'DELETE' }),
      404,
      'BOOKING_NOT_FOUND',
    );
  });

  it('refuses an availability range that is backwards or too long', async () => {
    const { session, hub } = await makerWithHub();
    const m = await createMachine(session, hub.slug);
    const q = (from: string, to: string) =>
      `/machines/${m.id}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    await expectError(await call(q(at(2, '00:00'), at(1, '00:00'))), 422, 'RANGE_INVALID', ['to']);
    await expectError(await call(q(at(0, '00:00'), at(40, '00:00'))), 422, 'RANGE_INVALID', ['to']);
    await expectError(await call(`/machines/${m.id}/availability?from=tomorrow`), 422, 'VALIDATION_FAILED', [
      'from',
    ]);
  });

  it.each([
    ['in the past', () => [at(-1, '10:00'), at(-1, '11:00')], 'BOOKING_IN_PAST'],
    ['beyond the horizon', () => [at(40, '10:00'), at(40, '11:00')], 'BOOKING_BEYOND_HORIZON'],
    ['longer than allowed', () => [at(2, '08:00'), at(2, '13:00')], 'BOOKING_TOO_LONG'],
    ['outside the opening hours', () => [at(2, '06:00'), at(2, '07:00')], 'BOOKING_OUTSIDE_HOURS'],
    ['off the slot grid', () => [at(2, '10:30'), at(2, '11:30')], 'BOOKING_OUTSIDE_HOURS'],
  ] as const)('refuses a booking %s with the reason', async (_name, times, code) => {
    const { session, hub } = await makerWithHub();
    const m = await createMachine(session, hub.slug);
    const [start, end] = times() as [string, string];
    await expectError(await book(session, m.id, start, end), 422, code, ['startsAt']);
    expect(await count('SELECT count(*) AS n FROM bookings')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM booking_slots')).toBe(0);
  });

  it('refuses a booking too soon and on a closed day', async () => {
    const { session, hub } = await makerWithHub();
    const closedDay = at(3, '00:00').slice(0, 10);
    const m = await createMachine(session, hub.slug, {
      minNoticeMinutes: 60 * 24 * 2,
      windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      closures: [{ startDate: closedDay, endDate: closedDay }],
    });
    await expectError(await book(session, m.id, at(1, '10:00'), at(1, '11:00')), 422, 'BOOKING_TOO_SOON');
    await expectError(
      await book(session, m.id, at(3, '10:00'), at(3, '11:00')),
      422,
      'BOOKING_MACHINE_CLOSED',
    );
    expect(await count('SELECT count(*) AS n FROM bookings')).toBe(0);
    expect(weekdayOf(3)).toBeGreaterThan(0);
  });

  it('refuses a booking of an inactive machine, and a second cancellation', async () => {
    const { session, hub } = await makerWithHub();
    const m = await createMachine(session, hub.slug);
    const b = await expectJson(await book(session, m.id, at(2, '10:00'), at(2, '11:00')), 201, ZBooking);
    await call(`/bookings/${b.id}`, { session, method: 'DELETE' });
    await expectError(
      await call(`/bookings/${b.id}`, { session, method: 'DELETE' }),
      409,
      'BOOKING_CANCELLED',
    );
    await call(`/machines/${m.id}`, { session, method: 'PATCH', body: { active: false } });
    await expectError(await book(session, m.id, at(2, '12:00'), at(2, '13:00')), 409, 'MACHINE_INACTIVE');
    expect(await count("SELECT count(*) AS n FROM bookings WHERE status = 'confirmed'")).toBe(0);
  });

  it('refuses a cancellation after the deadline, and keeps the booking', async () => {
    const { session, hub } = await makerWithHub();
    const booker = await makerWithHub();
    // Bookable with an hour's notice, cancellable until two days before.
    const m = await createMachine(session, hub.slug, { cancelDeadlineMinutes: 60 * 48 });
    const b = await expectJson(
      await book(booker.session, m.id, at(1, '10:00'), at(1, '11:00')),
      201,
      ZBooking,
    );
    expect(b.canCancel).toBe(false);
    await expectError(
      await call(`/bookings/${b.id}`, { session: booker.session, method: 'DELETE' }),
      409,
      'CANCEL_DEADLINE_PASSED',
    );
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', b.id)).toBe(4);
    // The hub's manager still can.
    const c = await expectJson(await call(`/bookings/${b.id}`, { session, method: 'DELETE' }), 200, ZBooking);
    expect(c.status).toBe('cancelled');
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', b.id)).toBe(0);
  });
});
