/**
 * Authorization matrix: every unsafe route of the OpenAPI document × five actors, each cell with
 * an explicit expectation; a denied call must leave every table as it was. Plus mass assignment:
 * a body that also sets ids, hub, author, state or timestamps is refused and changes nothing.
 * A route missing from EXPECT fails the test, so new routes must be classified here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/modules/machines/machines.domain';
import { refreshRequestMatches } from '../../src/modules/matching/matching.service';
import { NOTIFICATION_KINDS } from '../../src/shared/notifications.schemas';
import { claimOk, actOk } from '../exchanges-helpers';
import { createNetwork } from '../impact-helpers';
import { at, createMachine, createTraining, recordTraining } from '../machines-helpers';
import {
  call,
  createHub,
  createListing,
  db,
  invite,
  photoForm,
  PNG_BYTES,
  signup,
  type Session,
} from '../helpers';
import { dataTables, fetchApp, fingerprint, jsonInit, loadOps, propertiesOf, type Op } from '../fuzz-helpers';

const ACTORS = ['anonymous', 'otherHub', 'coordinator', 'member', 'manager'] as const;
type Actor = (typeof ACTORS)[number];

/**
 * What a cell must answer.
 * U: 401 (signed out). D: 403 or 404 (not yours; 404 where existence is private). Both must change nothing.
 * OK: 2xx. P: authorised, though the state may refuse it (any status but 401/403/404 and 5xx).
 */
type Cell = 'U' | 'D' | 'OK' | 'P';
type Row = Record<Actor, Cell>;

const self = (anon: Cell = 'U'): Row => ({
  anonymous: anon,
  otherHub: 'OK',
  coordinator: 'OK',
  member: 'OK',
  manager: 'OK',
});
const managerOnly: Row = { anonymous: 'U', otherHub: 'D', coordinator: 'D', member: 'D', manager: 'OK' };
const hubMembers: Row = { anonymous: 'U', otherHub: 'D', coordinator: 'D', member: 'OK', manager: 'OK' };

/** The owning hub is H (manager M, member U); the network N is coordinated by M. */
const EXPECT: Record<string, Row> = {
  'POST /auth/signup': { ...self('OK') },
  'POST /auth/login': { ...self('OK') },
  'POST /auth/logout': { ...self('OK') },
  'PATCH /me': self(),
  'DELETE /me/sessions': self(),
  'POST /me/calendar-token': self(),
  'POST /hubs': self(),
  'PATCH /hubs/{slug}': managerOnly,
  'DELETE /hubs/{slug}/members/{userId}': managerOnly,
  'POST /hubs/{slug}/invites': managerOnly,
  // Anyone signed in who is not a member asks to join (members are refused by the state);
  // only the hub's managers decide.
  'POST /hubs/{slug}/join-requests': {
    anonymous: 'U',
    otherHub: 'OK',
    coordinator: 'OK',
    member: 'P',
    manager: 'P',
  },
  'POST /hubs/{slug}/join-requests/{id}/accept': managerOnly,
  'POST /hubs/{slug}/join-requests/{id}/decline': managerOnly,
  // An invite token is a bearer capability: whoever holds it may join.
  'POST /invites/{token}/accept': { ...self(), member: 'P', manager: 'P' },
  'POST /listings': hubMembers,
  'POST /listings/with-photos': hubMembers,
  // Setting a listing's photos is editing it: its author (the manager) only.
  'PUT /listings/{id}/photos': managerOnly,
  // The listing's author is the manager: a member who is not the author may not change it.
  'PATCH /listings/{id}': managerOnly,
  'DELETE /listings/{id}': managerOnly,
  'POST /listings/{id}/photos': managerOnly,
  'POST /machines/{id}/photos': managerOnly,
  'DELETE /machines/{id}/photos/{photoId}': managerOnly,
  // Anyone signed in may report an item (once each).
  'POST /reports': self(),
  // Coordinators of a network the item's hub is active in (M coordinates N, which holds H).
  'POST /moderation/{itemType}/{id}/hide': managerOnly,
  'POST /moderation/{itemType}/{id}/restore': { ...managerOnly, manager: 'P' },
  'POST /hubs/{slug}/imports': managerOnly,
  'DELETE /listings/{id}/photos/{photoId}': managerOnly,
  // Another hub claims for itself; the owning hub cannot claim its own listing (state refuses it).
  'POST /listings/{id}/claims': {
    anonymous: 'U',
    otherHub: 'OK',
    coordinator: 'D',
    member: 'P',
    manager: 'P',
  },
  // Another hub asks the listing's hub (for itself); the listing's own people are refused by the
  // state (a hub does not ask itself); a coordinator of no party hub is not a member.
  'POST /listings/{id}/questions': {
    anonymous: 'U',
    otherHub: 'OK',
    coordinator: 'D',
    member: 'P',
    manager: 'P',
  },
  'POST /requests': hubMembers,
  'PATCH /requests/{id}': managerOnly,
  'DELETE /requests/{id}': managerOnly,
  'POST /networks': self(),
  'PATCH /networks/{slug}': managerOnly,
  'PATCH /networks/{slug}/method': managerOnly,
  'PUT /networks/{slug}/hubs/{hub}': managerOnly,
  'DELETE /networks/{slug}/hubs/{hub}': managerOnly,
  'POST /networks/{slug}/coordinators': managerOnly,
  'DELETE /networks/{slug}/coordinators/{userId}': managerOnly,
  'POST /networks/{slug}/exchanges/{exchangeId}/recalculate': managerOnly,
  'POST /matches/{id}/dismiss': hubMembers,
  'POST /notifications/read': self(),
  'PUT /notifications/preferences': self(),
  'POST /saved-searches': self(),
  'DELETE /saved-searches/{id}': managerOnly,
  'POST /hubs/{slug}/machines': managerOnly,
  'PATCH /machines/{id}': managerOnly,
  // Machines are shared beyond the hub: anyone signed in may book an open slot.
  'POST /machines/{id}/bookings': self(),
  // The booker (the member) or a manager of the machine's hub.
  'DELETE /bookings/{id}': hubMembers,
  // Anyone signed in who lacks the machine's training asks for it (U holds it: the state refuses);
  // only the machine hub's managers record or decline.
  'POST /machines/{id}/training-requests': {
    anonymous: 'U',
    otherHub: 'OK',
    coordinator: 'OK',
    member: 'P',
    manager: 'P',
  },
  'POST /hubs/{slug}/training-requests/{id}/record': managerOnly,
  'POST /hubs/{slug}/training-requests/{id}/decline': managerOnly,
  'POST /hubs/{slug}/trainings': managerOnly,
  'POST /hubs/{slug}/trainings/{trainingId}/records': managerOnly,
  'DELETE /hubs/{slug}/trainings/{trainingId}/records/{userId}': managerOnly,
  'PUT /hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}': managerOnly,
  'DELETE /hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}': managerOnly,
  // Exchanges: H gives, hub H3 (a third party) receives. Strangers get the same 404 as for no exchange.
  'POST /exchanges/{id}/accept': hubMembers,
  'POST /exchanges/{id}/decline': hubMembers,
  // Withdrawing a claim is the claimant's: the giving side declines instead.
  'POST /exchanges/{id}/cancel': { ...managerOnly, member: 'D', manager: 'D' },
  'POST /exchanges/{id}/handover': hubMembers,
  // Confirming receipt and telling the outcome are the receiving side's: the giver is refused too.
  'POST /exchanges/{id}/confirm': { ...managerOnly, member: 'D', manager: 'D' },
  'POST /exchanges/{id}/outcome': { ...managerOnly, member: 'D', manager: 'D' },
  'POST /exchanges/{id}/outcomes/{outcomeId}/photo': { ...managerOnly, member: 'D', manager: 'D' },
  // A dispute is about what was received: the receiving side's.
  'POST /exchanges/{id}/dispute': { ...managerOnly, member: 'D', manager: 'D' },
  'POST /exchanges/{id}/messages': hubMembers,
  // Managers of either hub correct the ledger.
  'POST /flows/{id}/reversals': managerOnly,
  // Recurring streams of H (its author is the manager). Another hub subscribes for itself; H cannot
  // subscribe to its own stream (the state refuses it). A subscription of H to H3's stream is cancelled
  // by H's people; strangers get the same 404 as for no subscription.
  'POST /hubs/{slug}/streams': hubMembers,
  'PATCH /streams/{id}': managerOnly,
  'POST /streams/{id}/subscriptions': {
    anonymous: 'U',
    otherHub: 'OK',
    coordinator: 'D',
    member: 'P',
    manager: 'P',
  },
  'DELETE /streams/{id}/subscriptions/{subscriptionId}': hubMembers,
};

type Person = Awaited<ReturnType<typeof signup>>;
type Target = { path: string; body?: unknown; form?: FormData };

let people: Record<'M' | 'U' | 'O' | 'K' | 'R' | 'X', Person>;
let h2: string;
let h3: string;
let t2: number;
let tables: string[];
let seq = 0;
const uniq = () => `${Date.now().toString(36)}-${(seq++).toString(36)}`;

async function ok(res: Response, status = 200) {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json() as Promise<Record<string, unknown>>;
}

const lazy = <T>(make: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
};

/**
 * The owning hub's world, built fresh for each route (so allowed calls cannot spoil the next
 * route) and lazily (each thing only when a call needs it).
 */
function world() {
  const { M, U, R, X } = people;
  const hub = lazy(async () => {
    const slug = (await createHub(M.session)).slug;
    await invite(M.session, slug, U.session);
    await invite(M.session, slug, X.session);
    return slug;
  });
  const listing = lazy(async () => (await createListing(M.session, await hub())).id);
  const request = lazy(
    async () =>
      (
        await ok(
          await call('/requests', {
            session: M.session,
            body: {
              hub: await hub(),
              title: 'Birch plywood wanted',
              category: 'birch-plywood',
              quantity: 2,
              unit: 'sheets',
            },
          }),
          201,
        )
      ).id as number,
  );
  const match = lazy(async () => {
    const giverListing = (await createListing(R.session, h3)).id;
    const requestId = await request();
    await refreshRequestMatches({ db, now: () => new Date() }, requestId);
    const row = await db
      .prepare('SELECT id FROM matches WHERE request_id = ?1 AND listing_id = ?2')
      .bind(requestId, giverListing)
      .first<{ id: number }>();
    expect(row, 'a match to dismiss').not.toBeNull();
    return row!.id;
  });
  const network = lazy(async () => {
    const slug = (await createNetwork(M.session)).slug;
    await ok(await call(`/networks/${slug}/hubs/${await hub()}`, { session: M.session, method: 'PUT' }));
    await ok(await call(`/networks/${slug}/coordinators`, { session: M.session, body: { email: X.email } }));
    return slug;
  });
  const machine = lazy(async () => (await createMachine(M.session, await hub())).id);
  const training = lazy(async () => {
    const slug = await hub();
    const id = (await createTraining(M.session, slug)).id;
    await recordTraining(M.session, slug, id, U.email);
    await ok(
      await call(`/hubs/${slug}/trainings/${id}/accepted/${t2}`, { session: M.session, method: 'PUT' }),
    );
    return id;
  });
  const photo = lazy(async () => {
    const res = await call(`/listings/${await listing()}/photos`, {
      session: M.session,
      form: photoForm(PNG_BYTES),
    });
    const uploaded = await ok(res, 201);
    return ((uploaded.photos as { id: number }[] | undefined)?.[0]?.id ?? uploaded.id) as number;
  });
  const machinePhoto = lazy(async () => {
    const res = await call(`/machines/${await machine()}/photos`, {
      session: M.session,
      form: photoForm(PNG_BYTES),
    });
    return (await ok(res, 201)).id as number;
  });
  const saved = lazy(async () => {
    await db.prepare('DELETE FROM saved_searches WHERE user_id = ?1').bind(M.me.user.id).run();
    const res = await call('/saved-searches', {
      session: M.session,
      body: { name: 'Birch', query: { q: 'birch' } },
    });
    return (await ok(res, 201)).id as number;
  });
  // A completed exchange H -> H3 inside the network, for the ledger routes.
  const done = lazy(async () => {
    await network();
    return completedFrom(await hub());
  });
  const flow = lazy(async () => {
    const row = await db
      .prepare('SELECT id FROM flows WHERE exchange_id = ?1 ORDER BY id LIMIT 1')
      .bind(await done())
      .first<{ id: number }>();
    return row!.id;
  });
  const stream = lazy(async () => {
    const res = await call(`/hubs/${await hub()}/streams`, {
      session: M.session,
      body: { ...STREAM_BODY, startDate: tomorrow() },
    });
    return (await ok(res, 201)).id as number;
  });
  // R (of hub H3) asks to join H.
  const joinRequest = lazy(async () => {
    const res = await call(`/hubs/${await hub()}/join-requests`, {
      session: R.session,
      body: { message: 'We would like to use your laser' },
    });
    return (await ok(res, 201)).id as number;
  });
  // A machine of H that needs H's training (U holds it); R (of hub H3) asks for it.
  const trainedMachine = lazy(
    async () => (await createMachine(M.session, await hub(), { requiredTrainingId: await training() })).id,
  );
  const trainingRequest = lazy(async () => {
    const res = await call(`/machines/${await trainedMachine()}/training-requests`, {
      session: R.session,
      body: { message: 'I cut plywood at my own lab' },
    });
    return (await ok(res, 201)).id as number;
  });
  return {
    hub,
    joinRequest,
    trainedMachine,
    trainingRequest,
    listing,
    request,
    match,
    network,
    machine,
    machinePhoto,
    training,
    photo,
    saved,
    done,
    flow,
    stream,
  };
}
type World = ReturnType<typeof world>;

/** An exchange from hub H to H3, moved to the given state by its rightful parties. */
async function exchangeIn(hub: string, state: 'requested' | 'accepted' | 'handed_over' | 'completed') {
  const { M, R } = people;
  const listing = (await createListing(M.session, hub)).id;
  const ex = await claimOk(R.session, listing, h3, 1);
  if (state === 'requested') return ex.id;
  await actOk(M.session, ex.id, 'accept');
  if (state === 'accepted') return ex.id;
  await actOk(M.session, ex.id, 'handover', { quantity: 1 });
  if (state === 'handed_over') return ex.id;
  await actOk(R.session, ex.id, 'confirm');
  return ex.id;
}
const completedFrom = (hub: string) => exchangeIn(hub, 'completed');

const actorPerson = (a: Actor): Person | null =>
  a === 'anonymous'
    ? null
    : people[({ otherHub: 'O', coordinator: 'K', member: 'U', manager: 'M' } as const)[a]];

let slot = 0;

/** A valid call of the route by this actor, aimed at the owning hub's things (made here if a call uses them up). */
async function target(key: string, w: World, actor: Actor): Promise<Target> {
  const { M, U, X, R } = people;
  const who = actorPerson(actor);
  switch (key) {
    case 'POST /auth/signup':
      return {
        path: '/auth/signup',
        body: {
          email: `new-${uniq()}@example.org`,
          password: 'correct horse battery',
          displayName: 'New',
          locale: 'en',
        },
      };
    case 'POST /auth/login':
      return { path: '/auth/login', body: { email: M.email, password: 'correct horse battery' } };
    case 'POST /auth/logout':
      return { path: '/auth/logout' };
    case 'PATCH /me':
      return { path: '/me', body: { displayName: who?.me.user.displayName ?? 'Nobody' } };
    case 'DELETE /me/sessions':
      return { path: '/me/sessions' };
    case 'POST /me/calendar-token':
      return { path: '/me/calendar-token' };
    case 'POST /hubs':
      return {
        path: '/hubs',
        body: {
          slug: `lab-${uniq()}`,
          name: 'Lab',
          city: 'Ghent',
          country: 'BE',
          kind: 'fab_lab',
          lat: 51,
          lon: 3.7,
        },
      };
    case 'PATCH /hubs/{slug}':
      return { path: `/hubs/${await w.hub()}`, body: { name: 'Renamed lab' } };
    case 'DELETE /hubs/{slug}/members/{userId}':
      return { path: `/hubs/${await w.hub()}/members/${X.me.user.id}` };
    case 'POST /hubs/{slug}/invites':
      return { path: `/hubs/${await w.hub()}/invites`, body: { role: 'member' } };
    case 'POST /hubs/{slug}/join-requests':
      return { path: `/hubs/${await w.hub()}/join-requests`, body: { message: 'May we join?' } };
    case 'POST /hubs/{slug}/join-requests/{id}/accept':
      return { path: `/hubs/${await w.hub()}/join-requests/${await w.joinRequest()}/accept` };
    case 'POST /hubs/{slug}/join-requests/{id}/decline':
      return { path: `/hubs/${await w.hub()}/join-requests/${await w.joinRequest()}/decline` };
    case 'POST /invites/{token}/accept': {
      const res = await call(`/hubs/${await w.hub()}/invites`, {
        session: M.session,
        body: { role: 'member' },
      });
      const { token } = (await ok(res, 201)) as { token: string };
      return { path: `/invites/${token}/accept` };
    }
    case 'POST /listings':
      return { path: '/listings', body: { ...LISTING_BODY, hub: await w.hub() } };
    case 'POST /listings/with-photos': {
      const form = photoForm(PNG_BYTES);
      form.append('listing', JSON.stringify({ ...LISTING_BODY, hub: await w.hub() }));
      return { path: '/listings/with-photos', form };
    }
    case 'PUT /listings/{id}/photos': {
      const form = photoForm(PNG_BYTES);
      form.append('order', JSON.stringify([null]));
      return { path: `/listings/${await w.listing()}/photos`, form };
    }
    case 'PATCH /listings/{id}':
      return { path: `/listings/${await w.listing()}`, body: { title: 'Birch plywood, renamed' } };
    case 'DELETE /listings/{id}':
      return { path: `/listings/${await w.listing()}` };
    case 'POST /listings/{id}/photos':
      return { path: `/listings/${await w.listing()}/photos`, form: photoForm(PNG_BYTES) };
    case 'POST /machines/{id}/photos':
      return { path: `/machines/${await w.machine()}/photos`, form: photoForm(PNG_BYTES) };
    case 'DELETE /machines/{id}/photos/{photoId}':
      return { path: `/machines/${await w.machine()}/photos/${await w.machinePhoto()}` };
    case 'POST /reports':
      return {
        path: '/reports',
        body: {
          itemType: 'listing',
          itemId: await w.listing(),
          reason: 'misleading',
          text: 'Not what it says',
        },
      };
    case 'POST /moderation/{itemType}/{id}/hide':
      await w.network();
      return {
        path: `/moderation/listing/${await w.listing()}/hide`,
        body: { reason: 'Reported as misleading' },
      };
    case 'POST /moderation/{itemType}/{id}/restore':
      await w.network();
      return { path: `/moderation/listing/${await w.listing()}/restore`, body: { reason: 'Checked' } };
    case 'POST /hubs/{slug}/imports':
      return {
        path: `/hubs/${await w.hub()}/imports`,
        body: {
          csv: 'kind,title,category,quantity,unit,condition\noffcut,Birch offcuts,birch-plywood,3,sheets,good\n',
          dryRun: true,
        },
      };
    case 'DELETE /listings/{id}/photos/{photoId}':
      return { path: `/listings/${await w.listing()}/photos/${await w.photo()}` };
    case 'POST /listings/{id}/claims': {
      const hub = actor === 'otherHub' ? h2 : await w.hub();
      return {
        path: `/listings/${await w.listing()}/claims`,
        body: { hub, quantity: 1, message: 'For a workshop' },
      };
    }
    case 'POST /listings/{id}/questions': {
      const hub = actor === 'otherHub' ? h2 : await w.hub();
      return { path: `/listings/${await w.listing()}/questions`, body: { hub, body: 'Is it dry?' } };
    }
    case 'POST /requests':
      return {
        path: '/requests',
        body: {
          hub: await w.hub(),
          title: 'Acrylic wanted',
          category: 'birch-plywood',
          quantity: 1,
          unit: 'sheets',
        },
      };
    case 'PATCH /requests/{id}':
      return { path: `/requests/${await w.request()}`, body: { title: 'Birch plywood, still wanted' } };
    case 'DELETE /requests/{id}':
      return { path: `/requests/${await w.request()}` };
    case 'POST /networks':
      return { path: '/networks', body: { slug: `net-${uniq()}`, name: 'A network' } };
    case 'PATCH /networks/{slug}':
      return { path: `/networks/${await w.network()}`, body: { name: 'Renamed network' } };
    case 'PATCH /networks/{slug}/method':
      return { path: `/networks/${await w.network()}/method`, body: { transport: false } };
    case 'PUT /networks/{slug}/hubs/{hub}':
      return { path: `/networks/${await w.network()}/hubs/${h3}` };
    case 'DELETE /networks/{slug}/hubs/{hub}':
      return { path: `/networks/${await w.network()}/hubs/${await w.hub()}` };
    case 'POST /networks/{slug}/coordinators':
      return { path: `/networks/${await w.network()}/coordinators`, body: { email: R.email } };
    case 'DELETE /networks/{slug}/coordinators/{userId}':
      return { path: `/networks/${await w.network()}/coordinators/${X.me.user.id}` };
    case 'POST /networks/{slug}/exchanges/{exchangeId}/recalculate':
      return { path: `/networks/${await w.network()}/exchanges/${await w.done()}/recalculate` };
    case 'POST /matches/{id}/dismiss':
      return { path: `/matches/${await w.match()}/dismiss` };
    case 'POST /notifications/read':
      return { path: '/notifications/read', body: { all: true } };
    case 'PUT /notifications/preferences':
      return { path: '/notifications/preferences', body: { kind: NOTIFICATION_KINDS[0], mode: 'daily' } };
    case 'POST /saved-searches':
      return { path: '/saved-searches', body: { name: 'Oak', query: { q: 'oak' } } };
    case 'DELETE /saved-searches/{id}':
      return { path: `/saved-searches/${await w.saved()}` };
    case 'POST /hubs/{slug}/machines':
      return { path: `/hubs/${await w.hub()}/machines`, body: { ...MACHINE_BODY } };
    case 'PATCH /machines/{id}':
      return { path: `/machines/${await w.machine()}`, body: { name: 'Renamed laser' } };
    case 'POST /machines/{id}/bookings': {
      const n = slot++;
      const hour = String(8 + (n % 10)).padStart(2, '0');
      const next = String(9 + (n % 10)).padStart(2, '0');
      return {
        path: `/machines/${await w.machine()}/bookings`,
        body: {
          startsAt: at(3 + Math.floor(n / 10), `${hour}:00`),
          endsAt: at(3 + Math.floor(n / 10), `${next}:00`),
        },
      };
    }
    case 'DELETE /bookings/{id}': {
      const n = slot++;
      const hour = String(8 + (n % 10)).padStart(2, '0');
      const next = String(9 + (n % 10)).padStart(2, '0');
      const day = 3 + Math.floor(n / 10);
      const res = await call(`/machines/${await w.machine()}/bookings`, {
        session: U.session,
        body: { startsAt: at(day, `${hour}:00`), endsAt: at(day, `${next}:00`) },
      });
      return { path: `/bookings/${(await ok(res, 201)).id as number}` };
    }
    case 'POST /machines/{id}/training-requests':
      return { path: `/machines/${await w.trainedMachine()}/training-requests`, body: { message: 'Please' } };
    case 'POST /hubs/{slug}/training-requests/{id}/record':
      return {
        path: `/hubs/${await w.hub()}/training-requests/${await w.trainingRequest()}/record`,
        body: { completedOn: '2026-01-15' },
      };
    case 'POST /hubs/{slug}/training-requests/{id}/decline':
      return { path: `/hubs/${await w.hub()}/training-requests/${await w.trainingRequest()}/decline` };
    case 'POST /hubs/{slug}/trainings':
      return { path: `/hubs/${await w.hub()}/trainings`, body: { name: `Router ${uniq()}`, level: 2 } };
    case 'POST /hubs/{slug}/trainings/{trainingId}/records':
      return {
        path: `/hubs/${await w.hub()}/trainings/${await w.training()}/records`,
        body: { email: X.email, completedOn: '2026-01-15' },
      };
    case 'DELETE /hubs/{slug}/trainings/{trainingId}/records/{userId}':
      return { path: `/hubs/${await w.hub()}/trainings/${await w.training()}/records/${U.me.user.id}` };
    case 'PUT /hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}':
    case 'DELETE /hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}':
      return { path: `/hubs/${await w.hub()}/trainings/${await w.training()}/accepted/${t2}` };
    case 'POST /exchanges/{id}/accept':
    case 'POST /exchanges/{id}/decline':
    case 'POST /exchanges/{id}/cancel':
    case 'POST /exchanges/{id}/dispute':
    case 'POST /exchanges/{id}/messages': {
      const action = key.split('/')[3]!;
      const id = await exchangeIn(await w.hub(), action === 'dispute' ? 'handed_over' : 'requested');
      const body =
        action === 'dispute'
          ? { reason: 'Not as described' }
          : action === 'messages'
            ? { body: 'Hello' }
            : {};
      return { path: `/exchanges/${id}/${action}`, body };
    }
    case 'POST /exchanges/{id}/handover':
      return {
        path: `/exchanges/${await exchangeIn(await w.hub(), 'accepted')}/handover`,
        body: { quantity: 1 },
      };
    case 'POST /exchanges/{id}/confirm':
      return { path: `/exchanges/${await exchangeIn(await w.hub(), 'handed_over')}/confirm`, body: {} };
    case 'POST /exchanges/{id}/outcome':
      return {
        path: `/exchanges/${await exchangeIn(await w.hub(), 'completed')}/outcome`,
        body: { body: 'Made stools' },
      };
    case 'POST /exchanges/{id}/outcomes/{outcomeId}/photo': {
      const id = await exchangeIn(await w.hub(), 'completed');
      const res = await call(`/exchanges/${id}/outcome`, {
        session: R.session,
        body: { body: 'Made stools' },
      });
      const outcome = ((await ok(res, 201)).outcomes as { id: number }[])[0]!.id;
      return { path: `/exchanges/${id}/outcomes/${outcome}/photo`, form: photoForm(PNG_BYTES) };
    }
    case 'POST /flows/{id}/reversals':
      return { path: `/flows/${await w.flow()}/reversals`, body: { reason: 'Entered twice' } };
    case 'POST /hubs/{slug}/streams':
      return { path: `/hubs/${await w.hub()}/streams`, body: { ...STREAM_BODY, startDate: tomorrow() } };
    case 'PATCH /streams/{id}':
      return { path: `/streams/${await w.stream()}`, body: { status: 'ended' } };
    case 'POST /streams/{id}/subscriptions': {
      const hub = actor === 'otherHub' ? h2 : await w.hub();
      return { path: `/streams/${await w.stream()}/subscriptions`, body: { hub, occurrences: 2 } };
    }
    case 'DELETE /streams/{id}/subscriptions/{subscriptionId}': {
      // A fresh stream of H3 each time: H holds at most one active subscription per stream.
      const made = await call(`/hubs/${h3}/streams`, {
        session: R.session,
        body: { ...STREAM_BODY, startDate: tomorrow() },
      });
      const streamId = (await ok(made, 201)).id as number;
      const sub = await call(`/streams/${streamId}/subscriptions`, {
        session: M.session,
        body: { hub: await w.hub(), occurrences: 2 },
      });
      return { path: `/streams/${streamId}/subscriptions/${(await ok(sub, 201)).id as number}` };
    }
    default:
      throw new Error(`no target for ${key}`);
  }
}

const LISTING_BODY = {
  kind: 'offcut',
  title: 'Oak offcuts',
  category: 'birch-plywood',
  quantity: 3,
  unit: 'sheets',
  condition: 'good',
};
const STREAM_BODY = {
  kind: 'offcut',
  title: 'Birch offcuts every week',
  category: 'birch-plywood',
  quantity: 15,
  unit: 'kg',
  condition: 'good',
  repeats: 'weekly',
  occurrences: 4,
};
// Tomorrow in the hubs' zone (Brussels), so a new stream never starts in the past.
const tomorrow = () =>
  new Date(Date.parse(`${localDate('Europe/Brussels', Date.now())}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
const MACHINE_BODY = {
  type: 'laser_cutter',
  name: 'Second laser',
  slotMinutes: 30,
  windows: [{ weekday: 1, start: '08:00', end: '20:00' }],
};

/** Sessions for routes that end the caller's session: a fresh login, so the shared ones survive. */
async function sessionFor(key: string, actor: Actor): Promise<Session | null> {
  const person = actorPerson(actor);
  if (!person) return null;
  if (key !== 'POST /auth/logout' && key !== 'DELETE /me/sessions') return person.session;
  const res = await call('/auth/login', { body: { email: person.email, password: 'correct horse battery' } });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
}

async function send(method: string, t: Target, session: Session | null): Promise<Response> {
  if (t.form) {
    const headers: Record<string, string> = { origin: 'http://127.0.0.1:8787', 'accept-language': 'en' };
    if (session?.cookie) headers.cookie = session.cookie;
    return fetchApp(t.path, { method, headers, body: t.form });
  }
  return fetchApp(t.path, jsonInit(method, t.body, session));
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let ops: Op[];

beforeAll(async () => {
  const [M, U, O, K, R, X] = await Promise.all([signup(), signup(), signup(), signup(), signup(), signup()]);
  people = { M: M!, U: U!, O: O!, K: K!, R: R!, X: X! };
  h2 = (await createHub(O!.session)).slug;
  h3 = (await createHub(R!.session, { lat: 50.85, lon: 4.35, city: 'Brussels' })).slug;
  const n2 = await createNetwork(K!.session);
  // K coordinates another network, which has invited O's hub.
  expect((await call(`/networks/${n2.slug}/hubs/${h2}`, { session: K!.session, method: 'PUT' })).status).toBe(
    200,
  );
  t2 = (await createTraining(O!.session, h2, 'Laser basics')).id;
  ops = (await loadOps()).filter((o) => UNSAFE.has(o.method));
  tables = await dataTables();
}, 60_000);

describe('authorization matrix', () => {
  it('classifies every unsafe route of the OpenAPI document', () => {
    const keys = ops.map((o) => `${o.method} ${o.path}`);
    expect(
      keys.filter((k) => !(k in EXPECT)),
      'routes without an expectation: add them to EXPECT',
    ).toEqual([]);
    expect(
      Object.keys(EXPECT).filter((k) => !keys.includes(k)),
      'expectations for routes that no longer exist',
    ).toEqual([]);
  });

  it('answers each cell as expected; a denied call changes nothing', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      const row = EXPECT[key];
      if (!row) continue;
      const w = world();
      // Refusals first, then the allowed calls (manager last), so an allowed call cannot hide a refusal.
      const order = [...ACTORS].sort((a, b) => rank(row[a]) - rank(row[b]));
      for (const actor of order) {
        const cell = row[actor];
        const t = await target(key, w, actor);
        const session = await sessionFor(key, actor);
        const before = cell === 'U' || cell === 'D' ? await fingerprint(tables) : null;
        const res = await send(op.method, t, session);
        const text = await res.text();
        cells++;
        // Signing out everywhere ends the shared session too: sign the person in again.
        if (key === 'DELETE /me/sessions' && actor !== 'anonymous') {
          actorPerson(actor)!.session.cookie = (await sessionFor('POST /auth/logout', actor))!.cookie;
        }
        const s = res.status;
        const good =
          cell === 'U'
            ? s === 401
            : cell === 'D'
              ? s === 403 || s === 404
              : cell === 'OK'
                ? s >= 200 && s < 300
                : ![401, 403, 404].includes(s) && s < 500;
        if (!good) failures.push(`${key} as ${actor}: expected ${cell}, got ${s} ${text.slice(0, 160)}`);
        if (before) {
          const after = await fingerprint(tables);
          const changed = tables.filter((tb) => before[tb] !== after[tb]);
          if (changed.length)
            failures.push(`${key} as ${actor}: denied (${s}) but changed ${changed.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(ops.length * ACTORS.length);
  });
});

const rank = (c: Cell) => ({ U: 0, D: 1, P: 2, OK: 3 })[c];

/** Fields a client must never be able to set: a strict body refuses them (422) and nothing changes. */
const MASS = {
  id: 999999,
  hubId: 1,
  hub_id: 1,
  authorId: 1,
  userId: 1,
  status: 'withdrawn',
  state: 'completed',
  createdAt: '2000-01-01T00:00:00Z',
  role: 'manager',
  isCoordinator: true,
};

describe('mass assignment', () => {
  it('refuses ids, hub, author, state and timestamps on every JSON write', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let tried = 0;
    // One world will do: a strict body is refused before any use case runs.
    const w = world();
    for (const op of ops.filter((o) => o.media === 'application/json')) {
      const key = `${op.method} ${op.path}`;
      const t = await target(key, w, 'manager');
      const session = await sessionFor(key, 'manager');
      const allowed = propertiesOf(op.bodySchema);
      // One fingerprint around the route's whole batch: unchanged after all means unchanged after each.
      const before = await fingerprint(tables);
      for (const [field, value] of Object.entries(MASS)) {
        if (field in allowed) continue; // a real field of this route (e.g. a request's status)
        const body = { ...(t.body as Record<string, unknown>), [field]: value };
        const res = await send(op.method, { ...t, body }, session);
        tried++;
        const text = await res.text();
        // Refused for that field (named in the 422), not for something else in the body.
        if (res.status !== 422 || !text.includes(field))
          failures.push(`${key} + ${field}: ${res.status} ${text.slice(0, 200)}`);
      }
      const after = await fingerprint(tables);
      const changed = tables.filter((tb) => before[tb] !== after[tb]);
      if (changed.length) failures.push(`${key} + mass fields: changed ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(200);
  });
});
