/**
 * Consecutive slots chosen together are one booking, up to the machine's maximum: the database
 * holds one booking and one row per quarter hour; a longer choice is refused with a sentence in
 * the person's language; two people reaching for overlapping spans at once get one booking.
 */
import { describe, expect, it } from 'vitest';
import { ZBooking } from '../../src/shared/machines.schemas';
import { call, count, expectError, expectJson, makerWithHub, signup } from '../helpers';
import { at, book, createMachine } from '../machines-helpers';

describe('a booking of consecutive slots', () => {
  it('books three slots in a row as one booking, holding every quarter hour', async () => {
    const owner = await makerWithHub();
    const machine = await createMachine(owner.session, owner.hub.slug, { maxSlotsPerBooking: 3 });
    const maker = await makerWithHub();
    const booking = await expectJson(
      await book(maker.session, machine.id, at(3, '09:00'), at(3, '12:00')),
      201,
      ZBooking,
    );
    expect(booking.startsAt).toBe(at(3, '09:00'));
    expect(booking.endsAt).toBe(at(3, '12:00'));
    expect(await count('SELECT count(*) AS n FROM bookings WHERE machine_id = ?1', machine.id)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', booking.id)).toBe(12);
  });

  it('refuses one slot more than the maximum with a sentence, in the person’s language, writing nothing', async () => {
    const owner = await makerWithHub();
    const machine = await createMachine(owner.session, owner.hub.slug, { maxSlotsPerBooking: 3 });
    const maker = await makerWithHub();
    const en = await expectError(
      await book(maker.session, machine.id, at(3, '09:00'), at(3, '13:00')),
      422,
      'BOOKING_TOO_LONG',
      ['startsAt'],
    );
    expect(en.error.message).toBe(
      'This booking is longer than the machine allows at once: choose fewer consecutive slots.',
    );
    const nl = await expectError(
      await call(`/machines/${machine.id}/bookings`, {
        session: maker.session,
        body: { startsAt: at(3, '09:00'), endsAt: at(3, '13:00') },
        headers: { 'accept-language': 'nl' },
      }),
      422,
      'BOOKING_TOO_LONG',
    );
    expect(nl.error.message).toMatch(/aaneensluitende tijdsloten/);
    // Off the opening hours or across a gap is refused too: a span must be slots of the grid.
    await expectError(
      await book(maker.session, machine.id, at(3, '19:00'), at(3, '21:00')),
      422,
      'BOOKING_OUTSIDE_HOURS',
    );
    expect(await count('SELECT count(*) AS n FROM bookings WHERE machine_id = ?1', machine.id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE machine_id = ?1', machine.id)).toBe(0);
  });

  it('gives one of many overlapping spans asked at once', { timeout: 120_000 }, async () => {
    const owner = await makerWithHub();
    const machine = await createMachine(owner.session, owner.hub.slug, { maxSlotsPerBooking: 3 });
    const people = await Promise.all(Array.from({ length: 6 }, () => signup()));
    // Everyone books two or three hours that all cover 11:00–12:00.
    const spans = [
      ['09:00', '12:00'],
      ['10:00', '12:00'],
      ['11:00', '13:00'],
      ['11:00', '14:00'],
      ['10:00', '13:00'],
      ['11:00', '12:00'],
    ] as const;
    // Members of any hub book: give each person a hub of their own.
    for (const p of people) await call('/hubs', { session: p.session, body: hubBody() });
    const answers = await Promise.all(
      people.map((p, i) =>
        call(`/machines/${machine.id}/bookings`, {
          session: p.session,
          body: { startsAt: at(4, spans[i]![0]), endsAt: at(4, spans[i]![1]) },
          unsettled: true,
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(
      await count(
        "SELECT count(*) AS n FROM bookings WHERE machine_id = ?1 AND status = 'confirmed'",
        machine.id,
      ),
    ).toBe(1);
    const held = await count('SELECT count(*) AS n FROM booking_slots WHERE machine_id = ?1', machine.id);
    const winner = answers.findIndex((r) => r.status === 201);
    const [from, to] = spans[winner]!;
    expect(held).toBe(((Number(to.slice(0, 2)) - Number(from.slice(0, 2))) * 60) / 15);
  });
});

let n = 0;
function hubBody() {
  n += 1;
  return {
    slug: `span-${Date.now().toString(36)}-${n}`,
    name: 'Span Lab',
    city: 'Ghent',
    country: 'BE',
    kind: 'fab_lab',
    lat: 51.05,
    lon: 3.72,
  };
}
