import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  ZAvailability,
  ZBooking,
  ZBookingList,
  ZCalendarToken,
  ZMachine,
  ZMachineList,
} from '../../src/shared/machines.schemas';
import { ZHub } from '../../src/shared/hubs.schemas';
import { call, count, db, expectJson, makerWithHub } from '../helpers';
import { at, book, createMachine, LASER } from '../machines-helpers';

describe('machines: register, show, book, cancel', () => {
  it('registers a machine with windows and rules, and shows it', async () => {
    const { session, hub } = await makerWithHub();
    const machine = await createMachine(session, hub.slug, {
      closures: [{ startDate: '2099-12-24', endDate: '2099-12-26', reason: 'Holidays' }],
    });
    expect(machine).toMatchObject({
      name: LASER.name,
      bedXMm: 600,
      materialsForbidden: ['PVC'],
      canManage: true,
      viewerQualified: true,
      active: true,
      hub: { slug: hub.slug, timezone: 'Europe/Brussels' },
    });
    expect(machine.windows).toHaveLength(7);
    expect(machine.closures).toEqual([
      { startDate: '2099-12-24', endDate: '2099-12-26', reason: 'Holidays' },
    ]);
    expect(await count('SELECT count(*) AS n FROM machine_windows WHERE machine_id = ?1', machine.id)).toBe(
      7,
    );

    const got = await expectJson(await call(`/machines/${machine.id}`), 200, ZMachine);
    expect(got).toMatchObject({ id: machine.id, canManage: false, viewerQualified: null });
    const list = await expectJson(await call(`/hubs/${hub.slug}/machines`), 200, ZMachineList);
    expect(list.items.map((m) => m.id)).toEqual([machine.id]);
    const all = await expectJson(await call('/machines?type=laser_cutter'), 200, ZMachineList);
    expect(all.items.map((m) => m.id)).toContain(machine.id);
  });

  it('edits a machine: replaces windows, keeps what is not sent', async () => {
    const { session, hub } = await makerWithHub();
    const machine = await createMachine(session, hub.slug);
    const res = await call(`/machines/${machine.id}`, {
      session,
      method: 'PATCH',
      body: { windows: [{ weekday: 3, start: '13:00', end: '17:30' }], priceCentsPerHour: null },
    });
    const edited = await expectJson(res, 200, ZMachine);
    expect(edited.windows).toEqual([{ weekday: 3, start: '13:00', end: '17:30' }]);
    expect(edited.priceCentsPerHour).toBeNull();
    expect(edited.name).toBe(LASER.name);
    expect(await count('SELECT count(*) AS n FROM machine_windows WHERE machine_id = ?1', machine.id)).toBe(
      1,
    );
  });

  it('gives a hub a time zone, Europe/Brussels by default', async () => {
    const { session, hub } = await makerWithHub();
    const got = await expectJson(await call(`/hubs/${hub.slug}`), 200, ZHub);
    expect(got.timezone).toBe('Europe/Brussels');
    const res = await call(`/hubs/${hub.slug}`, {
      session,
      method: 'PATCH',
      body: { timezone: 'Europe/Amsterdam' },
    });
    expect((await expectJson(res, 200, ZHub)).timezone).toBe('Europe/Amsterdam');
    const row = await db
      .prepare('SELECT timezone FROM hubs WHERE slug = ?1')
      .bind(hub.slug)
      .first<{ timezone: string }>();
    expect(row?.timezone).toBe('Europe/Amsterdam');
  });

  it('lists free slots, books one, and shows it taken', async () => {
    const { session, hub } = await makerWithHub();
    const machine = await createMachine(session, hub.slug);
    const from = at(2, '00:00');
    const to = at(3, '00:00');
    const before = await expectJson(
      await call(
        `/machines/${machine.id}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
      200,
      ZAvailability,
    );
    expect(before.items).toHaveLength(12);
    expect(before.items.every((s) => s.available)).toBe(true);
    expect(before.items[0]!.startsAt).toBe(at(2, '08:00'));

    const booking = await expectJson(
      await book(session, machine.id, at(2, '10:00'), at(2, '12:00')),
      201,
      ZBooking,
    );
    expect(booking).toMatchObject({
      status: 'confirmed',
      startsAt: at(2, '10:00'),
      endsAt: at(2, '12:00'),
      canCancel: true,
    });
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', booking.id)).toBe(8);

    const after = await expectJson(
      await call(
        `/machines/${machine.id}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
      200,
      ZAvailability,
    );
    expect(after.items.filter((s) => !s.available).map((s) => [s.startsAt, s.reason])).toEqual([
      [at(2, '10:00'), 'booked'],
      [at(2, '11:00'), 'booked'],
    ]);

    const mine = await expectJson(await call('/me/bookings', { session }), 200, ZBookingList);
    expect(mine.items.map((b) => b.id)).toEqual([booking.id]);

    const cancelled = await expectJson(
      await call(`/bookings/${booking.id}`, { session, method: 'DELETE' }),
      200,
      ZBooking,
    );
    expect(cancelled.status).toBe('cancelled');
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', booking.id)).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM bookings WHERE id = ?1 AND status = 'cancelled'", booking.id),
    ).toBe(1);
    // The freed time can be booked again.
    await expectJson(await book(session, machine.id, at(2, '11:00'), at(2, '12:00')), 201, ZBooking);
  });

  it('serves the machine feed and a secret personal feed that calendar apps can read', async () => {
    const { session, hub } = await makerWithHub();
    const machine = await createMachine(session, hub.slug, {
      name: 'Laser, big; with "quotes" and a very long name to fold',
    });
    const booking = await expectJson(
      await book(session, machine.id, at(3, '09:00'), at(3, '11:00')),
      201,
      ZBooking,
    );

    const res = await call(`/machines/${machine.id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).toContain('\r\n');
    for (const line of text.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0]!.uid).toBe(`booking-${booking.id}@omloop`);
    expect(events[0]!.startDate.toJSDate().getTime()).toBe(Date.parse(at(3, '09:00')));
    expect(events[0]!.endDate.toJSDate().getTime()).toBe(Date.parse(at(3, '11:00')));
    expect(events[0]!.summary).toBe(`${machine.name}: booked`);
    expect(events[0]!.startDate.zone.tzid).toBe('UTC');

    const { token, path } = await expectJson(
      await call('/me/calendar-token', { session, method: 'POST' }),
      201,
      ZCalendarToken,
    );
    expect(path).toBe(`/api/v1/calendar/${token}.ics`);
    const feed = await call(`/calendar/${token}.ics`);
    expect(feed.status).toBe(200);
    const mine = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(mine.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid)).toEqual([
      `booking-${booking.id}@omloop`,
    ]);
    // A new link replaces the old one.
    await call('/me/calendar-token', { session, method: 'POST' });
    expect((await call(`/calendar/${token}.ics`)).status).toBe(404);
    expect(await count('SELECT count(*) AS n FROM ical_tokens WHERE revoked_at IS NULL')).toBe(1);
  });
});
