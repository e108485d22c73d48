/**
 * The networks contract: networks of hubs, their coordinators and impact method.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import { ZHubSummary } from './hubs.schemas';
import { lineText as text, multilineText } from './user-input';
import type { RuleKey } from './validation';

const ZPermille = z
  .number()
  .min(0)
  .max(1)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, {
    message: 'at_most_3_decimals' satisfies RuleKey,
  });

// ---------- networks ----------

export const ZNetworkSlug = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug_format' satisfies RuleKey);

export const ZNetworkInput = z.strictObject({
  slug: ZNetworkSlug,
  name: text(2, 120),
  description: multilineText(0, 2000).default(''),
});
export type TNetworkInput = z.input<typeof ZNetworkInput>;

export const ZNetworkPatch = z
  .strictObject({ name: text(2, 120), description: multilineText(0, 2000) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing_to_change' satisfies RuleKey });
export type TNetworkPatch = z.infer<typeof ZNetworkPatch>;

export const NETWORK_HUB_STATUSES = ['invited', 'active'] as const;
export const ZNetworkHub = ZHubSummary.extend({ status: z.enum(NETWORK_HUB_STATUSES) });
export type TNetworkHub = z.infer<typeof ZNetworkHub>;

/** How a network counts: shown next to every figure it produces. */
export const ZMethod = z.object({
  /** Share of the avoided emissions credited to the exchange (Second Source: 0.7). */
  attribution: z.number(),
  /** Share that would have been reused anyway (Second Source: 0.2). */
  deadweight: z.number(),
  /** Subtract the transport between the two hubs. */
  transport: z.boolean(),
  /** Relative +/- range put around an estimated mass. */
  estimateRange: z.number(),
});
export type TMethod = z.infer<typeof ZMethod>;

export const DEFAULT_METHOD: TMethod = {
  attribution: 1,
  deadweight: 0,
  transport: true,
  estimateRange: 0.25,
};
export const SECOND_SOURCE_METHOD: TMethod = {
  attribution: 0.7,
  deadweight: 0.2,
  transport: true,
  estimateRange: 0.25,
};

export const ZMethodPatch = z
  .strictObject({
    attribution: ZPermille,
    deadweight: ZPermille,
    transport: z.boolean(),
    estimateRange: ZPermille,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing_to_change' satisfies RuleKey });
export type TMethodPatch = z.infer<typeof ZMethodPatch>;

export const ZNetworkSummary = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  hubCount: z.number().int(),
  isCoordinator: z.boolean(),
});
export type TNetworkSummary = z.infer<typeof ZNetworkSummary>;

export const ZNetwork = ZNetworkSummary.extend({
  hubs: z.array(ZNetworkHub),
  /** Only coordinators see who the coordinators are. */
  coordinators: z.array(ZPerson).nullable(),
  method: ZMethod,
  createdAt: z.string(),
});
export type TNetwork = z.infer<typeof ZNetwork>;

export const ZCoordinatorInput = z.strictObject({ email: z.email().max(254) });
export type TCoordinatorInput = z.input<typeof ZCoordinatorInput>;
