/**
 * The contract of recurring streams: a listing that comes back every N weeks or months, its
 * occurrences, and subscriptions of other hubs that reserve them. Shared by the Worker and the web app.
 */
import { z } from 'zod';
import { ZMatchReason } from './matching.schemas';
import { ZPerson } from './accounts.schemas';
import { ZCondition, ZListingKind, ZPriceType, ZUnit } from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { listingIssues, listingOfferFields } from './listings.schemas';
import { ZPathId } from './user-input';
import type { RuleKey } from './validation';

const ZTimestamp = z.string();
const ZDate = z.iso.date();

export const REPEATS = ['weekly', 'monthly'] as const;
export const ZRepeats = z.enum(REPEATS);
export type TRepeats = z.infer<typeof ZRepeats>;

/** A stream must end: after at most this many occurrences, and within this many days of its start. */
export const MAX_OCCURRENCES = 104;
export const MAX_STREAM_DAYS = 731;
/** A subscription reserves at most this many occurrences at once. */
export const MAX_SUBSCRIBE = 52;

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

type StreamRuleInput = {
  kind?: unknown;
  unit?: unknown;
  priceType?: unknown;
  priceCents?: unknown;
  repeats?: unknown;
  every?: unknown;
  dayOfMonth?: unknown;
  startDate?: unknown;
  endDate?: unknown;
  occurrences?: unknown;
};

const isDate = (v: unknown): v is string => typeof v === 'string' && ZDate.safeParse(v).success;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * Cross-field rules of a new stream: it ends (by a date or a number of occurrences, not both),
 * the end comes after the start and within two years, a day of the month only for monthly
 * streams, and the listing's own rules. Written for any input, so it can run beside field errors.
 */
export function streamIssues(v: StreamRuleInput): { path: string; message: RuleKey }[] {
  const issues = listingIssues({
    kind: typeof v.kind === 'string' ? v.kind : undefined,
    unit: typeof v.unit === 'string' ? v.unit : undefined,
    priceType: typeof v.priceType === 'string' ? v.priceType : 'free',
    priceCents: typeof v.priceCents === 'number' ? v.priceCents : null,
  });
  const hasEnd = v.endDate !== undefined && v.endDate !== null;
  const hasCount = v.occurrences !== undefined && v.occurrences !== null;
  if (!hasEnd && !hasCount) issues.push({ path: 'endDate', message: 'stream_end_required' });
  if (hasEnd && hasCount) issues.push({ path: 'occurrences', message: 'stream_end_one' });
  if (v.dayOfMonth !== undefined && v.dayOfMonth !== null && v.repeats === 'weekly')
    issues.push({ path: 'dayOfMonth', message: 'day_of_month_monthly' });
  if (isDate(v.startDate) && isDate(v.endDate)) {
    const days = daysBetween(v.startDate, v.endDate);
    if (days < 0) issues.push({ path: 'endDate', message: 'end_after_start' });
    else if (days > MAX_STREAM_DAYS) issues.push({ path: 'endDate', message: 'stream_too_long' });
    else if (isInt(v.every) && (v.repeats === 'weekly' || v.repeats === 'monthly')) {
      // An upper bound of the count (the domain computes the exact dates).
      const per = v.repeats === 'weekly' ? 7 * v.every : 28 * v.every;
      if (Math.floor(days / per) + 1 > MAX_OCCURRENCES * 1.1)
        issues.push({ path: 'endDate', message: 'stream_too_long' });
    }
  }
  return issues;
}

const onAnyObject = { when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null };

export const ZStreamInput = z
  .strictObject({
    // The listing each occurrence becomes; its quantity is the expected quantity per occurrence.
    ...listingOfferFields,
    repeats: ZRepeats,
    /** Every N weeks or months. */
    every: z.number().int().min(1).max(12).default(1),
    /** Monthly streams: the day of the month (a day past the month's end falls on its last day); default: the start date's. */
    dayOfMonth: z.number().int().min(1).max(31).nullable().optional(),
    startDate: ZDate,
    /** The last possible date (inclusive)… */
    endDate: ZDate.nullable().optional(),
    /** …or the number of occurrences: one of the two. */
    occurrences: z.number().int().min(1).max(MAX_OCCURRENCES).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    for (const i of streamIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  }, onAnyObject);
export type TStreamInput = z.input<typeof ZStreamInput>;

/** Ending a stream keeps what was published and drops the occurrences still to come; withdrawing also hides it. */
export const ZStreamPatch = z.strictObject({ status: z.enum(['ended', 'withdrawn']) });
export type TStreamPatch = z.infer<typeof ZStreamPatch>;

export const STREAM_STATUSES = ['active', 'ended', 'withdrawn'] as const;
export const OCCURRENCE_STATES = ['upcoming', 'reserved', 'published'] as const;

export const ZOccurrence = z.object({
  seq: z.number().int(),
  /** A calendar date in the stream's hub's time zone. */
  dueDate: z.string(),
  state: z.enum(OCCURRENCE_STATES),
  /** Whether a subscription holds it (also once published). */
  reserved: z.boolean(),
  /** The reserving hub, shown to the members of the stream's hub and of that hub; else null. */
  reservedBy: z.object({ slug: z.string(), name: z.string() }).nullable(),
  listingId: z.number().int().nullable(),
  /** The subscriber's exchange, for the members of the two hubs. */
  exchangeId: z.number().int().nullable(),
  /** What was actually handed over from this occurrence's listing (completed exchanges, in the stream's unit). */
  handedOver: z.number(),
});
export type TOccurrence = z.infer<typeof ZOccurrence>;

export const ZStream = z.object({
  id: z.number().int(),
  hub: ZHubSummary.extend({ timezone: z.string() }),
  author: ZPerson,
  kind: ZListingKind,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  quantity: z.number(),
  unit: ZUnit,
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  thicknessMm: z.number().nullable(),
  condition: ZCondition,
  priceType: ZPriceType,
  priceCents: z.number().int().nullable(),
  repeats: ZRepeats,
  every: z.number().int(),
  dayOfMonth: z.number().int().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  occurrenceCount: z.number().int().nullable(),
  status: z.enum(STREAM_STATUSES),
  counts: z.object({
    total: z.number().int(),
    published: z.number().int(),
    reserved: z.number().int(),
    /** Still to come and not reserved: what a subscription can take. */
    free: z.number().int(),
  }),
  /** The next occurrence still to come and not reserved, or null. */
  nextFreeDate: z.string().nullable(),
  /** Total handed over across occurrences, in the stream's unit. */
  handedOver: z.number(),
  canEdit: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TStream = z.infer<typeof ZStream>;

export const ZSubscription = z.object({
  id: z.number().int(),
  streamId: z.number().int(),
  hub: z.object({ slug: z.string(), name: z.string() }),
  createdBy: ZPerson,
  requested: z.number().int(),
  state: z.enum(['active', 'cancelled']),
  /** The occurrences this subscription holds. */
  reserved: z.array(z.object({ seq: z.number().int(), dueDate: z.string() })),
  canCancel: z.boolean(),
  createdAt: ZTimestamp,
});
export type TSubscription = z.infer<typeof ZSubscription>;

export const ZStreamDetail = ZStream.extend({
  occurrences: z.array(ZOccurrence),
  /** Subscriptions the viewer may see: all of them for the stream's hub, their own hubs' otherwise. */
  subscriptions: z.array(ZSubscription),
});
export type TStreamDetail = z.infer<typeof ZStreamDetail>;

export const ZStreamList = z.object({ items: z.array(ZStreamDetail) });
export type TStreamList = z.infer<typeof ZStreamList>;

export const ZSubscribeInput = z.strictObject({
  /** The subscribing hub (one of yours, not the stream's). */
  hub: z.string().min(1).max(60),
  /** How many of the next occurrences to reserve. */
  occurrences: z.number().int().min(1).max(MAX_SUBSCRIBE),
});
export type TSubscribeInput = z.infer<typeof ZSubscribeInput>;

export const ZSubscriptionParam = z.object({
  id: ZPathId,
  subscriptionId: ZPathId,
});

/** A stream as expected supply for a request: scored like a listing, with its next free occurrence. */
export const ZStreamSupply = z.object({
  stream: ZStream,
  score: z.number().int(),
  reasons: z.array(ZMatchReason),
  distanceKm: z.number(),
  nextFreeDate: z.string(),
  freeOccurrences: z.number().int(),
  /** Expected per occurrence, in the stream's unit. */
  expectedQuantity: z.number(),
});
export type TStreamSupply = z.infer<typeof ZStreamSupply>;

export const ZStreamSupplyList = z.object({ items: z.array(ZStreamSupply) });
export type TStreamSupplyList = z.infer<typeof ZStreamSupplyList>;
