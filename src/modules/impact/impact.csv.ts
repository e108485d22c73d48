/** CSV (RFC 4180) for exports, and its parser for round-trip tests and re-imports. */
import type { Locale } from '../../shared/taxonomy';

export type Cell = string | number | boolean | null | undefined;

/**
 * How a spreadsheet in a language expects CSV: Dutch and French Excel and LibreOffice split on
 * semicolons and read a decimal comma; English on commas with a decimal point. The BOM tells
 * Excel the file is UTF-8 (without it, "é" and "−" come out garbled).
 */
export type CsvFormat = { separator: ',' | ';'; decimal: '.' | ','; bom: boolean };

export const CSV_RFC: CsvFormat = { separator: ',', decimal: '.', bom: false };

/** The CSV a spreadsheet in this language opens as columns, with a UTF-8 BOM. */
export function csvFormat(locale: Locale): CsvFormat {
  return locale === 'en'
    ? { separator: ',', decimal: '.', bom: true }
    : { separator: ';', decimal: ',', bom: true };
}

// A spreadsheet would run a text cell starting with these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: Cell, f: CsvFormat): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return String(v);
  // Numbers print as their shortest exact decimal (kg from grams: 9350 / 1000 is "9.35").
  if (typeof v === 'number') return f.decimal === '.' ? String(v) : String(v).replace('.', f.decimal);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  const special = f.separator === ';' ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line and one line per row, CRLF-separated; RFC 4180 unless a format is given. */
export function toCsv<T extends Record<string, Cell>>(
  columns: (keyof T & string)[],
  rows: T[],
  format: CsvFormat = CSV_RFC,
): string {
  const lines = [columns.map((c) => cell(c, format)).join(format.separator)];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c], format)).join(format.separator));
  return `${format.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** Parses CSV (a leading BOM skipped) into records of strings keyed by the header line. */
export function parseCsv(input: string, separator: ',' | ';' = ','): Record<string, string>[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}
