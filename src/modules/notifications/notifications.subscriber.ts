/** Tells people what happened, as the one table (notifications.rules.ts) says. */
import type { EventDeps, Subscriber } from '../events/events.service';
import type { DomainEvent } from '../events/events.kinds';
import { memberIdsOfHubs } from '../hubs/hubs.service';
import type { NewNotification } from './notifications.repo';
import { NOTIFIED_EVENT_KINDS, rulesFor } from './notifications.rules';
import { notify } from './notifications.service';

/**
 * Everyone an event's rules reach, without the person who acted, as notifications: one read of
 * the hubs' members for all rows, then `notify` (a fixed number of statements however large the hubs).
 */
export async function notificationsFor(deps: EventDeps, event: DomainEvent): Promise<NewNotification[]> {
  const rows = rulesFor(event.kind).map((r) => ({ r, audience: r.to(event) }));
  const allHubs = [...new Set(rows.flatMap((x) => x.audience.hubs))];
  const managerHubs = [...new Set(rows.flatMap((x) => x.audience.managersOf ?? []))];
  const membersByHub = await memberIdsOfHubs(deps, allHubs);
  const managersByHub = await memberIdsOfHubs(deps, managerHubs, { managersOnly: true });
  const items: NewNotification[] = [];
  for (const { r, audience } of rows) {
    const people = new Set([
      ...audience.users,
      ...audience.hubs.flatMap((h) => membersByHub.get(h) ?? []),
      ...(audience.managersOf ?? []).flatMap((h) => managersByHub.get(h) ?? []),
    ]);
    if (event.actorId !== null) people.delete(event.actorId);
    const payload = r.payload(event);
    for (const userId of people)
      items.push({ userId, kind: r.notify, dedupeKey: `event:${event.id}:${r.notify}`, payload });
  }
  return items;
}

export const notificationsSubscriber: Subscriber = {
  name: 'notifications',
  on: NOTIFIED_EVENT_KINDS,
  handle: async (deps, event) => {
    const items = await notificationsFor(deps, event);
    if (items.length) await notify(deps, items);
  },
};
