/**
 * The moderation contract: reports of listings, requests and exchange messages, and their handling.
 */
import { z } from 'zod';
import { REPORT_REASONS } from './constants';
import { multilineText as text, ZPathId } from './user-input';

export const REPORT_ITEM_TYPES = ['listing', 'request', 'message'] as const;
export const ZReportItemType = z.enum(REPORT_ITEM_TYPES);
export type TReportItemType = z.infer<typeof ZReportItemType>;

export const ZReportReason = z.enum(REPORT_REASONS);
export type TReportReason = z.infer<typeof ZReportReason>;

/** What can be hidden: listings and requests (a message is only reported). */
export const HIDEABLE_TYPES = ['listing', 'request'] as const;
export const ZHideableType = z.enum(HIDEABLE_TYPES);
export type THideableType = z.infer<typeof ZHideableType>;

export const ZReportInput = z.strictObject({
  itemType: ZReportItemType,
  itemId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  reason: ZReportReason,
  text: text(3, 2000),
});
export type TReportInput = z.infer<typeof ZReportInput>;

export const ZReport = z.object({
  id: z.number().int(),
  itemType: ZReportItemType,
  itemId: z.number().int(),
  reason: ZReportReason,
  text: z.string(),
  status: z.enum(['open', 'resolved']),
  createdAt: z.string(),
});
export type TReport = z.infer<typeof ZReport>;

/** A report as the coordinators see it: with the item, its hub, the reporter and its state. */
export const ZReportView = ZReport.extend({
  hub: z.object({ slug: z.string(), name: z.string() }),
  reporter: z.object({ id: z.number().int(), displayName: z.string() }),
  itemTitle: z.string(),
  /** Web path of the item (a message leads to its exchange). */
  itemPath: z.string(),
  hidden: z.boolean(),
  canHide: z.boolean(),
});
export type TReportView = z.infer<typeof ZReportView>;

export const ZReportList = z.object({ items: z.array(ZReportView) });
export type TReportList = z.infer<typeof ZReportList>;

export const ZReportQuery = z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') });

export const ZModerationParam = z.object({
  itemType: ZHideableType,
  id: ZPathId,
});

export const ZHideInput = z.strictObject({ reason: text(3, 1000) });
export type THideInput = z.infer<typeof ZHideInput>;
export const ZRestoreInput = z.strictObject({ reason: text(0, 1000).default('') });
export type TRestoreInput = z.input<typeof ZRestoreInput>;

export const ZModerationState = z.object({
  itemType: ZHideableType,
  itemId: z.number().int(),
  hiddenAt: z.string().nullable(),
  hiddenBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  hiddenReason: z.string().nullable(),
});
export type TModerationState = z.infer<typeof ZModerationState>;
