import { describe, expect, it } from 'vitest';
import { ZBooking, ZMachine } from '../../src/shared/machines.schemas';
import { call, count, expectError, expectJson, invite, makerWithHub, signup } from '../helpers';
import { at, book, createMachine, LASER, recordTraining } from '../machines-helpers';

describe('machines: who may do what', () => {
  it('needs a signed-in manager of the hub to register or edit a machine', async () => {
    const { session, hub } = await makerWithHub();
    const member = await signup();
    await invite(session, hub.slug, member.session);
    await expectError(await call(`/hubs/${hub.slug}/machines`, { body: LASER }), 401, 'UNAUTHENTICATED');
    await expectError(
      await call(`/hubs/${hub.slug}/machines`, { session: member.session, body: LASER }),
      403,
      'FORBIDDEN',
    );
    const m = await createMachine(session, hub.slug);
    await expectError(
      await call(`/machines/${m.id}`, {
        session: member.session,
        method: 'PATCH',
        body: { name: 'Mine now' },
      }),
      403,
      'FORBIDDEN',
    );
    expect((await expectJson(await call(`/machines/${m.id}`), 200, ZMachine)).name).toBe(LASER.name);
    expect(await count('SELECT count(*) AS n FROM machines')).toBe(1);
  });

  it('refuses unsafe requests from another origin', async () => {
    const { session, hub } = await makerWithHub();
    await expectError(
      await call(`/hubs/${hub.slug}/machines`, { session, body: LASER, noOrigin: true }),
      403,
      'CSRF_FAILED',
    );
    expect(
      await count(
        'SELECT count(*) AS n FROM machines m JOIN hubs h ON h.id = m.hub_id WHERE h.slug = ?1',
        hub.slug,
      ),
    ).toBe(0);
  });

  it('lets members of any hub book, but not people of no hub', async () => {
    const owner = await makerWithHub();
    const m = await createMachine(owner.session, owner.hub.slug);
    await expectError(
      await book({ cookie: null }, m.id, at(2, '10:00'), at(2, '11:00')),
      401,
      'UNAUTHENTICATED',
    );
    const loner = await signup();
    await expectError(await book(loner.session, m.id, at(2, '10:00'), at(2, '11:00')), 403, 'NOT_A_MEMBER');
    const elsewhere = await makerWithHub();
    await expectJson(await book(elsewhere.session, m.id, at(2, '10:00'), at(2, '11:00')), 201, ZBooking);
    expect(await count('SELECT count(*) AS n FROM bookings WHERE machine_id = ?1', m.id)).toBe(1);
  });

  it("keeps a person's bookings to themselves and the machine's hub", async () => {
    const owner = await makerWithHub();
    const m = await createMachine(owner.session, owner.hub.slug);
    const booker = await makerWithHub();
    const stranger = await makerWithHub();
    const b = await expectJson(
      await book(booker.session, m.id, at(2, '10:00'), at(2, '11:00')),
      201,
      ZBooking,
    );
    await expectError(
      await call(`/bookings/${b.id}`, { session: stranger.session, method: 'DELETE' }),
      404,
      'BOOKING_NOT_FOUND',
    );
    await expectError(
      await call(`/machines/${m.id}/bookings`, { session: stranger.session }),
      403,
      'FORBIDDEN',
    );
    await expectError(await call('/me/bookings'), 401, 'UNAUTHENTICATED');
    const listed = (await (await call(`/machines/${m.id}/bookings`, { session: owner.session })).json()) as {
      items: { person: { id: number } }[];
    };
    expect(listed.items.map((x) => x.person.id)).toEqual([booker.me.user.id]);
    expect(
      await count("SELECT count(*) AS n FROM bookings WHERE machine_id = ?1 AND status = 'confirmed'", m.id),
    ).toBe(1);
    // The machine's public feed names no one.
    expect(await (await call(`/machines/${m.id}/calendar.ics`)).text()).not.toContain(
      booker.me.user.displayName,
    );
  });

  it('hides an inactive machine from everyone but its managers', async () => {
    const owner = await makerWithHub();
    const m = await createMachine(owner.session, owner.hub.slug, { active: false });
    await expectError(await call(`/machines/${m.id}`), 404, 'MACHINE_NOT_FOUND');
    await expectJson(await call(`/machines/${m.id}`, { session: owner.session }), 200, ZMachine);
  });

  it('answers 404 for a feed token that is not one', async () => {
    await expectError(await call('/calendar/not-a-real-token-at-all.ics'), 404, 'NOT_FOUND');
  });

  it('refuses training records and acceptances from non-managers', async () => {
    const owner = await makerWithHub();
    const member = await signup();
    await invite(owner.session, owner.hub.slug, member.session);
    await expectError(
      await call(`/hubs/${owner.hub.slug}/trainings`, {
        session: member.session,
        body: { name: 'Laser safety' },
      }),
      403,
      'FORBIDDEN',
    );
    const res = await call(`/hubs/${owner.hub.slug}/trainings`, {
      session: owner.session,
      body: { name: 'Laser safety' },
    });
    const { id } = (await res.json()) as { id: number };
    await expectError(
      await call(`/hubs/${owner.hub.slug}/trainings/${id}/records`, {
        session: member.session,
        body: { email: member.email, completedOn: '2026-01-01' },
      }),
      403,
      'FORBIDDEN',
    );
    await recordTraining(owner.session, owner.hub.slug, id, member.email);
    await expectError(await call('/me/passport'), 401, 'UNAUTHENTICATED');
    expect(await count('SELECT count(*) AS n FROM training_records')).toBe(1);
  });
});
