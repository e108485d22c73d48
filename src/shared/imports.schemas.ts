/**
 * The imports contract: bulk import / export of a hub's listings as CSV.
 */
import { z } from 'zod';
import { ZPathId } from './user-input';

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
