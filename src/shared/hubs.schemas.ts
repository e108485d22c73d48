/**
 * The hubs contract: hubs, their members, invites and join requests.
 */
import { z } from 'zod';
import { somethingToChange, ZHubKind, ZNear, ZRole, ZTimestamp } from './common.schemas';
import { httpUrl, lineText as text, multilineText } from './user-input';
import type { RuleKey } from './validation';

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

/**
 * Words of a hub's name or city as a person types them ("fab gen" finds FabLab Gent, and Gand
 * and Ghent find it too): each word the start of a word of the hub's name or place.
 */
const ZHubWords = z.string().trim().max(100).optional();

/** A page of the hubs directory: by name (whatever its case), then id; `cursor` is the last hub's id. */
export const ZHubListQuery = z.object({
  q: ZHubWords,
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * Which hubs' summaries: every hub unless told; the hubs whose name or city hold the words (`q`),
 * the hubs at a point (`at`, as a search's `near`), or one hub (`slug`); at most `limit`.
 */
export const ZHubSummaryQuery = z.object({
  q: ZHubWords,
  at: ZNear.optional(),
  slug: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type THubSummaryQuery = z.infer<typeof ZHubSummaryQuery>;

/**
 * A map's view as `SOUTH,WEST,NORTH,EAST` in degrees (`bbox=50.6,2.5,51.5,5.9`); a west above the
 * east crosses the antimeridian.
 */
export const ZMapBox = z
  .string()
  .regex(/^(-?\d{1,3}(\.\d+)?,){3}-?\d{1,3}(\.\d+)?$/, 'bbox_format' satisfies RuleKey)
  .transform((s) => {
    const [south, west, north, east] = s.split(',').map(Number) as [number, number, number, number];
    return { south, west, north, east };
  })
  .refine(
    (b) =>
      Math.abs(b.south) <= 90 &&
      Math.abs(b.north) <= 90 &&
      Math.abs(b.west) <= 180 &&
      Math.abs(b.east) <= 180 &&
      b.south <= b.north,
    'bbox_range' satisfies RuleKey,
  );

/**
 * A map of every hub, one view at a time: the hubs in the view `bbox` (every hub's extent when
 * not given), drawn in about `columns` cells across its wider side (a narrow phone fewer).
 */
export const ZHubMapQuery = z.object({
  bbox: ZMapBox.optional(),
  columns: z.coerce.number().int().min(2).max(24).default(10),
});

const ZBox = z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() });

/** Hubs near one another in a view holding too many to draw one by one: how many, where, and the cell. */
export const ZHubCluster = ZBox.extend({
  /** How many hubs the cell holds. */
  hubs: z.number().int(),
  /** The centre of the cell's hubs. */
  lat: z.number(),
  lon: z.number(),
});
export type THubCluster = z.infer<typeof ZHubCluster>;

export const ZHubMap = z.object({
  /** The hubs drawn one by one, by name. */
  hubs: z.array(ZHubSummary),
  /** Cells drawn as a count (a view holding more than a few hundred hubs). */
  clusters: z.array(ZHubCluster),
  /** Without `bbox`: how many hubs there are, and the box round their places (null without hubs). */
  network: z.object({ hubs: z.number().int(), extent: ZBox.nullable() }).nullable(),
});
export type THubMap = z.infer<typeof ZHubMap>;

export const ZHubPage = z.object({ items: z.array(ZHub), nextCursor: z.string().nullable() });
export type THubPage = z.infer<typeof ZHubPage>;

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
