/**
 * The value lists of the API's contract, without zod: the web app imports them from here so that
 * a page needing a list of units or languages does not load zod and every schema with it.
 * common.schemas.ts builds its enums from these and re-exports them.
 */

export const LOCALES = ['nl', 'fr', 'en'] as const;

export const LISTING_KINDS = ['material', 'offcut', 'reclaimed', 'machine_time'] as const;

export const UNITS = ['pieces', 'sheets', 'kg', 'm', 'm2', 'm3', 'litres', 'hours'] as const;

export const CONDITIONS = ['new', 'as_new', 'good', 'used', 'for_parts'] as const;

export const PRICE_TYPES = ['free', 'swap', 'amount'] as const;

export const HUB_KINDS = [
  'fab_lab',
  'youth_maker_space',
  'art_design_workshop',
  'social_economy_workshop',
  'technology_campus',
  'makers_district',
  'city_maker_place',
  'other',
] as const;

export const ROLES = ['member', 'manager'] as const;

export const SORTS = ['newest', 'nearest', 'relevance'] as const;

/** The id of the JSON data block holding a page's first answers (src/http/page-data.ts, web/src/lib/preloaded.ts). */
export const PAGE_DATA_ID = 'omloop-page-data';

/** The id of the plain HTML a listing's or request's page paints before the app starts (src/http/page-data.ts). */
export const FIRST_PAINT_ID = 'omloop-first-paint';

/** Why a person reports a listing, request or message (the moderation contract's reasons). */
export const REPORT_REASONS = ['spam', 'offensive', 'misleading', 'unsafe', 'other'] as const;

/** How many hubs one search may leave out (`not_hub`). */
export const NOT_HUBS = 20;

/** Prices people search by: free, a swap, or an amount (`priced`). */
export const SEARCH_PRICES = ['free', 'swap', 'priced'] as const;
