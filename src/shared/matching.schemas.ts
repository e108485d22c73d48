/**
 * The contract of matching, notifications and saved searches, shared by the Worker and the web app.
 * Match reasons are codes with numbers, never prose: the web app words them in the reader's language.
 */
import { z } from 'zod';
import { CONDITIONS, ZCategorySlug, ZHubSummary, ZListingKind, ZUnit } from './schemas';
import { lineText } from './user-input';

const ZTimestamp = z.string();

// ---------- mass ----------

/**
 * A mass estimated from dimensions and the category's typical density: a value and a range, in
 * whole grams (the one mass rule, src/shared/mass.ts) and in kg with one decimal for reading.
 */
export const ZMassEstimate = z.object({
  grams: z.number().int(),
  lowGrams: z.number().int(),
  highGrams: z.number().int(),
  kg: z.number(),
  lowKg: z.number(),
  highKg: z.number(),
  estimated: z.literal(true),
});
export type TMassEstimate = z.infer<typeof ZMassEstimate>;

// ---------- match reasons ----------

export const CLOSENESS = ['same', 'within', 'broader', 'family'] as const;

export const ZMatchReason = z.discriminatedUnion('code', [
  /** How close the listing's category is to the request's (same > within > broader > family). */
  z.object({ code: z.literal('category'), closeness: z.enum(CLOSENESS), category: z.string() }),
  z.object({ code: z.literal('distance'), km: z.number() }),
  /** How much of the request the listing covers, in the request's unit. */
  z.object({ code: z.literal('coverage'), covered: z.number(), needed: z.number(), unit: ZUnit }),
  /** Units differ and cannot be converted: coverage is unknown. */
  z.object({ code: z.literal('coverage_unknown') }),
  /** Parts of the requested size that fit on one sheet, and on all of them. */
  z.object({ code: z.literal('parts_fit'), perSheet: z.number().int(), total: z.number().int() }),
  /** The request gives a part size but the listing has no dimensions to check it against. */
  z.object({ code: z.literal('size_unknown') }),
  z.object({ code: z.literal('available_until'), date: z.string() }),
  z.object({ code: z.literal('available_from'), date: z.string() }),
  z.object({ code: z.literal('condition'), condition: z.enum(CONDITIONS) }),
  /** The listing expires soon: taking it saves it from being wasted. */
  z.object({ code: z.literal('expires_soon'), days: z.number().int() }),
]);
export type TMatchReason = z.infer<typeof ZMatchReason>;

// ---------- matches ----------

export const MATCH_STATES = ['open', 'dismissed', 'stale'] as const;

export const ZMatchedListing = z.object({
  id: z.number().int(),
  kind: ZListingKind,
  title: z.string(),
  category: z.string(),
  /** The listing's whole quantity. */
  quantity: z.number(),
  /** What is left to claim: the quantity minus what accepted exchanges hold. */
  quantityRemaining: z.number(),
  unit: ZUnit,
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  thicknessMm: z.number().nullable(),
  availableUntil: z.string().nullable(),
  hub: ZHubSummary,
  /** The listing's first photo (served at `url`), or null: cards then draw its category family. */
  photo: z.object({ id: z.number().int(), url: z.string() }).nullable(),
  /** Estimated when the listing gives dimensions but its unit is not a mass; else null. */
  mass: ZMassEstimate.nullable(),
});

export const ZRequestMatch = z.object({
  id: z.number().int(),
  score: z.number().int().min(0).max(100),
  reasons: z.array(ZMatchReason),
  partsFit: z.number().int().nullable(),
  distanceKm: z.number(),
  state: z.enum(MATCH_STATES),
  /** The request's hub already has an open or finished exchange on this listing. */
  claimedByHub: z.boolean(),
  listing: ZMatchedListing,
});
export type TRequestMatch = z.infer<typeof ZRequestMatch>;

/** Listings that together fill the whole quantity, nearest first. */
export const ZBundle = z.object({
  items: z.array(
    z.object({
      matchId: z.number().int(),
      listingId: z.number().int(),
      take: z.number(),
      distanceKm: z.number(),
    }),
  ),
  covered: z.number(),
  needed: z.number(),
  unit: ZUnit,
  complete: z.boolean(),
  totalDistanceKm: z.number(),
});
export type TBundle = z.infer<typeof ZBundle>;

export const ZRequestMatches = z.object({ items: z.array(ZRequestMatch), bundle: ZBundle.nullable() });
export type TRequestMatches = z.infer<typeof ZRequestMatches>;

export const ZListingMatch = z.object({
  id: z.number().int(),
  score: z.number().int().min(0).max(100),
  reasons: z.array(ZMatchReason),
  partsFit: z.number().int().nullable(),
  distanceKm: z.number(),
  request: z.object({
    id: z.number().int(),
    title: z.string(),
    category: z.string(),
    quantity: z.number(),
    unit: ZUnit,
    neededBy: z.string().nullable(),
    hub: ZHubSummary,
  }),
});
export type TListingMatch = z.infer<typeof ZListingMatch>;

export const ZListingMatches = z.object({
  items: z.array(ZListingMatch),
  /** Estimated mass of the listing itself (dimensions × density), or null. */
  mass: ZMassEstimate.nullable(),
});
export type TListingMatches = z.infer<typeof ZListingMatches>;

export const ZDismissed = z.object({ id: z.number().int(), state: z.enum(MATCH_STATES) });

// ---------- notifications ----------

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
  /** Who reserved occurrences of a stream (kind 'stream_occurrence', change 'reserved'). */
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

// ---------- saved searches ----------

const ZMm = z.number().positive().max(100_000);

export const ZSavedSearchQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional(),
    category: ZCategorySlug.optional(),
    minLengthMm: ZMm.optional(),
    minWidthMm: ZMm.optional(),
    minThicknessMm: ZMm.optional(),
    /** Distance is measured from this hub (its slug) … */
    hub: z.string().min(1).max(60).optional(),
    radiusKm: z.number().int().min(1).max(1000).optional(),
  })
  .refine((v) => v.radiusKm === undefined || v.hub !== undefined, {
    message: 'radius_needs_hub',
    path: ['hub'],
  });
export type TSavedSearchQuery = z.infer<typeof ZSavedSearchQuery>;

export const ZSavedSearchInput = z.strictObject({
  name: lineText(1, 120),
  query: ZSavedSearchQuery,
});
export type TSavedSearchInput = z.infer<typeof ZSavedSearchInput>;

export const ZSavedSearch = z.object({
  id: z.number().int(),
  name: z.string(),
  query: ZSavedSearchQuery,
  createdAt: ZTimestamp,
  lastNotifiedAt: ZTimestamp.nullable(),
});
export type TSavedSearch = z.infer<typeof ZSavedSearch>;
export const ZSavedSearchList = z.object({ items: z.array(ZSavedSearch) });

export const MAX_SAVED_SEARCHES = 20;
