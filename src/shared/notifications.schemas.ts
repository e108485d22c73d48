/**
 * The notifications contract: kinds, settings, the bell and the mailbox.
 */
import { z } from 'zod';
import { ZTimestamp } from './common.schemas';

/** Every kind of notification, one entry each (who receives it: src/modules/notifications/notifications.rules.ts). */
export const NOTIFICATION_KINDS = [
  'request_match',
  'saved_search',
  'moderation',
  'claim_received',
  'claim_answered',
  'claim_cancelled',
  'claim_expired',
  'handover_recorded',
  'exchange_completed',
  'exchange_disputed',
  'exchange_message',
  'booking_changed',
  'stream_occurrence',
  'join_request_received',
  'join_request_answered',
  'training_requested',
  'training_answered',
] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const NOTIFICATION_MODES = ['immediate', 'daily', 'off'] as const;
export const ZNotificationMode = z.enum(NOTIFICATION_MODES);
export type TNotificationMode = z.infer<typeof ZNotificationMode>;

/** What a notification is about; titles are the people's own words, never ours. */
export const ZNotificationPayload = z.object({
  /** Absent only on a moderation notice about a request. */
  listingId: z.number().int().optional(),
  listingTitle: z.string().optional(),
  requestId: z.number().int().optional(),
  requestTitle: z.string().optional(),
  savedSearchId: z.number().int().optional(),
  savedSearchName: z.string().optional(),
  score: z.number().int().optional(),
  /** A coordinator hid or restored the person's listing or request (kind 'moderation'). */
  moderation: z
    .object({
      itemType: z.enum(['listing', 'request']),
      action: z.enum(['hidden', 'restored']),
      reason: z.string(),
    })
    .optional(),
  /** The exchange a claim, handover or message belongs to. */
  exchangeId: z.number().int().optional(),
  /** The hub that gives (the listing's) and the hub that receives (the claimant's). */
  fromHubName: z.string().optional(),
  toHubName: z.string().optional(),
  /** A question about a listing before any claim, or its answer (kind 'exchange_message'; no exchange yet). */
  question: z.enum(['asked', 'answered']).optional(),
  /** The hub whose member acted (wrote the message, made the booking …). */
  hubName: z.string().optional(),
  /** A claim's answer (kind 'claim_answered'), a booking's change (kind 'booking_changed'). */
  answer: z.enum(['accepted', 'declined']).optional(),
  bookingChange: z.enum(['made', 'cancelled']).optional(),
  /** Until when the person can act (a handover to confirm or dispute). */
  deadline: z.string().optional(),
  machineId: z.number().int().optional(),
  machineName: z.string().optional(),
  startsAt: z.string().optional(),
  streamId: z.number().int().optional(),
  streamTitle: z.string().optional(),
  /** A join request's hub and the person who asked (kinds 'join_request_*'). */
  hubSlug: z.string().optional(),
  personName: z.string().optional(),
  /** The training a person asked for (kind 'training_requested'). */
  trainingName: z.string().optional(),
  /** How the hub answered a training request (kind 'training_answered'). */
  trainingAnswer: z.enum(['recorded', 'declined']).optional(),
  /** Whether an occurrence was published for the hub or occurrences were reserved (kind 'stream_occurrence'). */
  streamChange: z.enum(['published', 'reserved']).optional(),
});
export type TNotificationPayload = z.infer<typeof ZNotificationPayload>;

export const ZNotification = z.object({
  id: z.number().int(),
  kind: ZNotificationKind,
  payload: ZNotificationPayload,
  createdAt: ZTimestamp,
  readAt: ZTimestamp.nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  cursor: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ZNotificationPage = z.object({
  items: z.array(ZNotification),
  unreadCount: z.number().int(),
  nextCursor: z.number().int().nullable(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

/** Mark some notifications (by id) or all of them as read. */
export const ZNotificationReadInput = z
  .strictObject({
    ids: z.array(z.number().int().min(1)).min(1).max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), {
    message: 'ids_or_all',
    path: ['ids'],
  });
export type TNotificationReadInput = z.infer<typeof ZNotificationReadInput>;

export const ZUnreadCount = z.object({ unreadCount: z.number().int() });

export const ZNotificationPreference = z.object({ kind: ZNotificationKind, mode: ZNotificationMode });
export type TNotificationPreference = z.infer<typeof ZNotificationPreference>;
export const ZNotificationPreferences = z.object({ items: z.array(ZNotificationPreference) });
export const ZNotificationPreferenceInput = z.strictObject({
  kind: ZNotificationKind,
  mode: ZNotificationMode,
});
export type TNotificationPreferenceInput = z.infer<typeof ZNotificationPreferenceInput>;

export const ZMailboxItem = z.object({
  id: z.number().int(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  locale: z.enum(['nl', 'fr', 'en']),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
});
export type TMailboxItem = z.infer<typeof ZMailboxItem>;
export const ZMailbox = z.object({ items: z.array(ZMailboxItem) });
