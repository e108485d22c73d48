/**
 * Ask before claiming: a maker of hub B asks hub A about A's listing; A's people are told and see a
 * task; A answers; B is told and the task is gone. Only the two hubs read the thread; a claim that
 * follows shows the thread in the exchange, asked before the claim.
 */
import { describe, expect, it } from 'vitest';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { ZQuestionThreads } from '../../src/shared/questions.schemas';
import { ZTaskList } from '../../src/shared/tasks.schemas';
import { claimOk } from '../exchanges-helpers';
import {
  call,
  count,
  createListing,
  db,
  expectError,
  expectJson,
  invite,
  makerWithHub,
  signup,
  type Session,
} from '../helpers';

/** Hub A (manager, member) lists; hub B (a maker) asks; hub C (a stranger) has nothing to do with it. */
async function world() {
  const a = await makerWithHub();
  const aMember = await signup({ displayName: 'Jonas of A' });
  await invite(a.session, a.hub.slug, aMember.session);
  const b = await makerWithHub({ lat: 50.85, lon: 4.35, city: 'Brussels' });
  const c = await makerWithHub({ lat: 51.2, lon: 4.4, city: 'Antwerp' });
  const listing = await createListing(a.session, a.hub.slug, { title: 'Oak offcuts 22 mm' });
  return { a, aMember, b, c, listingId: listing.id };
}

const post = (session: Session, listingId: number, hub: string, body: string) =>
  call(`/listings/${listingId}/questions`, { session, body: { hub, body } });
const read = (session: Session, listingId: number) => call(`/listings/${listingId}/questions`, { session });
const notified = (userId: number) =>
  count("SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND kind = 'exchange_message'", userId);
const questionTasks = async (session: Session) =>
  (await expectJson(await call('/me/tasks', { session }), 200, ZTaskList)).items.filter(
    (t) => t.kind === 'question_to_answer',
  );

describe('questions about a listing', () => {
  it('B asks, A is told and has a task, A answers, B is told, the task is gone', async () => {
    const { a, aMember, b, listingId } = await world();

    const asked = await expectJson(
      await post(b.session, listingId, b.hub.slug, 'Are the offcuts at least 40 cm long?'),
      201,
      ZQuestionThreads,
    );
    expect(asked.answers).toBe(false);
    expect(asked.threads).toHaveLength(1);
    expect(asked.threads[0]).toMatchObject({
      hub: { slug: b.hub.slug },
      awaitingAnswer: true,
      messages: [
        { body: 'Are the offcuts at least 40 cm long?', hub: b.hub.slug, author: { id: b.me.user.id } },
      ],
    });
    expect(
      await count(
        'SELECT count(*) AS n FROM listing_question_threads WHERE listing_id = ?1 AND awaiting_answer = 1',
        listingId,
      ),
    ).toBe(1);

    // Everyone of A is told (never the author); both see the task, with its deep link.
    expect(await notified(a.me.user.id)).toBe(1);
    expect(await notified(aMember.me.user.id)).toBe(1);
    expect(await notified(b.me.user.id)).toBe(0);
    for (const person of [a, aMember]) {
      expect(await questionTasks(person.session)).toEqual([
        expect.objectContaining({
          title: 'Oak offcuts 22 mm',
          path: `/listings/${listingId}#questions`,
          hub: expect.objectContaining({ slug: b.hub.slug }),
          deadline: null,
        }),
      ]);
    }
    expect(await questionTasks(b.session)).toEqual([]);

    // A's member answers in B's thread.
    const answered = await expectJson(
      await post(aMember.session, listingId, b.hub.slug, 'Yes, most are 60 cm.'),
      201,
      ZQuestionThreads,
    );
    expect(answered.answers).toBe(true);
    expect(answered.threads[0]!.awaitingAnswer).toBe(false);
    expect(answered.threads[0]!.messages.map((m) => [m.hub, m.body])).toEqual([
      [b.hub.slug, 'Are the offcuts at least 40 cm long?'],
      [a.hub.slug, 'Yes, most are 60 cm.'],
    ]);
    expect(await notified(b.me.user.id)).toBe(1);
    expect(await notified(aMember.me.user.id)).toBe(1);
    expect(await questionTasks(a.session)).toEqual([]);
    const note = await call('/notifications', { session: b.session });
    expect(JSON.stringify(await note.json())).toContain('"question":"answered"');

    // B reads the same thread; B asks again: the task comes back.
    const seen = await expectJson(await read(b.session, listingId), 200, ZQuestionThreads);
    expect(seen.threads[0]!.messages).toHaveLength(2);
    await expectJson(
      await post(b.session, listingId, b.hub.slug, 'Can we fetch on Friday?'),
      201,
      ZQuestionThreads,
    );
    expect(await questionTasks(a.session)).toHaveLength(1);
  });

  it('only the two hubs read a thread: the listing hub sees each asking hub apart, a stranger sees none', async () => {
    const { a, b, c, listingId } = await world();
    await expectJson(await post(b.session, listingId, b.hub.slug, 'Question of B'), 201, ZQuestionThreads);
    await expectJson(await post(c.session, listingId, c.hub.slug, 'Question of C'), 201, ZQuestionThreads);

    const forA = await expectJson(await read(a.session, listingId), 200, ZQuestionThreads);
    expect(forA.answers).toBe(true);
    expect(forA.threads.map((t) => t.hub.slug).sort()).toEqual([b.hub.slug, c.hub.slug].sort());
    const forB = await expectJson(await read(b.session, listingId), 200, ZQuestionThreads);
    expect(forB.threads.map((t) => t.messages.map((m) => m.body))).toEqual([['Question of B']]);
    const stranger = await signup();
    const forStranger = await expectJson(await read(stranger.session, listingId), 200, ZQuestionThreads);
    expect(forStranger).toEqual({ threads: [], answers: false });
    await expectError(await call(`/listings/${listingId}/questions`), 401, 'UNAUTHENTICATED');

    // A hidden listing's questions are as hidden as the listing: 404 for whoever may not see it
    // (asker and stranger alike, reading or asking), still there for the listing hub's manager.
    await db
      .prepare(
        "UPDATE listings SET hidden_at = '2026-12-01T00:00:00.000Z', hidden_reason = 'spam' WHERE id = ?1",
      )
      .bind(listingId)
      .run();
    for (const who of [b, stranger]) {
      await expectError(await read(who.session, listingId), 404, 'LISTING_NOT_FOUND');
      await expectError(
        await call(`/listings/${listingId}`, { session: who.session }),
        404,
        'LISTING_NOT_FOUND',
      );
    }
    const before = await count('SELECT count(*) AS n FROM listing_questions');
    await expectError(await post(b.session, listingId, b.hub.slug, 'Still there?'), 404, 'LISTING_NOT_FOUND');
    expect(await count('SELECT count(*) AS n FROM listing_questions')).toBe(before);
    const forManager = await expectJson(await read(a.session, listingId), 200, ZQuestionThreads);
    expect(forManager.threads).toHaveLength(2);
  });

  it('refuses what makes no sense, and writes nothing', async () => {
    const { a, b, c, listingId } = await world();
    const before = await count('SELECT count(*) AS n FROM listing_questions');
    // A hub does not ask itself.
    await expectError(await post(a.session, listingId, a.hub.slug, 'Hello?'), 422, 'QUESTION_OWN_HUB');
    // Asking for a hub one is not a member of.
    await expectError(await post(c.session, listingId, b.hub.slug, 'Hello?'), 403, 'NOT_A_MEMBER');
    // The listing's hub answers only a thread that exists.
    await expectError(
      await post(a.session, listingId, c.hub.slug, 'Hello?'),
      404,
      'QUESTION_THREAD_NOT_FOUND',
    );
    // An empty question, and a listing or a hub that does not exist.
    await expectError(await post(b.session, listingId, b.hub.slug, '   '), 422, 'VALIDATION_FAILED', [
      'body',
    ]);
    await expectError(await post(b.session, 999_999_999, b.hub.slug, 'Hello?'), 404, 'LISTING_NOT_FOUND');
    await expectError(await post(b.session, listingId, 'no-such-hub', 'Hello?'), 404, 'HUB_NOT_FOUND');
    // A withdrawn listing takes no new questions.
    const gone = await createListing(a.session, a.hub.slug);
    expect(
      (await call(`/listings/${gone.id}`, { session: a.session, method: 'DELETE' })).status,
    ).toBeLessThan(300);
    await expectError(
      await post(b.session, gone.id, b.hub.slug, 'Still there?'),
      409,
      'QUESTION_LISTING_CLOSED',
    );
    expect(await count('SELECT count(*) AS n FROM listing_questions')).toBe(before);
    expect(
      await count(
        'SELECT count(*) AS n FROM events WHERE kind = ?1 AND actor_id IN (?2, ?3, ?4)',
        'listing.question',
        a.me.user.id,
        b.me.user.id,
        c.me.user.id,
      ),
    ).toBe(0);
  });

  it('a claim that follows carries the thread into the exchange, asked before the claim', async () => {
    const { a, b, c, listingId } = await world();
    await expectJson(await post(b.session, listingId, b.hub.slug, 'Is it dry?'), 201, ZQuestionThreads);
    await expectJson(await post(a.session, listingId, b.hub.slug, 'Bone dry.'), 201, ZQuestionThreads);
    await expectJson(await post(c.session, listingId, c.hub.slug, 'Not for B to see'), 201, ZQuestionThreads);
    const claimed = await claimOk(b.session, listingId, b.hub.slug, 2);
    expect(claimed.askedBefore.map((m) => m.body)).toEqual(['Is it dry?', 'Bone dry.']);
    const forA = await expectJson(
      await call(`/exchanges/${claimed.id}`, { session: a.session }),
      200,
      ZExchangeDetail,
    );
    expect(forA.askedBefore.map((m) => [m.hub, m.body])).toEqual([
      [b.hub.slug, 'Is it dry?'],
      [a.hub.slug, 'Bone dry.'],
    ]);
    // The exchange's own conversation starts with the claim's message; C's thread is in neither.
    expect(forA.messages.map((m) => m.body)).toEqual(['We would love these for a workshop']);
  });
});
