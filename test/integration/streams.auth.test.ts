import { describe, expect, it } from 'vitest';
import { fingerprint, dataTables } from '../fuzz-helpers';
import { call, expectError, invite, signup } from '../helpers';
import { newArea } from '../matching-helpers';
import { createStream, subscribeOk, WEEKLY, addDays, today } from '../streams-helpers';

/** Runs a refused call and checks that no table changed. */
async function refusedWithoutEffect(run: () => Promise<Response>, status: number, code: string) {
  const tables = await dataTables();
  const before = await fingerprint(tables);
  await expectError(await run(), status, code);
  expect(await fingerprint(tables)).toEqual(before);
}

async function setting() {
  const makerAt = newArea();
  const giver = await makerAt('ghent');
  const receiver = await makerAt('kortrijk');
  const member = await signup();
  await invite(giver.session, giver.hub.slug, member.session);
  const stream = await createStream(giver.session, giver.hub.slug, { occurrences: 4 });
  return { giver, receiver, member, stream };
}

describe('who may do what with streams', () => {
  it('only the hub’s members create its streams', async () => {
    const { giver, receiver } = await setting();
    const body = { ...WEEKLY, startDate: addDays(today(), 1) };
    await refusedWithoutEffect(
      () => call(`/hubs/${giver.hub.slug}/streams`, { body }),
      401,
      'UNAUTHENTICATED',
    );
    await refusedWithoutEffect(
      () => call(`/hubs/${giver.hub.slug}/streams`, { session: receiver.session, body }),
      403,
      'NOT_A_MEMBER',
    );
  });

  it('only the author or a manager ends a stream', async () => {
    const { member, receiver, stream } = await setting();
    const patch = (session?: { cookie: string | null }) =>
      call(`/streams/${stream.id}`, {
        method: 'PATCH',
        body: { status: 'ended' },
        ...(session ? { session } : {}),
      });
    await refusedWithoutEffect(() => patch(), 401, 'UNAUTHENTICATED');
    await refusedWithoutEffect(() => patch(member.session), 403, 'FORBIDDEN');
    await refusedWithoutEffect(() => patch(receiver.session), 403, 'FORBIDDEN');
  });

  it('a person subscribes only a hub of theirs', async () => {
    const { receiver, member, stream } = await setting();
    const body = { hub: receiver.hub.slug, occurrences: 2 };
    await refusedWithoutEffect(
      () => call(`/streams/${stream.id}/subscriptions`, { body }),
      401,
      'UNAUTHENTICATED',
    );
    await refusedWithoutEffect(
      () => call(`/streams/${stream.id}/subscriptions`, { session: member.session, body }),
      403,
      'NOT_A_MEMBER',
    );
  });

  it('only the subscribing hub cancels; strangers do not learn the subscription exists', async () => {
    const { giver, receiver, stream } = await setting();
    const sub = await subscribeOk(receiver.session, stream.id, receiver.hub.slug, 2);
    const stranger = await signup();
    const del = (session?: { cookie: string | null }) =>
      call(`/streams/${stream.id}/subscriptions/${sub.id}`, {
        method: 'DELETE',
        ...(session ? { session } : {}),
      });
    await refusedWithoutEffect(() => del(), 401, 'UNAUTHENTICATED');
    await refusedWithoutEffect(() => del(stranger.session), 404, 'SUBSCRIPTION_NOT_FOUND');
    await refusedWithoutEffect(() => del(giver.session), 403, 'FORBIDDEN');
    expect((await del(receiver.session)).status).toBe(200);
  });

  it('expected supply is for the request’s hub only', async () => {
    const { giver, receiver } = await setting();
    const res = await call('/requests', {
      session: receiver.session,
      body: {
        hub: receiver.hub.slug,
        title: 'Birch wanted',
        category: 'birch-plywood',
        quantity: 10,
        unit: 'kg',
      },
    });
    const { id } = (await res.json()) as { id: number };
    await expectError(await call(`/requests/${id}/streams`), 401, 'UNAUTHENTICATED');
    await expectError(await call(`/requests/${id}/streams`, { session: giver.session }), 403, 'NOT_A_MEMBER');
    await expectError(
      await call('/requests/999999/streams', { session: giver.session }),
      404,
      'REQUEST_NOT_FOUND',
    );
    expect((await call(`/requests/${id}/streams`, { session: receiver.session })).status).toBe(200);
  });
});
