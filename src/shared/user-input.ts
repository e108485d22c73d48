/**
 * What people type, made safe where it enters: text without control characters, web addresses
 * only as http(s), ids in one spelling only. The API's schemas and the web app's forms use these
 * same functions; the checks of links and of a `next` path, which need no schema, are in
 * links.ts (so a page that only shows a link does not load the schema library).
 */
import { z } from 'zod';
import type { RuleKey } from './validation';

// Characters nobody types on purpose: C0 controls (NUL …) but tab and line feed, DEL, C1
// controls, and the bidirectional embeddings, overrides and isolates that make text read
// backwards ("Trojan source"). Zero-width joiners stay: emoji need them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/** Text of several lines: line breaks become `\n`, other control characters are removed. */
export function cleanLines(value: string): string {
  return value.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
}

/** Text of one line (a name, a title): tabs and line breaks become spaces, other controls go. */
export function cleanLine(value: string): string {
  return value.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '');
}

/** A one-line text field (names, titles, cities), trimmed, without control characters. */
export function lineText(min: number, max: number) {
  return z.string().overwrite(cleanLine).trim().min(min).max(max);
}

/** A text field of several lines (descriptions, messages), trimmed, without control characters. */
export function multilineText(min: number, max: number) {
  return z.string().overwrite(cleanLines).trim().min(min).max(max);
}

/**
 * A web address a person gives (a hub's website, an outcome's link): `http://` or `https://`
 * and a domain name, never `javascript:`, `data:` or any other scheme.
 */
export function httpUrl(max: number) {
  return z
    .httpUrl('http_url' satisfies RuleKey)
    .max(max)
    .overwrite((v) => v.replace(CONTROLS, ''));
}

/**
 * An id in a path: a positive integer written in decimal without sign, leading zeros or
 * exponent, so `/listings/16` has no aliases (`0x10`, `016`, `+16`, `16.0`, `16e0`).
 */
export const ZPathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'path_id' satisfies RuleKey)
  .transform(Number)
  .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));
