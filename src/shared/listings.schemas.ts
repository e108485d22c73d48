/**
 * The listings contract: what a listing offers, its cross-field rules, the listing as answered.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import {
  somethingToChange,
  ZCategorySlug,
  ZComingDate,
  ZCondition,
  ZDate,
  ZListingKind,
  ZLocale,
  ZMillimetres,
  ZPriceType,
  ZQuantity,
  ZTimestamp,
  ZUnit,
} from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { ZPhoto } from './photos.schemas';
import { lineText as text, multilineText } from './user-input';
import type { RuleKey } from './validation';

/** What a listing offers, shared with the recurring stream that publishes listings. */
export const listingOfferFields = {
  kind: ZListingKind,
  title: text(3, 120),
  description: multilineText(0, 5000).default(''),
  category: ZCategorySlug,
  quantity: ZQuantity,
  unit: ZUnit,
  lengthMm: ZMillimetres.nullable().optional(),
  widthMm: ZMillimetres.nullable().optional(),
  thicknessMm: ZMillimetres.nullable().optional(),
  condition: ZCondition,
  priceType: ZPriceType.default('free'),
  priceCents: z.number().int().min(0).max(10_000_000).nullable().optional(),
};

const listingFields = {
  ...listingOfferFields,
  availableFrom: ZDate.nullable().optional(),
  availableUntil: ZDate.nullable().optional(),
  /** The language it is written in; the author's language when not given. */
  lang: ZLocale.optional(),
  /** The machine a machine_time listing offers: one of the listing's hub's machines. */
  machineId: z.number().int().min(1).nullable().optional(),
};

type ListingRuleInput = {
  kind?: string;
  unit?: string;
  priceType?: string;
  priceCents?: number | null;
  availableFrom?: string | null;
  availableUntil?: string | null;
  machineId?: number | null;
};

/** Cross-field rules of a listing, shared by create and (on the merged result) edit. */
export function listingIssues(v: ListingRuleInput): { path: string; message: RuleKey }[] {
  const issues: { path: string; message: RuleKey }[] = [];
  if (v.priceType === 'amount' && (v.priceCents === null || v.priceCents === undefined))
    issues.push({ path: 'priceCents', message: 'price_required' });
  if (v.priceType !== undefined && v.priceType !== 'amount' && v.priceCents)
    issues.push({ path: 'priceCents', message: 'price_only_for_amount' });
  if (v.kind === 'machine_time' && v.unit !== undefined && v.unit !== 'hours')
    issues.push({ path: 'unit', message: 'machine_time_hours' });
  if (v.machineId && v.kind !== undefined && v.kind !== 'machine_time')
    issues.push({ path: 'machineId', message: 'machine_only_for_machine_time' });
  if (v.availableFrom && v.availableUntil && v.availableUntil < v.availableFrom)
    issues.push({ path: 'availableUntil', message: 'until_after_from' });
  return issues;
}

export const ZListingInput = z
  .strictObject({
    ...listingFields,
    availableUntil: ZComingDate.nullable().optional(),
    hub: z.string().min(1).max(60),
  })
  .superRefine((v, ctx) => {
    for (const i of listingIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  });
export type TListingInput = z.input<typeof ZListingInput>;

export const ZListingPatch = z
  // Without the create defaults: an edit changes only what it sends.
  .strictObject({ ...listingFields, description: multilineText(0, 5000), priceType: ZPriceType })
  .partial()
  .refine(...somethingToChange);
export type TListingPatch = z.input<typeof ZListingPatch>;

export const ZListing = z.object({
  id: z.number().int(),
  kind: ZListingKind,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  quantity: z.number(),
  /** What is left to claim: the quantity minus what accepted exchanges hold; 0 shows as taken. */
  quantityRemaining: z.number(),
  unit: ZUnit,
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  thicknessMm: z.number().nullable(),
  condition: ZCondition,
  priceType: ZPriceType,
  priceCents: z.number().int().nullable(),
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
  /** The language its title and description are written in. */
  lang: ZLocale,
  hub: ZHubSummary,
  author: ZPerson,
  photos: z.array(ZPhoto),
  /** Distance in km from the `near` point of a search, else null. */
  distanceKm: z.number().nullable(),
  /** Whether the viewer may edit or withdraw it. */
  canEdit: z.boolean(),
  /** Set when a network coordinator hid it (shown only to those who still see it: author, managers, coordinators). */
  hiddenAt: ZTimestamp.nullable().optional(),
  hiddenReason: z.string().nullable().optional(),
  /** The recurring stream and occurrence it was published for, else null. */
  stream: z.object({ id: z.number().int(), seq: z.number().int() }).nullable(),
  /** The machine a machine_time listing offers (book it on the listing's page), else null. */
  machineId: z.number().int().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TListing = z.infer<typeof ZListing>;
