/** GET /me/tasks: what waits for a person now, across their hubs, and never another hub's. */
import { describe, expect, it } from 'vitest';
import { ZTaskList } from '../../src/shared/tasks.schemas';
import { actOk, claimOk, memberOf, twoHubs } from '../exchanges-helpers';
import { call, createListing, expectError, expectJson, makerWithHub, type Session } from '../helpers';
import { recorded } from '../bench-recorder';

const tasksOf = async (session: Session) => expectJson(await call('/me/tasks', { session }), 200, ZTaskList);

describe('tasks', () => {
  it('claims to answer, handovers to confirm, outcomes to record: each for the right side, until done', async () => {
    const o = await twoHubs();
    const mate = await memberOf(o.giver);
    expect(await tasksOf(o.giver.session)).toEqual({ items: [], count: 0 });

    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 3);
    for (const p of [o.giver, mate]) {
      const t = await tasksOf(p.session);
      expect(t.items).toEqual([
        {
          kind: 'claim_to_answer',
          path: `/exchanges/${ex.id}`,
          deadline: ex.expiresAt,
          title: ex.listing.title,
          hub: null,
          quantity: 3,
          unit: ex.unit,
        },
      ]);
    }
    // The claimant's side has nothing to do yet.
    expect((await tasksOf(o.receiver.session)).items).toEqual([]);

    await actOk(o.giver.session, ex.id, 'accept');
    expect((await tasksOf(o.giver.session)).items).toEqual([]);

    const handed = await actOk(o.giver.session, ex.id, 'handover', { quantity: 3 });
    // The receiving hub confirms; the giving side recorded it and waits.
    expect((await tasksOf(o.receiver.session)).items).toMatchObject([
      { kind: 'handover_to_confirm', path: `/exchanges/${ex.id}`, deadline: handed.handover?.confirmBy },
    ]);
    expect((await tasksOf(mate.session)).items).toEqual([]);

    await actOk(o.receiver.session, ex.id, 'confirm');
    expect((await tasksOf(o.receiver.session)).items).toMatchObject([
      { kind: 'outcome_to_record', path: `/exchanges/${ex.id}`, deadline: null },
    ]);
    await actOk(o.receiver.session, ex.id, 'outcome', { body: 'Became four stools' });
    expect((await tasksOf(o.receiver.session)).items).toEqual([]);
  });

  it('a handover the receiving side recorded waits for the giving hub, not for the recorder', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    await actOk(o.giver.session, ex.id, 'accept');
    await actOk(o.receiver.session, ex.id, 'handover', { quantity: 2 });
    expect((await tasksOf(o.giver.session)).items.map((t) => t.kind)).toEqual(['handover_to_confirm']);
    expect((await tasksOf(o.receiver.session)).items).toEqual([]);
  });

  it('soonest deadline first, without deadline last', async () => {
    const o = await twoHubs();
    const second = await createListing(o.giver.session, o.giver.hub.slug, { title: 'Second sheet lot' });
    const a = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    const b = await claimOk(o.receiver.session, second.id, o.receiver.hub.slug);
    const items = (await tasksOf(o.giver.session)).items;
    expect(items.map((t) => t.path)).toEqual([`/exchanges/${a.id}`, `/exchanges/${b.id}`]);
  });

  it('signed out: 401; another hub never sees them', async () => {
    await expectError(await call('/me/tasks'), 401, 'UNAUTHENTICATED');
    const o = await twoHubs();
    await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    const stranger = await makerWithHub();
    expect(await tasksOf(stranger.session)).toEqual({ items: [], count: 0 });
  });

  it('reads at most 2 × its items + a small constant', async () => {
    const o = await twoHubs();
    const noise = await twoHubs();
    // Other hubs' exchanges and finished ones are not read.
    for (let i = 0; i < 5; i++) {
      const l = await createListing(noise.giver.session, noise.giver.hub.slug);
      const x = await claimOk(noise.receiver.session, l.id, noise.receiver.hub.slug);
      await actOk(noise.giver.session, x.id, 'decline');
    }
    const counts: { items: number; rowsRead: number; statements: number }[] = [];
    for (let n = 0; n < 6; n++) {
      const l = await createListing(o.giver.session, o.giver.hub.slug);
      await claimOk(o.receiver.session, l.id, o.receiver.hub.slug);
      if (n % 2 === 1) {
        const r = await recorded('/me/tasks', { session: o.giver.session });
        const body = ZTaskList.parse(await r.res.json());
        counts.push({ items: body.count, rowsRead: r.rowsRead, statements: r.count });
      }
    }
    console.log('tasks reads', JSON.stringify(counts));
    for (const c of counts) {
      // + 4 rows and 1 statement for the join requests source (the managed hubs, probed in the pending index),
      // as many for the training requests source (the same probe in its own pending index), and 1
      // statement for the questions source (the hubs probed in its partial index of waiting threads).
      expect(c.rowsRead).toBeLessThanOrEqual(2 * c.items + 24);
      expect(c.statements).toBeLessThanOrEqual(6);
    }
  }, 120_000);
});
