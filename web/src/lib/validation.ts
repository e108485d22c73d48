/**
 * Client-side validation with the API's own zod schemas, messages in the UI language.
 * zod's built-in messages come from its locales (a per-parse error map); the schemas' own
 * rules carry a key of RULE_MESSAGES (src/shared/validation.ts), worded here.
 */
import type { z } from 'zod';
import { en, fr, nl } from 'zod/locales';
import type { TLocale } from '$shared/schemas';
import { RULE_MESSAGES, type RuleKey } from '$shared/validation';
import type { FieldErrors } from './api';
import { messagesOf } from './i18n';

const ZOD_LOCALES = { nl, fr, en };

export type Validation<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v = data;
  for (const key of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** A rule key from src/shared (e.g. "price_required") in the UI language; other text as is. */
export function ruleMessage(message: string, locale: TLocale): string {
  return message in RULE_MESSAGES ? RULE_MESSAGES[message as RuleKey][locale] : message;
}

/** Parse `data` with `schema`; on failure, the first message per field path ("" for the whole object). */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  locale: TLocale,
): Validation<z.output<S>> {
  const result = schema.safeParse(data, { error: ZOD_LOCALES[locale]().localeError });
  if (result.success) return { ok: true, data: result.data };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (path in fields) continue;
    const value = path ? valueAt(data, issue.path) : data;
    // An empty field reads better as "required" than as zod's "expected string, received undefined".
    fields[path] =
      path && (value === undefined || value === '') && issue.code !== 'custom'
        ? messagesOf(locale).common.required
        : ruleMessage(issue.message, locale);
  }
  return { ok: false, fields };
}

/** Form text to a number: '' is null (not given); "1,5" is 1.5; anything else non-numeric is NaN. */
export function toNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return t === '' ? null : Number(t);
}
