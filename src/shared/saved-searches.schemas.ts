/**
 * The saved searches contract: a search kept to be told of new listings.
 */
import { z } from 'zod';
import { ZCategorySlug, ZTimestamp } from './common.schemas';
import { lineText } from './user-input';

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
