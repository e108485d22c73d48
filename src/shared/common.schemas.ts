/**
 * The contract's shared primitives: locales, kinds, units, quantities, dates, the error envelope.
 * Every module's schemas build on these; a module's own schemas live in <module>.schemas.ts.
 */
import { z } from 'zod';
import { CONDITIONS, HUB_KINDS, LISTING_KINDS, LOCALES, PRICE_TYPES, ROLES, SORTS, UNITS } from './constants';
import { CATEGORY_SLUGS } from './taxonomy';
import { earliestToday, type RuleKey } from './validation';

export { CONDITIONS, HUB_KINDS, LISTING_KINDS, LOCALES, PRICE_TYPES, ROLES, SORTS, UNITS };

export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZListingKind = z.enum(LISTING_KINDS);
export type TListingKind = z.infer<typeof ZListingKind>;

export const ZUnit = z.enum(UNITS);
export type TUnit = z.infer<typeof ZUnit>;

export const ZCondition = z.enum(CONDITIONS);
export type TCondition = z.infer<typeof ZCondition>;

export const ZPriceType = z.enum(PRICE_TYPES);

export const ZHubKind = z.enum(HUB_KINDS);
export type THubKind = z.infer<typeof ZHubKind>;

export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZCategorySlug = z.enum(CATEGORY_SLUGS);

export const ZDate = z.iso.date();
/** A date that is today or later (a deadline, the end of an offer): a past one is refused. */
export const ZComingDate = ZDate.refine((d) => d >= earliestToday(), 'date_in_past' satisfies RuleKey);

/** An edit must change something; said only when the body is otherwise valid. */
export const somethingToChange = [
  (v: object) => Object.keys(v).length > 0,
  {
    message: 'nothing_to_change' satisfies RuleKey,
    when: (p: { issues: unknown[] }) => p.issues.length === 0,
  },
] as const;
export const ZTimestamp = z.string();

/** A positive quantity with at most three decimals (stored as an integer of thousandths). */
export const ZQuantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, {
    message: 'at_most_3_decimals' satisfies RuleKey,
  });

export const ZMillimetres = z.number().positive().max(100_000);

// ---------- errors ----------

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z
      .object({
        fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** A point as `LAT,LON` (`near=51.05,3.72`), as the search and the hub pickers take it. */
export const ZNear = z
  .string()
  .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'near_format' satisfies RuleKey)
  .transform((s) => {
    const [lat, lon] = s.split(',').map(Number) as [number, number];
    return { lat, lon };
  })
  .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180, 'near_range' satisfies RuleKey);
