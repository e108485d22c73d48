/**
 * The inventory contract: reports and moderation of listings, requests and exchange messages,
 * and bulk import / export of a hub's listings as CSV. Shared by the Worker and the web app.
 */
import { z } from 'zod';
import { multilineText as text, ZPathId } from './user-input';

// ---------- moderation ----------

export const REPORT_ITEM_TYPES = ['listing', 'request', 'message'] as const;
export const ZReportItemType = z.enum(REPORT_ITEM_TYPES);
export type TReportItemType = z.infer<typeof ZReportItemType>;

export const REPORT_REASONS = ['spam', 'offensive', 'misleading', 'unsafe', 'other'] as const;
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

// ---------- import / export ----------

/** The listing fields a CSV column can fill, in the order of the exported file. */
export const IMPORT_FIELDS = [
  'kind',
  'title',
  'description',
  'category',
  'quantity',
  'unit',
  'lengthMm',
  'widthMm',
  'thicknessMm',
  'condition',
  'priceType',
  'priceCents',
  'availableFrom',
  'availableUntil',
] as const;
export type TImportField = (typeof IMPORT_FIELDS)[number];
/** Fields that are numbers in the API (a CSV cell is text). */
export const NUMERIC_IMPORT_FIELDS: readonly TImportField[] = [
  'quantity',
  'lengthMm',
  'widthMm',
  'thicknessMm',
  'priceCents',
];

export const MAX_IMPORT_CSV_CHARS = 2_000_000;
export const MAX_IMPORT_ROWS = 5000;

/** Listing field -> the CSV header it is read from (a field left out is left empty). */
export const ZImportMapping = z
  .partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().min(1).max(200))
  .refine((m) => Object.keys(m).length > 0);
export type TImportMapping = z.infer<typeof ZImportMapping>;

export const ZImportInput = z.strictObject({
  csv: z.string().min(1).max(MAX_IMPORT_CSV_CHARS),
  /** Leave out to map every column whose header is a field name (as in an exported file). */
  mapping: ZImportMapping.optional(),
  dryRun: z.boolean(),
});
export type TImportInput = z.input<typeof ZImportInput>;

/** One cell (or, when column is null, the whole row) that failed. rowNumber counts data rows from 1. */
export const ZImportError = z.object({
  rowNumber: z.number().int(),
  field: z.string(),
  column: z.string().nullable(),
  message: z.string(),
});
export type TImportError = z.infer<typeof ZImportError>;

export const ZImportStatus = z.enum(['dry_run', 'staging', 'completed', 'failed']);

export const ZImport = z.object({
  /** Null for a dry run: nothing was stored. */
  id: z.number().int().nullable(),
  status: ZImportStatus,
  rowsTotal: z.number().int(),
  rowsValid: z.number().int(),
  rowsDone: z.number().int(),
  errors: z.array(ZImportError),
  /** More errors than shown (at most 500 are listed). */
  errorsTruncated: z.boolean(),
  mapping: z.record(z.string(), z.string()),
  /** The first valid rows as they would be created, for the preview table. */
  preview: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  createdAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TImport = z.infer<typeof ZImport>;

export const ZImportSummary = z.object({
  id: z.number().int(),
  status: ZImportStatus,
  rowsTotal: z.number().int(),
  rowsValid: z.number().int(),
  rowsDone: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZImportList = z.object({
  /** The mapping this hub used last, or null. */
  mapping: z.record(z.string(), z.string()).nullable(),
  items: z.array(ZImportSummary),
});
export type TImportList = z.infer<typeof ZImportList>;

export const ZImportParam = z.object({
  slug: z.string().min(1).max(60),
  id: ZPathId,
});
