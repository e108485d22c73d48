/**
 * The API's contract: zod schemas (Z…) and their types (T…), shared by the Worker and the web app.
 * Inputs are strict objects: a field the API does not know (an id, an author, a state) is refused.
 */
import { z } from 'zod';
import { CONDITIONS, HUB_KINDS, LISTING_KINDS, LOCALES, PRICE_TYPES, ROLES, SORTS, UNITS } from './constants';
import { CATEGORY_SLUGS } from './taxonomy';
import { httpUrl, lineText, multilineText } from './user-input';
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

const ZDate = z.iso.date();
/** A date that is today or later (a deadline, the end of an offer): a past one is refused. */
const ZComingDate = ZDate.refine((d) => d >= earliestToday(), 'date_in_past' satisfies RuleKey);

/** An edit must change something; said only when the body is otherwise valid. */
const somethingToChange = [
  (v: object) => Object.keys(v).length > 0,
  {
    message: 'nothing_to_change' satisfies RuleKey,
    when: (p: { issues: unknown[] }) => p.issues.length === 0,
  },
] as const;
const ZTimestamp = z.string();
// Every text a person types loses its control characters (NUL, bidi overrides …) here.
const text = lineText;

/** A positive quantity with at most three decimals (stored as an integer of thousandths). */
export const ZQuantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, {
    message: 'at_most_3_decimals' satisfies RuleKey,
  });

const ZMillimetres = z.number().positive().max(100_000);

// ---------- accounts ----------

export const ZSignupInput = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(10).max(200),
  displayName: text(1, 80),
  locale: ZLocale.default('nl'),
});
export type TSignupInput = z.input<typeof ZSignupInput>;

export const ZLoginInput = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZUser = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
  createdAt: ZTimestamp,
});
export type TUser = z.infer<typeof ZUser>;

export const ZMePatch = z
  .strictObject({ displayName: text(1, 80), locale: ZLocale })
  .partial()
  .refine(...somethingToChange);
export type TMePatch = z.infer<typeof ZMePatch>;

// ---------- hubs ----------

/** Is this an IANA time zone this runtime knows (Europe/Brussels, Europe/Amsterdam, …)? */
export function isTimeZone(tz: string): boolean {
  if (tz !== 'UTC' && !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, checked with Intl. */
export const ZTimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'time_zone' satisfies RuleKey);

export const ZHubSummary = z.object({
  slug: z.string(),
  name: z.string(),
  city: z.string(),
  country: z.string(),
  kind: ZHubKind,
  lat: z.number(),
  lon: z.number(),
});
export type THubSummary = z.infer<typeof ZHubSummary>;

export const ZHub = ZHubSummary.extend({
  description: z.string(),
  website: z.string().nullable(),
  createdAt: ZTimestamp,
  memberCount: z.number().int(),
  activeListingCount: z.number().int(),
  openRequestCount: z.number().int(),
  /** When the hub first listed, asked or exchanged something; null before that. */
  activeSince: ZTimestamp.nullable().optional(),
  /** Exchanges completed with this hub on either side. */
  completedExchangeCount: z.number().int().optional(),
  /** The hub's IANA time zone: opening hours and bookings are in its local time. */
  timezone: z.string(),
  /** The viewer's role in this hub, or null. */
  myRole: ZRole.nullable(),
});
export type THub = z.infer<typeof ZHub>;

export const ZHubInput = z.strictObject({
  slug: z
    .string()
    .min(3)
    .max(60)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug_format' satisfies RuleKey),
  name: text(2, 120),
  city: text(1, 80),
  country: z.string().regex(/^[A-Z]{2}$/, 'country_format' satisfies RuleKey),
  kind: ZHubKind,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  description: multilineText(0, 4000).default(''),
  website: httpUrl(300).nullable().optional(),
  timezone: ZTimeZone.default('Europe/Brussels'),
});
export type THubInput = z.input<typeof ZHubInput>;

export const ZHubPatch = ZHubInput.omit({ slug: true })
  // Without the create default: an edit changes only what it sends.
  .extend({ description: multilineText(0, 4000), timezone: ZTimeZone })
  .partial()
  .refine(...somethingToChange);
export type THubPatch = z.input<typeof ZHubPatch>;

export const ZMember = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  email: z.string(),
  role: ZRole,
  joinedAt: ZTimestamp,
});
export type TMember = z.infer<typeof ZMember>;

export const ZMembership = z.object({ hub: ZHubSummary, role: ZRole });
export type TMembership = z.infer<typeof ZMembership>;

export const ZMe = z.object({ user: ZUser, memberships: z.array(ZMembership) });
export type TMe = z.infer<typeof ZMe>;

/** Who is signed in, if anyone: answered 200 either way, so a signed-out start logs no error. */
export const ZSessionState = z.object({ me: ZMe.nullable() });
export type TSessionState = z.infer<typeof ZSessionState>;

export const ZInviteInput = z.strictObject({ role: ZRole.default('member') });
export const ZInvite = z.object({
  token: z.string(),
  path: z.string(),
  role: ZRole,
  expiresAt: ZTimestamp,
});
export type TInvite = z.infer<typeof ZInvite>;
export const ZInvitePreview = z.object({
  hub: ZHubSummary,
  role: ZRole,
  expiresAt: ZTimestamp,
});
export type TInvitePreview = z.infer<typeof ZInvitePreview>;

/** Asking to join a hub: a short message for its managers. */
export const ZJoinRequestInput = z.strictObject({ message: multilineText(0, 500).default('') });
export type TJoinRequestInput = z.input<typeof ZJoinRequestInput>;

export const ZJoinRequest = z.object({
  id: z.number().int(),
  hub: ZHubSummary,
  person: z.object({ id: z.number().int(), displayName: z.string() }),
  message: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: ZTimestamp,
  decidedAt: ZTimestamp.nullable(),
});
export type TJoinRequest = z.infer<typeof ZJoinRequest>;

/** A hub's managers see its pending requests; anyone else sees only their own. */
export const ZJoinRequestList = z.object({ items: z.array(ZJoinRequest), canDecide: z.boolean() });
export type TJoinRequestList = z.infer<typeof ZJoinRequestList>;

// ---------- listings ----------

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

export const ZPhoto = z.object({
  id: z.number().int(),
  url: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
});
export type TPhoto = z.infer<typeof ZPhoto>;

export const ZPerson = z.object({ id: z.number().int(), displayName: z.string() });

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

// ---------- requests ----------

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

// ---------- search ----------

const ZNear = z
  .string()
  .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'near_format' satisfies RuleKey)
  .transform((s) => {
    const [lat, lon] = s.split(',').map(Number) as [number, number];
    return { lat, lon };
  })
  .refine((p) => Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180, 'near_range' satisfies RuleKey);

const searchFields = {
  q: z.string().trim().max(200).optional(),
  category: ZCategorySlug.optional(),
  hub: z.string().max(60).optional(),
  near: ZNear.optional(),
  radius_km: z.coerce.number().positive().max(20_000).optional(),
  sort: z.enum(SORTS).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
};

function searchRules(
  v: { near?: unknown; radius_km?: number; sort?: string; q?: string },
  ctx: z.RefinementCtx,
) {
  if (v.radius_km !== undefined && !v.near)
    ctx.addIssue({ code: 'custom', path: ['near'], message: 'radius_needs_near' satisfies RuleKey });
  if (v.sort === 'nearest' && !v.near)
    ctx.addIssue({ code: 'custom', path: ['near'], message: 'nearest_needs_near' satisfies RuleKey });
  if (v.sort === 'relevance' && !v.q)
    ctx.addIssue({ code: 'custom', path: ['q'], message: 'relevance_needs_q' satisfies RuleKey });
}

/** Prices people search by: free, a swap, or an amount (`priced`). */
export const SEARCH_PRICES = ['free', 'swap', 'priced'] as const;

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

/** `sort`: the order the page is in (relevance with words, nearest with a point, else newest). */
export const ZListingPage = z.object({
  items: z.array(ZListing),
  nextCursor: z.string().nullable(),
  sort: z.enum(SORTS).optional(),
});
export type TListingPage = z.infer<typeof ZListingPage>;
export const ZRequestPage = z.object({
  items: z.array(ZRequest),
  nextCursor: z.string().nullable(),
  sort: z.enum(SORTS).optional(),
});
export type TRequestPage = z.infer<typeof ZRequestPage>;

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
