import { describe, expect, it } from 'vitest';
import { ZBooking, ZMachine } from '../../src/shared/machines.schemas';
import { ZPassport, ZTraining, ZTrainingList } from '../../src/shared/trainings.schemas';
import { call, count, expectError, expectJson, makerWithHub } from '../helpers';
import { at, book, createMachine, createTraining, recordTraining } from '../machines-helpers';

describe('trainings that travel between hubs', () => {
  it("lets a maker trained at one hub book another hub's laser once that hub accepts the training", async () => {
    const broei = await makerWithHub();
    const rdm = await makerWithHub({ timezone: 'Europe/Amsterdam', city: 'Rotterdam', country: 'NL' });
    const maker = await makerWithHub();

    const broeiLaser = await createTraining(broei.session, broei.hub.slug, 'Laser safety', 1);
    const rdmLaser = await createTraining(rdm.session, rdm.hub.slug, 'Lasersnijden veilig', 1);
    const machine = await createMachine(rdm.session, rdm.hub.slug, { requiredTrainingId: rdmLaser.id });
    expect(machine.requiredTraining).toMatchObject({ id: rdmLaser.id, hub: { slug: rdm.hub.slug } });
    expect(machine.hub.timezone).toBe('Europe/Amsterdam');

    await recordTraining(broei.session, broei.hub.slug, broeiLaser.id, maker.email);
    // Trained at Broei, but RDM does not accept that yet.
    const refused = await expectError(
      await book(
        maker.session,
        machine.id,
        at(2, '10:00', 'Europe/Amsterdam'),
        at(2, '11:00', 'Europe/Amsterdam'),
      ),
      403,
      'TRAINING_REQUIRED',
    );
    expect(refused.error.details).toMatchObject({ trainingId: rdmLaser.id });
    expect(await count('SELECT count(*) AS n FROM bookings')).toBe(0);

    const accepted = await expectJson(
      await call(`/hubs/${rdm.hub.slug}/trainings/${rdmLaser.id}/accepted/${broeiLaser.id}`, {
        session: rdm.session,
        method: 'PUT',
      }),
      200,
      ZTraining,
    );
    expect(accepted.accepts.map((t) => t.id)).toEqual([broeiLaser.id]);
    expect(await count('SELECT count(*) AS n FROM training_acceptance')).toBe(1);

    const seen = await expectJson(
      await call(`/machines/${machine.id}`, { session: maker.session }),
      200,
      ZMachine,
    );
    expect(seen.viewerQualified).toBe(true);
    const booking = await expectJson(
      await book(
        maker.session,
        machine.id,
        at(2, '10:00', 'Europe/Amsterdam'),
        at(2, '11:00', 'Europe/Amsterdam'),
      ),
      201,
      ZBooking,
    );
    expect(booking.machine.hub.slug).toBe(rdm.hub.slug);

    const passport = await expectJson(await call('/me/passport', { session: maker.session }), 200, ZPassport);
    expect(passport.items).toHaveLength(1);
    expect(passport.items[0]).toMatchObject({
      training: { id: broeiLaser.id, hub: { slug: broei.hub.slug } },
      completedOn: '2026-01-15',
      acceptedAs: [{ id: rdmLaser.id, hub: { slug: rdm.hub.slug } }],
    });

    // Withdrawn again: no new bookings, the made one stays.
    await call(`/hubs/${rdm.hub.slug}/trainings/${rdmLaser.id}/accepted/${broeiLaser.id}`, {
      session: rdm.session,
      method: 'DELETE',
    });
    await expectError(
      await book(
        maker.session,
        machine.id,
        at(3, '10:00', 'Europe/Amsterdam'),
        at(3, '11:00', 'Europe/Amsterdam'),
      ),
      403,
      'TRAINING_REQUIRED',
    );
    expect(await count("SELECT count(*) AS n FROM bookings WHERE status = 'confirmed'")).toBe(1);
  });

  it("lists a hub's trainings and its records, and refuses duplicates and self-acceptance", async () => {
    const hub = await makerWithHub();
    const other = await makerWithHub();
    const t = await createTraining(hub.session, hub.hub.slug, 'CNC basics', 2);
    await expectError(
      await call(`/hubs/${hub.hub.slug}/trainings`, {
        session: hub.session,
        body: { name: 'CNC basics', level: 2 },
      }),
      409,
      'TRAINING_EXISTS',
      ['name'],
    );
    const own2 = await createTraining(hub.session, hub.hub.slug, 'CNC advanced', 3);
    await expectError(
      await call(`/hubs/${hub.hub.slug}/trainings/${t.id}/accepted/${own2.id}`, {
        session: hub.session,
        method: 'PUT',
      }),
      409,
      'TRAINING_SAME_HUB',
    );
    await expectError(
      await call(`/hubs/${hub.hub.slug}/trainings/${t.id}/records`, {
        session: hub.session,
        body: { email: 'nobody@example.org', completedOn: '2026-01-01' },
      }),
      404,
      'PERSON_NOT_FOUND',
      ['email'],
    );
    await recordTraining(hub.session, hub.hub.slug, t.id, other.email);
    await recordTraining(hub.session, hub.hub.slug, t.id, other.email);
    expect(await count('SELECT count(*) AS n FROM training_records WHERE training_id = ?1', t.id)).toBe(1);
    const list = await expectJson(await call(`/hubs/${hub.hub.slug}/trainings`), 200, ZTrainingList);
    expect(list.items.map((x) => [x.name, x.level])).toEqual([
      ['CNC advanced', 3],
      ['CNC basics', 2],
    ]);
    const records = (await (
      await call(`/hubs/${hub.hub.slug}/trainings/${t.id}/records`, { session: hub.session })
    ).json()) as {
      items: { person: { id: number } }[];
    };
    expect(records.items.map((r) => r.person.id)).toEqual([other.me.user.id]);
    const removed = await call(`/hubs/${hub.hub.slug}/trainings/${t.id}/records/${other.me.user.id}`, {
      session: hub.session,
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect(await count('SELECT count(*) AS n FROM training_records WHERE training_id = ?1', t.id)).toBe(0);
  });
});
