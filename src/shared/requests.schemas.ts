/**
 * The requests contract: what a member asks for, and the request as answered.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import {
  somethingToChange,
  ZCategorySlug,
  ZComingDate,
  ZDate,
  ZLocale,
  ZMillimetres,
  ZQuantity,
  ZTimestamp,
  ZUnit,
} from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { lineText as text, multilineText } from './user-input';

const requestFields = {
  title: text(3, 120),
  description: multilineText(0, 5000).default(''),
  category: ZCategorySlug,
  quantity: ZQuantity,
  unit: ZUnit,
  minLengthMm: ZMillimetres.nullable().optional(),
  minWidthMm: ZMillimetres.nullable().optional(),
  minThicknessMm: ZMillimetres.nullable().optional(),
  neededBy: ZDate.nullable().optional(),
  fetchRadiusKm: z.number().int().min(1).max(1000).default(50),
  /** The language it is written in; the author's language when not given. */
  lang: ZLocale.optional(),
};

export const ZRequestInput = z.strictObject({
  ...requestFields,
  neededBy: ZComingDate.nullable().optional(),
  hub: z.string().min(1).max(60),
});
export type TRequestInput = z.input<typeof ZRequestInput>;

export const ZRequestPatch = z
  .strictObject({
    ...requestFields,
    description: multilineText(0, 5000),
    fetchRadiusKm: z.number().int().min(1).max(1000),
    status: z.enum(['open', 'fulfilled']),
  })
  .partial()
  .refine(...somethingToChange);
export type TRequestPatch = z.input<typeof ZRequestPatch>;

export const ZRequest = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  quantity: z.number(),
  unit: ZUnit,
  minLengthMm: z.number().nullable(),
  minWidthMm: z.number().nullable(),
  minThicknessMm: z.number().nullable(),
  neededBy: z.string().nullable(),
  fetchRadiusKm: z.number().int(),
  status: z.enum(['open', 'fulfilled', 'withdrawn']),
  /** The language its title and description are written in. */
  lang: ZLocale,
  hub: ZHubSummary,
  author: ZPerson,
  distanceKm: z.number().nullable(),
  canEdit: z.boolean(),
  /** Set when a network coordinator hid it (shown only to those who still see it: author, managers, coordinators). */
  hiddenAt: ZTimestamp.nullable().optional(),
  hiddenReason: z.string().nullable().optional(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TRequest = z.infer<typeof ZRequest>;
