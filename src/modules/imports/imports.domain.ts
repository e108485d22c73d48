/**
 * Bulk import rules, pure: CSV reading (comma, semicolon or tab, as spreadsheets paste them),
 * column mapping, row validation with the API's own ZListingInput, and the export format.
 */
import type { z } from 'zod';
import {
  IMPORT_FIELDS,
  NUMERIC_IMPORT_FIELDS,
  type TImportError,
  type TImportField,
  type TImportMapping,
} from '../../shared/imports.schemas';
import { ZListingInput, type TListingInput } from '../../shared/listings.schemas';
import type { Locale } from '../../shared/taxonomy';
import { issueMessage } from '../../shared/validation';

export { detectDelimiter, parseCsv } from '../../shared/csv';

/** Rows staged per batch: one json_each insert each, far below D1's statement and binding limits. */
export const IMPORT_CHUNK_ROWS = 250;
/** Errors listed in one answer; the rest are counted. */
export const MAX_LISTED_ERRORS = 500;
/** Valid rows shown in the preview table. */
export const PREVIEW_ROWS = 20;

// A spreadsheet runs a text cell starting with one of these as a formula; exports quote it with '.
const FORMULA_START = /^[=+\-@\t\r]/;

/** The mapping to use when none is given: every header that names a field (any case). */
export function defaultMapping(header: string[]): TImportMapping {
  const mapping: TImportMapping = {};
  for (const f of IMPORT_FIELDS) {
    const h = header.find((c) => c.trim().toLowerCase() === f.toLowerCase());
    if (h !== undefined) mapping[f] = h;
  }
  return mapping;
}

/** Mapped fields whose column is not in the header. */
export function unknownColumns(header: string[], mapping: TImportMapping): TImportField[] {
  const names = new Set(header.map((h) => h.trim()));
  return (Object.entries(mapping) as [TImportField, string][])
    .filter(([, col]) => !names.has(col.trim()))
    .map(([f]) => f);
}

function cellValue(field: TImportField, raw: string): unknown {
  let v = raw.trim();
  if (v === '') return undefined;
  // Undo the export's formula guard, so an exported file imports back unchanged.
  if (v.startsWith("'") && FORMULA_START.test(v.slice(1))) v = v.slice(1);
  if (!NUMERIC_IMPORT_FIELDS.includes(field)) return v;
  // Decimal commas as Belgian and Dutch spreadsheets write them.
  const n = /^-?\d+,\d+$/.test(v) ? Number(v.replace(',', '.')) : Number(v);
  return Number.isFinite(n) && /^-?[\d.,]+$/.test(v) ? n : v;
}

export type ValidRow = { rowNumber: number; input: z.output<typeof ZListingInput> };

export type ValidationResult = { valid: ValidRow[]; errors: TImportError[]; errorCount: number };

/**
 * Every data row through ZListingInput, as the API would take it for this hub. rowNumber counts
 * data rows from 1 (the header is not counted); each failing cell is named by its column.
 */
export function validateRows(o: {
  header: string[];
  rows: string[][];
  mapping: TImportMapping;
  hub: string;
  locale: Locale;
}): ValidationResult {
  const index = new Map<TImportField, number>();
  for (const [f, col] of Object.entries(o.mapping) as [TImportField, string][])
    index.set(
      f,
      o.header.findIndex((h) => h.trim() === col.trim()),
    );
  const valid: ValidRow[] = [];
  const errors: TImportError[] = [];
  let errorCount = 0;
  o.rows.forEach((cells, i) => {
    const rowNumber = i + 1;
    const input: Record<string, unknown> = { hub: o.hub };
    for (const [f, at] of index) {
      const v = cellValue(f, cells[at] ?? '');
      if (v !== undefined) input[f] = v;
    }
    const parsed = ZListingInput.safeParse(input);
    if (parsed.success) {
      valid.push({ rowNumber, input: parsed.data });
      return;
    }
    for (const issue of parsed.error.issues) {
      errorCount++;
      if (errors.length >= MAX_LISTED_ERRORS) continue;
      const field = String(issue.path[0] ?? '');
      errors.push({
        rowNumber,
        field,
        column: o.mapping[field as TImportField] ?? null,
        message: issueMessage(issue, input, o.locale),
      });
    }
  });
  return { valid, errors, errorCount };
}

/** A valid row as the preview table shows it (the fields of the file, in their order). */
export function previewRow(input: TListingInput): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of IMPORT_FIELDS) out[f] = (input[f] as string | number | null | undefined) ?? null;
  return out;
}

function csvCell(v: string | number | null | undefined, delimiter: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The export: a header of the field names, then one line per listing, CRLF-separated. */
export function toCsv(rows: Record<TImportField, string | number | null>[], delimiter = ','): string {
  const lines = [IMPORT_FIELDS.join(delimiter)];
  for (const r of rows) lines.push(IMPORT_FIELDS.map((f) => csvCell(r[f], delimiter)).join(delimiter));
  return `${lines.join('\r\n')}\r\n`;
}

/** Valid rows split in chunks for staging. */
export function chunks<T>(items: T[], size = IMPORT_CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
