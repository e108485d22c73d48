/**
 * The matching contract: estimated mass, match reasons and matches.
 * Match reasons are codes with numbers, never prose: the web app words them in the reader's language.
 */
import { z } from 'zod';
import { CONDITIONS, ZListingKind, ZUnit } from './common.schemas';
import { ZHubSummary } from './hubs.schemas';

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
