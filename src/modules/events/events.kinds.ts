/**
 * Every kind of event, one entry each: its name and the payload it carries (checked when it is
 * recorded and when it is dispatched). Payloads carry the facts subscribers need (hubs, people,
 * titles) so a subscriber does not read another module's tables.
 */
import { z } from 'zod';

const ZExchangeFacts = z.object({
  listingId: z.number().int(),
  listingTitle: z.string(),
  fromHubId: z.number().int(),
  fromHubName: z.string(),
  toHubId: z.number().int(),
  toHubName: z.string(),
  claimedBy: z.number().int(),
  /** The hub whose person recorded the handover (handover, confirm, dispute, finalise). */
  handoverHubId: z.number().int().nullable().optional(),
  /** When the other side must confirm or dispute a handover. */
  confirmBy: z.string().nullable().optional(),
  requestId: z.number().int().nullable().optional(),
});

const ZBookingFacts = z.object({
  machineId: z.number().int(),
  machineName: z.string(),
  hubId: z.number().int(),
  userId: z.number().int(),
  startsAt: z.string(),
});

export const EVENT_KINDS = {
  /** A listing was created, edited, withdrawn, hidden or restored: subject = listing. */
  'listing.changed': z.object({}),
  /** A request was created, edited, withdrawn, hidden or restored: subject = request. */
  'request.changed': z.object({}),
  /** An import's rows became listings: subject = import. */
  'import.finished': z.object({}),
  /** A move of an exchange: subject = exchange. */
  'exchange.claimed': ZExchangeFacts,
  'exchange.accepted': ZExchangeFacts,
  'exchange.declined': ZExchangeFacts,
  'exchange.cancelled': ZExchangeFacts,
  'exchange.expired': ZExchangeFacts,
  'exchange.handed_over': ZExchangeFacts,
  'exchange.completed': ZExchangeFacts,
  'exchange.disputed': ZExchangeFacts,
  /** A message in an exchange: subject = exchange; `hubId` is the hub the author wrote for. */
  'exchange.message': ZExchangeFacts.extend({ hubId: z.number().int() }),
  /** A machine booking made or cancelled: subject = booking; `userId` is the person it is for. */
  'booking.made': ZBookingFacts,
  'booking.cancelled': ZBookingFacts,
  /** A person asked a machine's hub for the machine's required training: subject = the request. */
  'training.requested': z.object({
    trainingId: z.number().int(),
    trainingName: z.string(),
    machineId: z.number().int(),
    machineName: z.string(),
    hubId: z.number().int(),
    hubSlug: z.string(),
    hubName: z.string(),
    personName: z.string(),
  }),
  /** A machine hub's manager recorded or declined a training request: subject = the request. */
  'training.answered': z.object({
    trainingName: z.string(),
    machineId: z.number().int(),
    machineName: z.string(),
    hubName: z.string(),
    userId: z.number().int(),
    answer: z.enum(['recorded', 'declined']),
  }),
  /** A hub reserved occurrences of another hub's stream: subject = the subscription. */
  'stream.reserved': z.object({
    streamId: z.number().int(),
    streamTitle: z.string(),
    hubId: z.number().int(),
    reservedHubId: z.number().int(),
    reservedHubName: z.string(),
  }),
  /** A stream occurrence became a listing: subject = the listing; `reservedHubId` reserved it. */
  'stream.occurrence_published': z.object({
    streamId: z.number().int(),
    streamTitle: z.string(),
    hubId: z.number().int(),
    reservedHubId: z.number().int().nullable(),
  }),
  /**
   * A question about a listing, or an answer to one: subject = the message. `askingHubId` names
   * the thread; `authorHubId` is the side that wrote (the asking hub, or the listing's hub).
   */
  'listing.question': z.object({
    listingId: z.number().int(),
    listingTitle: z.string(),
    listingHubId: z.number().int(),
    askingHubId: z.number().int(),
    authorHubId: z.number().int(),
    authorHubName: z.string(),
  }),
  /** A person asked to join a hub: subject = the join request. */
  'hub.join_requested': z.object({
    hubId: z.number().int(),
    hubSlug: z.string(),
    hubName: z.string(),
    personName: z.string(),
  }),
  /** A hub's manager accepted or declined a join request: subject = the join request. */
  'hub.join_decided': z.object({
    hubId: z.number().int(),
    hubSlug: z.string(),
    hubName: z.string(),
    userId: z.number().int(),
    answer: z.enum(['accepted', 'declined']),
  }),
} satisfies Record<string, z.ZodType>;

export type EventKind = keyof typeof EVENT_KINDS;
export type EventPayload<K extends EventKind> = z.infer<(typeof EVENT_KINDS)[K]>;
export type TExchangeEventFacts = z.infer<typeof ZExchangeFacts>;

/** An event as subscribers receive it. */
export type DomainEvent<K extends EventKind = EventKind> = {
  [k in K]: {
    id: number;
    kind: k;
    subjectId: number | null;
    actorId: number | null;
    payload: EventPayload<k>;
    createdAt: string;
  };
}[K];

export const isEventKind = (k: string): k is EventKind => Object.hasOwn(EVENT_KINDS, k);
