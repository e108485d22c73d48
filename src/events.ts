/**
 * The one place where reactions to events are registered. A service records an event in the
 * batch that makes its change (`recordEvent`, src/modules/events/events.service.ts); what follows
 * from it — matching, notifications, request progress — is a subscriber listed here. Adding a
 * reaction is one entry; no route calls another module's side effect.
 */
import type { ScheduledJob } from './scheduled';
import { dispatchEvents, type EventDeps, type Subscriber } from './modules/events/events.service';
import { matchingSubscriber } from './modules/matching/matching.subscriber';
import { notificationsSubscriber } from './modules/notifications/notifications.subscriber';
import { requestProgressSubscriber } from './modules/request-progress/request-progress.service';
import { mailEnv } from './modules/notifications/notifications.sender';

/**
 * Run in this order for each event: request progress first (a filled request leaves matching),
 * then matching, then notifications (which see fresh matches).
 */
export const SUBSCRIBERS: readonly Subscriber[] = [
  requestProgressSubscriber,
  matchingSubscriber,
  notificationsSubscriber,
];

/**
 * Hands every pending event to its subscribers. Called after each changing request
 * (`waitUntil`), by the scheduled pass, and by a queue consumer (give it the same deps).
 */
export function dispatchPendingEvents(deps: EventDeps, o: { limit?: number; rounds?: number } = {}) {
  return dispatchEvents(deps, SUBSCRIBERS, o);
}

/** The scheduled pass: whatever the after-response dispatch did not finish. */
export const eventsJob: ScheduledJob = {
  name: 'events.dispatch',
  run: ({ db, now, env }) =>
    dispatchPendingEvents({ db, now, baseUrl: mailEnv(env).PUBLIC_URL ?? '' }, { rounds: 20 }),
};
