/**
 * The search contract: the query of listings and requests, and the pages answered.
 */
import { z } from 'zod';
import { SORTS, ZCategorySlug, ZCondition, ZDate, ZListingKind, ZNear } from './common.schemas';
import { NOT_HUBS, SEARCH_PRICES } from './constants';
import { ZListing } from './listings.schemas';
import { ZRequest } from './requests.schemas';
import type { RuleKey } from './validation';

export { NOT_HUBS, SEARCH_PRICES };

const searchFields = {
  q: z.string().trim().max(200).optional(),
  category: ZCategorySlug.optional(),
  hub: z.string().max(60).optional(),
  /**
   * Leave out the rows of these hubs (slugs, comma-separated, up to NOT_HUBS): e.g. the requests
   * near my hub that another hub than mine could fill.
   */
  not_hub: z
    .string()
    .max(NOT_HUBS * 61)
    .transform((s) =>
      s
        .split(',')
        .map((slug) => slug.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(60)).min(1).max(NOT_HUBS))
    .optional(),
  near: ZNear.optional(),
  radius_km: z.coerce.number().positive().max(20_000).optional(),
  sort: z.enum(SORTS).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
};

function searchRules(
  v: { near?: unknown; radius_km?: number; sort?: string; q?: string; hub?: string; not_hub?: string[] },
  ctx: z.RefinementCtx,
) {
  if (v.hub !== undefined && v.not_hub !== undefined)
    ctx.addIssue({ code: 'custom', path: ['not_hub'], message: 'not_hub_with_hub' satisfies RuleKey });
  if (v.radius_km !== undefined && !v.near)
    ctx.addIssue({ code: 'custom', path: ['near'], message: 'radius_needs_near' satisfies RuleKey });
  if (v.sort === 'nearest' && !v.near)
    ctx.addIssue({ code: 'custom', path: ['near'], message: 'nearest_needs_near' satisfies RuleKey });
  if (v.sort === 'relevance' && !v.q)
    ctx.addIssue({ code: 'custom', path: ['q'], message: 'relevance_needs_q' satisfies RuleKey });
}

/** "My part fits": `LxW` or `LxWxT` in millimetres, e.g. `600x400x18`. */
const ZFits = z
  .string()
  .regex(/^\d{1,5}(\.\d{1,2})?x\d{1,5}(\.\d{1,2})?(x\d{1,4}(\.\d{1,2})?)?$/i, 'fits_format' satisfies RuleKey)
  .transform((s) => {
    const [lengthMm, widthMm, thicknessMm] = s.toLowerCase().split('x').map(Number) as [
      number,
      number,
      number?,
    ];
    return { lengthMm, widthMm, thicknessMm: thicknessMm ?? null };
  })
  .refine((f) => f.lengthMm > 0 && f.widthMm > 0 && f.thicknessMm !== 0, 'fits_format' satisfies RuleKey);

export const ZListingSearch = z
  .object({
    ...searchFields,
    kind: ZListingKind.optional(),
    condition: ZCondition.optional(),
    price: z.enum(SEARCH_PRICES).optional(),
    /** Still available on this date (YYYY-MM-DD): offered from it or before, not ended before it. */
    available_by: ZDate.optional(),
    fits: ZFits.optional(),
  })
  .superRefine(searchRules);
export type TListingSearch = z.output<typeof ZListingSearch>;

export const ZRequestSearch = z.object(searchFields).superRefine(searchRules);
export type TRequestSearch = z.output<typeof ZRequestSearch>;

/**
 * Present when a search by place stopped before its page was full, having sent as many statements
 * as one search may: it looked this far (whole km) from the point, and `nextCursor` looks farther.
 * The page may then hold fewer items than asked, even none.
 */
const ZSearchedKm = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe(
    'Present when a search by place stopped before the page was full: how far it looked (km). `nextCursor` goes on farther; the page may hold fewer items than `limit`, even none.',
  );

const ZWordsLeftOut = z
  .array(z.string())
  .optional()
  .describe(
    'Present when some words of `q` are in no row search finds (an active listing or open request, not hidden) and others are: those words, each as typed (a name of several words as one), left out of the search, whose items hold the other words. Absent when every word was searched.',
  );

const ZWordsApart = z
  .array(z.string())
  .optional()
  .describe(
    'Present when the words of `q` that some row search finds holds (all of them, or those left after `wordsLeftOut`) are never all in one row: the words that name a shape or packing (sheets, offcuts, tube, recycled …), each as typed, left out so the material is found ("polycarbonate sheets" searches polycarbonate). Absent when none was left out so.',
  );

/** `sort`: the order the page is in (relevance with words, nearest with a point, else newest). */
export const ZListingPage = z.object({
  items: z.array(ZListing),
  nextCursor: z.string().nullable(),
  sort: z.enum(SORTS).optional(),
  searchedKm: ZSearchedKm,
  wordsLeftOut: ZWordsLeftOut,
  wordsApart: ZWordsApart,
});
export type TListingPage = z.infer<typeof ZListingPage>;
export const ZRequestPage = z.object({
  items: z.array(ZRequest),
  nextCursor: z.string().nullable(),
  sort: z.enum(SORTS).optional(),
  searchedKm: ZSearchedKm,
  wordsLeftOut: ZWordsLeftOut,
  wordsApart: ZWordsApart,
});
export type TRequestPage = z.infer<typeof ZRequestPage>;
