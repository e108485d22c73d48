/**
 * Who is told what: the one table. Each row turns an event into a notification kind, names its
 * audience (hubs: all their members; users: these people) and what the notification shows.
 * Whoever acted is never told of their own act (the subscriber drops them). Pure: tested row by row.
 */
import type { DomainEvent, EventKind, TExchangeEventFacts } from '../events/events.kinds';
import type { TNotificationKind, TNotificationPayload } from '../../shared/notifications.schemas';

/** Every member of `hubs`, the managers of `managersOf`, and these `users`. */
export type Audience = { hubs: number[]; managersOf?: number[]; users: number[] };

export type NotificationRule<K extends EventKind = EventKind> = {
  on: K;
  notify: TNotificationKind;
  to: (e: DomainEvent<K>) => Audience;
  payload: (e: DomainEvent<K>) => TNotificationPayload;
};

/** Keeps each row's event type precise inside the table. */
const rule = <K extends EventKind>(r: NotificationRule<K>) => r as unknown as NotificationRule;

const hubs = (...ids: (number | null | undefined)[]): Audience => ({
  hubs: ids.filter((id): id is number => typeof id === 'number'),
  users: [],
});
const users = (...ids: number[]): Audience => ({ hubs: [], users: ids });

function exchangePayload(
  e: { subjectId: number | null; payload: TExchangeEventFacts },
  extra: TNotificationPayload = {},
): TNotificationPayload {
  return {
    exchangeId: e.subjectId ?? undefined,
    listingId: e.payload.listingId,
    listingTitle: e.payload.listingTitle,
    fromHubName: e.payload.fromHubName,
    toHubName: e.payload.toHubName,
    ...extra,
  };
}

function bookingPayload(
  p: { machineId: number; machineName: string; startsAt: string },
  change: 'made' | 'cancelled',
): TNotificationPayload {
  return { machineId: p.machineId, machineName: p.machineName, startsAt: p.startsAt, bookingChange: change };
}

/** The hub on the other side of the one that recorded the handover. */
const counterpart = (p: TExchangeEventFacts) => (p.handoverHubId === p.fromHubId ? p.toHubId : p.fromHubId);

export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  // A claim waits for the listing's hub.
  rule({
    on: 'exchange.claimed',
    notify: 'claim_received',
    to: (e) => hubs(e.payload.fromHubId),
    payload: (e) => exchangePayload(e),
  }),
  rule({
    on: 'exchange.accepted',
    notify: 'claim_answered',
    to: (e) => users(e.payload.claimedBy),
    payload: (e) => exchangePayload(e, { answer: 'accepted' }),
  }),
  rule({
    on: 'exchange.declined',
    notify: 'claim_answered',
    to: (e) => users(e.payload.claimedBy),
    payload: (e) => exchangePayload(e, { answer: 'declined' }),
  }),
  // The receiving side cancels (or either, after a dispute): the listing's hub and the claimant hear.
  rule({
    on: 'exchange.cancelled',
    notify: 'claim_cancelled',
    to: (e) => ({ hubs: [e.payload.fromHubId], users: [e.payload.claimedBy] }),
    payload: (e) => exchangePayload(e),
  }),
  rule({
    on: 'exchange.expired',
    notify: 'claim_expired',
    to: (e) => ({ hubs: [e.payload.fromHubId], users: [e.payload.claimedBy] }),
    payload: (e) => exchangePayload(e),
  }),
  // The hub that did not record the handover confirms or disputes it, by the deadline.
  rule({
    on: 'exchange.handed_over',
    notify: 'handover_recorded',
    to: (e) => hubs(counterpart(e.payload)),
    payload: (e) => exchangePayload(e, e.payload.confirmBy ? { deadline: e.payload.confirmBy } : {}),
  }),
  rule({
    on: 'exchange.completed',
    notify: 'exchange_completed',
    to: (e) => hubs(e.payload.fromHubId, e.payload.toHubId),
    payload: (e) => exchangePayload(e),
  }),
  // The hub that recorded the handover hears that it is disputed.
  rule({
    on: 'exchange.disputed',
    notify: 'exchange_disputed',
    to: (e) => hubs(e.payload.handoverHubId),
    payload: (e) => exchangePayload(e),
  }),
  // A message is for the other side of the exchange.
  rule({
    on: 'exchange.message',
    notify: 'exchange_message',
    to: (e) => hubs(e.payload.hubId === e.payload.fromHubId ? e.payload.toHubId : e.payload.fromHubId),
    payload: (e) =>
      exchangePayload(e, {
        hubName: e.payload.hubId === e.payload.fromHubId ? e.payload.fromHubName : e.payload.toHubName,
      }),
  }),
  // A question about a listing is for the listing's hub; its answer for the hub that asked.
  rule({
    on: 'listing.question',
    notify: 'exchange_message',
    to: (e) =>
      hubs(e.payload.authorHubId === e.payload.askingHubId ? e.payload.listingHubId : e.payload.askingHubId),
    payload: (e) => ({
      listingId: e.payload.listingId,
      listingTitle: e.payload.listingTitle,
      hubName: e.payload.authorHubName,
      question: e.payload.authorHubId === e.payload.askingHubId ? 'asked' : 'answered',
    }),
  }),
  // A booking made or cancelled: the machine's hub's managers and the person it is for.
  rule({
    on: 'booking.made',
    notify: 'booking_changed',
    to: (e) => ({ hubs: [], managersOf: [e.payload.hubId], users: [e.payload.userId] }),
    payload: (e) => bookingPayload(e.payload, 'made'),
  }),
  rule({
    on: 'booking.cancelled',
    notify: 'booking_changed',
    to: (e) => ({ hubs: [], managersOf: [e.payload.hubId], users: [e.payload.userId] }),
    payload: (e) => bookingPayload(e.payload, 'cancelled'),
  }),
  // An occurrence published for the hub that reserved it.
  rule({
    on: 'stream.occurrence_published',
    notify: 'stream_occurrence',
    to: (e) => hubs(e.payload.reservedHubId),
    payload: (e) => ({
      streamId: e.payload.streamId,
      streamTitle: e.payload.streamTitle,
      listingTitle: e.payload.streamTitle,
      streamChange: 'published',
      ...(e.subjectId !== null ? { listingId: e.subjectId } : {}),
    }),
  }),
  // Occurrences reserved by a hub: the stream's hub and the reserving hub's other members.
  rule({
    on: 'stream.reserved',
    notify: 'stream_occurrence',
    to: (e) => hubs(e.payload.hubId, e.payload.reservedHubId),
    payload: (e) => ({
      streamId: e.payload.streamId,
      streamTitle: e.payload.streamTitle,
      hubName: e.payload.reservedHubName,
      streamChange: 'reserved',
    }),
  }),
  // A person asks for the training a machine requires: the machine hub's managers decide.
  rule({
    on: 'training.requested',
    notify: 'training_requested',
    to: (e) => ({ hubs: [], managersOf: [e.payload.hubId], users: [] }),
    payload: (e) => ({
      hubSlug: e.payload.hubSlug,
      hubName: e.payload.hubName,
      personName: e.payload.personName,
      trainingName: e.payload.trainingName,
      machineId: e.payload.machineId,
      machineName: e.payload.machineName,
    }),
  }),
  // The person hears how the hub answered their training request.
  rule({
    on: 'training.answered',
    notify: 'training_answered',
    to: (e) => users(e.payload.userId),
    payload: (e) => ({
      hubName: e.payload.hubName,
      trainingName: e.payload.trainingName,
      trainingAnswer: e.payload.answer,
      machineId: e.payload.machineId,
      machineName: e.payload.machineName,
    }),
  }),
  // A join request waits for the hub's managers; the person hears their answer.
  rule({
    on: 'hub.join_requested',
    notify: 'join_request_received',
    to: (e) => ({ hubs: [], managersOf: [e.payload.hubId], users: [] }),
    payload: (e) => ({
      hubSlug: e.payload.hubSlug,
      hubName: e.payload.hubName,
      personName: e.payload.personName,
    }),
  }),
  rule({
    on: 'hub.join_decided',
    notify: 'join_request_answered',
    to: (e) => users(e.payload.userId),
    payload: (e) => ({ hubSlug: e.payload.hubSlug, hubName: e.payload.hubName, answer: e.payload.answer }),
  }),
];

/** The rows for an event's kind. */
export function rulesFor(kind: EventKind): NotificationRule[] {
  return NOTIFICATION_RULES.filter((r) => r.on === kind);
}

/** Event kinds anyone is told about: what the notifications subscriber listens to. */
export const NOTIFIED_EVENT_KINDS: EventKind[] = [...new Set(NOTIFICATION_RULES.map((r) => r.on))];
