import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/http/errors';
import { book as bookUseCase } from '../../src/modules/machines/machines.service';
import { ZBooking } from '../../src/shared/machines.schemas';
import { call, count, db, expectError, expectJson, makerWithHub } from '../helpers';
import { at, book, createMachine } from '../machines-helpers';

// Every shape covers 12:00–13:00 of the same day, from different starts and lengths.
const SHAPES: [string, string][] = [
  ['12:00', '13:00'],
  ['11:00', '13:00'],
  ['12:00', '14:00'],
  ['10:00', '13:00'],
  ['11:00', '14:00'],
  ['12:00', '16:00'],
  ['09:00', '13:00'],
];

describe('machines: the database never double-books', () => {
  it('accepts exactly one of 1,000 concurrent overlapping bookings', { timeout: 120_000 }, async () => {
    const owner = await makerWithHub();
    const machine = await createMachine(owner.session, owner.hub.slug);
    const people = await Promise.all(Array.from({ length: 10 }, () => makerWithHub()));
    // The booking use case itself, on the real D1, 1,000 times at once: the test pool's HTTP path
    // slows down more than linearly beyond a few hundred requests in flight (1,000 GET /me take
    // minutes), so the HTTP race below is smaller; the decision is the same database batch.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) => {
        const [start, end] = SHAPES[i % SHAPES.length]!;
        const { me, email } = people[i % people.length]!;
        return bookUseCase(
          { db, now: () => new Date() },
          {
            id: machine.id,
            input: { startsAt: at(4, start), endsAt: at(4, end) },
            user: { id: me.user.id, email, displayName: me.user.displayName, locale: 'en' },
          },
        );
      }),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(999);
    for (const e of refused) expect(e instanceof ApiError && e.code).toBe('SLOT_TAKEN');
    const booking = ZBooking.parse(accepted[0]!.value);

    expect(await count('SELECT count(*) AS n FROM bookings WHERE machine_id = ?1', machine.id)).toBe(1);
    const quarters = (Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / (15 * 60_000);
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', booking.id)).toBe(
      quarters,
    );
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE machine_id = ?1', machine.id)).toBe(
      quarters,
    );
  });

  it('accepts exactly one of 60 concurrent overlapping bookings over HTTP', { timeout: 60_000 }, async () => {
    const owner = await makerWithHub();
    const other = await makerWithHub();
    const machine = await createMachine(owner.session, owner.hub.slug);
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const [start, end] = SHAPES[i % SHAPES.length]!;
        return book((i % 2 ? owner : other).session, machine.id, at(4, start), at(4, end));
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(59);
    const booking = await expectJson(responses[statuses.indexOf(201)]!, 201, ZBooking);
    await expectError(responses[statuses.indexOf(409)]!, 409, 'SLOT_TAKEN', ['startsAt']);
    expect(await count('SELECT count(*) AS n FROM bookings WHERE machine_id = ?1', machine.id)).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM booking_slots WHERE machine_id = ?1 AND booking_id <> ?2',
        machine.id,
        booking.id,
      ),
    ).toBe(0);
  });

  it('accepts back-to-back slots, made at the same moment', async () => {
    const a = await makerWithHub();
    const b = await makerWithHub();
    const machine = await createMachine(a.session, a.hub.slug);
    const [first, second] = await Promise.all([
      book(a.session, machine.id, at(5, '10:00'), at(5, '11:00')),
      book(b.session, machine.id, at(5, '11:00'), at(5, '12:00')),
    ]);
    const one = await expectJson(first!, 201, ZBooking);
    const two = await expectJson(second!, 201, ZBooking);
    expect(one.endsAt).toBe(two.startsAt);
    expect(
      await count(
        "SELECT count(*) AS n FROM bookings WHERE machine_id = ?1 AND status = 'confirmed'",
        machine.id,
      ),
    ).toBe(2);
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE machine_id = ?1', machine.id)).toBe(8);
  });

  it('refuses a booking that overlaps by a single slot, and keeps the first intact', async () => {
    const a = await makerWithHub();
    const machine = await createMachine(a.session, a.hub.slug);
    const kept = await expectJson(
      await book(a.session, machine.id, at(6, '10:00'), at(6, '12:00')),
      201,
      ZBooking,
    );
    await expectError(await book(a.session, machine.id, at(6, '11:00'), at(6, '13:00')), 409, 'SLOT_TAKEN');
    expect(await count('SELECT count(*) AS n FROM bookings WHERE machine_id = ?1', machine.id)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', kept.id)).toBe(8);
  });

  it('lets only one of two concurrent cancellations through', async () => {
    const a = await makerWithHub();
    const machine = await createMachine(a.session, a.hub.slug);
    const booking = await expectJson(
      await book(a.session, machine.id, at(7, '10:00'), at(7, '11:00')),
      201,
      ZBooking,
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(`/bookings/${booking.id}`, { session: a.session, method: 'DELETE' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await count('SELECT count(*) AS n FROM booking_slots WHERE booking_id = ?1', booking.id)).toBe(0);
  });
});
