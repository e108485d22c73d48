/**
 * Asking for a machine's training: a person who lacks it asks the machine's hub; its managers are
 * told (`training_requested`) and have a task until they record the training or decline, once.
 * A second request while one is pending is refused by the database.
 */
import { describe, expect, it } from 'vitest';
import { ZMachine } from '../../src/shared/machines.schemas';
import { ZTrainingRequest, ZTrainingRequestList } from '../../src/shared/trainings.schemas';
import { ZTaskList } from '../../src/shared/tasks.schemas';
import {
  call,
  count,
  createHub,
  db,
  expectError,
  expectJson,
  invite,
  signup,
  type Session,
} from '../helpers';
import { createMachine, createTraining, recordTraining } from '../machines-helpers';

async function labWithTrainedMachine() {
  const manager = await signup({ displayName: 'An Manager' });
  const hub = await createHub(manager.session, { name: 'Broei Lab' });
  const second = await signup({ displayName: 'Second Manager' });
  await invite(manager.session, hub.slug, second.session, 'manager');
  const member = await signup({ displayName: 'Jonas Member' });
  await invite(manager.session, hub.slug, member.session);
  const training = await createTraining(manager.session, hub.slug, 'Laser safety');
  const machine = await createMachine(manager.session, hub.slug, { requiredTrainingId: training.id });
  const maker = await signup({ displayName: 'Emre Maker', locale: 'nl' });
  const makerHub = await createHub(maker.session, { name: 'T2 Campus' });
  return { manager, second, member, hub, training, machine, maker, makerHub };
}

const ask = (session: Session | undefined, machineId: number, message = 'I cut acrylic at home') =>
  call(`/machines/${machineId}/training-requests`, { session, body: { message } });

const notified = (userId: number, kind: string) =>
  count('SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND kind = ?2', userId, kind);

const machineFor = async (session: Session, id: number) =>
  expectJson(await call(`/machines/${id}`, { session }), 200, ZMachine);

const tasksOf = async (session: Session) =>
  (await expectJson(await call('/me/tasks', { session }), 200, ZTaskList)).items.filter(
    (t) => t.kind === 'training_to_record',
  );

describe('training requests', () => {
  it('a person without the training asks; managers are told and see a task; recording it qualifies the person', async () => {
    const o = await labWithTrainedMachine();
    const before = await machineFor(o.maker.session, o.machine.id);
    expect(before).toMatchObject({ viewerQualified: false, viewerTrainingRequest: null });

    const asked = await expectJson(await ask(o.maker.session, o.machine.id), 201, ZTrainingRequest);
    expect(asked).toMatchObject({
      status: 'pending',
      message: 'I cut acrylic at home',
      training: { id: o.training.id, name: 'Laser safety' },
      machine: { id: o.machine.id, name: o.machine.name },
      hub: { slug: o.hub.slug, name: 'Broei Lab' },
      person: { id: o.maker.me.user.id, displayName: 'Emre Maker' },
      decidedAt: null,
    });
    expect(
      await count(
        "SELECT count(*) AS n FROM training_requests WHERE id = ?1 AND status = 'pending'",
        asked.id,
      ),
    ).toBe(1);

    // Both managers are told and have the task; a plain member and the person are not.
    expect(await notified(o.manager.me.user.id, 'training_requested')).toBe(1);
    expect(await notified(o.second.me.user.id, 'training_requested')).toBe(1);
    expect(await notified(o.member.me.user.id, 'training_requested')).toBe(0);
    expect(await notified(o.maker.me.user.id, 'training_requested')).toBe(0);
    const mail = await count(
      `SELECT count(*) AS n FROM email_outbox WHERE user_id = ?1 AND subject LIKE '%Laser safety%'`,
      o.second.me.user.id,
    );
    expect(mail).toBe(1);
    expect(await tasksOf(o.second.session)).toEqual([
      expect.objectContaining({
        title: 'Emre Maker · Laser safety',
        path: `/hubs/${o.hub.slug}/machines#training-requests`,
        deadline: null,
      }),
    ]);
    expect(await tasksOf(o.member.session)).toEqual([]);

    // The machine's page says the request is pending.
    expect((await machineFor(o.maker.session, o.machine.id)).viewerTrainingRequest).toMatchObject({
      id: asked.id,
      status: 'pending',
    });
    const list = await expectJson(
      await call(`/hubs/${o.hub.slug}/training-requests`, { session: o.manager.session }),
      200,
      ZTrainingRequestList,
    );
    expect(list.items.map((r) => r.id)).toEqual([asked.id]);

    const recorded = await expectJson(
      await call(`/hubs/${o.hub.slug}/training-requests/${asked.id}/record`, {
        session: o.manager.session,
        body: { completedOn: '2026-11-20' },
      }),
      200,
      ZTrainingRequest,
    );
    expect(recorded.status).toBe('recorded');
    // The person hears the answer (the manager who answered does not).
    expect(await notified(o.maker.me.user.id, 'training_answered')).toBe(1);
    expect(await notified(o.manager.me.user.id, 'training_answered')).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM training_records WHERE training_id = ?1 AND user_id = ?2 AND completed_on = '2026-11-20'`,
        o.training.id,
        o.maker.me.user.id,
      ),
    ).toBe(1);
    expect(await machineFor(o.maker.session, o.machine.id)).toMatchObject({
      viewerQualified: true,
      viewerTrainingRequest: { status: 'recorded' },
    });
    expect(await tasksOf(o.second.session)).toEqual([]);

    // Answered once: a second answer, by either manager, is refused and changes nothing.
    await expectError(
      await call(`/hubs/${o.hub.slug}/training-requests/${asked.id}/decline`, {
        method: 'POST',
        session: o.second.session,
      }),
      409,
      'TRAINING_REQUEST_DECIDED',
    );
    expect(
      await count(
        "SELECT count(*) AS n FROM training_requests WHERE id = ?1 AND status = 'recorded'",
        asked.id,
      ),
    ).toBe(1);
    // Trained now: nothing more to ask.
    await expectError(await ask(o.maker.session, o.machine.id), 409, 'TRAINING_REQUEST_NOT_NEEDED');
  });

  it('a second request while one is pending is refused with a sentence; after a decline one may ask again', async () => {
    const o = await labWithTrainedMachine();
    const first = await expectJson(await ask(o.maker.session, o.machine.id), 201, ZTrainingRequest);
    const again = await expectError(
      await ask(o.maker.session, o.machine.id),
      409,
      'TRAINING_REQUEST_PENDING',
    );
    expect(again.error.message).toMatch(/already asked/);
    const nl = await call(`/machines/${o.machine.id}/training-requests`, {
      session: o.maker.session,
      body: {},
      headers: { 'accept-language': 'nl' },
    });
    expect((await expectError(nl, 409, 'TRAINING_REQUEST_PENDING')).error.message).toMatch(/al aan/);
    expect(
      await count('SELECT count(*) AS n FROM training_requests WHERE user_id = ?1', o.maker.me.user.id),
    ).toBe(1);

    const declined = await expectJson(
      await call(`/hubs/${o.hub.slug}/training-requests/${first.id}/decline`, {
        method: 'POST',
        session: o.manager.session,
      }),
      200,
      ZTrainingRequest,
    );
    expect(declined.status).toBe('declined');
    const told = await db
      .prepare(`SELECT payload FROM notifications WHERE user_id = ?1 AND kind = 'training_answered'`)
      .bind(o.maker.me.user.id)
      .first<{ payload: string }>();
    expect(JSON.parse(told!.payload)).toMatchObject({
      trainingAnswer: 'declined',
      trainingName: 'Laser safety',
    });
    expect(
      await count(
        'SELECT count(*) AS n FROM training_records WHERE training_id = ?1 AND user_id = ?2',
        o.training.id,
        o.maker.me.user.id,
      ),
    ).toBe(0);
    expect((await machineFor(o.maker.session, o.machine.id)).viewerTrainingRequest?.status).toBe('declined');
    await expectJson(await ask(o.maker.session, o.machine.id), 201, ZTrainingRequest);
  });

  it('lets exactly one of ten concurrent requests through', { timeout: 120_000 }, async () => {
    const o = await labWithTrainedMachine();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`/machines/${o.machine.id}/training-requests`, {
          session: o.maker.session,
          body: {},
          unsettled: true,
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(
      await count(
        "SELECT count(*) AS n FROM training_requests WHERE user_id = ?1 AND status = 'pending'",
        o.maker.me.user.id,
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM events WHERE kind = 'training.requested' AND subject_id IN (SELECT id FROM training_requests WHERE user_id = ?1)",
        o.maker.me.user.id,
      ),
    ).toBe(1);
  });

  it('recording the training by email answers the pending request too', async () => {
    const o = await labWithTrainedMachine();
    const asked = await expectJson(await ask(o.maker.session, o.machine.id), 201, ZTrainingRequest);
    await recordTraining(o.manager.session, o.hub.slug, o.training.id, o.maker.email);
    expect(
      await count(
        "SELECT count(*) AS n FROM training_requests WHERE id = ?1 AND status = 'recorded'",
        asked.id,
      ),
    ).toBe(1);
    expect(await tasksOf(o.manager.session)).toEqual([]);
  });

  it('refuses what is not the person’s to ask or the manager’s to answer', async () => {
    const o = await labWithTrainedMachine();
    // A machine without a training needs no request.
    const free = await createMachine(o.manager.session, o.hub.slug, { name: 'Sewing machine' });
    await expectError(await ask(o.maker.session, free.id), 409, 'TRAINING_REQUEST_NOT_NEEDED');
    await expectError(await ask(undefined, o.machine.id), 401, 'UNAUTHENTICATED');
    await expectError(await ask(o.maker.session, 999_999), 404, 'MACHINE_NOT_FOUND');
    await expectError(
      await call(`/machines/${o.machine.id}/training-requests`, {
        session: o.maker.session,
        body: { message: 'x'.repeat(501) },
      }),
      422,
      'VALIDATION_FAILED',
      ['message'],
    );
    const asked = await expectJson(await ask(o.maker.session, o.machine.id), 201, ZTrainingRequest);

    // A plain member of the hub neither lists nor answers; another hub's manager neither.
    await expectError(
      await call(`/hubs/${o.hub.slug}/training-requests`, { session: o.member.session }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`/hubs/${o.hub.slug}/training-requests/${asked.id}/decline`, {
        method: 'POST',
        session: o.maker.session,
      }),
      403,
      'FORBIDDEN',
    );
    // The request of another hub is not found through one's own hub.
    await expectError(
      await call(`/hubs/${o.makerHub.slug}/training-requests/${asked.id}/decline`, {
        method: 'POST',
        session: o.maker.session,
      }),
      404,
      'TRAINING_REQUEST_NOT_FOUND',
    );
    await expectError(
      await call(`/hubs/${o.hub.slug}/training-requests/${asked.id}/record`, {
        session: o.manager.session,
        body: { completedOn: '2099-01-01' },
      }),
      422,
      'VALIDATION_FAILED',
      ['completedOn'],
    );
    expect(
      await count(
        "SELECT count(*) AS n FROM training_requests WHERE id = ?1 AND status = 'pending'",
        asked.id,
      ),
    ).toBe(1);
  });
});
