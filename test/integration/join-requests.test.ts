/**
 * Joining a hub: a signed-in person asks with a short message; the hub's managers see it (list,
 * task, notification), accept or decline it once; the person is told and, if accepted, is a member.
 */
import { describe, expect, it } from 'vitest';
import { ZJoinRequest, ZJoinRequestList } from '../../src/shared/hubs.schemas';
import { ZTaskList } from '../../src/shared/tasks.schemas';
import { call, count, createHub, expectError, expectJson, invite, signup, type Session } from '../helpers';

async function hubWithManagers() {
  const manager = await signup({ displayName: 'An Manager' });
  const hub = await createHub(manager.session);
  const second = await signup({ displayName: 'Second Manager' });
  await invite(manager.session, hub.slug, second.session, 'manager');
  const member = await signup({ displayName: 'Jonas Member' });
  await invite(manager.session, hub.slug, member.session);
  return { manager, second, member, hub };
}

const ask = (session: Session, slug: string, message = 'I build furniture from offcuts') =>
  call(`/hubs/${slug}/join-requests`, { session, body: { message } });

const notified = (userId: number, kind: string) =>
  count('SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND kind = ?2', userId, kind);

describe('join requests', () => {
  it('a person asks, managers are told and see a task, one accepts: the person is a member and is told', async () => {
    const { manager, second, member, hub } = await hubWithManagers();
    const newcomer = await signup({ displayName: 'Nieuwe Maker', locale: 'nl' });

    const asked = await expectJson(await ask(newcomer.session, hub.slug), 201, ZJoinRequest);
    expect(asked).toMatchObject({
      status: 'pending',
      message: 'I build furniture from offcuts',
      person: { id: newcomer.me.user.id, displayName: 'Nieuwe Maker' },
      hub: { slug: hub.slug },
      decidedAt: null,
    });
    expect(
      await count("SELECT count(*) AS n FROM join_requests WHERE status = 'pending' AND id = ?1", asked.id),
    ).toBe(1);

    // Both managers are told and have the task; a plain member neither.
    expect(await notified(manager.me.user.id, 'join_request_received')).toBe(1);
    expect(await notified(second.me.user.id, 'join_request_received')).toBe(1);
    expect(await notified(member.me.user.id, 'join_request_received')).toBe(0);
    const tasks = await expectJson(await call('/me/tasks', { session: second.session }), 200, ZTaskList);
    expect(tasks.items).toContainEqual(
      expect.objectContaining({
        kind: 'join_request_to_decide',
        title: 'Nieuwe Maker',
        path: `/hubs/${hub.slug}#join-requests`,
      }),
    );
    const memberTasks = await expectJson(
      await call('/me/tasks', { session: member.session }),
      200,
      ZTaskList,
    );
    expect(memberTasks.items.filter((t) => t.kind === 'join_request_to_decide')).toEqual([]);

    // Managers list the pending requests; the person sees only their own.
    const listed = await expectJson(
      await call(`/hubs/${hub.slug}/join-requests`, { session: manager.session }),
      200,
      ZJoinRequestList,
    );
    expect(listed).toEqual({ items: [asked], canDecide: true });
    const own = await expectJson(
      await call(`/hubs/${hub.slug}/join-requests`, { session: newcomer.session }),
      200,
      ZJoinRequestList,
    );
    expect(own).toEqual({ items: [asked], canDecide: false });
    const stranger = await signup();
    const none = await expectJson(
      await call(`/hubs/${hub.slug}/join-requests`, { session: stranger.session }),
      200,
      ZJoinRequestList,
    );
    expect(none).toEqual({ items: [], canDecide: false });

    const accepted = await expectJson(
      await call(`/hubs/${hub.slug}/join-requests/${asked.id}/accept`, {
        session: second.session,
        method: 'POST',
      }),
      200,
      ZJoinRequest,
    );
    expect(accepted).toMatchObject({ id: asked.id, status: 'accepted' });
    expect(
      await count(
        "SELECT count(*) AS n FROM memberships m JOIN hubs h ON h.id = m.hub_id WHERE h.slug = ?1 AND m.user_id = ?2 AND m.role = 'member'",
        hub.slug,
        newcomer.me.user.id,
      ),
    ).toBe(1);
    expect(await notified(newcomer.me.user.id, 'join_request_answered')).toBe(1);
    const line = await call('/notifications', {
      session: newcomer.session,
      headers: { 'accept-language': 'nl' },
    });
    expect(line.status).toBe(200);

    // Decided: no longer listed nor a task; the person's hub page knows them as a member.
    const after = await expectJson(
      await call(`/hubs/${hub.slug}/join-requests`, { session: manager.session }),
      200,
      ZJoinRequestList,
    );
    expect(after.items).toEqual([]);
    const tasksAfter = await expectJson(
      await call('/me/tasks', { session: manager.session }),
      200,
      ZTaskList,
    );
    expect(tasksAfter.items.filter((t) => t.kind === 'join_request_to_decide')).toEqual([]);
    const hubPage = (await (await call(`/hubs/${hub.slug}`, { session: newcomer.session })).json()) as {
      myRole: string | null;
    };
    expect(hubPage.myRole).toBe('member');
  });

  it('a declined person is told, does not join, and may ask again later', async () => {
    const { manager, hub } = await hubWithManagers();
    const newcomer = await signup();
    const asked = await expectJson(await ask(newcomer.session, hub.slug), 201, ZJoinRequest);
    const declined = await expectJson(
      await call(`/hubs/${hub.slug}/join-requests/${asked.id}/decline`, {
        session: manager.session,
        method: 'POST',
      }),
      200,
      ZJoinRequest,
    );
    expect(declined.status).toBe('declined');
    expect(await notified(newcomer.me.user.id, 'join_request_answered')).toBe(1);
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = ?1', newcomer.me.user.id)).toBe(
      0,
    );
    await expectJson(await ask(newcomer.session, hub.slug, 'A second try'), 201, ZJoinRequest);
  });

  it('refuses a second pending request, a member asking, and a decided request decided again', async () => {
    const { manager, second, member, hub } = await hubWithManagers();
    const newcomer = await signup();
    const asked = await expectJson(await ask(newcomer.session, hub.slug), 201, ZJoinRequest);
    await expectError(await ask(newcomer.session, hub.slug, 'Again'), 409, 'JOIN_REQUEST_PENDING');
    await expectError(await ask(member.session, hub.slug), 409, 'ALREADY_MEMBER');
    expect(
      await count('SELECT count(*) AS n FROM join_requests WHERE user_id = ?1', newcomer.me.user.id),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM join_requests WHERE user_id = ?1', member.me.user.id)).toBe(
      0,
    );

    const path = `/hubs/${hub.slug}/join-requests/${asked.id}`;
    expect((await call(`${path}/decline`, { session: manager.session, method: 'POST' })).status).toBe(200);
    await expectError(
      await call(`${path}/accept`, { session: second.session, method: 'POST' }),
      409,
      'JOIN_REQUEST_DECIDED',
    );
    await expectError(
      await call(`${path}/decline`, { session: manager.session, method: 'POST' }),
      409,
      'JOIN_REQUEST_DECIDED',
    );
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = ?1', newcomer.me.user.id)).toBe(
      0,
    );
    expect(await notified(newcomer.me.user.id, 'join_request_answered')).toBe(1);
  });

  it('two managers deciding at once: one decision holds', async () => {
    const { manager, second, hub } = await hubWithManagers();
    const newcomer = await signup();
    const asked = await expectJson(await ask(newcomer.session, hub.slug), 201, ZJoinRequest);
    const path = `/hubs/${hub.slug}/join-requests/${asked.id}`;
    const answers = await Promise.all([
      call(`${path}/accept`, { session: manager.session, method: 'POST' }),
      call(`${path}/decline`, { session: second.session, method: 'POST' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const status = answers[0]!.status === 200 ? 'accepted' : 'declined';
    expect(
      await count('SELECT count(*) AS n FROM join_requests WHERE id = ?1 AND status = ?2', asked.id, status),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = ?1', newcomer.me.user.id)).toBe(
      status === 'accepted' ? 1 : 0,
    );
  });

  it('only managers decide; signed-out people cannot ask; unknown hubs and requests are 404', async () => {
    const { member, hub } = await hubWithManagers();
    const newcomer = await signup();
    const outsider = await signup();
    const asked = await expectJson(await ask(newcomer.session, hub.slug), 201, ZJoinRequest);
    const path = `/hubs/${hub.slug}/join-requests/${asked.id}`;
    await expectError(
      await call(`${path}/accept`, { session: member.session, method: 'POST' }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`${path}/accept`, { session: newcomer.session, method: 'POST' }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(`${path}/decline`, { session: outsider.session, method: 'POST' }),
      403,
      'FORBIDDEN',
    );
    await expectError(await call(`${path}/accept`, { method: 'POST' }), 401, 'UNAUTHENTICATED');
    await expectError(
      await call(`/hubs/${hub.slug}/join-requests`, { body: { message: 'hi' } }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(await call(`/hubs/${hub.slug}/join-requests`), 401, 'UNAUTHENTICATED');
    await expectError(await ask(outsider.session, 'no-such-hub'), 404, 'HUB_NOT_FOUND');
    // A manager of another hub cannot decide this hub's request through their own hub's path.
    const other = await createHub(outsider.session);
    await expectError(
      await call(`/hubs/${other.slug}/join-requests/${asked.id}/accept`, {
        session: outsider.session,
        method: 'POST',
      }),
      404,
      'NOT_FOUND',
    );
    expect(
      await count("SELECT count(*) AS n FROM join_requests WHERE id = ?1 AND status = 'pending'", asked.id),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM memberships WHERE user_id = ?1', newcomer.me.user.id)).toBe(
      0,
    );
  });

  it('refuses a message too long with a sentence naming it, in the reader’s language', async () => {
    const { hub } = await hubWithManagers();
    const newcomer = await signup();
    const res = await call(`/hubs/${hub.slug}/join-requests`, {
      session: newcomer.session,
      body: { message: 'x'.repeat(501) },
      headers: { 'accept-language': 'fr' },
    });
    const body = await expectError(res, 422, 'VALIDATION_FAILED', ['message']);
    expect(body.error.details?.fields?.[0]?.message).toBe('Message : au plus 500 caractères');
    expect(
      await count('SELECT count(*) AS n FROM join_requests WHERE user_id = ?1', newcomer.me.user.id),
    ).toBe(0);
  });
});
